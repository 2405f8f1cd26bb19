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

// True when srs is EPSG:epsg: the same definition, or identified as it with full confidence.
// OSRIsSame says no to an ESRI .prj of the very same Gauss-Kruger zone ("Gauss_Kruger" method,
// "D_China_2000" datum), which would cost a needless transformation of every vertex.
bool isEpsg(OGRSpatialReferenceH srs, int epsg);

}  // namespace gengbao::core::crs
