// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/issue.h"
#include "../base/progress.h"
#include "../base/result.h"
#include "../db/gpkg.h"
#include "../domain/screening.h"
#include "constraintlayer.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gengbao::core {

class Project;

struct ScreeningRequest
{
    std::optional<std::string> demPath;
    std::vector<ConstraintSpec> constraints;  // in the order the officer gave them
    ScreeningRules rules;
    std::string user;  // default: the login name
};

// One input file of a run, as the run record keeps it.
struct ScreeningInput
{
    std::string role;  // "dem" or "constraint"
    std::string kind;  // constraint layers only
    std::optional<ConstraintAction> action;
    std::string path;
    std::string layerName;
    std::string crs;
    std::int64_t featureCount = -1;  // constraint layers only
    std::int64_t sizeBytes = 0;
    std::string sha256;
};

// One parcel's screening result.
struct ParcelScreening
{
    std::int64_t fid = 0;
    std::string parcelId;
    SlopeVerdict slope;
    std::optional<double> slopeMaxDeg;       // the steepest DEM cell the parcel touches
    std::optional<double> slopeSteepShare;   // share of the area steeper than the limit (DEM)
    std::optional<double> demCoverage;       // share of the area on valid DEM cells
    std::vector<double> overlapM2;           // per constraint layer, in request order
    std::optional<double> redLineOverlapM2;  // summed over red-line layers; none without one
    // For a partial overlap with excluding layers: the eligible remainder.
    std::optional<double> remainderM2;
    std::vector<unsigned char> remainderBlob;  // GeoPackage geometry in the project CRS
    gpkg::Envelope remainderEnvelope;
    ParcelVerdict verdict;
};

struct ScreeningSummary
{
    std::int64_t runId = 0;
    ScreeningRules rules;
    std::string startedAt, finishedAt;  // UTC, ISO 8601
    std::int64_t screened = 0;
    std::int64_t eligible = 0;
    // Parcels per reason; a parcel excluded for several reasons counts under each.
    std::map<std::string, std::int64_t> excluded;
    std::map<std::string, std::int64_t> flagged;
    std::int64_t slopeUnknown = 0;
    std::int64_t slopeFromDem = 0;
    std::int64_t slopeFromAttribute = 0;
    std::int64_t slopeDisagreements = 0;
    std::int64_t remainders = 0;
    std::vector<ScreeningInput> inputs;
    std::vector<Issue> issues;
};

// Screens every parcel of the project against the slope limit (from the DEM where one is given
// and covers the parcel, else from the parcel's slope attributes) and the constraint layers, and
// records the run: its inputs with checksums, its rules and every parcel's result, in one
// transaction that also replaces the parcels' current verdicts. Earlier runs stay readable.
// Bad inputs are refused before anything is written. Uses both cores; cancellable.
Result<ScreeningSummary> screenParcels(Project &project, const ScreeningRequest &request,
                                       Progress &progress);

// Screens only the given parcels (by fid) with the request's rules and inputs and writes
// nothing: the verdicts for parcels added after a run, such as a village proposal drawn on the
// map, which the caller adds to that run (addToScreeningRun) in its own transaction, where the
// parcels need not be committed yet. The inputs come back with their checksums, so the caller
// can tell whether they are still the run's files.
struct PartialScreening
{
    std::vector<ParcelScreening> parcels;  // in the order of fids
    std::vector<ScreeningInput> inputs;
    std::vector<Issue> issues;
};
Result<PartialScreening> screenSomeParcels(Project &project, const ScreeningRequest &request,
                                           const std::vector<std::int64_t> &fids,
                                           Progress &progress);

// The parcels' results of a run (the current one when runId is 0), ordered by parcel fid.
struct StoredScreeningRun
{
    ScreeningSummary summary;
    std::vector<ParcelScreening> parcels;  // without remainder geometries
};
Result<std::vector<ScreeningSummary>> listScreeningRuns(Project &project);
Result<StoredScreeningRun> loadScreeningRun(Project &project, std::int64_t runId);

}  // namespace gengbao::core
