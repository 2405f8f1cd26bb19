// SPDX-License-Identifier: GPL-3.0-or-later
#include "screening.h"

#include <algorithm>
#include <cctype>

namespace gengbao::core {

namespace {

void addOnce(std::vector<std::string> &list, std::string code)
{
    if (std::find(list.begin(), list.end(), code) == list.end())
        list.push_back(std::move(code));
}

// Whether a grade lies above the limit: yes when its lower bound is at or above it, no when its
// upper bound is at or below it, unknown when the limit cuts through the grade.
std::optional<bool> gradeSteeper(int grade, double limit)
{
    const auto [lower, upper] = slopeGradeBounds(grade);
    if (lower >= limit)
        return true;
    if (upper <= limit)
        return false;
    return std::nullopt;
}

}  // namespace

std::string_view actionName(ConstraintAction action)
{
    return action == ConstraintAction::Flag ? "flag" : "exclude";
}

std::optional<ConstraintAction> parseAction(std::string_view name)
{
    if (name == "exclude")
        return ConstraintAction::Exclude;
    if (name == "flag")
        return ConstraintAction::Flag;
    return std::nullopt;
}

std::string reasonForKind(std::string_view kind)
{
    if (kind == kRedLineKind || kind == kReasonRedLine)
        return std::string(kReasonRedLine);
    return std::string(kind);
}

int slopeGradeOf(double degrees)
{
    if (degrees <= 2.0)
        return 1;
    if (degrees <= 6.0)
        return 2;
    if (degrees <= 15.0)
        return 3;
    if (degrees <= 25.0)
        return 4;
    return 5;
}

std::optional<int> parseSlopeGrade(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    while (text.size() > 1 && text.front() == '0')
        text.remove_prefix(1);  // "05" from a fixed-width field
    if (text.size() == 3 && text.substr(1) == ".0")
        text = text.substr(0, 1);  // a grade stored in a numeric field
    if (text.size() != 1 || text[0] < '1' || text[0] > '5')
        return std::nullopt;
    return text[0] - '0';
}

std::pair<double, double> slopeGradeBounds(int grade)
{
    switch (grade) {
    case 1:
        return {0.0, 2.0};
    case 2:
        return {2.0, 6.0};
    case 3:
        return {6.0, 15.0};
    case 4:
        return {15.0, 25.0};
    default:
        return {25.0, 90.0};
    }
}

std::string_view slopeSourceName(SlopeSource source)
{
    switch (source) {
    case SlopeSource::Dem:
        return "dem";
    case SlopeSource::Attribute:
        return "attribute";
    case SlopeSource::None:
        break;
    }
    return "";
}

SlopeVerdict decideSlope(const SlopeEvidence &evidence, const ScreeningRules &rules)
{
    SlopeVerdict verdict;
    const double limit = rules.maxSlopeDeg;
    // What the attributes alone say: a number beats a grade.
    std::optional<bool> attributeSteeper;
    if (evidence.attributeDeg) {
        attributeSteeper = *evidence.attributeDeg > limit;
        verdict.attributeGrade = slopeGradeOf(*evidence.attributeDeg);
    } else if (evidence.attributeGrade) {
        attributeSteeper = gradeSteeper(*evidence.attributeGrade, limit);
        verdict.attributeGrade = evidence.attributeGrade;
    }

    if (evidence.demGiven) {
        if (!evidence.demMeanDeg) {
            verdict.unknown = true;  // outside the DEM or on nodata only
            return verdict;
        }
        verdict.source = SlopeSource::Dem;
        verdict.slopeDeg = evidence.demMeanDeg;
        verdict.grade = slopeGradeOf(*evidence.demMeanDeg);
        verdict.steeper = *evidence.demMeanDeg > limit;
        verdict.disagrees = attributeSteeper && *attributeSteeper != verdict.steeper;
        verdict.demPartial = evidence.demCoverage < kDemPartialCoverage;
    } else if (attributeSteeper) {
        verdict.source = SlopeSource::Attribute;
        verdict.slopeDeg = evidence.attributeDeg;
        verdict.grade = verdict.attributeGrade;
        verdict.steeper = *attributeSteeper;
    } else {
        verdict.unknown = true;  // no DEM and no usable attribute
        verdict.grade = verdict.attributeGrade;
        return verdict;
    }
    if (verdict.steeper && rules.allowTerraces && evidence.terrace)
        verdict.terraceWaived = true;
    verdict.excluded = verdict.steeper && !verdict.terraceWaived;
    return verdict;
}

ParcelVerdict decideParcel(const SlopeVerdict &slope, const std::vector<LayerOverlap> &overlaps,
                           const ScreeningRules &rules)
{
    ParcelVerdict verdict;
    if (slope.excluded)
        addOnce(verdict.reasons, std::string(kReasonSlope));
    if (slope.unknown)
        addOnce(verdict.reasons, std::string(kReasonSlopeUnknown));
    if (slope.disagrees)
        addOnce(verdict.flags, std::string(kFlagSlopeDisagrees));
    if (slope.demPartial)
        addOnce(verdict.flags, std::string(kFlagDemPartial));
    if (slope.terraceWaived)
        addOnce(verdict.flags, std::string(kFlagTerrace));
    for (const LayerOverlap &overlap : overlaps) {
        if (!(overlap.overlapM2 > rules.overlapToleranceM2))
            continue;
        addOnce(overlap.action == ConstraintAction::Exclude ? verdict.reasons : verdict.flags,
                reasonForKind(overlap.kind));
    }
    verdict.eligible = verdict.reasons.empty();
    return verdict;
}

}  // namespace gengbao::core
