// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"
#include "handles.h"

#include <optional>
#include <string>

namespace gengbao::core::crs {

inline constexpr int kCgcs2000Geographic = 4490;

// An SRS from an EPSG code, with x = easting/longitude (traditional GIS axis order), so that
// coordinates never swap silently (PROJ's EPSG:4545 is northing, easting).
Result<SrsPtr> fromEpsg(int epsg);

// A clone of srs set to traditional GIS axis order.
SrsPtr cloneTraditional(OGRSpatialReferenceH srs);

// The CGCS2000 3-degree Gauss-Krüger zone without prefix (EPSG:4534 CM 75°E ... EPSG:4554 CM 135°E)
// whose central meridian is nearest this longitude (domain.md §2.3).
int nearestGaussKrugerEpsg(double longitude);

// A zone-prefixed Gauss-Krüger CRS (EPSG:4513 zone 25 ... EPSG:4533 zone 45) read off 8-digit
// eastings, when both bounds carry the same valid zone prefix and the northing is plausible.
std::optional<int> zonePrefixedEpsgFromCoordinates(double minX, double maxX, double minY,
                                                   double maxY);

// A project CRS must be projected, in metres.
Status checkProjectCrs(int epsg);

// "EPSG:4545" when the SRS is identified as one, else its name.
std::string describe(OGRSpatialReferenceH srs);
// The EPSG code of an SRS: its authority code, or else PROJ's best match of at least
// minConfidence percent (an ESRI .prj such as CGCS2000_3_Degree_GK_CM_108E carries no code).
std::optional<int> epsgOf(OGRSpatialReferenceH srs, int minConfidence = 90);

// How far beyond a CRS's area of use its data may still plausibly lie, in degrees. A 3-degree
// Gauss-Kruger zone is chosen from the centre of the first file, which may lie 1.5° from the
// central meridian; the largest western counties span five or six degrees of longitude, so their
// far edge can be 4.5° from it. Three degrees beyond the zone's ±1.5° keeps such data and still
// refuses every damaged coordinate (1e10 m is 9,000 km off the zone; a flipped exponent bit is
// further still). Gauss-Kruger at 4.5° from its meridian scales lengths by 1.003 only, and areas
// are computed on the ellipsoid anyway.
inline constexpr double kAreaOfUseMarginDeg = 3.0;

// Where the coordinates of a CRS can plausibly lie: its EPSG area of use widened by a margin,
// as a box in the CRS's own coordinates (the projection of the widened longitude/latitude box,
// densified, so that a Gauss-Kruger zone's curved edges lie inside it). One comparison per
// vertex, cheap enough for every vertex of every parcel.
struct PlausibleExtent
{
    double minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0;
    // "the area of use of EPSG:4545 (China - onshore between 106°30'E and 109°30'E) widened by
    // 3°", for messages.
    std::string description;
    // False for a NaN or infinite coordinate too.
    bool contains(double x, double y) const
    {
        return x >= minX && x <= maxX && y >= minY && y <= maxY;
    }
};
// A CRS without an area of use, or one crossing the antimeridian, gets the box of any projected
// coordinate on Earth (±1e8 units: more than the zone prefix of any Gauss-Kruger easting).
Result<PlausibleExtent> plausibleExtent(int epsg, double marginDegrees = kAreaOfUseMarginDeg);

// True when srs is EPSG:epsg: the same definition, or identified as it with full confidence.
// OSRIsSame says no to an ESRI .prj of the very same Gauss-Kruger zone ("Gauss_Kruger" method,
// "D_China_2000" datum), which would cost a needless transformation of every vertex.
bool isEpsg(OGRSpatialReferenceH srs, int epsg);

}  // namespace gengbao::core::crs
