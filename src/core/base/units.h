// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>

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

}  // namespace gengbao::core
