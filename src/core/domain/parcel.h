// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gengbao::core {

// Who issued a parcel: the county (潜力图斑) or a village proposing one of its own (村居自选图斑).
enum class ParcelSource { County, Village };

std::string_view sourceName(ParcelSource source);
std::optional<ParcelSource> parseSource(std::string_view name);

// The stage every imported parcel starts in; the lifecycle issue adds the others.
inline constexpr std::string_view kStageCandidate = "candidate";

// A parcel's computed area differs from its TBMJ by more than this fraction: a wrong CRS or an
// edited geometry (domain.md §2.2).
inline constexpr double kAreaMismatchTolerance = 0.001;

}  // namespace gengbao::core
