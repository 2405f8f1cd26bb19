// SPDX-License-Identifier: GPL-3.0-or-later
// Ellipsoidal areas against values computed independently of PROJ's geod_polygonarea:
// the closed-form area of an ellipsoidal quadrangle, the Gauss-Kruger scale factor, and the 2008
// official per-edge formula (国土调查办发〔2008〕32号, domain.md §2.1), implemented here.
#include <core/geo/geodesicarea.h>

#include <catch2/catch.hpp>
#include <proj.h>

#include <cmath>
#include <vector>

using namespace gengbao::core;

namespace {

constexpr double kA = 6378137.0;
constexpr double kF = 1.0 / 298.257222101;
const double kE2 = kF * (2.0 - kF);
const double kB = kA * (1.0 - kF);
const double kPi = std::acos(-1.0);

double radians(double degrees)
{
    return degrees * kPi / 180.0;
}

// Area between the equator and latitude phi per radian of longitude, on the ellipsoid:
// b²/2 · [sinφ/(1−e²sin²φ) + 1/(2e)·ln((1+e sinφ)/(1−e sinφ))].
double authalicStrip(double phi)
{
    const double e = std::sqrt(kE2);
    const double s = std::sin(phi);
    return kB * kB / 2.0 *
           (s / (1.0 - kE2 * s * s) + std::log((1.0 + e * s) / (1.0 - e * s)) / (2.0 * e));
}

// The 2008 official formula: each edge contributes 2b²·L̄·[A sin(ΔB/2) cos Bm − B sin(3ΔB/2) cos 3Bm
// + C sin(5ΔB/2) cos 5Bm − D sin(7ΔB/2) cos 7Bm + E sin(9ΔB/2) cos 9Bm], L̄ the mean longitude.
double officialArea(const std::vector<double> &lon, const std::vector<double> &lat)
{
    const double e2 = kE2, e4 = e2 * e2, e6 = e4 * e2, e8 = e6 * e2;
    const double A = 1 + 3.0 / 6 * e2 + 30.0 / 80 * e4 + 35.0 / 112 * e6 + 630.0 / 2304 * e8;
    const double B = 1.0 / 6 * e2 + 15.0 / 80 * e4 + 21.0 / 112 * e6 + 420.0 / 2304 * e8;
    const double C = 3.0 / 80 * e4 + 7.0 / 112 * e6 + 180.0 / 2304 * e8;
    const double D = 1.0 / 112 * e6 + 45.0 / 2304 * e8;
    const double E = 5.0 / 2304 * e8;
    double sum = 0.0;
    const std::size_t n = lon.size();
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t j = (i + 1) % n;
        const double b1 = radians(lat[i]), b2 = radians(lat[j]);
        const double meanL = radians((lon[i] + lon[j]) / 2.0 - lon[0]);
        const double dB = b2 - b1, bm = (b1 + b2) / 2.0;
        sum += 2 * kB * kB * meanL *
               (A * std::sin(dB / 2) * std::cos(bm) - B * std::sin(3 * dB / 2) * std::cos(3 * bm) +
                C * std::sin(5 * dB / 2) * std::cos(5 * bm) -
                D * std::sin(7 * dB / 2) * std::cos(7 * bm) +
                E * std::sin(9 * dB / 2) * std::cos(9 * bm));
    }
    return std::fabs(sum);
}

double ringArea(GeodesicArea &area, const std::vector<double> &x, const std::vector<double> &y)
{
    return area.ringArea(x.data(), y.data(), x.size());
}

}  // namespace

TEST_CASE("a 1x1 degree cell at 29-30N matches the closed-form ellipsoidal area", "[core][areas]")
{
    // The cell's north and south sides are parallels, not geodesics: densify them so that the
    // geodesic polygon follows them (the error falls with the square of the step).
    std::vector<double> lon, lat;
    const int steps = 20000;
    for (int i = 0; i <= steps; ++i) {
        lon.push_back(108.0 + double(i) / steps);
        lat.push_back(29.0);
    }
    for (int i = steps; i >= 0; --i) {
        lon.push_back(108.0 + double(i) / steps);
        lat.push_back(30.0);
    }
    auto area = GeodesicArea::create(4490);
    REQUIRE(area.ok());
    const double expected =
        radians(1.0) * (authalicStrip(radians(30.0)) - authalicStrip(radians(29.0)));
    // domain.md §2.1 quotes the closed form as 10 748 000 427.173 m².
    CHECK(expected == Approx(10748000427.173).margin(0.01));
    CHECK(ringArea(*area, lon, lat) == Approx(expected).margin(1.0));  // 1 m² in 1.07e10 m²
    // The official formula on the 4 corners alone gives the same (its edges follow parallels).
    CHECK(officialArea({108, 109, 109, 108}, {29, 29, 30, 30}) == Approx(expected).margin(0.01));
}

