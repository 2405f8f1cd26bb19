// SPDX-License-Identifier: GPL-3.0-or-later
#include "csv.h"

#include <charconv>
#include <cstdint>

namespace gengbao::core::csv {

std::string numberText(double value)
{
    char buffer[64];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc() ? std::string(buffer, end) : std::string();
}

std::string field(std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
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
