// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/base/result.h>

#include <xlsxwriter.h>

#include <string>

namespace gengbao::report {

// A workbook for officers' spreadsheets (libxlsxwriter), written beside its target and renamed
// when complete, so that a failure never leaves half a file; abandoned unless finished.
class WorkbookFile
{
public:
    explicit WorkbookFile(std::string path);
    ~WorkbookFile();
    WorkbookFile(const WorkbookFile &) = delete;
    WorkbookFile &operator=(const WorkbookFile &) = delete;

    lxw_workbook *workbook() const { return mWorkbook; }  // null: the file cannot be created
    core::Status finish();  // closes, renames, or removes what it wrote

    // The formats of an official table: a title in 小标宋, and bordered, centred 仿宋 cells,
    // bold or not, numbers with two decimals or text.
    lxw_format *titleFormat();
    lxw_format *cellFormat(bool bold, bool twoDecimals);

private:
    std::string mPath;
    std::string mPartial;
    lxw_workbook *mWorkbook = nullptr;
    int mProblemErrno = 0;  // why the file could not be created (errno)
};

}  // namespace gengbao::report
