// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gengbao::core {

// The village key: the first 12 digits of a 12-, 16- or 19-digit ZLDWDM (县6 + 乡镇3 + 村3, then
// the sub-village part; domain.md §1.6). nullopt for anything else.
std::optional<std::string> villageCodeFromZldwdm(std::string_view zldwdm);

// True when the code is the village itself, not a sub-village unit (12 digits, or trailing zeros).
bool isVillageLevelCode(std::string_view zldwdm);

}  // namespace gengbao::core
