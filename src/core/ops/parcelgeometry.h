// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"
#include "../db/gpkg.h"
#include "../geo/geodesicarea.h"
#include "../geo/geoscontext.h"
#include "../geo/handles.h"
#include "../io/parcelreader.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gengbao::core {

// The geometry stage of an import, one feature at a time: reprojection to the project CRS, GEOS
// validity check and MakeValid repair, MultiPolygon, envelope, GeoPackage blob and ellipsoidal
// area. Runs on every core; each thread has its own GeometryWorker.

// Per-thread tools: a GEOS context, an OGR transformation and a PROJ context, none of which may
// be shared between threads.
class GeometryWorker
{
public:
    // sameCrs: the file is already in the project CRS, so no transformation is made.
    static Result<std::unique_ptr<GeometryWorker>> create(OGRSpatialReferenceH source,
                                                          OGRSpatialReferenceH project,
                                                          bool sameCrs, int projectEpsg);
    ~GeometryWorker();
    GeometryWorker(const GeometryWorker &) = delete;
    GeometryWorker &operator=(const GeometryWorker &) = delete;

    GeosContext geos;
    TransformPtr toProject;  // null when the source is already in the project CRS
    std::optional<GeodesicArea> area;
    GEOSWKBReader *reader = nullptr;
    GEOSWKBWriter *writer = nullptr;

private:
    GeometryWorker() = default;
};

// A feature after the geometry stage: rejected with a reason, or ready to insert.
struct PreparedGeometry
{
    bool rejected = false;
    std::string code;    // rejection code
    std::string detail;  // rejection reason
    bool repaired = false;
    std::string repairDetail;
    std::vector<unsigned char> blob;  // GeoPackage geometry in the project CRS
    gpkg::Envelope envelope;
    double areaM2 = 0.0;  // ellipsoidal
};

// The polygons of a geometry as one (Multi)Polygon: itself when polygonal, else a collection's
// polygons united (MakeValid, a clip or an overlay may add lines, points or parts touching along
// an edge); null when it holds none.
GeosGeometry polygonalPart(GEOSContextHandle_t context, GeosGeometry geometry);
// A Polygon or MultiPolygon as a MultiPolygon, the type of the project's feature tables.
GeosGeometry asMultiPolygon(GEOSContextHandle_t context, GeosGeometry geometry);

PreparedGeometry prepareGeometry(const RawFeature &raw, GeometryWorker &worker, int projectEpsg);

}  // namespace gengbao::core
