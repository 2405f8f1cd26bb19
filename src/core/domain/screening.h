// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The screening rules of the plan (domain.md §1.3, §3.2–3.3): what makes a candidate parcel
// ineligible, as pure functions of what the DEM, the parcel's attributes and the constraint
// layers say. The geometry work that produces that evidence lives in ops/.
namespace gengbao::core {

inline constexpr double kDefaultMaxSlopeDeg = 25.0;
// An overlap up to this many m² is boundary noise between two surveys, not an overlap.
inline constexpr double kDefaultOverlapToleranceM2 = 1.0;
// The constraint kind of the ecological red line; its reason code is "redline".
inline constexpr std::string_view kRedLineKind = "生态保护红线";

// Reason codes (parcels.reasons) and flag codes (parcels.flags) besides the layer kinds.
inline constexpr std::string_view kReasonSlope = "slope";
inline constexpr std::string_view kReasonRedLine = "redline";
inline constexpr std::string_view kReasonSlopeUnknown = "slope_unknown";
inline constexpr std::string_view kFlagSlopeDisagrees = "slope_disagrees";
inline constexpr std::string_view kFlagDemPartial = "dem_partial";
inline constexpr std::string_view kFlagTerrace = "terrace";

// A DEM covering less than this share of a parcel's area is flagged for review.
inline constexpr double kDemPartialCoverage = 0.99;

struct ScreeningRules
{
    double maxSlopeDeg = kDefaultMaxSlopeDeg;
    // Terraces (GDLX = TT) steeper than the limit stay eligible: the 2024-25 disposal dictionary
    // keeps 梯田 out of its "over 25°" code. Off by default (domain.md §3.2).
    bool allowTerraces = false;
    double overlapToleranceM2 = kDefaultOverlapToleranceM2;
};

enum class ConstraintAction { Exclude, Flag };
std::string_view actionName(ConstraintAction action);
std::optional<ConstraintAction> parseAction(std::string_view name);

// The reason or flag code of a constraint kind: "redline" for the red line, else the kind.
std::string reasonForKind(std::string_view kind);

// 坡度级别 (domain.md §1.3): 1 ≤ 2°, 2 (2°, 6°], 3 (6°, 15°], 4 (15°, 25°], 5 > 25°.
int slopeGradeOf(double degrees);
// The grade in a GDPDJB/PDJB value ("1".."5", padded or not); nullopt for anything else.
std::optional<int> parseSlopeGrade(std::string_view text);
// The bounds of a grade in degrees: (lower, upper].
std::pair<double, double> slopeGradeBounds(int grade);

enum class SlopeSource { None, Dem, Attribute };
std::string_view slopeSourceName(SlopeSource source);  // "", "dem", "attribute"

// What is known about one parcel's slope.
struct SlopeEvidence
{
    bool demGiven = false;
    // From the DEM when it has valid cells under the parcel: coverage-weighted mean, maximum,
    // the share of the area steeper than the limit, and the share of the parcel on valid cells.
    std::optional<double> demMeanDeg, demMaxDeg, demShareSteeper;
    double demCoverage = 0.0;
    // From the parcel's own fields: a numeric slope, or the grade of GDPDJB, else PDJB.
    std::optional<double> attributeDeg;
    std::optional<int> attributeGrade;
    bool terrace = false;  // GDLX = TT
};

struct SlopeVerdict
{
    SlopeSource source = SlopeSource::None;
    std::optional<double> slopeDeg;  // the mean slope that decided, when a number decided
    std::optional<int> grade;        // from the DEM when it decided, else from the attributes
    std::optional<int> attributeGrade;
    bool steeper = false;  // above the limit
    bool excluded = false;
    bool unknown = false;  // no usable slope: never silently eligible
    bool terraceWaived = false;
    bool disagrees = false;  // the DEM and the attributes fall on different sides of the limit
    bool demPartial = false;
};

// Where a DEM was given it decides for every parcel it covers, whatever the attributes say
// (county grades can be stale); a parcel outside it, or on nodata only, is unknown. Without a
// DEM, a numeric slope field decides, else the grade.
SlopeVerdict decideSlope(const SlopeEvidence &evidence, const ScreeningRules &rules);

// One constraint layer's overlap with a parcel.
struct LayerOverlap
{
    std::string kind;
    ConstraintAction action = ConstraintAction::Exclude;
    double overlapM2 = 0.0;
};

struct ParcelVerdict
{
    bool eligible = false;
    std::vector<std::string> reasons;  // in order: slope, slope_unknown, then layers in order
    std::vector<std::string> flags;
};

ParcelVerdict decideParcel(const SlopeVerdict &slope, const std::vector<LayerOverlap> &overlaps,
                           const ScreeningRules &rules);

}  // namespace gengbao::core
