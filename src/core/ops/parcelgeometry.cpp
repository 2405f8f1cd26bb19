// SPDX-License-Identifier: GPL-3.0-or-later
#include "parcelgeometry.h"

#include <cmath>
#include <cstdio>

namespace gengbao::core {

namespace {

// Calls visit(x, y) on every vertex of a GEOS geometry until it returns false; false then.
template <typename Visit>
bool everyGeosVertex(GEOSContextHandle_t context, const GEOSGeometry *geometry, Visit &visit)
{
    const int type = GEOSGeomTypeId_r(context, geometry);
    if (type == GEOS_POLYGON) {
        if (!everyGeosVertex(context, GEOSGetExteriorRing_r(context, geometry), visit))
            return false;
        const int holes = GEOSGetNumInteriorRings_r(context, geometry);
        for (int h = 0; h < holes; ++h) {
            if (!everyGeosVertex(context, GEOSGetInteriorRingN_r(context, geometry, h), visit))
                return false;
        }
        return true;
    }
    if (type == GEOS_MULTIPOINT || type == GEOS_MULTILINESTRING || type == GEOS_MULTIPOLYGON ||
        type == GEOS_GEOMETRYCOLLECTION) {
        const int parts = GEOSGetNumGeometries_r(context, geometry);
        for (int p = 0; p < parts; ++p) {
            if (!everyGeosVertex(context, GEOSGetGeometryN_r(context, geometry, p), visit))
                return false;
        }
        return true;
    }
    const GEOSCoordSequence *sequence = GEOSGeom_getCoordSeq_r(context, geometry);
    unsigned int size = 0;
    if (!sequence || !GEOSCoordSeq_getSize_r(context, sequence, &size))
        return true;
    for (unsigned int i = 0; i < size; ++i) {
        double x = 0.0, y = 0.0;
        GEOSCoordSeq_getXY_r(context, sequence, i, &x, &y);
        if (!visit(x, y))
            return false;
    }
    return true;
}

// Calls visit(x, y) on every vertex of an OGR geometry until it returns false; false then.
template <typename Visit> bool everyOgrVertex(OGRGeometryH geometry, Visit &visit)
{
    const int parts = OGR_G_GetGeometryCount(geometry);
    for (int p = 0; p < parts; ++p) {
        if (!everyOgrVertex(OGR_G_GetGeometryRef(geometry, p), visit))
            return false;
    }
    const int points = parts > 0 ? 0 : OGR_G_GetPointCount(geometry);
    for (int i = 0; i < points; ++i) {
        if (!visit(OGR_G_GetX(geometry, i), OGR_G_GetY(geometry, i)))
            return false;
    }
    return true;
}

std::string formatVertex(double x, double y)
{
    char text[96];
    std::snprintf(text, sizeof text, "x=%.10g, y=%.10g", x, y);
    return text;
}

// Why a geometry could not be transformed: its first vertex that is not a finite number or
// cannot be transformed on its own. Empty when every vertex transforms alone.
std::string untransformableVertexDetail(OGRGeometryH geometry,
                                        OGRCoordinateTransformationH transform, int projectEpsg)
{
    std::string detail;
    auto visit = [&](double x, double y) {
        if (!std::isfinite(x) || !std::isfinite(y)) {
            detail = "has a vertex at " + formatVertex(x, y) +
                     " (not a finite number): a damaged coordinate";
            return false;
        }
        double tx = x, ty = y;
        int ok = FALSE;
        if (!OCTTransformEx(transform, 1, &tx, &ty, nullptr, &ok) || !ok || !std::isfinite(tx) ||
            !std::isfinite(ty)) {
            detail = "has a vertex at " + formatVertex(x, y) +
                     " (in the file's CRS) that cannot be transformed to EPSG:" +
                     std::to_string(projectEpsg) + ": a damaged or mistyped coordinate";
            return false;
        }
        return true;
    };
    everyOgrVertex(geometry, visit);
    return detail;
}

}  // namespace

std::optional<StrayVertex> findStrayVertex(GEOSContextHandle_t context,
                                           const GEOSGeometry *geometry,
                                           const crs::PlausibleExtent *extent)
{
    std::optional<StrayVertex> stray;
    auto visit = [&](double x, double y) {
        const bool plausible =
            extent ? extent->contains(x, y) : std::isfinite(x) && std::isfinite(y);
        if (!plausible)
            stray = StrayVertex{x, y};
        return plausible;
    };
    everyGeosVertex(context, geometry, visit);
    return stray;
}

std::string strayVertexDetail(const StrayVertex &vertex, const crs::PlausibleExtent *extent)
{
    const std::string at = "has a vertex at " + formatVertex(vertex.x, vertex.y);
    if (!std::isfinite(vertex.x) || !std::isfinite(vertex.y) || !extent)
        return at + " (not a finite number): a damaged coordinate";
    return at + ", outside " + extent->description + ": a damaged or mistyped coordinate";
}

Result<std::unique_ptr<GeometryWorker>> GeometryWorker::create(OGRSpatialReferenceH source,
                                                               OGRSpatialReferenceH project,
                                                               bool sameCrs, int projectEpsg)
{
    std::unique_ptr<GeometryWorker> worker(new GeometryWorker);
    if (!sameCrs) {
        CplErrorCapture capture;
        worker->toProject.reset(OCTNewCoordinateTransformation(source, project));
        if (!worker->toProject)
            return makeError(ErrorCode::BadCrs, {},
                             "no transformation to EPSG:" + std::to_string(projectEpsg));
    }
    auto area = GeodesicArea::create(projectEpsg);
    if (!area)
        return area.error();
    worker->area.emplace(std::move(area).value());
    const GEOSContextHandle_t context = worker->geos.handle();
    worker->reader = GEOSWKBReader_create_r(context);
    worker->writer = GEOSWKBWriter_create_r(context);
    GEOSWKBWriter_setByteOrder_r(context, worker->writer, GEOS_WKB_NDR);
    GEOSWKBWriter_setOutputDimension_r(context, worker->writer, 2);
    return worker;
}

GeometryWorker::~GeometryWorker()
{
    if (reader)
        GEOSWKBReader_destroy_r(geos.handle(), reader);
    if (writer)
        GEOSWKBWriter_destroy_r(geos.handle(), writer);
}

GeosGeometry polygonalPart(GEOSContextHandle_t context, GeosGeometry geometry)
{
    const int type = GEOSGeomTypeId_r(context, geometry.get());
    if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON)
        return geometry;
    if (type != GEOS_GEOMETRYCOLLECTION)
        return {};
    std::vector<GEOSGeometry *> polygons;
    const int count = GEOSGetNumGeometries_r(context, geometry.get());
    for (int i = 0; i < count; ++i) {
        const GEOSGeometry *part = GEOSGetGeometryN_r(context, geometry.get(), i);
        const int partType = GEOSGeomTypeId_r(context, part);
        if (partType == GEOS_POLYGON) {
            polygons.push_back(GEOSGeom_clone_r(context, part));
        } else if (partType == GEOS_MULTIPOLYGON) {
            const int subCount = GEOSGetNumGeometries_r(context, part);
            for (int k = 0; k < subCount; ++k)
                polygons.push_back(GEOSGeom_clone_r(context, GEOSGetGeometryN_r(context, part, k)));
        }
    }
    if (polygons.empty())
        return {};
    GeosGeometry collection(context,
                            GEOSGeom_createCollection_r(context, GEOS_MULTIPOLYGON, polygons.data(),
                                                        static_cast<unsigned>(polygons.size())));
    // Parts of one repaired ring may touch along an edge; union makes them one valid polygon.
    return GeosGeometry(context, GEOSUnaryUnion_r(context, collection.get()));
}

