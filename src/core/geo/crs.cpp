// SPDX-License-Identifier: GPL-3.0-or-later
#include "crs.h"

#include <algorithm>
#include <cmath>
#include <cpl_conv.h>
#include <cstdio>
#include <cstdlib>

namespace gengbao::core::crs {

Result<SrsPtr> fromEpsg(int epsg)
{
    CplErrorCapture quiet;
    SrsPtr srs(OSRNewSpatialReference(nullptr));
    if (OSRImportFromEPSG(srs.get(), epsg) != OGRERR_NONE)
        return makeError(ErrorCode::BadCrs, {},
                         "EPSG:" + std::to_string(epsg) + " is not a known CRS");
    OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

SrsPtr cloneTraditional(OGRSpatialReferenceH srs)
{
    SrsPtr clone(OSRClone(srs));
    OSRSetAxisMappingStrategy(clone.get(), OAMS_TRADITIONAL_GIS_ORDER);
    return clone;
}

int nearestGaussKrugerEpsg(double longitude)
{
    // Zone n has its central meridian at 3n degrees; zones 25 (75°E) to 45 (135°E) cover China.
    int zone = static_cast<int>(std::lround(longitude / 3.0));
    zone = std::clamp(zone, 25, 45);
    return 4534 + (zone - 25);
}

std::optional<int> zonePrefixedEpsgFromCoordinates(double minX, double maxX, double minY,
                                                   double maxY)
{
    const auto zoneOf = [](double easting) -> int {
        if (easting < 1.0e7 || easting >= 1.0e8)
            return -1;
        return static_cast<int>(easting / 1.0e6);
    };
    const int zone = zoneOf(minX);
    if (zone < 25 || zone > 45 || zoneOf(maxX) != zone)
        return std::nullopt;
    // Within a zone the easting minus the prefix stays near 500 km (±~330 km at China's latitudes).
    const double local = minX - zone * 1.0e6;
    if (local < 100000.0 || local > 900000.0)
        return std::nullopt;
    if (minY < 0.0 || maxY > 6.5e6)
        return std::nullopt;
    return 4513 + (zone - 25);
}

Status checkProjectCrs(int epsg)
{
    auto srs = fromEpsg(epsg);
    if (!srs)
        return srs.error();
    if (!OSRIsProjected(srs->get())) {
        return makeError(ErrorCode::BadCrs, {},
                         "EPSG:" + std::to_string(epsg) +
                             " is not a projected CRS; a project needs one in metres, e.g. the "
                             "CGCS2000 3-degree Gauss-Kruger zone EPSG:4545");
    }
    if (std::fabs(OSRGetLinearUnits(srs->get(), nullptr) - 1.0) > 1e-12)
        return makeError(ErrorCode::BadCrs, {},
                         "EPSG:" + std::to_string(epsg) + " is not in metres");
    return Status::success();
}

std::optional<int> epsgOf(OGRSpatialReferenceH srs, int minConfidence)
{
    if (!srs)
        return std::nullopt;
    CplErrorCapture quiet;
    const char *authority = OSRGetAuthorityName(srs, nullptr);
    const char *code = OSRGetAuthorityCode(srs, nullptr);
    if (authority && code && std::string(authority) == "EPSG")
        return std::atoi(code);
    // An ESRI .prj ("CGCS2000_3_Degree_GK_CM_108E") carries no authority: ask PROJ for a match.
    int matchCount = 0;
    int *confidences = nullptr;
    OGRSpatialReferenceH *matches = OSRFindMatches(srs, nullptr, &matchCount, &confidences);
    std::optional<int> result;
    if (matches && matchCount > 0 && confidences[0] >= minConfidence) {
        const char *matchAuthority = OSRGetAuthorityName(matches[0], nullptr);
        const char *matchCode = OSRGetAuthorityCode(matches[0], nullptr);
        if (matchAuthority && matchCode && std::string(matchAuthority) == "EPSG")
            result = std::atoi(matchCode);
    }
    OSRFreeSRSArray(matches);
    CPLFree(confidences);
    return result;
}

bool isEpsg(OGRSpatialReferenceH srs, int epsg)
{
    auto reference = fromEpsg(epsg);
    if (!reference)
        return false;
    if (OSRIsSame(srs, reference->get()))
        return true;
    return epsgOf(srs, 100) == epsg;
}

namespace {

// Coordinates of a projected CRS beyond this many units from its origin lie off the Earth
// (the Earth's circumference is 4e7 m; zone-prefixed Gauss-Kruger eastings reach 4.6e7).
constexpr double kAnyProjectedCoordinate = 1.0e8;

PlausibleExtent anywhereOnEarth(int epsg)
{
    PlausibleExtent extent;
    extent.minX = extent.minY = -kAnyProjectedCoordinate;
    extent.maxX = extent.maxY = kAnyProjectedCoordinate;
    extent.description = "any coordinate on Earth in EPSG:" + std::to_string(epsg);
    return extent;
}

std::string withoutFinalFullStop(std::string text)
{
    while (!text.empty() && (text.back() == '.' || text.back() == ' '))
        text.pop_back();
    return text;
}

}  // namespace

Result<PlausibleExtent> plausibleExtent(int epsg, double marginDegrees)
{
    auto srs = fromEpsg(epsg);
    if (!srs)
        return srs.error();
    double west = 0, south = 0, east = 0, north = 0;
    const char *areaName = nullptr;
    if (!OSRGetAreaOfUse(srs->get(), &west, &south, &east, &north, &areaName) || west > east)
        return anywhereOnEarth(epsg);
    west = std::max(-180.0, west - marginDegrees);
    east = std::min(180.0, east + marginDegrees);
    south = std::max(-90.0, south - marginDegrees);
    north = std::min(90.0, north + marginDegrees);

    PlausibleExtent extent;
    if (OSRIsGeographic(srs->get())) {
        extent.minX = west, extent.minY = south, extent.maxX = east, extent.maxY = north;
    } else {
        SrsPtr geographic(OSRCloneGeogCS(srs->get()));
        if (!geographic)
            return anywhereOnEarth(epsg);
        OSRSetAxisMappingStrategy(geographic.get(), OAMS_TRADITIONAL_GIS_ORDER);
        CplErrorCapture quiet;
        TransformPtr transform(OCTNewCoordinateTransformation(geographic.get(), srs->get()));
        if (!transform ||
            !OCTTransformBounds(transform.get(), west, south, east, north, &extent.minX,
                                &extent.minY, &extent.maxX, &extent.maxY, 21))
            return anywhereOnEarth(epsg);
    }
    char margin[32];
    std::snprintf(margin, sizeof margin, "%g", marginDegrees);
    extent.description = "the area of use of EPSG:" + std::to_string(epsg) + " (" +
                         withoutFinalFullStop(areaName ? areaName : "") + ") widened by " + margin +
                         "°";
    return extent;
}

std::string describe(OGRSpatialReferenceH srs)
{
    if (!srs)
        return "none";
    if (auto epsg = epsgOf(srs))
        return "EPSG:" + std::to_string(*epsg);
    const char *name = OSRGetName(srs);
    return name ? name : "unnamed CRS";
}

}  // namespace gengbao::core::crs
