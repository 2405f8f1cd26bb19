// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

std::string_view trimmed(std::string_view text);
std::string toUpperAscii(std::string_view text);
bool isAllDigits(std::string_view text);

// Parses a number written as text ("1234.5", " 12 "); nullopt when it is not one.
std::optional<double> parseNumber(std::string_view text);

}  // namespace gengbao::core
