// SPDX-License-Identifier: GPL-3.0-or-later
#include "drawnparcel.h"

#include "../base/clock.h"
#include "../base/units.h"
#include "../db/database.h"
#include "../db/gpkg.h"
#include "../db/statement.h"
#include "../db/transaction.h"
#include "../domain/lifecycle.h"
#include "../domain/parcel.h"
#include "../project.h"
#include "audit.h"
#include "parcelgeometry.h"
#include "plans.h"
#include "screeningstore.h"
#include "screenparcels.h"

#include <cmath>
#include <exception>
#include <filesystem>
#include <set>
#include <utility>

namespace gengbao::core {

namespace {

using json = nlohmann::ordered_json;

// The batch label of a drawn parcel: data shown beside the labels of imported batches, which are
// the officer's own (首批) or a file's name.
constexpr const char *kDrawnBatchLabel = "地图绘制";

// A drawn polygon once checked: its GeoPackage geometry in the project CRS and its areas.
struct DrawnGeometry
{
    std::vector<unsigned char> blob;
    gpkg::Envelope envelope;
    double areaM2 = 0.0;  // ellipsoidal, as an imported parcel's
};

Error refused(std::string detail)
{
    return makeError(ErrorCode::InvalidArgument, {}, "the drawn parcel " + std::move(detail));
}

// Checks the ring and makes the parcel's geometry. A drawn ring is refused rather than repaired
// (the import repairs what the county sends): the officer can redraw it, and a MakeValid of a
// crossing ring would store a shape nobody drew.
Result<DrawnGeometry> drawnGeometry(const std::vector<double> &ringXY, int projectEpsg)
{
    if (ringXY.size() % 2 != 0)
        return refused("has an odd number of coordinates");
    // Vertex snapping can repeat a vertex; repeats and the closing vertex are dropped here.
    std::vector<double> xy;
    for (std::size_t i = 0; i + 1 < ringXY.size(); i += 2) {
        const double x = ringXY[i], y = ringXY[i + 1];
        if (!std::isfinite(x) || !std::isfinite(y))
            return refused("has a coordinate that is not a number");
        if (xy.size() >= 2 && x == xy[xy.size() - 2] && y == xy[xy.size() - 1])
            continue;
        xy.push_back(x);
        xy.push_back(y);
    }
    while (xy.size() >= 4 && xy[0] == xy[xy.size() - 2] && xy[1] == xy[xy.size() - 1])
        xy.resize(xy.size() - 2);
    std::set<std::pair<double, double>> distinct;
    for (std::size_t i = 0; i < xy.size(); i += 2)
        distinct.emplace(xy[i], xy[i + 1]);
    if (distinct.size() < 3)
        return refused("needs at least 3 distinct vertices; it has " +
                       std::to_string(distinct.size()));
    xy.push_back(xy[0]);
    xy.push_back(xy[1]);

    // The import's tools: a GEOS context, the ellipsoidal area and the WKB writer.
    auto worker = GeometryWorker::create(nullptr, nullptr, true, projectEpsg);
    if (!worker)
        return worker.error();
    const GEOSContextHandle_t context = (*worker)->geos.handle();
    GEOSCoordSequence *sequence =
        GEOSCoordSeq_copyFromBuffer_r(context, xy.data(), xy.size() / 2, 0, 0);
    GEOSGeometry *ring = sequence ? GEOSGeom_createLinearRing_r(context, sequence) : nullptr;
    GeosGeometry polygon(context,
                         ring ? GEOSGeom_createPolygon_r(context, ring, nullptr, 0) : nullptr);
    if (!polygon)
        return refused("is not a ring (" + (*worker)->geos.lastError() + ")");
    if (GEOSisValid_r(context, polygon.get()) != 1) {
        char *reason = GEOSisValidReason_r(context, polygon.get());
        const std::string why = reason ? reason : "invalid";
        GEOSFree_r(context, reason);
        return refused("is not a valid polygon (" + why + "): its edges must not cross or touch");
    }
    double planarM2 = 0.0;
    GEOSArea_r(context, polygon.get(), &planarM2);
    GeosGeometry multi = asMultiPolygon(context, std::move(polygon));
    DrawnGeometry out;
    out.areaM2 = (*worker)->area->area(context, multi.get());
    if (!(planarM2 > 0.0) || !(out.areaM2 > 0.0))
        return refused("has no area");
    GEOSGeom_getXMin_r(context, multi.get(), &out.envelope.minX);
    GEOSGeom_getXMax_r(context, multi.get(), &out.envelope.maxX);
    GEOSGeom_getYMin_r(context, multi.get(), &out.envelope.minY);
    GEOSGeom_getYMax_r(context, multi.get(), &out.envelope.maxY);
    std::size_t size = 0;
    unsigned char *wkb = GEOSWKBWriter_write_r(context, (*worker)->writer, multi.get(), &size);
    out.blob =
        gpkg::encodeGeometry(projectEpsg, out.envelope, std::span<const unsigned char>(wkb, size));
    GEOSFree_r(context, wkb);
    return out;
}

// A batch of its own for the drawn parcel, as every import has one (source village).
Result<std::int64_t> insertBatch(Database &db, int projectEpsg, const std::string &user)
{
    auto insert = db.prepare(
        "INSERT INTO batches (label, source, file_name, source_crs, imported_at, imported_by, "
        "read_count, imported_count) VALUES (?1, ?2, '', ?3, ?4, ?5, 1, 1)");
    if (!insert)
        return insert.error();
    insert->bind(1, kDrawnBatchLabel).bind(2, sourceName(ParcelSource::Village));
    insert->bind(3, "EPSG:" + std::to_string(projectEpsg)).bind(4, utcNow()).bind(5, user);
    GENGBAO_TRY(insert->run());
    return db.lastInsertRowId();
}

// The parcel as a village's proposal: candidate stage, proposal "proposed", the village's
// 19-digit village-level ZLDWDM, the note as its 备注. Areas as the import computes them for a
// parcel without TBMJ or KCXS.
Result<std::int64_t> insertParcel(Database &db, const DrawnGeometry &geometry,
                                  const std::string &parcelId, std::int64_t batchId,
                                  const std::string &villageCode, const std::string &villageName,
                                  const std::string &note)
{
    auto insert = db.prepare(
        "INSERT INTO parcels (geom, parcel_id, batch_id, source, zldwdm, zldwmc, village_code, "
        "bz, area_m2, gross_m2, net_m2, gross_mu, net_mu, stage, proposal, attributes) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, '{}')");
    if (!insert)
        return insert.error();
    const double gross = geometry.areaM2;
    const double net = netSquareMetres(gross, std::nullopt);
    insert->bindBlob(1, geometry.blob.data(), geometry.blob.size());
    insert->bind(2, parcelId).bind(3, batchId).bind(4, sourceName(ParcelSource::Village));
    insert->bind(5, villageCode + "0000000").bind(6, villageName).bind(7, villageCode);
    if (note.empty())
        insert->bindNull(8);
    else
        insert->bind(8, note);
    insert->bind(9, geometry.areaM2).bind(10, gross).bind(11, net);
    insert->bind(12, squareMetresToMu(gross)).bind(13, squareMetresToMu(net));
    insert->bind(14, kStageCandidate).bind(15, proposalName(Proposal::Proposed));
    GENGBAO_TRY(insert->run());  // the R-tree through its trigger: one row
    const std::int64_t fid = db.lastInsertRowId();
    GENGBAO_TRY(gpkg::refreshExtent(db, "parcels"));
    return fid;
}

Result<std::string> villageName(Database &db, const std::string &code)
{
    auto query = db.prepare("SELECT name FROM villages WHERE code = ?");
    if (!query)
        return query.error();
    query->bind(1, code);
    auto row = query->step();
    if (!row)
        return row.error();
    return *row ? query->text(0) : code;
}

// Errors that mean the run's files no longer read as they did (replaced, moved, damaged): the
// parcel stays unscreened. Anything else (the database, a cancel) ends the whole proposal.
bool isInputProblem(const Error &error)
{
    return error.code != ErrorCode::Database && error.code != ErrorCode::Cancelled;
}

// Screens the new parcel with the current run's rules and inputs and adds it to that run; leaves
// it unscreened and says why when there is no run, or a file of the run is gone or changed.
Status screenWithCurrentRun(Project &project, const std::string &user, DrawnParcelResult &result,
                            Progress &progress)
{
    auto runs = listScreeningRuns(project);
    if (!runs)
        return runs.error();
    if (runs->empty()) {
        result.notScreened = "the project has not been screened yet";
        return Status::success();
    }
    const ScreeningSummary &run = runs->back();
    const std::string ofRun = " of screening run " + std::to_string(run.runId);
    ScreeningRequest request;
    request.rules = run.rules;
    request.user = user;
    for (const ScreeningInput &input : run.inputs) {
        std::error_code ec;
        if (!std::filesystem::exists(input.path, ec)) {
            result.notScreened = "the file " + input.path + ofRun + " is missing";
            return Status::success();
        }
        if (input.role == "dem") {
            request.demPath = input.path;
        } else {
            ConstraintSpec spec;
            spec.path = input.path;
            if (!input.layerName.empty())
                spec.layer = input.layerName;
            spec.kind = input.kind;
            spec.action = input.action.value_or(ConstraintAction::Exclude);
            request.constraints.push_back(std::move(spec));
        }
    }
    auto screened = screenSomeParcels(project, request, {result.fid}, progress);
    if (!screened) {
        if (!isInputProblem(screened.error()))
            return screened.error();
        result.notScreened =
            "the inputs" + ofRun + " no longer read: " + screened.error().message();
        return Status::success();
    }
    for (std::size_t i = 0; i < run.inputs.size() && i < screened->inputs.size(); ++i) {
        if (screened->inputs[i].sha256 != run.inputs[i].sha256) {
            result.notScreened = "the file " + run.inputs[i].path +
                                 " changed since screening run " + std::to_string(run.runId);
            return Status::success();
        }
    }
    GENGBAO_TRY(addToScreeningRun(project.database(), run.runId, screened->parcels));
    const ParcelVerdict &verdict = screened->parcels.front().verdict;
    result.screeningRunId = run.runId;
    result.eligible = verdict.eligible;
    result.reasons = verdict.reasons;
    result.flags = verdict.flags;
    return Status::success();
}

json resultJson(const DrawnParcelResult &result, const std::string &villageCode,
                const std::string &note)
{
    json out = {{"parcel_id", result.parcelId}, {"fid", result.fid},
                {"batch_id", result.batchId},   {"village_code", villageCode},
                {"area_m2", result.areaM2},     {"note", note}};
    if (result.screeningRunId) {
        out["screening_run_id"] = *result.screeningRunId;
        out["eligible"] = result.eligible.value_or(false);
        out["reasons"] = result.reasons;
    } else {
        out["not_screened"] = result.notScreened;
    }
    return out;
}

}  // namespace

Result<DrawnParcelResult> proposeDrawnParcel(Project &project, const DrawnParcel &parcel,
                                             Progress &progress)
{
    try {
        if (!project.settings().crsEpsg)
            return makeError(ErrorCode::InvalidArgument, project.path(),
                             "has no coordinate system yet: import the candidate parcels first");
        const int projectEpsg = *project.settings().crsEpsg;
        auto geometry = drawnGeometry(parcel.ringXY, projectEpsg);
        if (!geometry) {
            Error error = geometry.error();
            error.file = project.path();
            return error;
        }
        const std::string user = parcel.user.empty() ? loginName() : parcel.user;

        Database &db = project.database();
        auto transaction = Transaction::begin(db);
        if (!transaction)
            return transaction.error();
        auto code = resolveVillage(db, parcel.villageCode);
        if (!code) {
            Error error = code.error();
            error.file = project.path();
            return error;
        }
        auto name = villageName(db, *code);
        if (!name)
            return name.error();
        auto batchId = insertBatch(db, projectEpsg, user);
        if (!batchId)
            return batchId.error();
        DrawnParcelResult result;
        result.batchId = *batchId;
        // As for an imported parcel without BSM: B<batch>-<feature>, the batch's only feature.
        result.parcelId = "B" + std::to_string(result.batchId) + "-1";
        result.areaM2 = geometry->areaM2;
        auto fid =
            insertParcel(db, *geometry, result.parcelId, result.batchId, *code, *name, parcel.note);
        if (!fid)
            return fid.error();
        result.fid = *fid;

        GENGBAO_TRY(screenWithCurrentRun(project, user, result, progress));
        auto audited = appendAudit(db, user, "propose", "parcel " + result.parcelId, nullptr,
                                   resultJson(result, *code, parcel.note));
        if (!audited)
            return audited.error();
        if (progress.cancelled())
            return makeError(ErrorCode::Cancelled, project.path(),
                             "cancelled; the drawn parcel was not added");
        GENGBAO_TRY(transaction->commit());
        return result;
    } catch (const std::exception &exception) {
        return makeError(ErrorCode::Io, project.path(),
                         std::string("adding the drawn parcel failed: ") + exception.what());
    }
}

}  // namespace gengbao::core
