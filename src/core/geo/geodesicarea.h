// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"
#include "geoscontext.h"
#include "handles.h"

#include <geodesic.h>

#include <vector>

namespace gengbao::core {

// The official parcel area (图斑面积): ellipsoidal, on the CGCS2000 ellipsoid
// (a = 6378137 m, f = 1/298.257222101). Vertices in the project CRS are transformed to CGCS2000
// longitude/latitude with PROJ, then PROJ's geod_polygonarea sums each ring; holes are subtracted
// and parts added (architecture.md "Areas and money"). Within 0.001 m² of the 2008 official
// formula on survey-size parcels (domain.md §2.1). One instance per thread.
class GeodesicArea
{
public:
    static Result<GeodesicArea> create(int sourceEpsg);

    // Area in m² of the polygons of a geometry in the source CRS (Polygon, MultiPolygon or a
    // collection); 0 for lines and points.
    double area(GEOSContextHandle_t context, const GEOSGeometry *geometry);
    // Area in m² of one closed ring given as x/y arrays in the source CRS (unsigned).
    double ringArea(const double *x, const double *y, std::size_t count);

private:
    GeodesicArea() = default;
    double polygonArea(GEOSContextHandle_t context, const GEOSGeometry *polygon);

    ProjContextPtr mContext;
    ProjPtr mToGeographic;
    geod_geodesic mEllipsoid{};
    std::vector<double> mLon, mLat;
};

}  // namespace gengbao::core
