// SPDX-License-Identifier: GPL-3.0-or-later
#include "units.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

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

}  // namespace

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
