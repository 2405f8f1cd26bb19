// SPDX-License-Identifier: GPL-3.0-or-later
#include "error.h"

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

}  // namespace gengbao::core
