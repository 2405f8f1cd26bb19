// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"
#include "../db/gpkg.h"
#include "../geo/crs.h"
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
    // Where a parcel's vertices may lie in the project CRS; a feature with a vertex outside is
    // refused. Without it (constraint layers, whose red line may span a province) only vertices
    // that are not finite numbers are refused.
    std::optional<crs::PlausibleExtent> vertexExtent;
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

// A vertex no parcel can have: not a finite number, or outside the CRS's plausible extent.
struct StrayVertex
{
    double x = 0.0, y = 0.0;
};
// The first such vertex of a geometry, if any; with a null extent, only non-finite ones.
std::optional<StrayVertex> findStrayVertex(GEOSContextHandle_t context,
                                           const GEOSGeometry *geometry,
                                           const crs::PlausibleExtent *extent);
// "has a vertex at x=1e+20, y=3154000, outside the area of use of EPSG:4545 (…) widened by 3°:
// a damaged or mistyped coordinate".
std::string strayVertexDetail(const StrayVertex &vertex, const crs::PlausibleExtent *extent);

// Refusal codes of features whose coordinates or area no parcel can have (issue 13).
inline constexpr const char *kImplausibleCoordinates = "implausible_coordinates";
inline constexpr const char *kImplausibleArea = "implausible_area";

PreparedGeometry prepareGeometry(const RawFeature &raw, GeometryWorker &worker, int projectEpsg);

}  // namespace gengbao::core
