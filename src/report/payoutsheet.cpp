// SPDX-License-Identifier: GPL-3.0-or-later
#include "payoutsheet.h"

#include <core/domain/money.h>
#include <core/ops/plans.h>

namespace gengbao::report {

namespace {

// Areas and money as payment documents write them: two decimals.
QString fixed(std::int64_t hundredths)
{
    return QString::fromStdString(core::formatYuan(hundredths));
}

}  // namespace

OfficialDocument payoutDocument(const core::PayoutStatement &statement)
{
    OfficialDocument document;
    document.title = QStringLiteral("%1%2年耕地恢复补足奖补资金明细表")
                         .arg(QString::fromStdString(statement.town))
                         .arg(statement.year);

    DocumentTable villages;
    villages.caption = QStringLiteral("一、村居奖补汇总");
    villages.unit = QStringLiteral("单位：亩、元");
    villages.columns = {QStringLiteral("序号"),   QStringLiteral("村居"),
                        QStringLiteral("任务数"), QStringLiteral("验收面积"),
                        QStringLiteral("补助"),   QStringLiteral("奖励"),
                        QStringLiteral("合计")};
    villages.widthsMm = {12.0, 30.0, 22.0, 24.0, 24.0, 20.0, 24.0};
    villages.pointSize = 12.0;
    std::int64_t task = 0, approved = 0, subsidy = 0, reward = 0, total = 0;
    int number = 1;
    for (const core::VillagePayout &village : statement.villages) {
        villages.rows.append({QString::number(number++), QString::fromStdString(village.name),
                              fixed(village.task), fixed(village.approved), fixed(village.subsidy),
                              fixed(village.reward), fixed(village.total)});
        task += village.task;
        approved += village.approved;
        subsidy += village.subsidy;
        reward += village.reward;
        total += village.total;
    }
    villages.total = {QStringLiteral("合计"), QString(),     fixed(task), fixed(approved),
                      fixed(subsidy),         fixed(reward), fixed(total)};
    document.tables.append(villages);

    DocumentTable parcels;
    parcels.caption = QStringLiteral("二、图斑补助明细");
    parcels.unit = QStringLiteral("单位：亩、元/亩、元");
    parcels.columns = {QStringLiteral("序号"), QStringLiteral("图斑编号"),
                       QStringLiteral("村居"), QStringLiteral("净面积"),
                       QStringLiteral("标准"), QStringLiteral("金额")};
    parcels.widthsMm = {12.0, 48.0, 28.0, 22.0, 18.0, 28.0};
    parcels.pointSize = 12.0;
    std::int64_t area = 0, amount = 0;
    number = 1;
    for (const core::ParcelPayout &parcel : statement.parcels) {
        parcels.rows.append({QString::number(number++), QString::fromStdString(parcel.id),
                             QString::fromStdString(parcel.village), fixed(parcel.area),
                             fixed(parcel.rate), fixed(parcel.amount)});
        area += parcel.area;
        amount += parcel.amount;
    }
    parcels.total = {QStringLiteral("合计"), QString(), QString(), fixed(area), QString(),
                     fixed(amount)};
    document.tables.append(parcels);

    const core::ProgramRules &rules = statement.rules;
    const auto rate = [](std::int64_t fenPerMu) {
        return QString::fromStdString(core::formatMu(fenPerMu));  // 600, 20, 0.5
    };
    document.closing = {
        QStringLiteral("补助标准：按%1面积%2元/亩补助；")
            .arg(rules.subsidyBasis == "gross" ? QStringLiteral("毛") : QStringLiteral("净"))
            .arg(rate(rules.subsidyFenPerMu)),
        QStringLiteral("完成任务的村居按%1奖励%2元/亩，超额部分%3元/亩。")
            .arg(rules.completionRewardBasis == "completed" ? QStringLiteral("完成面积")
                                                            : QStringLiteral("任务数"))
            .arg(rate(rules.completionRewardFenPerMu))
            .arg(rate(rules.excessRewardFenPerMu)),
        QStringLiteral("合计金额：%1元").arg(fixed(statement.total)),
        QStringLiteral("大写：%1").arg(QString::fromStdString(statement.totalInWords))};
    return document;
}

}  // namespace gengbao::report
