// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/progress.h"
#include "../base/result.h"
#include "referencelayers.h"
#include "screenparcels.h"

#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <vector>

namespace gengbao::core {

class Database;

// Writes a screening run in one transaction: the run, its inputs, every parcel's result and
// overlaps, the eligible remainders (a feature table), and the parcels' current verdict columns.
// Sets summary.runId. A failure or a cancel during the write rolls everything back.
// The run's constraint layers (`layers`) replace the project's reference layers of their kinds in
// the same transaction.
Status saveScreeningRun(Database &db, int srsId, const std::string &user, ScreeningSummary &summary,
                        const std::vector<ParcelScreening> &results,
                        std::span<const ReferenceLayerFeatures> layers, Progress &progress);

// Adds the results of parcels screened after run `runId` with its rules and inputs
// (screenSomeParcels) to that run, inside the caller's transaction: their result rows, overlaps
// and remainders, their current verdict columns, and the run's counts, so that the run keeps
// covering every parcel.
Status addToScreeningRun(Database &db, std::int64_t runId,
                         const std::vector<ParcelScreening> &results);

// Counts one parcel's result into a summary.
void countScreeningResult(const ParcelScreening &result, ScreeningSummary &summary);

// The run's counts as JSON, as the run record stores them and the CLI prints them.
nlohmann::ordered_json screeningSummaryJson(const ScreeningSummary &summary);

}  // namespace gengbao::core
