// SPDX-License-Identifier: GPL-3.0-or-later
#include "xlsxfile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace gengbao::report {

WorkbookFile::WorkbookFile(std::string path)
    : mPath(std::move(path))
    , mPartial(mPath + ".part")
{
    // libxlsxwriter only finds out at the end, and says so on stderr in its own words: try the
    // place first, so a bad folder is our one-line message.
    std::FILE *probe = std::fopen(mPartial.c_str(), "wb");
    if (!probe) {
        mProblemErrno = errno;
        return;
    }
    std::fclose(probe);
    mWorkbook = workbook_new(mPartial.c_str());
}

WorkbookFile::~WorkbookFile()
{
    if (mWorkbook) {
        workbook_close(mWorkbook);
        std::remove(mPartial.c_str());
    }
}

core::Status WorkbookFile::finish()
{
    if (!mWorkbook)
        return core::writeError(mPath, mProblemErrno);
    errno = 0;
    const lxw_error closed = workbook_close(mWorkbook);
    const int closeErrno = errno;
    mWorkbook = nullptr;
    if (closed != LXW_NO_ERROR) {
        std::remove(mPartial.c_str());
        return core::writeError(mPath, closeErrno);
    }
    std::error_code ec;
    std::filesystem::rename(mPartial, mPath, ec);
    if (ec) {
        std::remove(mPartial.c_str());
        return core::makeError(core::ErrorCode::Io, mPath, "cannot be written: " + ec.message());
    }
    return core::Status::success();
}

lxw_format *WorkbookFile::titleFormat()
{
    lxw_format *format = workbook_add_format(mWorkbook);
    format_set_bold(format);
    format_set_font_size(format, 16);
    format_set_font_name(format, "方正小标宋简体");
    format_set_align(format, LXW_ALIGN_CENTER);
    format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
    return format;
}

lxw_format *WorkbookFile::cellFormat(bool bold, bool twoDecimals)
{
    lxw_format *format = workbook_add_format(mWorkbook);
    format_set_font_name(format, "仿宋_GB2312");
    format_set_font_size(format, 12);
    format_set_border(format, LXW_BORDER_THIN);
    format_set_align(format, LXW_ALIGN_CENTER);
    format_set_align(format, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(format);
    if (twoDecimals)
        format_set_num_format(format, "0.00");
    if (bold)
        format_set_bold(format);
    return format;
}

}  // namespace gengbao::report
