// SPDX-License-Identifier: GPL-3.0-or-later
#include "geodesicarea.h"

#include "crs.h"

#include <cmath>
#include <string>

namespace gengbao::core {

Result<GeodesicArea> GeodesicArea::create(int sourceEpsg)
{
    GeodesicArea result;
    result.mContext.reset(proj_context_create());
    proj_log_level(result.mContext.get(), PJ_LOG_NONE);
    const std::string source = "EPSG:" + std::to_string(sourceEpsg);
    const std::string target = "EPSG:" + std::to_string(crs::kCgcs2000Geographic);
    ProjPtr raw(
        proj_create_crs_to_crs(result.mContext.get(), source.c_str(), target.c_str(), nullptr));
    if (!raw)
        return makeError(ErrorCode::BadCrs, {},
                         "no transformation from " + source + " to " + target);
    // Longitude first, degrees, whatever the EPSG axis order says.
    result.mToGeographic.reset(proj_normalize_for_visualization(result.mContext.get(), raw.get()));
    if (!result.mToGeographic)
        return makeError(ErrorCode::BadCrs, {},
                         "cannot normalise the transformation from " + source);
    geod_init(&result.mEllipsoid, 6378137.0, 1.0 / 298.257222101);
    return result;
}

double GeodesicArea::ringArea(const double *x, const double *y, std::size_t count)
{
    // The closing vertex repeats the first; geod_polygonarea closes the ring itself.
    if (count >= 2 && x[0] == x[count - 1] && y[0] == y[count - 1])
        --count;
    if (count < 3)
        return 0.0;
    mLon.assign(x, x + count);
    mLat.assign(y, y + count);
    proj_trans_generic(mToGeographic.get(), PJ_FWD, mLon.data(), sizeof(double), count, mLat.data(),
                       sizeof(double), count, nullptr, 0, 0, nullptr, 0, 0);
    double area = 0.0;
    double perimeter = 0.0;
    geod_polygonarea(&mEllipsoid, mLat.data(), mLon.data(), static_cast<int>(count), &area,
                     &perimeter);
    return std::fabs(area);
}

double GeodesicArea::polygonArea(GEOSContextHandle_t context, const GEOSGeometry *polygon)
{
    std::vector<double> xs, ys;
    const auto ringOf = [&](const GEOSGeometry *ring) {
        const GEOSCoordSequence *sequence = GEOSGeom_getCoordSeq_r(context, ring);
        unsigned int size = 0;
        GEOSCoordSeq_getSize_r(context, sequence, &size);
        xs.resize(size);
        ys.resize(size);
        GEOSCoordSeq_copyToArrays_r(context, sequence, xs.data(), ys.data(), nullptr, nullptr);
        return ringArea(xs.data(), ys.data(), size);
    };
    double area = ringOf(GEOSGetExteriorRing_r(context, polygon));
    const int holes = GEOSGetNumInteriorRings_r(context, polygon);
    for (int i = 0; i < holes; ++i)
        area -= ringOf(GEOSGetInteriorRingN_r(context, polygon, i));
    return area;
}

double GeodesicArea::area(GEOSContextHandle_t context, const GEOSGeometry *geometry)
{
    const int type = GEOSGeomTypeId_r(context, geometry);
    if (type == GEOS_POLYGON)
        return polygonArea(context, geometry);
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        // A collection (from an intersection or a clip) counts its polygons only.
        double total = 0.0;
        const int parts = GEOSGetNumGeometries_r(context, geometry);
        for (int i = 0; i < parts; ++i)
            total += area(context, GEOSGetGeometryN_r(context, geometry, i));
        return total;
    }
    return 0.0;
}

}  // namespace gengbao::core
