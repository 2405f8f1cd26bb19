// SPDX-License-Identifier: GPL-3.0-or-later
#include "payouts.h"

#include "../base/csv.h"
#include "../base/units.h"
#include "../db/statement.h"
#include "../domain/money.h"
#include "../project.h"
#include "plans.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>

namespace gengbao::core {

namespace {

using json = nlohmann::ordered_json;

// Yuan as a JSON number with two decimals (the nearest double prints as such).
json yuan(std::int64_t fen)
{
    return double(fen) / 100.0;
}
json mu(std::int64_t centi)
{
    return double(centi) / 100.0;
}

}  // namespace

Result<PayoutStatement> payoutStatement(Project &project)
{
    auto plan = loadPlan(project);
    if (!plan)
        return plan.error();
    auto table = loadTaskTable(project);
    if (!table)
        return table.error();
    PayoutStatement statement;
    statement.town = plan->town;
    statement.year = plan->year;
    statement.rules = table->program.rules;
    const ProgramRules &rules = statement.rules;

    std::map<std::string, std::size_t> villageIndex;
    for (const VillageTask &village : table->villages) {
        villageIndex.emplace(village.code, statement.villages.size());
        VillagePayout payout;
        payout.code = village.code;
        payout.name = village.name;
        payout.task = village.task;
        statement.villages.push_back(std::move(payout));
    }

    auto query = project.database().prepare(
        "SELECT p.parcel_id, coalesce(p.village_code, ''), coalesce(v.name, p.zldwmc, ''), "
        "p.accepted_net_cmu, p.net_mu, p.gross_mu FROM parcels p "
        "LEFT JOIN villages v ON v.code = p.village_code WHERE p.stage = 'approved' "
        "ORDER BY p.village_code, p.fid");
    if (!query)
        return query.error();
    GENGBAO_TRY(query->forEachRow([&](Statement &row) {
        const auto accepted = row.optionalInt64(3);
        const std::int64_t net = accepted.value_or(roundToScaled(row.real(4), 2));
        const std::int64_t gross = roundToScaled(row.real(5), 2);
        ParcelPayout parcel;
        parcel.id = row.text(0);
        parcel.villageCode = row.text(1);
        parcel.village = row.text(2);
        parcel.area = rules.subsidyBasis == "gross" ? gross : net;
        parcel.accepted = accepted.has_value() && rules.subsidyBasis != "gross";
        parcel.rate = rules.subsidyFenPerMu;
        parcel.amount = amountFen(parcel.area, parcel.rate);
        auto village = villageIndex.find(parcel.villageCode);
        if (village == villageIndex.end()) {
            // A parcel without a village still gets paid; its row keeps the totals whole.
            villageIndex.emplace(parcel.villageCode, statement.villages.size());
            VillagePayout payout;
            payout.code = parcel.villageCode;
            payout.name = parcel.village.empty() ? "（未落村居）" : parcel.village;
            statement.villages.push_back(std::move(payout));
            village = villageIndex.find(parcel.villageCode);
        }
        VillagePayout &payout = statement.villages[village->second];
        payout.subsidy += parcel.amount;
        payout.approved += rules.completionArea == "gross" ? gross : net;
        statement.parcels.push_back(std::move(parcel));
    }));

    for (VillagePayout &village : statement.villages) {
        // 完成镇政府下达任务的村居给予工作经费奖励，超额部分另奖；未完成的不予奖励.
        village.met = village.approved >= village.task;
        if (village.met) {
            const std::int64_t basis =
                rules.completionRewardBasis == "completed" ? village.approved : village.task;
            village.completionReward = amountFen(basis, rules.completionRewardFenPerMu);
            village.excessReward =
                amountFen(village.approved - village.task, rules.excessRewardFenPerMu);
        }
        village.reward = village.completionReward + village.excessReward;
        village.total = village.subsidy + village.reward;
        statement.total += village.total;
    }
    statement.totalInWords = chineseCapitalAmount(statement.total);
    return statement;
}

Status writePayoutsJson(const PayoutStatement &statement, std::ostream &out)
{
    json parcels = json::array();
    for (const ParcelPayout &parcel : statement.parcels) {
        parcels.push_back({{"id", parcel.id},
                           {"village", parcel.village},
                           {"village_code", parcel.villageCode},
                           {"net_mu", mu(parcel.area)},
                           {"accepted_area", parcel.accepted},
                           {"rate_yuan_per_mu", yuan(parcel.rate)},
                           {"subsidy_yuan", yuan(parcel.amount)}});
    }
    json villages = json::array();
    for (const VillagePayout &village : statement.villages) {
        villages.push_back({{"village", village.name},
                            {"village_code", village.code},
                            {"task_mu", mu(village.task)},
                            {"approved_mu", mu(village.approved)},
                            {"task_met", village.met},
                            {"subsidy_yuan", yuan(village.subsidy)},
                            {"completion_reward_yuan", yuan(village.completionReward)},
                            {"excess_reward_yuan", yuan(village.excessReward)},
                            {"reward_yuan", yuan(village.reward)},
                            {"total_yuan", yuan(village.total)}});
    }
    json document;
    document["parcels"] = std::move(parcels);
    document["villages"] = std::move(villages);
    document["total_yuan"] = yuan(statement.total);
    document["total_in_words"] = statement.totalInWords;
    out << document.dump(2) << '\n';
    return out ? Status::success() : makeError(ErrorCode::Io, {}, "cannot write the output");
}

Status writePayoutsCsv(const PayoutStatement &statement, std::ostream &out)
{
    // Areas and amounts in hundredths print alike: 2 decimals.
    const auto hundredths = [](std::int64_t value) { return csv::number(formatYuan(value)); };
    out << "village,village_code,task_mu,approved_mu,task_met,subsidy_yuan,reward_yuan,"
           "total_yuan\r\n";
    for (const VillagePayout &village : statement.villages) {
        out << csv::field(village.name) << ',' << csv::field(village.code) << ','
            << hundredths(village.task) << ',' << hundredths(village.approved) << ','
            << (village.met ? "true" : "false") << ',' << hundredths(village.subsidy) << ','
            << hundredths(village.reward) << ',' << hundredths(village.total) << "\r\n";
    }
    out << "\r\nid,village,village_code,net_mu,rate_yuan_per_mu,subsidy_yuan\r\n";
    for (const ParcelPayout &parcel : statement.parcels) {
        out << csv::field(parcel.id) << ',' << csv::field(parcel.village) << ','
            << csv::field(parcel.villageCode) << ',' << hundredths(parcel.area) << ','
            << hundredths(parcel.rate) << ',' << hundredths(parcel.amount) << "\r\n";
    }
    out << "\r\ntotal_yuan," << hundredths(statement.total) << "\r\ntotal_in_words,"
        << csv::field(statement.totalInWords) << "\r\n";
    return out ? Status::success() : makeError(ErrorCode::Io, {}, "cannot write the output");
}

}  // namespace gengbao::core
