// SPDX-License-Identifier: GPL-3.0-or-later
// The two numerical kernels of screening, each against a second method: the exact coverage
// fractions against rectangle arithmetic and against GEOS cell-by-cell intersections, and Horn's
// slope against GDAL's own `gdaldem slope` on the same DEM.
#include "../support/testfiles.h"

#include <core/geo/coverage.h>
#include <core/geo/dem.h>
#include <core/geo/geoscontext.h>

#include <catch2/catch.hpp>
#include <gdal_utils.h>

#include <cmath>

using namespace gengbao;
using namespace gengbao::test;
using Catch::Matchers::WithinAbs;

namespace {

core::PixelRing rectangle(double x0, double y0, double x1, double y1, bool hole = false)
{
    return ring({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}, hole);
}

// The overlap of [a0, a1] and [b0, b1].
double overlap1d(double a0, double a1, double b0, double b1)
{
    return std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
}

}  // namespace

TEST_CASE("coverage of an axis-aligned rectangle is its overlap with each cell", "[core][coverage]")
{
    // x from 1.5 to 4.25 and y from 2 to 3.5: column 1 is half covered, 4 a quarter; row 3 half.
    const core::CoverageGrid grid({rectangle(1.5, 2.0, 4.25, 3.5)});
    REQUIRE(grid.col0() == 1);
    REQUIRE(grid.row0() == 2);
    REQUIRE(grid.cols() == 4);
    REQUIRE(grid.rows() == 2);
    const double widths[] = {0.5, 1.0, 1.0, 0.25};
    const double heights[] = {1.0, 0.5};
    for (int r = 0; r < 2; ++r) {
        for (int c = 0; c < 4; ++c)
            CHECK_THAT(grid.fraction(c, r), WithinAbs(widths[c] * heights[r], 1e-12));
    }
}

TEST_CASE("coverage of a rectangle with a rectangular hole subtracts the hole", "[core][coverage]")
{
    // Outer 0.3..9.7 squared, hole 2.5..6.5 x 3.0..4.75: every fraction is outer minus hole.
    const core::CoverageGrid grid(
        {rectangle(0.3, 0.3, 9.7, 9.7), rectangle(2.5, 3.0, 6.5, 4.75, true)});
    double sum = 0.0;
    for (int r = 0; r < grid.rows(); ++r) {
        for (int c = 0; c < grid.cols(); ++c) {
            const double x0 = grid.col0() + c, y0 = grid.row0() + r;
            const double expected =
                overlap1d(x0, x0 + 1, 0.3, 9.7) * overlap1d(y0, y0 + 1, 0.3, 9.7) -
                overlap1d(x0, x0 + 1, 2.5, 6.5) * overlap1d(y0, y0 + 1, 3.0, 4.75);
            CHECK_THAT(grid.fraction(c, r), WithinAbs(expected, 1e-12));
            sum += grid.fraction(c, r);
        }
    }
    CHECK_THAT(sum, WithinAbs(9.4 * 9.4 - 4.0 * 1.75, 1e-9));
}

