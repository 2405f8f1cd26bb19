// SPDX-License-Identifier: GPL-3.0-or-later
#include "annex.h"

namespace gengbao::report {

OfficialDocument annexFromTable(const core::TaskTable &table)
{
    const auto mu = [](std::int64_t centiMu) {
        return QString::fromStdString(core::formatMu(centiMu));
    };
    OfficialDocument annex;
    annex.heading = QStringLiteral("附件");
    annex.title = QString::fromStdString(table.program.annexTitle);
    DocumentTable tasks;
    tasks.unit = QStringLiteral("单位：亩");
    tasks.columns = {QStringLiteral("序号"), QStringLiteral("村居"), QStringLiteral("潜力图斑面积"),
                     QStringLiteral("任务数"), QStringLiteral("备注")};
    tasks.widthsMm = {18.0, 40.0, 36.0, 30.0, 32.0};
    int number = 1;
    std::int64_t potential = 0, task = 0;
    for (const core::VillageTask &village : table.villages) {
        tasks.rows.append({QString::number(number++), QString::fromStdString(village.name),
                           mu(village.potential), mu(village.task),
                           QString::fromStdString(village.remarks)});
        potential += village.potential;  // the sum of the printed rows
        task += village.task;
    }
    tasks.total = {QStringLiteral("合计"), QString(), mu(potential), mu(task), QString()};
    annex.tables.append(tasks);
    return annex;
}

}  // namespace gengbao::report
