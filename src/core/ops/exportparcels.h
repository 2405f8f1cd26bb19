// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace gengbao::core {

class Project;

// One parcel as the exports and the parcel table show it. Areas are unrounded: rounding is for
// tables on screen and in print.
struct ParcelRow
{
    std::int64_t fid = 0;
    std::string id;  // BSM when the source has one
    std::string village;
    std::optional<std::string> villageCode;
    std::int64_t batchId = 0;
    std::string batch;  // the batch label
    std::string source;
    std::optional<std::string> tbbh, dlbm, dlmc, zldwdm, pdjb, gdpdjb;
    double areaM2 = 0.0;
    std::optional<double> tbmjM2;
    std::optional<double> kcxs;
    double grossMu = 0.0;
    double netMu = 0.0;
    bool areaMismatch = false;
    bool repaired = false;
    std::string stage;
    std::optional<double> slopeDeg;
    std::optional<std::string> slopeSource;
    std::optional<double> redlineOverlapM2;
    std::optional<bool> eligible;
    std::optional<std::vector<std::string>> reasons;  // none before the first screening
    std::optional<std::vector<std::string>> flags;
    std::optional<double> slopeMaxDeg;
    std::optional<double> slopeSteepShare;       // share of the area steeper than the limit
    std::optional<std::int64_t> slopeGrade;      // 坡度级别 from the slope that decided
    std::optional<std::int64_t> slopeGradeAttr;  // the grade the parcel's own fields give
    std::optional<double> demCoverage;           // share of the parcel on valid DEM cells
    std::optional<double> remainderM2;    // eligible remainder of a partly constrained parcel
    std::optional<double> acceptedNetMu;  // recorded at approval
    std::optional<std::string> proposal;  // village parcels: proposed, reviewed, approved, rejected
    std::optional<std::string> proposalReason;
    std::map<std::string, std::string> stageDates;  // stage -> the date it was last reached
};

// Every parcel, ordered by fid (import order).
Result<std::vector<ParcelRow>> loadParcelRows(Project &project);

// The `export parcels` contract: a JSON array of objects, or CSV with a header row (UTF-8).
Status writeParcelsJson(const std::vector<ParcelRow> &rows, std::ostream &out);
Status writeParcelsCsv(const std::vector<ParcelRow> &rows, std::ostream &out);

}  // namespace gengbao::core