GeosGeometry asMultiPolygon(GEOSContextHandle_t context, GeosGeometry geometry)
{
    if (GEOSGeomTypeId_r(context, geometry.get()) == GEOS_MULTIPOLYGON)
        return geometry;
    GEOSGeometry *part = geometry.release();
    return GeosGeometry(context, GEOSGeom_createCollection_r(context, GEOS_MULTIPOLYGON, &part, 1));
}

PreparedGeometry prepareGeometry(const RawFeature &raw, GeometryWorker &worker, int projectEpsg)
{
    PreparedGeometry out;
    const auto reject = [&out](std::string code, std::string detail) {
        out.rejected = true;
        out.code = std::move(code);
        out.detail = std::move(detail);
        return out;
    };
    if (raw.wkb.empty())
        return reject("no_geometry", "has no geometry");
    const GEOSContextHandle_t context = worker.geos.handle();
    GeosGeometry geos;
    if (!worker.toProject) {
        // Already in the project CRS: GEOS reads the source WKB as it is.
        geos = GeosGeometry(
            context, GEOSWKBReader_read_r(context, worker.reader, raw.wkb.data(), raw.wkb.size()));
        const int type = geos ? GEOSGeomTypeId_r(context, geos.get()) : -1;
        if (geos && type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON)
            return reject("not_polygon", "is a " + raw.geometryTypeName + ", not a polygon");
    } else {
        OGRGeometryH created = nullptr;
        if (OGR_G_CreateFromWkb(raw.wkb.data(), nullptr, &created,
                                static_cast<int>(raw.wkb.size())) != OGRERR_NONE) {
            return reject("bad_geometry", "has a geometry that cannot be decoded");
        }
        OgrGeometryPtr geometry(created);
        const auto type = wkbFlatten(OGR_G_GetGeometryType(geometry.get()));
        if (type != wkbPolygon && type != wkbMultiPolygon)
            return reject("not_polygon", "is a " + raw.geometryTypeName + ", not a polygon");
        if (OGR_G_Transform(geometry.get(), worker.toProject.get()) != OGRERR_NONE) {
            // OGR_G_Transform stops at the first failing point and may have moved the others.
            OGRGeometryH original = nullptr;
            OGR_G_CreateFromWkb(raw.wkb.data(), nullptr, &original,
                                static_cast<int>(raw.wkb.size()));
            const OgrGeometryPtr source(original);
            const std::string why =
                source
                    ? untransformableVertexDetail(source.get(), worker.toProject.get(), projectEpsg)
                    : std::string();
            if (!why.empty())
                return reject(kImplausibleCoordinates, why);
            return reject("transform_failed",
                          "cannot be transformed to EPSG:" + std::to_string(projectEpsg));
        }
        std::vector<unsigned char> wkb(static_cast<std::size_t>(OGR_G_WkbSize(geometry.get())));
        OGR_G_ExportToWkb(geometry.get(), wkbNDR, wkb.data());
        geos = GeosGeometry(context,
                            GEOSWKBReader_read_r(context, worker.reader, wkb.data(), wkb.size()));
    }
    if (!geos)
        return reject("bad_geometry",
                      "has a geometry GEOS cannot read: " + worker.geos.lastError());
    // Before any GEOS operation: validity checks and MakeValid on a vertex at 1e45 or NaN are
    // at best slow and at worst undefined.
    const crs::PlausibleExtent *extent = worker.vertexExtent ? &*worker.vertexExtent : nullptr;
    if (const auto stray = findStrayVertex(context, geos.get(), extent))
        return reject(kImplausibleCoordinates, strayVertexDetail(*stray, extent));
    if (GEOSisValid_r(context, geos.get()) != 1) {
        char *reason = GEOSisValidReason_r(context, geos.get());
        const std::string why = reason ? reason : "invalid";
        GEOSFree_r(context, reason);
        GeosGeometry fixed(context, GEOSMakeValid_r(context, geos.get()));
        geos = fixed ? polygonalPart(context, std::move(fixed)) : GeosGeometry();
        if (!geos || GEOSisEmpty_r(context, geos.get()) == 1)
            return reject("unrepairable", "has an invalid geometry (" + why +
                                              ") that has no polygonal part once repaired");
        out.repaired = true;
        out.repairDetail = "invalid geometry (" + why + ") repaired with GEOS MakeValid";
    }
    geos = asMultiPolygon(context, std::move(geos));
    out.areaM2 = worker.area->area(context, geos.get());
    if (!(out.areaM2 > 0.0))
        return reject("zero_area", "has a polygon without area");
    GEOSGeom_getXMin_r(context, geos.get(), &out.envelope.minX);
    GEOSGeom_getXMax_r(context, geos.get(), &out.envelope.maxX);
    GEOSGeom_getYMin_r(context, geos.get(), &out.envelope.minY);
    GEOSGeom_getYMax_r(context, geos.get(), &out.envelope.maxY);
    std::size_t size = 0;
    unsigned char *written = GEOSWKBWriter_write_r(context, worker.writer, geos.get(), &size);
    out.blob = gpkg::encodeGeometry(projectEpsg, out.envelope,
                                    std::span<const unsigned char>(written, size));
    GEOSFree_r(context, written);
    return out;
}

}  // namespace gengbao::core
