// SPDX-License-Identifier: GPL-3.0-or-later
#include "village.h"

#include "../base/strings.h"

namespace gengbao::core {

std::optional<std::string> villageCodeFromZldwdm(std::string_view zldwdm)
{
    const std::string_view code = trimmed(zldwdm);
    if (!isAllDigits(code))
        return std::nullopt;
    if (code.size() != 12 && code.size() != 16 && code.size() != 19)
        return std::nullopt;
    return std::string(code.substr(0, 12));
}

bool isVillageLevelCode(std::string_view zldwdm)
{
    const std::string_view code = trimmed(zldwdm);
    if (!villageCodeFromZldwdm(code))
        return false;
    return code.substr(12).find_first_not_of('0') == std::string_view::npos;
}

}  // namespace gengbao::core
