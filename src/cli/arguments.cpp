// SPDX-License-Identifier: GPL-3.0-or-later
#include "arguments.h"

#include <core/base/strings.h>
#include <core/base/units.h>

#include <algorithm>
#include <filesystem>
#include <limits>

namespace gengbao::cli {

Arguments::Arguments(const std::vector<std::string> &args,
                     const std::vector<std::string> &valueOptions,
                     const std::vector<std::string> &flagOptions)
{
    const auto has = [](const std::vector<std::string> &list, const std::string &name) {
        return std::find(list.begin(), list.end(), name) != list.end();
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg.size() > 1 && arg[0] == '-' &&
            !(arg.size() > 1 && (arg[1] >= '0' && arg[1] <= '9'))) {
            std::string name = arg;
            std::optional<std::string> inlineValue;
            if (const auto equals = arg.find('=');
                equals != std::string::npos && arg.rfind("--", 0) == 0) {
                name = arg.substr(0, equals);
                inlineValue = arg.substr(equals + 1);
            }
            if (has(valueOptions, name)) {
                if (inlineValue) {
                    mValues.emplace(name, *inlineValue);
                } else {
                    if (i + 1 >= args.size())
                        throw UsageError(name + " needs a value");
                    mValues.emplace(name, args[++i]);
                }
            } else if (has(flagOptions, name) && !inlineValue) {
                mFlags.push_back(name);
            } else {
                throw UsageError("unknown option " + name);
            }
        } else {
            mPositional.push_back(arg);
        }
    }
}

std::optional<std::string> Arguments::value(const std::string &option) const
{
    auto range = mValues.equal_range(option);
    if (range.first == range.second)
        return std::nullopt;
    return std::prev(range.second)->second;  // the last one wins
}

std::vector<std::string> Arguments::values(const std::string &option) const
{
    std::vector<std::string> result;
    auto range = mValues.equal_range(option);
    for (auto it = range.first; it != range.second; ++it)
        result.push_back(it->second);
    return result;
}

bool Arguments::flag(const std::string &option) const
{
    return std::find(mFlags.begin(), mFlags.end(), option) != mFlags.end();
}

const std::string &Arguments::required(std::size_t index, const char *what) const
{
    if (index >= mPositional.size())
        throw UsageError(std::string("missing ") + what);
    return mPositional[index];
}

void Arguments::expectPositionalCount(std::size_t count) const
{
    if (mPositional.size() > count)
        throw UsageError("unexpected argument '" + mPositional[count] + "'");
}

std::optional<int> parseEpsg(const std::string &text)
{
    std::string_view digits = text;
    if (digits.size() > 5 && (digits.substr(0, 5) == "EPSG:" || digits.substr(0, 5) == "epsg:"))
        digits.remove_prefix(5);
    const auto value = core::parsePositiveInteger(digits);
    if (!value || *value > std::numeric_limits<int>::max())
        return std::nullopt;
    return static_cast<int>(*value);
}

std::int64_t centiMuValue(const std::string &what, const std::string &text)
{
    auto value = core::parseAreaCentiMu(text);
    if (!value)
        throw UsageError(what + ": " + value.error().detail);
    return *value;
}

std::int64_t positiveIntegerValue(const std::string &what, const std::string &text,
                                  const std::string &expected)
{
    const auto value = core::parsePositiveInteger(text);
    if (!value)
        throw UsageError(what + " is " + expected + ", not '" + text + "'");
    return *value;
}

double decimalValue(const std::string &what, const std::string &text, const std::string &expected)
{
    const auto value = core::parseDecimal(text);
    if (!value)
        throw UsageError(what + " is " + expected + ", not '" + text + "'");
    return *value;
}

std::string dateValue(const std::string &what, const std::string &text)
{
    if (!core::isCalendarDate(text))
        throw UsageError(what + " is a date YYYY-MM-DD that is on the calendar, not '" + text +
                         "'");
    return text;
}

FileAndLayer splitFileAndLayer(const std::string &text)
{
    FileAndLayer out{text, std::nullopt};
    std::error_code ec;
    if (std::filesystem::exists(text, ec))
        return out;
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
        return out;
    if (std::filesystem::exists(text.substr(0, colon), ec)) {
        out.path = text.substr(0, colon);
        out.layer = text.substr(colon + 1);
    }
    return out;
}

}  // namespace gengbao::cli