TEST_CASE("coverage of rotated and concave polygons matches GEOS cell by cell", "[core][coverage]")
{
    // A multipart shape: a rotated square with a triangular hole (rings clockwise and
    // counter-clockwise) and a concave star; GEOS intersects each cell box as the second method.
    const std::vector<core::PixelRing> rings = {
        ring({{5.2, 0.4}, {10.1, 5.3}, {5.2, 10.2}, {0.3, 5.3}, {5.2, 0.4}}),
        ring({{4.1, 4.2}, {6.9, 5.05}, {4.6, 7.3}, {4.1, 4.2}}, true),
        ring({{14.0, 1.0},
              {15.1, 4.2},
              {18.7, 4.4},
              {15.9, 6.3},
              {17.2, 9.9},
              {14.0, 7.6},
              {10.9, 9.8},
              {12.1, 6.2},
              {9.3, 4.3},
              {12.9, 4.1},
              {14.0, 1.0}}),
    };
    const std::string wkt =
        "MULTIPOLYGON (((5.2 0.4, 10.1 5.3, 5.2 10.2, 0.3 5.3, 5.2 0.4), (4.1 4.2, 6.9 5.05, "
        "4.6 7.3, 4.1 4.2)), ((14 1, 15.1 4.2, 18.7 4.4, 15.9 6.3, 17.2 9.9, 14 7.6, 10.9 9.8, "
        "12.1 6.2, 9.3 4.3, 12.9 4.1, 14 1)))";
    const core::CoverageGrid grid(rings);
    core::GeosContext geos;
    const GEOSContextHandle_t context = geos.handle();
    GEOSWKTReader *reader = GEOSWKTReader_create_r(context);
    core::GeosGeometry polygon(context, GEOSWKTReader_read_r(context, reader, wkt.c_str()));
    GEOSWKTReader_destroy_r(context, reader);
    REQUIRE(polygon);
    double polygonArea = 0.0;
    GEOSArea_r(context, polygon.get(), &polygonArea);
    double sum = 0.0;
    for (int r = 0; r < grid.rows(); ++r) {
        for (int c = 0; c < grid.cols(); ++c) {
            const double x0 = grid.col0() + c, y0 = grid.row0() + r;
            core::GeosGeometry cell(context,
                                    GEOSGeom_createRectangle_r(context, x0, y0, x0 + 1, y0 + 1));
            core::GeosGeometry shared(context,
                                      GEOSIntersection_r(context, polygon.get(), cell.get()));
            double expected = 0.0;
            GEOSArea_r(context, shared.get(), &expected);
            INFO("cell " << x0 << "," << y0);
            CHECK_THAT(grid.fraction(c, r), WithinAbs(expected, 1e-9));
            sum += grid.fraction(c, r);
        }
    }
    CHECK_THAT(sum, WithinAbs(polygonArea, 1e-9));
}

TEST_CASE("coverage of a polygon smaller than a cell is its area", "[core][coverage]")
{
    const core::CoverageGrid grid({ring({{3.2, 7.1}, {3.6, 7.3}, {3.3, 7.8}, {3.2, 7.1}})});
    REQUIRE(grid.cols() == 1);
    REQUIRE(grid.rows() == 1);
    // By hand: |x1(y2 − y3) + x2(y3 − y1) + x3(y1 − y2)| / 2
    //        = |3.2·(−0.5) + 3.6·0.7 + 3.3·(−0.2)| / 2 = |−1.6 + 2.52 − 0.66| / 2 = 0.13.
    CHECK_THAT(grid.fraction(0, 0), WithinAbs(0.13, 1e-12));
}

