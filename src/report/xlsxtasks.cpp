// SPDX-License-Identifier: GPL-3.0-or-later
#include "xlsxtasks.h"

#include "xlsxfile.h"

namespace gengbao::report {

namespace {

constexpr int kColumns = 6;

double mu(std::int64_t centiMu)
{
    return double(centiMu) / 100.0;
}

}  // namespace

core::Status writeTaskTableXlsx(const core::TaskTable &table, const std::string &path)
{
    WorkbookFile file(path);
    lxw_workbook *workbook = file.workbook();
    if (!workbook)
        return file.finish();
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "任务分解表");

    lxw_format *title = file.titleFormat();
    lxw_format *unit = workbook_add_format(workbook);
    format_set_font_name(unit, "仿宋_GB2312");
    format_set_align(unit, LXW_ALIGN_RIGHT);
    lxw_format *header = file.cellFormat(true, false);
    lxw_format *cell = file.cellFormat(false, false);

    worksheet_set_column(sheet, 0, 0, 8, nullptr);
    worksheet_set_column(sheet, 1, 1, 18, nullptr);
    worksheet_set_column(sheet, 2, 3, 16, nullptr);
    worksheet_set_column(sheet, 4, 4, 20, nullptr);
    worksheet_set_column(sheet, 5, 5, 16, nullptr);
    worksheet_set_row(sheet, 0, 30, nullptr);
    worksheet_merge_range(sheet, 0, 0, 0, kColumns - 1, table.program.annexTitle.c_str(), title);
    worksheet_merge_range(sheet, 1, 0, 1, kColumns - 1, "单位：亩", unit);
    const char *headers[kColumns] = {"序号", "村居", "潜力图斑面积", "任务数", "备注", "村居代码"};
    for (int column = 0; column < kColumns; ++column)
        worksheet_write_string(sheet, 2, lxw_col_t(column), headers[column], header);

    lxw_row_t row = 3;
    std::int64_t potential = 0, task = 0;
    for (std::size_t i = 0; i < table.villages.size(); ++i, ++row) {
        const core::VillageTask &village = table.villages[i];
        worksheet_write_number(sheet, row, 0, double(i + 1), cell);
        worksheet_write_string(sheet, row, 1, village.name.c_str(), cell);
        worksheet_write_number(sheet, row, 2, mu(village.potential), cell);
        worksheet_write_number(sheet, row, 3, mu(village.task), cell);
        worksheet_write_string(sheet, row, 4, village.remarks.c_str(), cell);
        worksheet_write_string(sheet, row, 5, village.code.c_str(), cell);
        potential += village.potential;  // the sum of the written rows
        task += village.task;
    }
    worksheet_write_string(sheet, row, 0, "合计", header);
    worksheet_write_blank(sheet, row, 1, header);
    worksheet_write_number(sheet, row, 2, mu(potential), header);
    worksheet_write_number(sheet, row, 3, mu(task), header);
    worksheet_write_blank(sheet, row, 4, header);
    worksheet_write_blank(sheet, row, 5, header);

    worksheet_set_paper(sheet, 9);  // A4
    worksheet_set_portrait(sheet);
    worksheet_fit_to_pages(sheet, 1, 0);
    worksheet_repeat_rows(sheet, 2, 2);

    return file.finish();
}

}  // namespace gengbao::report
