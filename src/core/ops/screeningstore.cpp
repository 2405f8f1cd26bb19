// SPDX-License-Identifier: GPL-3.0-or-later
#include "screeningstore.h"

#include "../base/units.h"
#include "../db/database.h"
#include "../db/gpkg.h"
#include "../db/statement.h"
#include "../db/transaction.h"
#include "../project.h"
#include "audit.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace gengbao::core {

namespace {

using json = nlohmann::ordered_json;

std::string jsonList(const std::vector<std::string> &items)
{
    json list = json::array();
    for (const std::string &item : items)
        list.push_back(item);
    return list.dump();
}

std::vector<std::string> parseList(const std::string &text)
{
    std::vector<std::string> items;
    const json parsed = json::parse(text, nullptr, false);
    if (parsed.is_array()) {
        for (const auto &item : parsed) {
            if (item.is_string())
                items.push_back(item.get<std::string>());
        }
    }
    return items;
}

Status writeRun(Database &db, const std::string &user, ScreeningSummary &summary)
{
    auto insert =
        db.prepare("INSERT INTO screening_runs (started_at, finished_at, run_by, max_slope_deg, "
                   "allow_terraces, overlap_tolerance_m2, screened_count, eligible_count, summary) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '{}')");
    if (!insert)
        return insert.error();
    insert->bind(1, summary.startedAt).bind(2, summary.finishedAt).bind(3, user);
    insert->bind(4, summary.rules.maxSlopeDeg).bind(5, summary.rules.allowTerraces ? 1 : 0);
    insert->bind(6, summary.rules.overlapToleranceM2);
    insert->bind(7, summary.screened).bind(8, summary.eligible);
    GENGBAO_TRY(insert->run());
    summary.runId = db.lastInsertRowId();
    // The stored summary carries the run id, as the CLI prints it.
    auto update = db.prepare("UPDATE screening_runs SET summary = ? WHERE id = ?");
    if (!update)
        return update.error();
    update->bind(1, screeningSummaryJson(summary).dump()).bind(2, summary.runId);
    return update->run();
}

// Writes the inputs; returns the ids of the constraint layers, in request order.
Result<std::vector<std::int64_t>> writeInputs(Database &db, const ScreeningSummary &summary)
{
    auto insert = db.prepare(
        "INSERT INTO screening_inputs (run_id, position, role, kind, action, path, file_name, "
        "layer_name, crs, feature_count, size_bytes, sha256) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    if (!insert)
        return insert.error();
    std::vector<std::int64_t> constraintIds;
    int position = 0;
    for (const ScreeningInput &input : summary.inputs) {
        insert->bind(1, summary.runId).bind(2, position++).bind(3, input.role);
        if (input.role == "constraint") {
            insert->bind(4, input.kind).bind(5, actionName(*input.action));
        } else {
            insert->bindNull(4).bindNull(5);
        }
        insert->bind(6, input.path);
        insert->bind(7, std::filesystem::path(input.path).filename().string());
        if (input.layerName.empty())
            insert->bindNull(8);
        else
            insert->bind(8, input.layerName);
        insert->bind(9, input.crs);
        if (input.featureCount >= 0)
            insert->bind(10, input.featureCount);
        else
            insert->bindNull(10);
        insert->bind(11, input.sizeBytes).bind(12, input.sha256);
        GENGBAO_TRY(insert->run());
        if (input.role == "constraint")
            constraintIds.push_back(db.lastInsertRowId());
    }
    return constraintIds;
}

Status writeResults(Database &db, const ScreeningSummary &summary,
                    const std::vector<std::int64_t> &constraintIds,
                    const std::vector<ParcelScreening> &results, Progress &progress)
{
    auto result = db.prepare(
        "INSERT INTO screening_results (run_id, parcel_fid, parcel_id, slope_deg, slope_max_deg, "
        "slope_steep_share, slope_grade, slope_grade_attr, slope_source, dem_coverage, "
        "redline_overlap_m2, remainder_m2, eligible, reasons, flags) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    auto overlap = db.prepare("INSERT INTO screening_overlaps (run_id, parcel_fid, input_id, "
                              "overlap_m2) VALUES (?1, ?2, ?3, ?4)");
    if (!result)
        return result.error();
    if (!overlap)
        return overlap.error();
    for (std::size_t i = 0; i < results.size(); ++i) {
        const ParcelScreening &parcel = results[i];
        result->bind(1, summary.runId).bind(2, parcel.fid).bind(3, parcel.parcelId);
        result->bind(4, parcel.slope.slopeDeg).bind(5, parcel.slopeMaxDeg);
        result->bind(6, parcel.slopeSteepShare).bind(7, parcel.slope.grade);
        result->bind(8, parcel.slope.attributeGrade);
        if (parcel.slope.source == SlopeSource::None)
            result->bindNull(9);
        else
            result->bind(9, slopeSourceName(parcel.slope.source));
        result->bind(10, parcel.demCoverage).bind(11, parcel.redLineOverlapM2);
        result->bind(12, parcel.remainderM2).bind(13, parcel.verdict.eligible ? 1 : 0);
        result->bind(14, jsonList(parcel.verdict.reasons)).bind(15, jsonList(parcel.verdict.flags));
        GENGBAO_TRY(result->run());
        for (std::size_t layer = 0; layer < parcel.overlapM2.size(); ++layer) {
            if (!(parcel.overlapM2[layer] > 0.0))
                continue;
            overlap->bind(1, summary.runId).bind(2, parcel.fid).bind(3, constraintIds[layer]);
            overlap->bind(4, parcel.overlapM2[layer]);
            GENGBAO_TRY(overlap->run());
        }
        if ((i & 4095) == 4095) {
            if (progress.cancelled())
                return makeError(ErrorCode::Cancelled, db.path(),
                                 "screening cancelled; nothing was changed");
            progress.report(0.95 + 0.04 * double(i) / double(results.size()), "writing");
        }
    }
    return Status::success();
}

Status writeRemainders(Database &db, const ScreeningSummary &summary,
                       const std::vector<ParcelScreening> &results)
{
    if (std::none_of(results.begin(), results.end(),
                     [](const ParcelScreening &parcel) { return !parcel.remainderBlob.empty(); }))
        return Status::success();
    auto rtree = gpkg::RtreeBulkInsert::begin(db, "screening_remainders", "geom");
    if (!rtree)
        return rtree.error();
    auto insert = db.prepare("INSERT INTO screening_remainders (geom, run_id, parcel_fid, "
                             "parcel_id, area_m2, area_mu) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!insert)
        return insert.error();
    for (const ParcelScreening &parcel : results) {
        if (parcel.remainderBlob.empty())
            continue;
        insert->bindBlob(1, parcel.remainderBlob.data(), parcel.remainderBlob.size());
        insert->bind(2, summary.runId).bind(3, parcel.fid).bind(4, parcel.parcelId);
        insert->bind(5, *parcel.remainderM2).bind(6, *parcel.remainderM2 * kMuPerSquareMetre);
        GENGBAO_TRY(insert->run());
        GENGBAO_TRY(rtree->add(db.lastInsertRowId(), parcel.remainderEnvelope));
    }
    GENGBAO_TRY(rtree->finish());
    return gpkg::refreshExtent(db, "screening_remainders");
}

// The parcels' current verdict, from this run's results in one statement (one statement
// journal, not one per parcel); only the parcels of `fids` when given.
Status updateParcels(Database &db, std::int64_t runId,
                     const std::vector<std::int64_t> *fids = nullptr)
{
    const std::string only = fids ? " AND parcel_fid = ?2" : "";
    auto update =
        db.prepare("UPDATE parcels SET slope_deg = r.slope_deg, slope_max_deg = r.slope_max_deg, "
                   "slope_steep_share = r.slope_steep_share, slope_grade = r.slope_grade, "
                   "slope_grade_attr = r.slope_grade_attr, slope_source = r.slope_source, "
                   "dem_coverage = r.dem_coverage, redline_overlap_m2 = r.redline_overlap_m2, "
                   "remainder_m2 = r.remainder_m2, eligible = r.eligible, reasons = r.reasons, "
                   "flags = r.flags, screening_run_id = r.run_id "
                   "FROM (SELECT * FROM screening_results WHERE run_id = ?1" +
                   only + ") AS r WHERE parcels.fid = r.parcel_fid");
    if (!update)
        return update.error();
    update->bind(1, runId);
    if (!fids) {
        GENGBAO_TRY(update->run());
    } else {
        for (const std::int64_t fid : *fids) {
            update->bind(2, fid);
            GENGBAO_TRY(update->run());
        }
    }
    return gpkg::refreshExtent(db, "parcels");  // stamps last_change for GIS programs
}

void countsFromJson(const json &stored, ScreeningSummary &summary)
{
    const auto number = [&stored](const char *key) -> std::int64_t {
        return stored.contains(key) && stored[key].is_number_integer()
                   ? stored[key].get<std::int64_t>()
                   : 0;
    };
    for (const char *key : {"excluded", "flagged"}) {
        if (!stored.contains(key) || !stored[key].is_object())
            continue;
        auto &target = std::string(key) == "excluded" ? summary.excluded : summary.flagged;
        for (const auto &[name, value] : stored[key].items()) {
            if (value.is_number_integer())
                target[name] = value.get<std::int64_t>();
        }
    }
    summary.slopeUnknown = number("slope_unknown");
    summary.slopeDisagreements = number("slope_disagreements");
    summary.remainders = number("remainders");
    if (stored.contains("slope_source") && stored["slope_source"].is_object()) {
        const json &source = stored["slope_source"];
        summary.slopeFromDem = source.value("dem", std::int64_t(0));
        summary.slopeFromAttribute = source.value("attribute", std::int64_t(0));
    }
}

}  // namespace

nlohmann::ordered_json screeningSummaryJson(const ScreeningSummary &summary)
{
    json out;
    out["run_id"] = summary.runId;
    out["started_at"] = summary.startedAt;
    out["finished_at"] = summary.finishedAt;
    out["screened"] = summary.screened;
    out["eligible"] = summary.eligible;
    json excluded = json::object();
    for (const auto &[reason, count] : summary.excluded)
        excluded[reason] = count;
    out["excluded"] = std::move(excluded);
    out["slope_unknown"] = summary.slopeUnknown;
    json flagged = json::object();
    for (const auto &[flag, count] : summary.flagged)
        flagged[flag] = count;
    out["flagged"] = std::move(flagged);
    out["slope_source"] = {{"dem", summary.slopeFromDem},
                           {"attribute", summary.slopeFromAttribute}};
    out["slope_disagreements"] = summary.slopeDisagreements;
    out["remainders"] = summary.remainders;
    out["rules"] = {{"max_slope_deg", summary.rules.maxSlopeDeg},
                    {"allow_terraces", summary.rules.allowTerraces},
                    {"overlap_tolerance_m2", summary.rules.overlapToleranceM2}};
    json inputs = json::array();
    for (const ScreeningInput &input : summary.inputs) {
        json item;
        item["role"] = input.role;
        if (input.role == "constraint") {
            item["kind"] = input.kind;
            item["action"] = actionName(*input.action);
            item["layer"] = input.layerName;
            item["features"] = input.featureCount;
        }
        item["path"] = input.path;
        item["crs"] = input.crs;
        item["size_bytes"] = input.sizeBytes;
        item["sha256"] = input.sha256;
        inputs.push_back(std::move(item));
    }
    out["inputs"] = std::move(inputs);
    return out;
}

void countScreeningResult(const ParcelScreening &result, ScreeningSummary &summary)
{
    ++summary.screened;
    if (result.verdict.eligible)
        ++summary.eligible;
    for (const std::string &reason : result.verdict.reasons)
        ++summary.excluded[reason];
    for (const std::string &flag : result.verdict.flags)
        ++summary.flagged[flag];
    if (result.slope.unknown)
        ++summary.slopeUnknown;
    if (result.slope.source == SlopeSource::Dem)
        ++summary.slopeFromDem;
    if (result.slope.source == SlopeSource::Attribute)
        ++summary.slopeFromAttribute;
    if (result.slope.disagrees)
        ++summary.slopeDisagreements;
    if (result.remainderM2 && *result.remainderM2 > 0.0)
        ++summary.remainders;
}

Status saveScreeningRun(Database &db, int srsId, const std::string &user, ScreeningSummary &summary,
                        const std::vector<ParcelScreening> &results,
                        std::span<const ReferenceLayerFeatures> layers, Progress &progress)
{
    (void)srsId;  // the remainders' table shares the parcels' CRS (Project::setCrs)
    auto transaction = Transaction::begin(db);
    if (!transaction)
        return transaction.error();
    GENGBAO_TRY(writeRun(db, user, summary));
    auto constraintIds = writeInputs(db, summary);
    if (!constraintIds)
        return constraintIds.error();
    GENGBAO_TRY(writeResults(db, summary, *constraintIds, results, progress));
    GENGBAO_TRY(writeRemainders(db, summary, results));
    GENGBAO_TRY(updateParcels(db, summary.runId));
    if (!layers.empty()) {
        auto stored = replaceReferenceLayers(db, layers, user);
        if (!stored)
            return stored.error();
    }
    auto audited =
        appendAudit(db, user, "screen", "screening run " + std::to_string(summary.runId), nullptr,
                    {{"run_id", summary.runId},
                     {"screened", summary.screened},
                     {"eligible", summary.eligible}});
    if (!audited)
        return audited.error();
    if (progress.cancelled())
        return makeError(ErrorCode::Cancelled, db.path(),
                         "screening cancelled; nothing was changed");
    return transaction->commit();
}

Status addToScreeningRun(Database &db, std::int64_t runId,
                         const std::vector<ParcelScreening> &results)
{
    auto run = db.prepare(
        "SELECT screened_count, eligible_count, summary FROM screening_runs WHERE id = ?");
    if (!run)
        return run.error();
    run->bind(1, runId);
    auto found = run->step();
    if (!found)
        return found.error();
    if (!*found)
        return makeError(ErrorCode::InvalidArgument, db.path(),
                         "has no screening run " + std::to_string(runId));
    ScreeningSummary summary;
    summary.runId = runId;
    summary.screened = run->int64(0);
    summary.eligible = run->int64(1);
    json stored = json::parse(run->text(2), nullptr, false);
    run->reset();
    if (!stored.is_object())
        stored = json::object();
    countsFromJson(stored, summary);

    std::vector<std::int64_t> constraintIds;
    auto ids = db.prepare("SELECT id FROM screening_inputs WHERE run_id = ? AND "
                          "role = 'constraint' ORDER BY position");
    if (!ids)
        return ids.error();
    ids->bind(1, runId);
    GENGBAO_TRY(ids->forEachRow(
        [&constraintIds](Statement &row) { constraintIds.push_back(row.int64(0)); }));
    std::vector<std::int64_t> fids;
    for (const ParcelScreening &parcel : results) {
        if (parcel.overlapM2.size() != constraintIds.size())
            return makeError(ErrorCode::InvalidArgument, db.path(),
                             "parcel " + parcel.parcelId + " was not screened with the " +
                                 std::to_string(constraintIds.size()) +
                                 " constraint layers of run " + std::to_string(runId));
        fids.push_back(parcel.fid);
        countScreeningResult(parcel, summary);
    }
    Progress unwatched;  // a few parcels: nothing to report or cancel half-way
    GENGBAO_TRY(writeResults(db, summary, constraintIds, results, unwatched));
    GENGBAO_TRY(writeRemainders(db, summary, results));
    GENGBAO_TRY(updateParcels(db, runId, &fids));

    // The run's counts now include these parcels; everything else it recorded stays.
    const json counts = screeningSummaryJson(summary);
    for (const char *key : {"screened", "eligible", "excluded", "slope_unknown", "flagged",
                            "slope_source", "slope_disagreements", "remainders"})
        stored[key] = counts[key];
    auto update = db.prepare("UPDATE screening_runs SET screened_count = ?1, "
                             "eligible_count = ?2, summary = ?3 WHERE id = ?4");
    if (!update)
        return update.error();
    update->bind(1, summary.screened).bind(2, summary.eligible).bind(3, stored.dump());
    update->bind(4, runId);
    return update->run();
}

Result<std::vector<ScreeningSummary>> listScreeningRuns(Project &project)
{
    Database &db = project.database();
    auto runs = db.prepare("SELECT id, started_at, finished_at, max_slope_deg, allow_terraces, "
                           "overlap_tolerance_m2, screened_count, eligible_count, summary "
                           "FROM screening_runs ORDER BY id");
    auto inputs = db.prepare("SELECT role, kind, action, path, layer_name, crs, feature_count, "
                             "size_bytes, sha256 FROM screening_inputs WHERE run_id = ? "
                             "ORDER BY position");
    if (!runs)
        return runs.error();
    if (!inputs)
        return inputs.error();
    std::vector<ScreeningSummary> list;
    GENGBAO_TRY(runs->forEachRow([&](Statement &row) -> Status {
        ScreeningSummary summary;
        summary.runId = row.int64(0);
        summary.startedAt = row.text(1);
        summary.finishedAt = row.text(2);
        summary.rules.maxSlopeDeg = row.real(3);
        summary.rules.allowTerraces = row.int64(4) != 0;
        summary.rules.overlapToleranceM2 = row.real(5);
        summary.screened = row.int64(6);
        summary.eligible = row.int64(7);
        countsFromJson(json::parse(row.text(8), nullptr, false), summary);
        inputs->bind(1, summary.runId);
        GENGBAO_TRY(inputs->forEachRow([&summary](Statement &input) {
            ScreeningInput item;
            item.role = input.text(0);
            item.kind = input.optionalText(1).value_or("");
            if (auto action = input.optionalText(2))
                item.action = parseAction(*action);
            item.path = input.text(3);
            item.layerName = input.optionalText(4).value_or("");
            item.crs = input.optionalText(5).value_or("");
            item.featureCount = input.optionalInt64(6).value_or(-1);
            item.sizeBytes = input.int64(7);
            item.sha256 = input.text(8);
            summary.inputs.push_back(std::move(item));
        }));
        inputs->reset();
        list.push_back(std::move(summary));
        return Status::success();
    }));
    return list;
}

Result<StoredScreeningRun> loadScreeningRun(Project &project, std::int64_t runId)
{
    auto runs = listScreeningRuns(project);
    if (!runs)
        return runs.error();
    if (runs->empty())
        return makeError(ErrorCode::InvalidArgument, project.path(), "has not been screened yet");
    StoredScreeningRun stored;
    bool found = false;
    for (ScreeningSummary &summary : *runs) {
        if (runId == 0 ? &summary == &runs->back() : summary.runId == runId) {
            stored.summary = std::move(summary);
            found = true;
            break;
        }
    }
    if (!found)
        return makeError(ErrorCode::InvalidArgument, project.path(),
                         "has no screening run " + std::to_string(runId));
    Database &db = project.database();
    std::map<std::int64_t, std::size_t> layerOf;  // input id -> constraint position
    {
        auto ids = db.prepare("SELECT id FROM screening_inputs WHERE run_id = ? AND "
                              "role = 'constraint' ORDER BY position");
        if (!ids)
            return ids.error();
        ids->bind(1, stored.summary.runId);
        GENGBAO_TRY(ids->forEachRow(
            [&layerOf](Statement &row) { layerOf.emplace(row.int64(0), layerOf.size()); }));
    }
    auto results = db.prepare(
        "SELECT parcel_fid, parcel_id, slope_deg, slope_max_deg, slope_steep_share, slope_grade, "
        "slope_grade_attr, slope_source, dem_coverage, redline_overlap_m2, remainder_m2, "
        "eligible, reasons, flags FROM screening_results WHERE run_id = ? ORDER BY parcel_fid");
    if (!results)
        return results.error();
    results->bind(1, stored.summary.runId);
    std::map<std::int64_t, std::size_t> indexOfFid;
    GENGBAO_TRY(results->forEachRow([&](Statement &row) {
        ParcelScreening parcel;
        parcel.fid = row.int64(0);
        parcel.parcelId = row.text(1);
        parcel.slope.slopeDeg = row.optionalReal(2);
        parcel.slopeMaxDeg = row.optionalReal(3);
        parcel.slopeSteepShare = row.optionalReal(4);
        if (auto grade = row.optionalInt64(5))
            parcel.slope.grade = static_cast<int>(*grade);
        if (auto grade = row.optionalInt64(6))
            parcel.slope.attributeGrade = static_cast<int>(*grade);
        const std::string source = row.optionalText(7).value_or("");
        parcel.slope.source = source == "dem"         ? SlopeSource::Dem
                              : source == "attribute" ? SlopeSource::Attribute
                                                      : SlopeSource::None;
        parcel.demCoverage = row.optionalReal(8);
        parcel.redLineOverlapM2 = row.optionalReal(9);
        parcel.remainderM2 = row.optionalReal(10);
        parcel.verdict.eligible = row.int64(11) != 0;
        parcel.verdict.reasons = parseList(row.text(12));
        parcel.verdict.flags = parseList(row.text(13));
        for (const std::string &reason : parcel.verdict.reasons) {
            if (reason == kReasonSlope)
                parcel.slope.excluded = true;
            if (reason == kReasonSlopeUnknown)
                parcel.slope.unknown = true;
        }
        for (const std::string &flag : parcel.verdict.flags) {
            if (flag == kFlagSlopeDisagrees)
                parcel.slope.disagrees = true;
        }
        parcel.overlapM2.assign(layerOf.size(), 0.0);
        indexOfFid.emplace(parcel.fid, stored.parcels.size());
        stored.parcels.push_back(std::move(parcel));
    }));
    auto overlaps = db.prepare(
        "SELECT parcel_fid, input_id, overlap_m2 FROM screening_overlaps WHERE run_id = ?");
    if (!overlaps)
        return overlaps.error();
    overlaps->bind(1, stored.summary.runId);
    GENGBAO_TRY(overlaps->forEachRow([&](Statement &row) {
        const auto parcel = indexOfFid.find(row.int64(0));
        const auto layer = layerOf.find(row.int64(1));
        if (parcel != indexOfFid.end() && layer != layerOf.end())
            stored.parcels[parcel->second].overlapM2[layer->second] = row.real(2);
    }));
    return stored;
}

}  // namespace gengbao::core
