// SPDX-License-Identifier: GPL-3.0-or-later
#include "strings.h"

#include "clock.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace gengbao::core {

bool isValidUtf8(std::string_view text)
{
    return checkUtf8(text) == Utf8Check::Valid;
}

Utf8Check checkUtf8(std::string_view text, std::size_t *tailBytes)
{
    const auto *s = reinterpret_cast<const unsigned char *>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        unsigned int codePoint = 0;
        if ((c & 0xE0) == 0xC0) {
            length = 2;
            codePoint = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            codePoint = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            codePoint = c & 0x07;
        } else {
            return Utf8Check::Invalid;
        }
        if (i + length > n) {
            // Cut short at the end: a truncated tail if what is there is a valid start.
            for (std::size_t k = i + 1; k < n; ++k) {
                if ((s[k] & 0xC0) != 0x80)
                    return Utf8Check::Invalid;
            }
            if (tailBytes)
                *tailBytes = n - i;
            return Utf8Check::TruncatedTail;
        }
        for (int k = 1; k < length; ++k) {
            const unsigned char cc = s[i + k];
            if ((cc & 0xC0) != 0x80)
                return Utf8Check::Invalid;
            codePoint = (codePoint << 6) | (cc & 0x3F);
        }
        const bool overlong = (length == 2 && codePoint < 0x80) ||
                              (length == 3 && codePoint < 0x800) ||
                              (length == 4 && codePoint < 0x10000);
        if (overlong || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            return Utf8Check::Invalid;
        i += length;
    }
    return Utf8Check::Valid;
}

std::string_view trimmed(std::string_view text)
{
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

std::string_view trimmedText(std::string_view text)
{
    constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000 in UTF-8
    for (;;) {
        const std::size_t before = text.size();
        text = trimmed(text);
        if (text.substr(0, kIdeographicSpace.size()) == kIdeographicSpace)
            text.remove_prefix(kIdeographicSpace.size());
        if (text.size() >= kIdeographicSpace.size() &&
            text.substr(text.size() - kIdeographicSpace.size()) == kIdeographicSpace)
            text.remove_suffix(kIdeographicSpace.size());
        if (text.size() == before)
            return text;
    }
}

std::string toUpperAscii(std::string_view text)
{
    std::string result(text);
    for (char &c : result) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    }
    return result;
}

bool isAllDigits(std::string_view text)
{
    if (text.empty())
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

std::optional<double> parseNumber(std::string_view text)
{
    text = trimmed(text);
    if (text.empty())
        return std::nullopt;
    if (text.front() == '+')
        text.remove_prefix(1);
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<std::int64_t> parsePositiveInteger(std::string_view text)
{
    if (!isAllDigits(text))
        return std::nullopt;
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value <= 0)
        return std::nullopt;  // out of range, or zero
    return value;
}

std::optional<double> parseDecimal(std::string_view text)
{
    const std::size_t point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    if (!isAllDigits(whole))
        return std::nullopt;
    if (point != std::string_view::npos && !isAllDigits(text.substr(point + 1)))
        return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

bool isCalendarDate(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    if (!isAllDigits(text.substr(0, 4)) || !isAllDigits(text.substr(5, 2)) ||
        !isAllDigits(text.substr(8, 2)))
        return false;
    return isIsoDate(std::string(text));
}

}  // namespace gengbao::core
