// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace gengbao::core {

// 1 mu = 10000/15 m², so 1 m² = 0.0015 mu exactly (domain.md §2.4). Dividing by 666.67, as some
// tools do, is 5e-6 too small and flips 0.01-mu roundings on large sums.
inline constexpr double kMuPerSquareMetre = 0.0015;

inline double squareMetresToMu(double squareMetres)
{
    return squareMetres * kMuPerSquareMetre;
}

// Rounds half away from zero at `places` decimals and returns the scaled integer
// (e.g. places = 2 gives hundredths). The value is first read as its shortest 15-significant-digit
// decimal, so 1.005 rounds to 1.01 as a person (and Excel) expects, not to 1.00 as its binary
// value 1.00499999999999989... would.
std::int64_t roundToScaled(double value, int places);

// roundToScaled as a double: roundDecimal(1.005, 2) == 1.01.
double roundDecimal(double value, int places);

// The 田坎 deduction of the survey: KCMJ = round(gross × KCXS, 2) in m² (domain.md §1.4). Exact in
// integer arithmetic when gross has at most 2 decimals and KCXS at most 4, as in the survey's
// Float 15,2 and Float 6,4 fields.
double deductionSquareMetres(double grossSquareMetres, double kcxs);

// Net area = gross − round(gross × KCXS, 2); no KCXS means no deduction.
double netSquareMetres(double grossSquareMetres, std::optional<double> kcxs);

// The largest area in mu a person or a file may give: a town's target, a village's task, an
// allocation floor, a parcel's accepted net area. China's 1.9 billion mu of farmland over some
// 2,800 counties is about 700,000 mu a county, and a township restores a few hundred to a few
// thousand mu a year (峨溶镇 2023: 465.17); 1,000,000 mu (667 km²) is more than any town could be
// given, so anything above it is a slip of the keyboard (an extra zero, a pasted code) or
// 1e308. It is also the app's spin-box maximum, and keeps every sum of areas far inside int64.
inline constexpr std::int64_t kMaxAreaMu = 1'000'000;
inline constexpr std::int64_t kMaxAreaCentiMu = kMaxAreaMu * 100;

// What an area in mu must look like, for messages: "... is not an area in mu (" + this + ")".
inline constexpr const char *kAreaForm = "a decimal number with at most 2 places, e.g. 58.40";

// An area in mu as text, to hundredths of a mu: ASCII digits, optionally a point and decimals
// ("115.17", "110", "17.5", "0.010": places beyond the second must be zeros). No sign, blank,
// exponent, hex prefix, thousands separator or percent sign; at most kMaxAreaMu. The error's
// detail quotes the text and says what was expected, e.g. "'TRUE' is not an area in mu (a
// decimal number with at most 2 places, e.g. 58.40)".
Result<std::int64_t> parseAreaCentiMu(std::string_view text);

// An area in mu held as a number (a spreadsheet's numeric cell), to hundredths: finite, not
// negative, at most kMaxAreaMu, and a whole number of hundredths within binary representation
// error (a computed 115.17000000000002 is 115.17; 12.345 is refused). shown is the cell as the
// message quotes it.
Result<std::int64_t> areaCentiMuOfNumber(double value, std::string_view shown);

}  // namespace gengbao::core
