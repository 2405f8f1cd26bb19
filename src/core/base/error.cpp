// SPDX-License-Identifier: GPL-3.0-or-later
#include "error.h"

#include <cerrno>
#include <cstring>

namespace gengbao::core {

std::string Error::message() const
{
    std::string text;
    if (!file.empty())
        text = file + ": ";
    if (fid >= 0)
        text += "feature " + std::to_string(fid) + ": ";
    text += detail;
    return text;
}

Error makeError(ErrorCode code, std::string file, std::string detail, std::int64_t fid)
{
    return Error{code, std::move(file), std::move(detail), fid};
}

Error writeError(std::string file, int errnoValue)
{
    switch (errnoValue) {
    case ENOSPC:
    case EDQUOT:
        return makeError(ErrorCode::DiskFull, std::move(file),
                         "cannot be written: the disk is full; nothing was written");
    case EROFS:
    case EACCES:
    case EPERM:
        return makeError(ErrorCode::ReadOnly, std::move(file),
                         "cannot be written: the disk or the folder is read-only; choose another "
                         "folder");
    default:
        return makeError(ErrorCode::Io, std::move(file),
                         errnoValue ? "cannot be written: " + std::string(std::strerror(errnoValue))
                                    : std::string("cannot be written"));
    }
}

}  // namespace gengbao::core
