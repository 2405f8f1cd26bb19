// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportparcels.h"

#include "../base/csv.h"
#include "../base/units.h"
#include "../db/statement.h"
#include "../domain/lifecycle.h"
#include "../project.h"

#include <nlohmann/json.hpp>

namespace gengbao::core {

namespace {

using json = nlohmann::ordered_json;

template <typename T> json orNull(const std::optional<T> &value)
{
    return value ? json(*value) : json(nullptr);
}

json toJson(const ParcelRow &row)
{
    json object = json::object();
    object["id"] = row.id;
    object["village"] = row.village;
    object["village_code"] = orNull(row.villageCode);
    object["batch"] = row.batch;
    object["batch_id"] = row.batchId;
    object["source"] = row.source;
    object["area_m2"] = row.areaM2;
    object["tbmj_m2"] = orNull(row.tbmjM2);
    object["gross_mu"] = row.grossMu;
    object["net_mu"] = row.netMu;
    object["kcxs"] = orNull(row.kcxs);
    object["stage"] = row.stage;
    object["slope_deg"] = orNull(row.slopeDeg);
    object["slope_source"] = orNull(row.slopeSource);
    object["redline_overlap_m2"] = orNull(row.redlineOverlapM2);
    object["eligible"] = orNull(row.eligible);
    object["reasons"] = orNull(row.reasons);
    object["flags"] = orNull(row.flags);
    object["slope_max_deg"] = orNull(row.slopeMaxDeg);
    object["slope_steep_share"] = orNull(row.slopeSteepShare);
    object["slope_grade"] = orNull(row.slopeGrade);
    object["slope_grade_attr"] = orNull(row.slopeGradeAttr);
    object["dem_coverage"] = orNull(row.demCoverage);
    object["remainder_m2"] = orNull(row.remainderM2);
    object["accepted_net_mu"] = orNull(row.acceptedNetMu);
    object["proposal"] = orNull(row.proposal);
    object["proposal_reason"] = orNull(row.proposalReason);
    // The date each stage was reached (the latest time, after rework); empty until then. Both
    // as one object and as a column per stage (CSV).
    json stageDates = json::object();
    for (const auto &[stage, date] : row.stageDates)
        stageDates[stage] = date;
    object["stage_dates"] = std::move(stageDates);
    for (const Stage stage : allStages()) {
        if (stage == Stage::Candidate)
            continue;  // no step reaches it: it is where every parcel starts
        const std::string name(stageName(stage));
        const auto date = row.stageDates.find(name);
        object[name + "_on"] = date == row.stageDates.end() ? json(nullptr) : json(date->second);
    }
    object["tbbh"] = orNull(row.tbbh);
    object["dlbm"] = orNull(row.dlbm);
    object["dlmc"] = orNull(row.dlmc);
    object["zldwdm"] = orNull(row.zldwdm);
    object["pdjb"] = orNull(row.pdjb);
    object["gdpdjb"] = orNull(row.gdpdjb);
    object["area_mismatch"] = row.areaMismatch;
    object["repaired"] = row.repaired;
    return object;
}

// A JSON array of strings as stored in parcels.reasons and .flags; none before screening.
std::optional<std::vector<std::string>> stringList(const std::optional<std::string> &text)
{
    if (!text)
        return std::nullopt;
    const json parsed = json::parse(*text, nullptr, false);
    std::vector<std::string> list;
    if (parsed.is_array()) {
        for (const auto &item : parsed)
            list.push_back(item.is_string() ? item.get<std::string>() : item.dump());
    }
    return list;
}

}  // namespace

Result<std::vector<ParcelRow>> loadParcelRows(Project &project)
{
    auto query = project.database().prepare(
        "SELECT p.fid, p.parcel_id, coalesce(v.name, p.zldwmc, ''), p.village_code, p.batch_id, "
        "b.label, p.source, p.tbbh, p.dlbm, p.dlmc, p.zldwdm, p.pdjb, p.gdpdjb, p.area_m2, "
        "p.tbmj_m2, p.kcxs, p.gross_m2, p.net_m2, p.area_mismatch, p.repaired, p.stage, "
        "p.slope_deg, p.slope_source, p.redline_overlap_m2, p.eligible, p.reasons, p.flags, "
        "p.slope_max_deg, p.slope_steep_share, p.slope_grade, p.slope_grade_attr, "
        "p.dem_coverage, p.remainder_m2, p.accepted_net_cmu, p.proposal, p.proposal_reason "
        "FROM parcels p JOIN batches b ON b.id = p.batch_id "
        "LEFT JOIN villages v ON v.code = p.village_code ORDER BY p.fid");
    if (!query)
        return query.error();
    std::vector<ParcelRow> rows;
    const Status walked = query->forEachRow([&rows](Statement &q) {
        ParcelRow row;
        row.fid = q.int64(0);
        row.id = q.text(1);
        row.village = q.text(2);
        row.villageCode = q.optionalText(3);
        row.batchId = q.int64(4);
        row.batch = q.text(5);
        row.source = q.text(6);
        row.tbbh = q.optionalText(7);
        row.dlbm = q.optionalText(8);
        row.dlmc = q.optionalText(9);
        row.zldwdm = q.optionalText(10);
        row.pdjb = q.optionalText(11);
        row.gdpdjb = q.optionalText(12);
        row.areaM2 = q.real(13);
        row.tbmjM2 = q.optionalReal(14);
        row.kcxs = q.optionalReal(15);
        row.grossMu = squareMetresToMu(q.real(16));
        row.netMu = squareMetresToMu(q.real(17));
        row.areaMismatch = q.int64(18) != 0;
        row.repaired = q.int64(19) != 0;
        row.stage = q.text(20);
        row.slopeDeg = q.optionalReal(21);
        row.slopeSource = q.optionalText(22);
        row.redlineOverlapM2 = q.optionalReal(23);
        if (auto eligible = q.optionalInt64(24))
            row.eligible = *eligible != 0;
        row.reasons = stringList(q.optionalText(25));
        row.flags = stringList(q.optionalText(26));
        row.slopeMaxDeg = q.optionalReal(27);
        row.slopeSteepShare = q.optionalReal(28);
        row.slopeGrade = q.optionalInt64(29);
        row.slopeGradeAttr = q.optionalInt64(30);
        row.demCoverage = q.optionalReal(31);
        row.remainderM2 = q.optionalReal(32);
        if (auto accepted = q.optionalInt64(33))
            row.acceptedNetMu = double(*accepted) / 100.0;
        row.proposal = q.optionalText(34);
        row.proposalReason = q.optionalText(35);
        rows.push_back(std::move(row));
    });
    if (!walked)
        return walked.error();
    // Stage dates from the history, in one pass (rows are by fid).
    auto dates = project.database().prepare(
        "SELECT parcel_fid, to_state, max(occurred_on) FROM stage_history WHERE kind = 'stage' "
        "GROUP BY parcel_fid, to_state");
    if (!dates)
        return dates.error();
    std::map<std::int64_t, std::size_t> indexOfFid;
    for (std::size_t i = 0; i < rows.size(); ++i)
        indexOfFid.emplace(rows[i].fid, i);
    GENGBAO_TRY(dates->forEachRow([&](Statement &q) {
        if (const auto found = indexOfFid.find(q.int64(0)); found != indexOfFid.end())
            rows[found->second].stageDates[q.text(1)] = q.text(2);
    }));
    return rows;
}

Status writeParcelsJson(const std::vector<ParcelRow> &rows, std::ostream &out)
{
    json array = json::array();
    for (const ParcelRow &row : rows)
        array.push_back(toJson(row));
    out << array.dump(2) << '\n';
    return out ? Status::success() : makeError(ErrorCode::Io, {}, "cannot write the output");
}

Status writeParcelsCsv(const std::vector<ParcelRow> &rows, std::ostream &out)
{
    const json header = toJson(ParcelRow{});
    bool first = true;
    for (auto it = header.begin(); it != header.end(); ++it) {
        out << (first ? "" : ",") << it.key();
        first = false;
    }
    out << "\r\n";
    for (const ParcelRow &row : rows) {
        const json object = toJson(row);
        first = true;
        for (auto it = object.begin(); it != object.end(); ++it) {
            out << (first ? "" : ",") << csv::value(it.value());
            first = false;
        }
        out << "\r\n";
    }
    return out ? Status::success() : makeError(ErrorCode::Io, {}, "cannot write the output");
}

}  // namespace gengbao::core
