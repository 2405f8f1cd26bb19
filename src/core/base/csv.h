// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

// CSV as the exports write it (RFC 4180 quoting, UTF-8): one place for the quoting rules.
namespace gengbao::core::csv {

// The shortest text that reads back as the same double (no rounding).
std::string numberText(double value);
// A field, quoted when it holds a comma, a quote or a line break.
std::string field(std::string_view text);
// A JSON value as a field: empty for null, true/false, numbers unrounded, a list as its items
// joined by ';'.
std::string value(const nlohmann::ordered_json &value);

}  // namespace gengbao::core::csv
