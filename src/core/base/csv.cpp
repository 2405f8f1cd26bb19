// SPDX-License-Identifier: GPL-3.0-or-later
#include "csv.h"

#include <charconv>
#include <cstdint>

namespace gengbao::core::csv {

namespace {

// The characters that make a spreadsheet read a cell as a formula (or, for tab and CR, shift it
// into the next cell on a paste). The full-width forms, in UTF-8, are evaluated by WPS.
bool startsFormula(std::string_view text)
{
    if (text.empty())
        return false;
    switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
        return true;
    default:
        break;
    }
    for (const std::string_view wide :
         {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"}) {  // ＝ ＋ － ＠
        if (text.substr(0, wide.size()) == wide)
            return true;
    }
    return false;
}

std::string rfc4180Quoted(std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string numberText(double value)
{
    char buffer[64];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc() ? std::string(buffer, end) : std::string();
}

std::string number(std::string_view formatted)
{
    return std::string(formatted);
}

bool needsNeutralising(std::string_view text)
{
    // Apostrophes before a formula character: restoredText would take one away, so field() must
    // add one (the rule is its own inverse that way).
    const std::size_t apostrophes = text.find_first_not_of('\'');
    return apostrophes != std::string_view::npos && startsFormula(text.substr(apostrophes));
}

std::string field(std::string_view text)
{
    return rfc4180Quoted(needsNeutralising(text) ? "'" + std::string(text) : std::string(text));
}

std::string restoredText(std::string_view cell)
{
    if (!cell.empty() && cell.front() == '\'' && needsNeutralising(cell.substr(1)))
        cell.remove_prefix(1);
    return std::string(cell);
}

std::string value(const nlohmann::ordered_json &value)
{
    if (value.is_null())
        return {};
    if (value.is_string())
        return field(value.get<std::string>());
    if (value.is_boolean())
        return value.get<bool>() ? "true" : "false";
    if (value.is_number_integer())
        return std::to_string(value.get<std::int64_t>());
    if (value.is_number_float())
        return numberText(value.get<double>());
    if (value.is_array()) {
        std::string joined;
        for (const auto &item : value)
            joined += (joined.empty() ? "" : ";") +
                      (item.is_string() ? item.get<std::string>() : item.dump());
        return field(joined);
    }
    return field(value.dump());
}

}  // namespace gengbao::core::csv