TEST_CASE(
    "a square keeps its planar area on the central meridian and shrinks by the GK scale off it",
    "[core][areas]")
{
    auto area = GeodesicArea::create(4545);  // CGCS2000 GK CM 108E, false easting 500 km
    REQUIRE(area.ok());
    // On the central meridian the Gauss-Kruger scale factor is 1: 100 m x 100 m is 10000 m².
    CHECK(ringArea(*area, {499950, 500050, 500050, 499950}, {3154000, 3154000, 3154100, 3154100}) ==
          Approx(10000.0).margin(0.001));
    // 88 km east (108.9°E, 28.5°N) the point scale is k = 1 + x²/(2R²) + x⁴/(24R⁴), R the Gaussian
    // mean radius sqrt(MN) at 28.5°N; the ellipsoidal area is the planar one divided by k².
    const double phi = radians(28.5);
    const double w = 1.0 - kE2 * std::sin(phi) * std::sin(phi);
    const double m = kA * (1.0 - kE2) / std::pow(w, 1.5);
    const double n = kA / std::sqrt(w);
    const double r2 = m * n;
    const double x = 88050.0;  // the square's centre, from the central meridian
    const double k = 1.0 + x * x / (2.0 * r2) + x * x * x * x / (24.0 * r2 * r2);
    const double expected = 10000.0 / (k * k);
    CHECK(expected == Approx(9998.09).margin(0.01));  // ~1.9e-4 smaller (domain.md §2.2)
    CHECK(ringArea(*area, {588000, 588100, 588100, 588000}, {3154000, 3154000, 3154100, 3154100}) ==
          Approx(expected).margin(0.005));
}

TEST_CASE("an irregular parcel agrees with the official 2008 formula to 0.001 m²", "[core][areas]")
{
    // A 3-mu-ish irregular ring near 秀山 in EPSG:4545.
    const std::vector<double> x = {588012.31, 588061.88, 588097.40,
                                   588083.15, 588041.72, 588005.06};
    const std::vector<double> y = {3154010.55, 3153998.20, 3154033.91,
                                   3154071.47, 3154080.03, 3154049.68};
    auto area = GeodesicArea::create(4545);
    REQUIRE(area.ok());
    // Inverse-project the vertices independently for the official formula.
    PJ_CONTEXT *context = proj_context_create();
    PJ *raw = proj_create_crs_to_crs(context, "EPSG:4545", "EPSG:4490", nullptr);
    PJ *transform = proj_normalize_for_visualization(context, raw);
    std::vector<double> lon = x, lat = y;
    proj_trans_generic(transform, PJ_FWD, lon.data(), sizeof(double), lon.size(), lat.data(),
                       sizeof(double), lat.size(), nullptr, 0, 0, nullptr, 0, 0);
    proj_destroy(transform);
    proj_destroy(raw);
    proj_context_destroy(context);
    const double official = officialArea(lon, lat);
    const double geodesic = ringArea(*area, x, y);
    CHECK(official > 4000.0);
    CHECK(geodesic == Approx(official).margin(0.001));
}

TEST_CASE("holes are subtracted and parts added", "[core][areas]")
{
    auto area = GeodesicArea::create(4545);
    REQUIRE(area.ok());
    GeosContext geos;
    const auto read = [&](const char *wkt) {
        GEOSWKTReader *reader = GEOSWKTReader_create_r(geos.handle());
        GEOSGeometry *geometry = GEOSWKTReader_read_r(geos.handle(), reader, wkt);
        GEOSWKTReader_destroy_r(geos.handle(), reader);
        return GeosGeometry(geos.handle(), geometry);
    };
    // On the central meridian: 100x100 minus a 50x50 hole = 7500 m²; two squares = 20000 m².
    auto holed = read("POLYGON ((499950 3154000, 500050 3154000, 500050 3154100, 499950 3154100, "
                      "499950 3154000), (499975 3154025, 499975 3154075, 500025 3154075, "
                      "500025 3154025, 499975 3154025))");
    CHECK(area->area(geos.handle(), holed.get()) == Approx(7500.0).margin(0.001));
    auto parts =
        read("MULTIPOLYGON (((499950 3154000, 500050 3154000, 500050 3154100, 499950 3154100, "
             "499950 3154000)), ((499950 3155000, 500050 3155000, 500050 3155100, "
             "499950 3155100, 499950 3155000)))");
    CHECK(area->area(geos.handle(), parts.get()) == Approx(20000.0).margin(0.002));
}
