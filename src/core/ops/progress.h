// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"
#include "../domain/lifecycle.h"

#include <array>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace gengbao::core {

class Project;

// Progress against the plan's deadlines as of a date (the seed's section 五): where each parcel
// stood that day, from its recorded steps, and what was due before it.
struct StageDeadline
{
    std::string stage;
    std::string dueOn;
};

struct ParcelProgress
{
    std::string id;
    std::string villageCode;
    std::string village;
    std::string stage;     // as of the date
    std::int64_t net = 0;  // 0.01 mu: the accepted net area once approved, else the expected one
    std::vector<StageDeadline> overdue;  // stages due before the date and not reached
};

struct VillageProgress
{
    std::string code;
    std::string name;
    std::int64_t task = 0;
    // Net area (0.01 mu) that reached each stage or beyond: selected, restoring, planted,
    // evidence_submitted, verified, approved.
    std::array<std::int64_t, 6> reached{};
    std::map<std::string, std::int64_t> overdue;  // parcels overdue, per stage
    std::int64_t selectionShort =
        0;  // task not covered by selected parcels after the selection deadline
};

struct ProgressReport
{
    std::string asOf;
    std::vector<StageDeadline> deadlines;
    std::vector<VillageProgress> villages;
    std::vector<ParcelProgress> parcels;  // every parcel selected or beyond as of the date
};

// Net area approved by each date on which some was (0.01 mu, cumulative), for the chart of
// approved area against the deadline.
struct ApprovedPoint
{
    std::string date;
    std::int64_t approved = 0;
};
Result<std::vector<ApprovedPoint>> approvedOverTime(Project &project);

// asOf: YYYY-MM-DD; empty for today. A stage is overdue on the day after its due date.
Result<ProgressReport> progressReport(Project &project, const std::string &asOf = {});

Status writeProgressJson(const ProgressReport &report, std::ostream &out);
// CSV: the villages' table, a blank line, then the parcels' table.
Status writeProgressCsv(const ProgressReport &report, std::ostream &out);

}  // namespace gengbao::core
