// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gengbao::core {

// Strict UTF-8 validation: rejects overlong forms, surrogates and code points above U+10FFFF,
// so GBK bytes (which often look like 2-byte sequences) are not mistaken for UTF-8.
bool isValidUtf8(std::string_view text);

// Like isValidUtf8, but tells apart text that is valid except for an incomplete sequence at its
// very end (a DBF field cut in the middle of a character), and returns that sequence's length.
enum class Utf8Check { Valid, TruncatedTail, Invalid };
Utf8Check checkUtf8(std::string_view text, std::size_t *tailBytes = nullptr);

// Without ASCII blanks (space, tab, CR, LF) at either end.
std::string_view trimmed(std::string_view text);
// Without ASCII blanks and ideographic spaces (U+3000, which Chinese text uses for padding) at
// either end; what lies between is kept verbatim. For text a person typed into a cell.
std::string_view trimmedText(std::string_view text);
std::string toUpperAscii(std::string_view text);
bool isAllDigits(std::string_view text);

// Parses a number written as text ("1234.5", " 12 ", "1e3"); nullopt when it is not one, and
// for inf and nan, which no field of a survey or a spreadsheet means.
std::optional<double> parseNumber(std::string_view text);

// The strict forms for what an officer types (a command-line option, a cell): ASCII digits only,
// with no sign, blank, exponent, hex prefix or thousands separator, so that "0x10", "1e3", "+5"
// and " 7" are refused rather than guessed at.
// A positive whole number ("42") up to the int64 limit: a count, an id, a year, an EPSG code.
std::optional<std::int64_t> parsePositiveInteger(std::string_view text);
// A non-negative decimal, digits with an optional point and more digits ("25", "0.5").
std::optional<double> parseDecimal(std::string_view text);
// Whether text is exactly YYYY-MM-DD in ASCII digits and names a real calendar day ("2023-02-30"
// does not). Stricter than isIsoDate (clock.h), whose sscanf lets "2023- 2-05" through.
bool isCalendarDate(std::string_view text);

}  // namespace gengbao::core
