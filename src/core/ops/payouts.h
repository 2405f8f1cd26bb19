// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"
#include "../domain/plan.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace gengbao::core {

class Project;

// The year-end subsidy statement (the seed plan's section 六), in integer fen. A parcel's amount
// is its area as printed (0.01 mu) times the rate, rounded half up to the fen, so every printed
// row can be checked by hand; a village's approved area is the sum of its printed parcel areas;
// every total is a sum of printed rows.
struct ParcelPayout
{
    std::string id;
    std::string village;
    std::string villageCode;
    std::int64_t area = 0;    // 0.01 mu: the accepted net area when recorded, else the expected
    bool accepted = false;    // the area is the accepted one
    std::int64_t rate = 0;    // fen per mu
    std::int64_t amount = 0;  // fen
};

struct VillagePayout
{
    std::string code;
    std::string name;
    std::int64_t task = 0;      // 0.01 mu
    std::int64_t approved = 0;  // 0.01 mu, on the plan's completion basis (net by default)
    bool met = false;           // approved reaches the task
    std::int64_t subsidy = 0;   // fen: the sum of its parcels' amounts
    std::int64_t completionReward = 0;
    std::int64_t excessReward = 0;
    std::int64_t reward = 0;
    std::int64_t total = 0;
};

struct PayoutStatement
{
    std::string town;
    int year = 0;
    ProgramRules rules;
    std::vector<ParcelPayout> parcels;  // approved parcels, by village then import order
    std::vector<VillagePayout> villages;
    std::int64_t total = 0;    // fen
    std::string totalInWords;  // 大写
};

Result<PayoutStatement> payoutStatement(Project &project);

// {"parcels": [{id, village, net_mu, subsidy_yuan, ...}], "villages": [{village, village_code,
// task_mu, approved_mu, subsidy_yuan, reward_yuan, total_yuan, ...}], "total_yuan",
// "total_in_words"}: yuan as numbers with two decimals.
Status writePayoutsJson(const PayoutStatement &statement, std::ostream &out);
// CSV: the villages' table, a blank line, the parcels' table, a blank line, the total.
Status writePayoutsCsv(const PayoutStatement &statement, std::ostream &out);

}  // namespace gengbao::core
