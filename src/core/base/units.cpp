// SPDX-License-Identifier: GPL-3.0-or-later
#include "units.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace gengbao::core {

namespace {

std::int64_t powerOfTen(int exponent)
{
    std::int64_t result = 1;
    for (int i = 0; i < exponent; ++i)
        result *= 10;
    return result;
}

// True when value is an integer multiple of 10^-places, within binary representation error.
bool hasAtMostPlaces(double value, int places)
{
    const double scaled = value * static_cast<double>(powerOfTen(places));
    return std::fabs(scaled - std::nearbyint(scaled)) < 1e-6;
}

Error areaError(std::string_view text, const std::string &why)
{
    return makeError(ErrorCode::InvalidArgument, {}, "'" + std::string(text) + "' " + why);
}

Error notAnArea(std::string_view text)
{
    return areaError(text, std::string("is not an area in mu (") + kAreaForm + ")");
}

Error overTheLimit(std::string_view text)
{
    return areaError(text, "is more than " + std::to_string(kMaxAreaMu) +
                               " mu, beyond any town's task (a slip of the keyboard?)");
}

Error moreThanTwoPlaces(std::string_view text)
{
    return areaError(text, "has more than 2 decimal places (areas are kept to 0.01 mu)");
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

}  // namespace

Result<std::int64_t> parseAreaCentiMu(std::string_view text)
{
    if (!text.empty() && text.front() == '-') {
        auto magnitude = parseAreaCentiMu(text.substr(1));
        return magnitude && *magnitude > 0
                   ? areaError(text, "is negative; an area in mu is 0 or more")
                   : notAnArea(text);  // "-0", "--5": no sign belongs in an area
    }
    std::size_t i = 0;
    std::int64_t whole = 0;
    for (; i < text.size() && isDigit(text[i]); ++i) {
        whole = whole * 10 + (text[i] - '0');
        if (whole > kMaxAreaMu)
            return overTheLimit(text);  // also stops the sum before it could overflow
    }
    if (i == 0)
        return notAnArea(text);
    std::int64_t hundredths = 0;
    if (i < text.size() && text[i] == '.') {
        const std::size_t first = ++i;
        for (; i < text.size() && isDigit(text[i]); ++i) {
            const std::size_t place = i - first;  // 0: tenths, 1: hundredths
            if (place < 2)
                hundredths += (text[i] - '0') * (place == 0 ? 10 : 1);
            else if (text[i] != '0')
                return moreThanTwoPlaces(text);
        }
        if (i == first)
            return notAnArea(text);  // "12." : a point with no decimals
    }
    if (i != text.size())
        return notAnArea(text);
    const std::int64_t centiMu = whole * 100 + hundredths;
    if (centiMu > kMaxAreaCentiMu)
        return overTheLimit(text);
    return centiMu;
}

Result<std::int64_t> areaCentiMuOfNumber(double value, std::string_view shown)
{
    if (!std::isfinite(value))
        return notAnArea(shown);
    if (value < 0)
        return areaError(shown, "is negative; an area in mu is 0 or more");
    if (value > static_cast<double>(kMaxAreaMu))
        return overTheLimit(shown);
    const double hundredths = value * 100.0;
    if (std::fabs(hundredths - std::nearbyint(hundredths)) > 1e-6)
        return moreThanTwoPlaces(shown);
    return static_cast<std::int64_t>(std::llround(hundredths));
}

std::int64_t roundToScaled(double value, int places)
{
    // Shortest decimal with 15 significant digits, e.g. "1.00500000000000e+00".
    char text[64];
    std::snprintf(text, sizeof text, "%.14e", std::fabs(value));
    // Split mantissa digits and exponent: d.dddddddddddddde±XX -> 15 digits, exponent.
    char digits[16];
    int count = 0;
    const char *p = text;
    for (; *p && *p != 'e'; ++p) {
        if (*p >= '0' && *p <= '9')
            digits[count++] = *p;
    }
    const int exponent = (*p == 'e') ? std::atoi(p + 1) : 0;
    // value = 0.d1d2...d15 × 10^(exponent + 1); keep digits up to 10^-places.
    const int keep = exponent + 1 + places;  // number of leading digits to keep
    std::int64_t scaled = 0;
    if (keep > 0) {
        for (int i = 0; i < keep && i < count; ++i)
            scaled = scaled * 10 + (digits[i] - '0');
        for (int i = count; i < keep; ++i)
            scaled *= 10;
        if (keep < count && digits[keep] >= '5')
            scaled += 1;
    } else if (keep == 0 && count > 0 && digits[0] >= '5') {
        scaled = 1;
    }
    return value < 0 ? -scaled : scaled;
}

double roundDecimal(double value, int places)
{
    return static_cast<double>(roundToScaled(value, places)) /
           static_cast<double>(powerOfTen(places));
}

double deductionSquareMetres(double grossSquareMetres, double kcxs)
{
    if (hasAtMostPlaces(grossSquareMetres, 2) && hasAtMostPlaces(kcxs, 4)) {
        // Hundredths of m² times ten-thousandths gives millionths; round half up to hundredths.
        const std::int64_t grossCents = roundToScaled(grossSquareMetres, 2);
        const std::int64_t coefficient = roundToScaled(kcxs, 4);
        const std::int64_t product = grossCents * coefficient;
        const std::int64_t magnitude = (std::llabs(product) + 5000) / 10000;
        const std::int64_t cents = product < 0 ? -magnitude : magnitude;
        return static_cast<double>(cents) / 100.0;
    }
    return roundDecimal(grossSquareMetres * kcxs, 2);
}

double netSquareMetres(double grossSquareMetres, std::optional<double> kcxs)
{
    if (!kcxs || *kcxs == 0.0)
        return grossSquareMetres;
    return grossSquareMetres - deductionSquareMetres(grossSquareMetres, *kcxs);
}

}  // namespace gengbao::core
