// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/progress.h"
#include "../base/result.h"
#include "screenparcels.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace gengbao::core {

class Database;

// Writes a screening run in one transaction: the run, its inputs, every parcel's result and
// overlaps, the eligible remainders (a feature table), and the parcels' current verdict columns.
// Sets summary.runId. A failure or a cancel during the write rolls everything back.
Status saveScreeningRun(Database &db, int srsId, const std::string &user, ScreeningSummary &summary,
                        const std::vector<ParcelScreening> &results, Progress &progress);

// The run's counts as JSON, as the run record stores them and the CLI prints them.
nlohmann::ordered_json screeningSummaryJson(const ScreeningSummary &summary);

}  // namespace gengbao::core
