// SPDX-License-Identifier: GPL-3.0-or-later
#include "progress.h"

#include "../base/clock.h"
#include "../base/csv.h"
#include "../base/strings.h"
#include "../base/units.h"
#include "../db/statement.h"
#include "../project.h"
#include "plans.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace gengbao::core {

namespace {

using json = nlohmann::ordered_json;

// The stages a village's area is counted at: progressStages() after candidate, by their names.
std::vector<std::string> reachedNames()
{
    std::vector<std::string> names;
    for (const Stage stage : progressStages()) {
        if (stage != Stage::Candidate)
            names.emplace_back(stageName(stage));
    }
    return names;
}

double mu(std::int64_t centiMu)
{
    return double(centiMu) / 100.0;
}

}  // namespace

Result<ProgressReport> progressReport(Project &project, const std::string &asOf)
{
    ProgressReport report;
    report.asOf = asOf.empty() ? today() : asOf;
    if (!isCalendarDate(report.asOf))
        return makeError(ErrorCode::InvalidArgument, {},
                         "the date '" + report.asOf + "' is not a date (YYYY-MM-DD)");
    auto table = loadTaskTable(project);
    if (!table)
        return table.error();
    for (const Deadline &deadline : table->program.deadlines)
        report.deadlines.push_back({deadline.stage, deadline.dueOn});
    std::map<std::string, std::size_t> villageIndex;
    for (const VillageTask &village : table->villages) {
        villageIndex.emplace(village.code, report.villages.size());
        VillageProgress progress;
        progress.code = village.code;
        progress.name = village.name;
        progress.task = village.task;
        report.villages.push_back(std::move(progress));
    }

    // Each parcel's stage on the date: its latest step on or before it.
    Database &db = project.database();
    auto query = db.prepare(
        "SELECT p.parcel_id, p.village_code, coalesce(v.name, ''), p.net_mu, p.accepted_net_cmu, "
        "(SELECT h.to_state FROM stage_history h WHERE h.parcel_fid = p.fid AND h.kind = 'stage' "
        " AND h.occurred_on <= ?1 ORDER BY h.occurred_on DESC, h.id DESC LIMIT 1) "
        "FROM parcels p LEFT JOIN villages v ON v.code = p.village_code ORDER BY p.fid");
    if (!query)
        return query.error();
    query->bind(1, report.asOf);
    GENGBAO_TRY(query->forEachRow([&](Statement &row) {
        const Stage stage =
            parseStage(row.optionalText(5).value_or("candidate")).value_or(Stage::Candidate);
        const int rank = stageRank(stage);
        if (rank == 0)
            return;
        ParcelProgress parcel;
        parcel.id = row.text(0);
        parcel.villageCode = row.optionalText(1).value_or("");
        parcel.village = row.text(2);
        parcel.stage = std::string(stageName(stage));
        // The printed figure, to 0.01 mu: the accepted net area once the parcel was approved on
        // that day (it is recorded at approval), else the expected net area.
        const auto expected = roundToScaled(row.real(3), 2);
        parcel.net = stage == Stage::Approved ? row.optionalInt64(4).value_or(expected) : expected;
        for (const StageDeadline &deadline : report.deadlines) {
            const auto due = parseStage(deadline.stage);
            if (due && deadline.dueOn < report.asOf && stageRank(*due) > rank)
                parcel.overdue.push_back(deadline);
        }
        if (const auto village = villageIndex.find(parcel.villageCode);
            village != villageIndex.end()) {
            VillageProgress &progress = report.villages[village->second];
            for (int r = 1; r <= rank && r <= 6; ++r)
                progress.reached[std::size_t(r - 1)] += parcel.net;
            for (const StageDeadline &deadline : parcel.overdue)
                ++progress.overdue[deadline.stage];
        }
        report.parcels.push_back(std::move(parcel));
    }));
    for (const StageDeadline &deadline : report.deadlines) {
        if (deadline.stage != "selected" || !(deadline.dueOn < report.asOf))
            continue;
        for (VillageProgress &village : report.villages)
            village.selectionShort = std::max<std::int64_t>(0, village.task - village.reached[0]);
    }
    return report;
}