TEST_CASE("Horn slope matches gdaldem slope on interior cells", "[core][slope]")
{
    TempDir dir;
    DemSpec spec;
    spec.width = 80;
    spec.height = 60;
    spec.cellX = 5.0;
    spec.cellY = 5.0;
    spec.noData = -9999.0;
    // Rolling hills up to about 40°, and a nodata hole.
    spec.elevation = [](int column, int row) {
        if (column >= 30 && column < 34 && row >= 20 && row < 23)
            return -9999.0;
        return 400.0 + 25.0 * std::sin(column / 6.0) * std::cos(row / 9.0) + 0.8 * column +
               0.3 * row * std::sin(column / 17.0);
    };
    writeDem(dir.file("dem.tif"), spec);

    core::DatasetPtr source(GDALOpen(dir.file("dem.tif").c_str(), GA_ReadOnly));
    REQUIRE(source);
    char *argv[] = {const_cast<char *>("-of"), const_cast<char *>("GTiff"), nullptr};
    GDALDEMProcessingOptions *options = GDALDEMProcessingOptionsNew(argv, nullptr);
    int failed = 0;
    core::DatasetPtr slope(GDALDEMProcessing(dir.file("slope.tif").c_str(), source.get(), "slope",
                                             nullptr, options, &failed));
    GDALDEMProcessingOptionsFree(options);
    REQUIRE(slope);
    REQUIRE(failed == 0);
    std::vector<float> reference(std::size_t(spec.width) * spec.height);
    int hasNoData = 0;
    GDALRasterBandH band = GDALGetRasterBand(slope.get(), 1);
    const double referenceNoData = GDALGetRasterNoDataValue(band, &hasNoData);
    REQUIRE(GDALRasterIO(band, GF_Read, 0, 0, spec.width, spec.height, reference.data(), spec.width,
                         spec.height, GDT_Float32, 0, 0) == CE_None);

    auto dem = core::DemRaster::open(dir.file("dem.tif"));
    REQUIRE(dem.ok());
    auto handle = dem->openHandle();
    REQUIRE(handle.ok());
    // Two windows, so that a window's own edge is crossed too.
    const core::CellWindow left{0, 0, 40, spec.height}, right{40, 0, 40, spec.height};
    auto leftWindow = core::ElevationWindow::read(*dem, handle->get(), left);
    auto rightWindow = core::ElevationWindow::read(*dem, handle->get(), right);
    REQUIRE(leftWindow.ok());
    REQUIRE(rightWindow.ok());
    int compared = 0;
    double worst = 0.0, sum = 0.0;
    for (int row = 1; row + 1 < spec.height; ++row) {
        for (int column = 1; column + 1 < spec.width; ++column) {
            const float expected = reference[std::size_t(row) * spec.width + column];
            if (hasNoData && expected == float(referenceNoData))
                continue;  // gdaldem leaves cells next to nodata empty; we fill them
            const auto &window = column < 40 ? *leftWindow : *rightWindow;
            const double ours = window.slopeDegrees(column, row);
            worst = std::max(worst, std::fabs(ours - expected));
            sum += std::fabs(ours - expected);
            ++compared;
        }
    }
    CHECK(compared > 4000);
    // gdaldem sums the 3x3 window in float (about 1e-4 m at 400 m) and writes Float32: a few
    // 1e-4° at worst; we sum in double.
    CHECK(worst < 1e-3);
    CHECK(sum / compared < 1e-4);
    CHECK(std::isnan(leftWindow->slopeDegrees(31, 21)));  // a nodata cell has no slope
}

TEST_CASE("a geographic DEM gets metres from its ellipsoid", "[core][slope]")
{
    // A plane rising northwards at tan(20°), sampled on a 1/3600° grid near 28.5°N (CGCS2000).
    // A degree of latitude there is M(φ)·π/180 metres; elevations use the local value.
    TempDir dir;
    const double latitude = 28.5 * M_PI / 180.0;
    const double a = 6378137.0, f = 1.0 / 298.257222101, e2 = f * (2 - f);
    const double s = std::sin(latitude);
    const double metresPerDegree = a * (1 - e2) / std::pow(1 - e2 * s * s, 1.5) * M_PI / 180.0;
    DemSpec spec;
    spec.width = 40;
    spec.height = 40;
    spec.originX = 108.9;
    spec.originY = 28.5 + 20.0 / 3600.0;
    spec.cellX = spec.cellY = 1.0 / 3600.0;
    spec.epsg = 4490;
    spec.elevation = [&](int, int row) {
        const double northDegrees = (20.0 - (row + 0.5)) / 3600.0;
        return 500.0 + std::tan(20.0 * M_PI / 180.0) * northDegrees * metresPerDegree;
    };
    writeDem(dir.file("geo.tif"), spec);
    auto dem = core::DemRaster::open(dir.file("geo.tif"));
    REQUIRE(dem.ok());
    CHECK(dem->geographic());
    auto handle = dem->openHandle();
    auto window = core::ElevationWindow::read(*dem, handle->get(), {0, 0, 40, 40});
    REQUIRE(window.ok());
    // Away from 28.5°N the metres per degree change by under 1e-5 over 40″; float elevations add
    // a little more.
    CHECK_THAT(window->slopeDegrees(20, 20), WithinAbs(20.0, 2e-3));
    CHECK_THAT(window->slopeDegrees(0, 0), WithinAbs(20.0, 2e-3));  // edge: extrapolated
}
