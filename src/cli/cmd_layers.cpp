// SPDX-License-Identifier: GPL-3.0-or-later
// add-layer, layers and propose: the map's reference layers and the village proposals drawn on it.
#include "arguments.h"
#include "commands.h"
#include "output.h"

#include <core/base/units.h>
#include <core/domain/lifecycle.h>
#include <core/domain/parcel.h>
#include <core/geo/handles.h>
#include <core/ops/drawnparcel.h>
#include <core/ops/referencelayers.h>
#include <core/project.h>

#include <ogr_api.h>

#include <iostream>

namespace gengbao::cli {

namespace {

using json = nlohmann::ordered_json;

json layerJson(const core::ReferenceLayerInfo &layer)
{
    json out;
    out["id"] = layer.id;
    out["kind"] = layer.kind;
    out["name"] = layer.name;
    out["file"] = layer.sourcePath;
    out["layer"] = layer.sourceLayer;
    out["features"] = layer.featureCount;
    out["sha256"] = layer.sha256;
    out["imported_at"] = layer.importedAt;
    return out;
}

// The outer ring of a WKT polygon (project CRS), as the map would hand it over.
std::vector<double> ringOfWkt(const std::string &wkt)
{
    std::string text = wkt;
    char *cursor = text.data();
    OGRGeometryH parsed = nullptr;
    if (OGR_G_CreateFromWkt(&cursor, nullptr, &parsed) != OGRERR_NONE || !parsed)
        throw UsageError("--wkt is not WKT: '" + wkt + "'");
    const core::OgrGeometryPtr geometry(parsed);
    if (wkbFlatten(OGR_G_GetGeometryType(geometry.get())) != wkbPolygon)
        throw UsageError("--wkt needs a POLYGON, not a " +
                         std::string(OGR_G_GetGeometryName(geometry.get())));
    if (OGR_G_GetGeometryCount(geometry.get()) != 1)
        throw UsageError("--wkt needs a polygon of one ring (a drawn parcel has no holes)");
    OGRGeometryH ring = OGR_G_GetGeometryRef(geometry.get(), 0);
    std::vector<double> xy;
    for (int i = 0; i < OGR_G_GetPointCount(ring); ++i) {
        xy.push_back(OGR_G_GetX(ring, i));
        xy.push_back(OGR_G_GetY(ring, i));
    }
    return xy;
}

}  // namespace

int runAddLayer(const std::vector<std::string> &args)
{
    const Arguments arguments(args, {"--kind", "--name", "--label-field"}, {});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    const std::string &file = arguments.required(1, "FILE[:LAYER] to add");
    arguments.expectPositionalCount(2);
    const auto kind = arguments.value("--kind");
    if (!kind || kind->empty())
        throw UsageError("--kind is required: village for village boundaries, or e.g. redline");

    core::ReferenceLayerRequest request;
    FileAndLayer source = splitFileAndLayer(file);
    request.path = std::move(source.path);
    request.layerName = source.layer.value_or("");
    request.kind = *kind;
    request.name = arguments.value("--name").value_or("");
    request.labelField = arguments.value("--label-field").value_or("");

    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    TerminalProgress progress;
    auto layer = core::importReferenceLayer(**project, request, progress);
    if (!layer)
        return fail(layer.error());
    json out = layerJson(*layer);
    out["issues"] = toJson(layer->issues);
    std::cout << out.dump(2) << "\n";
    return 0;
}

int runLayers(const std::vector<std::string> &args)
{
    const Arguments arguments(args, {}, {});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    arguments.expectPositionalCount(1);
    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    auto layers = core::listReferenceLayers(**project);
    if (!layers)
        return fail(layers.error());
    json out = json::array();
    for (const core::ReferenceLayerInfo &layer : *layers)
        out.push_back(layerJson(layer));
    std::cout << out.dump(2) << "\n";
    return 0;
}

int runPropose(const std::vector<std::string> &args)
{
    const Arguments arguments(args, {"--village", "--wkt", "--note"}, {});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    arguments.expectPositionalCount(1);
    const auto village = arguments.value("--village");
    if (!village || village->empty())
        throw UsageError("--village is required (a village name or 12-digit code)");
    const auto wkt = arguments.value("--wkt");
    if (!wkt)
        throw UsageError("--wkt is required, e.g. --wkt 'POLYGON((x0 y0, x1 y1, x2 y2, x0 y0))'");

    core::DrawnParcel parcel;
    parcel.ringXY = ringOfWkt(*wkt);
    parcel.villageCode = *village;
    parcel.note = arguments.value("--note").value_or("");

    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    TerminalProgress progress;
    auto result = core::proposeDrawnParcel(**project, parcel, progress);
    if (!result)
        return fail(result.error());
    json out;
    out["parcel_id"] = result->parcelId;
    out["fid"] = result->fid;
    out["batch_id"] = result->batchId;
    out["area_m2"] = core::roundDecimal(result->areaM2, 2);
    out["area_mu"] = core::roundDecimal(core::squareMetresToMu(result->areaM2), 2);
    out["stage"] = core::kStageCandidate;  // where every proposal starts
    out["proposal"] = core::proposalName(core::Proposal::Proposed);
    out["screened"] = result->screeningRunId.has_value();
    if (result->screeningRunId) {
        out["screening_run_id"] = *result->screeningRunId;
        out["eligible"] = result->eligible.value_or(false);
        out["reasons"] = result->reasons;
        out["flags"] = result->flags;
    } else {
        out["not_screened"] = result->notScreened;
    }
    std::cout << out.dump(2) << "\n";
    return 0;
}

}  // namespace gengbao::cli