Result<std::vector<ApprovedPoint>> approvedOverTime(Project &project)
{
    auto query = project.database().prepare(
        "SELECT h.occurred_on, p.accepted_net_cmu, p.net_mu FROM stage_history h "
        "JOIN parcels p ON p.fid = h.parcel_fid WHERE h.kind = 'stage' AND h.to_state = 'approved' "
        "AND p.stage = 'approved' ORDER BY h.occurred_on, h.id");
    if (!query)
        return query.error();
    std::vector<ApprovedPoint> points;
    std::int64_t total = 0;
    GENGBAO_TRY(query->forEachRow([&](Statement &row) {
        total += row.optionalInt64(1).value_or(roundToScaled(row.real(2), 2));
        if (!points.empty() && points.back().date == row.text(0))
            points.back().approved = total;
        else
            points.push_back({row.text(0), total});
    }));
    return points;
}

Status writeProgressJson(const ProgressReport &report, std::ostream &out)
{
    json document;
    document["as_of"] = report.asOf;
    json deadlines = json::array();
    for (const StageDeadline &deadline : report.deadlines)
        deadlines.push_back({{"stage", deadline.stage}, {"due_on", deadline.dueOn}});
    document["deadlines"] = std::move(deadlines);
    json villages = json::array();
    for (const VillageProgress &village : report.villages) {
        json item;
        item["village"] = village.name;
        item["village_code"] = village.code;
        item["task_mu"] = mu(village.task);
        const std::vector<std::string> reached = reachedNames();
        for (std::size_t i = 0; i < reached.size() && i < village.reached.size(); ++i)
            item[reached[i] + "_mu"] = mu(village.reached[i]);
        json overdue = json::object();
        for (const auto &[stage, count] : village.overdue)
            overdue[stage] = count;
        item["overdue"] = std::move(overdue);
        item["selection_short_mu"] = mu(village.selectionShort);
        villages.push_back(std::move(item));
    }
    document["villages"] = std::move(villages);
    json parcels = json::array();
    for (const ParcelProgress &parcel : report.parcels) {
        json overdue = json::array();
        for (const StageDeadline &deadline : parcel.overdue)
            overdue.push_back({{"stage", deadline.stage}, {"due_on", deadline.dueOn}});
        parcels.push_back({{"id", parcel.id},
                           {"village", parcel.village},
                           {"village_code", parcel.villageCode},
                           {"stage", parcel.stage},
                           {"net_mu", mu(parcel.net)},
                           {"overdue", std::move(overdue)}});
    }
    document["parcels"] = std::move(parcels);
    out << document.dump(2) << '\n';
    return out ? Status::success() : makeError(ErrorCode::Io, {}, "cannot write the output");
}

Status writeProgressCsv(const ProgressReport &report, std::ostream &out)
{
    char number[32];
    const auto fixed = [&number](std::int64_t centiMu) {
        std::snprintf(number, sizeof number, "%.2f", mu(centiMu));
        return csv::number(number);
    };
    const std::vector<std::string> reached = reachedNames();
    out << "village,village_code,task_mu";
    for (const std::string &name : reached)
        out << ',' << name << "_mu";
    for (const std::string &name : reached)
        out << ",overdue_" << name;
    out << ",selection_short_mu\r\n";
    for (const VillageProgress &village : report.villages) {
        out << csv::field(village.name) << ',' << csv::field(village.code) << ','
            << fixed(village.task);
        for (const std::int64_t value : village.reached)
            out << ',' << fixed(value);
        for (const std::string &name : reached) {
            const auto found = village.overdue.find(name);
            out << ',' << (found == village.overdue.end() ? 0 : found->second);
        }
        out << ',' << fixed(village.selectionShort) << "\r\n";
    }
    out << "\r\nid,village,village_code,stage,net_mu,overdue\r\n";
    for (const ParcelProgress &parcel : report.parcels) {
        std::string overdue;
        for (const StageDeadline &deadline : parcel.overdue)
            overdue += (overdue.empty() ? "" : ";") + deadline.stage;
        out << csv::field(parcel.id) << ',' << csv::field(parcel.village) << ','
            << csv::field(parcel.villageCode) << ',' << csv::field(parcel.stage) << ','
            << fixed(parcel.net) << ',' << csv::field(overdue) << "\r\n";
    }
    return out ? Status::success() : makeError(ErrorCode::Io, {}, "cannot write the output");
}

}  // namespace gengbao::core
