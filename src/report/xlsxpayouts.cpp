// SPDX-License-Identifier: GPL-3.0-or-later
#include "xlsxpayouts.h"

#include "xlsxfile.h"

#include <core/domain/money.h>

namespace gengbao::report {

namespace {

double value(std::int64_t hundredths)
{
    return double(hundredths) / 100.0;
}

struct Formats
{
    lxw_format *title, *header, *text, *number, *totalText, *totalNumber;
};

Formats makeFormats(WorkbookFile &file)
{
    return {
        file.titleFormat(),           file.cellFormat(true, false), file.cellFormat(false, false),
        file.cellFormat(false, true), file.cellFormat(true, false), file.cellFormat(true, true)};
}

}  // namespace

core::Status writePayoutsXlsx(const core::PayoutStatement &statement, const std::string &path)
{
    WorkbookFile file(path);
    lxw_workbook *workbook = file.workbook();
    if (!workbook)
        return file.finish();
    const Formats f = makeFormats(file);
    const std::string title =
        statement.town + std::to_string(statement.year) + "年耕地恢复补足奖补资金明细表";

    lxw_worksheet *villages = workbook_add_worksheet(workbook, "村居奖补");
    worksheet_set_column(villages, 0, 0, 6, nullptr);
    worksheet_set_column(villages, 1, 1, 16, nullptr);
    worksheet_set_column(villages, 2, 7, 13, nullptr);
    worksheet_merge_range(villages, 0, 0, 0, 7, title.c_str(), f.title);
    const char *villageHeaders[] = {"序号",           "村居",       "村居代码",   "任务数（亩）",
                                    "验收面积（亩）", "补助（元）", "奖励（元）", "合计（元）"};
    for (int column = 0; column < 8; ++column)
        worksheet_write_string(villages, 1, lxw_col_t(column), villageHeaders[column], f.header);
    lxw_row_t row = 2;
    std::int64_t sums[5] = {0, 0, 0, 0, 0};
    for (std::size_t i = 0; i < statement.villages.size(); ++i, ++row) {
        const core::VillagePayout &village = statement.villages[i];
        worksheet_write_number(villages, row, 0, double(i + 1), f.text);
        worksheet_write_string(villages, row, 1, village.name.c_str(), f.text);
        worksheet_write_string(villages, row, 2, village.code.c_str(), f.text);
        const std::int64_t values[5] = {village.task, village.approved, village.subsidy,
                                        village.reward, village.total};
        for (int k = 0; k < 5; ++k) {
            worksheet_write_number(villages, row, lxw_col_t(3 + k), value(values[k]), f.number);
            sums[k] += values[k];
        }
    }
    worksheet_write_string(villages, row, 0, "合计", f.totalText);
    worksheet_write_blank(villages, row, 1, f.totalText);
    worksheet_write_blank(villages, row, 2, f.totalText);
    for (int k = 0; k < 5; ++k)
        worksheet_write_number(villages, row, lxw_col_t(3 + k), value(sums[k]), f.totalNumber);
    const std::string words = "大写：" + statement.totalInWords;
    worksheet_merge_range(villages, row + 1, 0, row + 1, 7, words.c_str(), f.text);

    lxw_worksheet *parcels = workbook_add_worksheet(workbook, "图斑补助");
    worksheet_set_column(parcels, 0, 0, 6, nullptr);
    worksheet_set_column(parcels, 1, 1, 22, nullptr);
    worksheet_set_column(parcels, 2, 2, 16, nullptr);
    worksheet_set_column(parcels, 3, 5, 14, nullptr);
    worksheet_merge_range(parcels, 0, 0, 0, 5, title.c_str(), f.title);
    const char *parcelHeaders[] = {"序号",         "图斑编号",      "村居",
                                   "净面积（亩）", "标准（元/亩）", "金额（元）"};
    for (int column = 0; column < 6; ++column)
        worksheet_write_string(parcels, 1, lxw_col_t(column), parcelHeaders[column], f.header);
    row = 2;
    std::int64_t area = 0, amount = 0;
    for (std::size_t i = 0; i < statement.parcels.size(); ++i, ++row) {
        const core::ParcelPayout &parcel = statement.parcels[i];
        worksheet_write_number(parcels, row, 0, double(i + 1), f.text);
        worksheet_write_string(parcels, row, 1, parcel.id.c_str(), f.text);
        worksheet_write_string(parcels, row, 2, parcel.village.c_str(), f.text);
        worksheet_write_number(parcels, row, 3, value(parcel.area), f.number);
        worksheet_write_number(parcels, row, 4, value(parcel.rate), f.number);
        worksheet_write_number(parcels, row, 5, value(parcel.amount), f.number);
        area += parcel.area;
        amount += parcel.amount;
    }
    worksheet_write_string(parcels, row, 0, "合计", f.totalText);
    worksheet_write_blank(parcels, row, 1, f.totalText);
    worksheet_write_blank(parcels, row, 2, f.totalText);
    worksheet_write_number(parcels, row, 3, value(area), f.totalNumber);
    worksheet_write_blank(parcels, row, 4, f.totalText);
    worksheet_write_number(parcels, row, 5, value(amount), f.totalNumber);
    for (lxw_worksheet *sheet : {villages, parcels}) {
        worksheet_set_paper(sheet, 9);  // A4
        worksheet_fit_to_pages(sheet, 1, 0);
        worksheet_repeat_rows(sheet, 1, 1);
    }

    return file.finish();
}

}  // namespace gengbao::report
