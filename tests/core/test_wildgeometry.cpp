// SPDX-License-Identifier: GPL-3.0-or-later
// Wild geometry and implausible DEM values (issue 13, items 2 and 3): a feature with one vertex at
// 1e10, 1e20, 1e45, NaN or Inf, or an area no parcel can have, is refused by the import with its
// reason; the coverage grid clips every ring to the raster window and never allocates more than
// its budget; screening survives a damaged parcel that reached the project anyway; non-finite DEM
// cells are nodata and elevations beyond any terrain on Earth refuse the DEM. Every input is made
// here with GDAL; every expected figure is worked out by hand in the comments.
#include "../support/testfiles.h"

#include <core/db/gpkg.h>
#include <core/db/statement.h>
#include <core/geo/coverage.h>
#include <core/geo/crs.h>
#include <core/geo/dem.h>
#include <core/geo/handles.h>
#include <core/ops/exportparcels.h>
#include <core/ops/parcelgeometry.h>
#include <core/ops/screenparcels.h>

#include <catch2/catch.hpp>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

using namespace gengbao;
using namespace gengbao::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---------------------------------------------------------------------------------------------
// Vector inputs

std::string polygonWkt(const std::vector<std::pair<double, double>> &points)
{
    std::ostringstream wkt;
    wkt.precision(12);
    wkt << "POLYGON ((";
    for (std::size_t i = 0; i <= points.size(); ++i) {
        const auto &[x, y] = points[i % points.size()];
        wkt << (i ? ", " : "") << x << " " << y;
    }
    wkt << "))";
    return wkt.str();
}

const core::Issue *issueOfFid(const std::vector<core::Issue> &issues, std::int64_t fid)
{
    for (const core::Issue &issue : issues) {
        if (issue.sourceFid == fid && issue.severity == core::Issue::Severity::Error)
            return &issue;
    }
    return nullptr;
}

std::set<std::string> parcelIds(core::Project &project)
{
    auto rows = core::loadParcelRows(project);
    REQUIRE(rows.ok());
    std::set<std::string> ids;
    for (const auto &row : *rows)
        ids.insert(row.id);
    return ids;
}

// ---------------------------------------------------------------------------------------------
// Screening inputs: the DEM layout of test_screening.cpp (10 m cells, west edge 500000, north
// edge 3100000 in EPSG:4545, on the zone's central meridian).

constexpr double kWest = 500000.0;
constexpr double kNorth = 3100000.0;
constexpr double kCell = 10.0;

double tanDeg(double degrees)
{
    return std::tan(degrees * M_PI / 180.0);
}

// A rectangle given in DEM cells (continuous column and row numbers), as map WKT.
std::string cellRect(double c0, double r0, double c1, double r1)
{
    const double x0 = kWest + c0 * kCell, x1 = kWest + c1 * kCell;
    const double y0 = kNorth - r1 * kCell, y1 = kNorth - r0 * kCell;
    return polygonWkt({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}});
}

// Five strips of 20 columns, each a plane rising northwards at its own slope.
const double kStripSlopes[] = {5.0, 20.0, 24.9, 25.1, 33.0};
DemSpec stripsDem()
{
    DemSpec dem;
    dem.width = 100;
    dem.height = 40;
    dem.elevation = [](int column, int row) {
        const double north = (40 - row - 0.5) * kCell;  // metres north of the southern edge
        return 100.0 + tanDeg(kStripSlopes[column / 20]) * north;
    };
    return dem;
}

// A plane rising 1 m per 10 m northwards: slope atan(0.1) = 5.710593°.
const double kPlaneSlopeDeg = std::atan(0.1) * 180.0 / M_PI;
DemSpec planeDem(int width, int height)
{
    DemSpec dem;
    dem.width = width;
    dem.height = height;
    dem.elevation = [height](int, int row) { return 200.0 + 0.1 * (height - row - 0.5) * kCell; };
    return dem;
}

// The parcels, as a GeoPackage with BSM and village, imported into a new EPSG:4545 project.
std::unique_ptr<core::Project>
projectWith(const TempDir &dir, const std::string &name,
            const std::vector<std::pair<std::string, std::string>> &parcels)
{
    VectorSpec spec;
    spec.driver = "GPKG";
    spec.geometryType = 0;
    spec.fields = {{"BSM", FieldType::String, 18},
                   {"ZLDWDM", FieldType::String, 19},
                   {"ZLDWMC", FieldType::String, 60}};
    for (const auto &[id, wkt] : parcels)
        spec.features.push_back(
            {wkt, {id, std::string("5002411112010000000"), std::string("龙塘冲村")}});
    writeVector(dir.file(name + ".gpkg"), spec);
    auto project = newProject(dir, 4545, name + "-project.gpkg");
    const auto summary = importOk(*project, dir.file(name + ".gpkg"));
    REQUIRE(summary.counts.imported == std::int64_t(parcels.size()));
    return project;
}

// Replaces a parcel's stored geometry, as an older project file, a bit flip or another program
// may have left it: the import's checks are bypassed.
void storeGeometry(core::Project &project, const std::string &parcelId, OGRGeometryH polygon)
{
    core::OgrGeometryPtr multi(OGR_G_ForceToMultiPolygon(OGR_G_Clone(polygon)));
    std::vector<unsigned char> wkb(static_cast<std::size_t>(OGR_G_WkbSize(multi.get())));
    REQUIRE(OGR_G_ExportToIsoWkb(multi.get(), wkbNDR, wkb.data()) == OGRERR_NONE);
    OGREnvelope envelope;
    OGR_G_GetEnvelope(multi.get(), &envelope);
    const auto blob = core::gpkg::encodeGeometry(
        4545, {envelope.MinX, envelope.MaxX, envelope.MinY, envelope.MaxY}, wkb);
    auto update = project.database().prepare("UPDATE parcels SET geom = ? WHERE parcel_id = ?");
    REQUIRE(update.ok());
    update->bindBlob(1, blob.data(), blob.size()).bind(2, parcelId);
    REQUIRE(update->run().ok());
    REQUIRE(project.database().changes() == 1);
}

// The polygon of wkt with vertex `index` of its exterior ring moved to (x, y).
core::OgrGeometryPtr withVertex(const std::string &wkt, int index, double x, double y)
{
    OGRGeometryH raw = nullptr;
    std::string text = wkt;
    char *cursor = text.data();
    REQUIRE(OGR_G_CreateFromWkt(&cursor, nullptr, &raw) == OGRERR_NONE);
    core::OgrGeometryPtr geometry(raw);
    OGR_G_SetPoint_2D(OGR_G_GetGeometryRef(raw, 0), index, x, y);
    return geometry;
}

bool contains(const std::optional<std::vector<std::string>> &list, const std::string &item)
{
    return list && std::find(list->begin(), list->end(), item) != list->end();
}

const core::Issue *issueWithCode(const std::vector<core::Issue> &issues, const std::string &code,
                                 const std::string &parcelId = {})
{
    for (const core::Issue &issue : issues) {
        if (issue.code == code && (parcelId.empty() || issue.parcelId == parcelId))
            return &issue;
    }
    return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Coverage

core::PixelRing rectangle(double x0, double y0, double x1, double y1)
{
    return ring({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}});
}

double fractionSum(const core::CoverageGrid &grid)
{
    double sum = 0.0;
    for (int r = 0; r < grid.rows(); ++r) {
        for (int c = 0; c < grid.cols(); ++c)
            sum += grid.fraction(c, r);
    }
    return sum;
}

// The grid lies inside the window and holds no more cells than allowed.
void checkBounded(const core::CoverageGrid &grid, int width, int height, std::int64_t maxCells)
{
    CHECK(grid.col0() >= 0);
    CHECK(grid.row0() >= 0);
    CHECK(grid.col0() + grid.cols() <= width);
    CHECK(grid.row0() + grid.rows() <= height);
    CHECK(std::int64_t(grid.cols()) * grid.rows() <= maxCells);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The plausible extent of a CRS

TEST_CASE("the plausible extent of EPSG:4545 is its area of use widened by 3 degrees",
          "[core][wild][crs]")
{
    // EPSG:4545 (CGCS2000 / 3-degree Gauss-Kruger CM 108E) is used between 106.5°E and 109.5°E;
    // widened by 3°, points 4.4° either side of the meridian at 28°N still lie inside, points 6°
    // away (1.5° beyond the margin) do not. Projected here with PROJ, independently of the box.
    auto extent = core::crs::plausibleExtent(4545);
    REQUIRE(extent.ok());
    CHECK_THAT(extent->description, Contains("EPSG:4545") && Contains("widened by 3°"));
    auto geographic = core::crs::fromEpsg(4490);
    auto projected = core::crs::fromEpsg(4545);
    REQUIRE(geographic.ok());
    REQUIRE(projected.ok());
    core::TransformPtr transform(
        OCTNewCoordinateTransformation(geographic->get(), projected->get()));
    REQUIRE(transform);
    const auto at = [&](double longitude, double latitude) {
        double x = longitude, y = latitude;
        REQUIRE(OCTTransform(transform.get(), 1, &x, &y, nullptr));
        return std::pair{x, y};
    };
    for (const double longitude : {103.6, 108.0, 112.4}) {
        const auto [x, y] = at(longitude, 28.0);
        INFO(longitude << "°E: x=" << x << " y=" << y);
        CHECK(extent->contains(x, y));
    }
    for (const double longitude : {102.0, 114.0}) {
        const auto [x, y] = at(longitude, 28.0);
        INFO(longitude << "°E: x=" << x << " y=" << y);
        CHECK_FALSE(extent->contains(x, y));
    }
    // The test towns of this suite, and what no parcel of the zone can hold.
    CHECK(extent->contains(500000.0, 3100000.0));
    CHECK(extent->contains(588000.0, 3154000.0));
    for (const double wild : {1e10, 1e20, 1e45, kInf, -kInf, kNaN})
        CHECK_FALSE(extent->contains(wild, 3100000.0));
    CHECK_FALSE(extent->contains(500000.0, kNaN));
    CHECK_FALSE(extent->contains(500000.0, 3100000.0 + 3.0e6));  // 27° further north
}

// ---------------------------------------------------------------------------------------------
// Import

TEST_CASE("an import refuses features with a wild vertex or an implausible area, one by one",
          "[core][wild][import]")
{
    TempDir dir;
    VectorSpec spec;
    spec.fields = surveyFields();
    const auto add = [&spec](const std::string &bsm, const std::string &wkt,
                             std::optional<double> tbmj) {
        spec.features.push_back(
            surveyFeature(wkt, bsm, "5002411112010000000", "龙塘冲村", tbmj, std::nullopt, "旱地"));
        return std::int64_t(spec.features.size() - 1);  // the shapefile's FID
    };
    // Ordinary 30 m squares south-east of the town centre (108.05°E, 28.05°N), and two that show
    // where the area rules stop: a 30 m square whose TBMJ is 20 times too small but only 855 m²
    // (under a hectare) off, a typo, and a 3 km square of 9 km², under the 10 km² cap.
    std::vector<std::string> good;
    for (int i = 0; i < 6; ++i) {
        good.push_back("G" + std::to_string(i));
        add(good.back(), squareWkt(505000 + 100 * i, 3105000, 30), 900.0);
    }
    good.push_back("TYPO");
    add("TYPO", squareWkt(505000, 3105200, 30), 45.0);
    good.push_back("BIG9");
    add("BIG9", squareWkt(501000, 3101000, 3000), std::nullopt);
    // One vertex each (the north-east corner, vertex 2) thrown far off after writing: by GDAL,
    // which stretches the layer's extent with it, or for NaN and Inf, which GDAL refuses to
    // write, in the file's bytes.
    struct Wild
    {
        std::string bsm;
        double x, y;
        std::string words;  // in the refusal
        bool inBytes = false;
        std::int64_t fid = -1;
    };
    std::vector<Wild> wild = {
        {"W1E10", 1e10, 3105330.0,
         "has a vertex at x=1e+10, y=3105330, outside the area of use "
         "of EPSG:4545"},
        {"W1E20", 1e20, 3105330.0, "has a vertex at x=1e+20, y=3105330, outside"},
        {"W1E45", 1e45, 3105330.0, "has a vertex at x=1e+45, y=3105330, outside"},
        {"WNAN", kNaN, 3105330.0, "(not a finite number)", true},
        {"WINF", 505330.0, -kInf, "y=-inf (not a finite number)", true},
    };
    for (Wild &w : wild)
        w.fid = add(w.bsm, squareWkt(505300, 3105300, 30), 900.0);
    // A 500 m square (25 ha, a plausible parcel) whose north-east corner lies 50 km east, still
    // inside the CRS's area of use: a trapezoid with parallel sides of 500 m and 50,500 m, 500 m
    // apart, (500 + 50500) / 2 × 500 = 12,750,000 m² = 12.75 km² (the ellipsoid takes ~2e-5 off).
    const std::int64_t far = add(
        "FAR50",
        polygonWkt({{506000, 3106000}, {506500, 3106000}, {556500, 3106500}, {506000, 3106500}}),
        std::nullopt);
    // A 200 m square on the central meridian (scale 1): 40,000 m² against a TBMJ of 2,000 m²,
    // 20 times and 3.8 ha more.
    const std::int64_t tbmj20 = add("TBMJ20", squareWkt(499900, 3107000, 200), 2000.0);
    const std::string shp = dir.file("wild.shp");
    writeVector(shp, spec);
    for (const Wild &w : wild) {
        if (w.inBytes)
            patchShpPoint(shp, int(w.fid), 2, w.x, w.y);
        else
            setVertex(shp, w.bsm, 2, w.x, w.y);
    }

    // A project without a CRS: the first import chooses it from where the data lies.
    auto project = newProject(dir, 0);
    const auto summary = importOk(*project, shp, "wild");

    CHECK(summary.counts.read == 15);
    CHECK(summary.counts.imported == 8);
    CHECK(summary.counts.rejected == 7);
    // The median of the features' centres lies near 108.05°E: zone 36, EPSG:4545, whatever the
    // extent stretched by 1e45 says.
    CHECK(summary.projectCrsChosen);
    CHECK(summary.projectEpsg == 4545);
    CHECK(project->settings().crsEpsg == 4545);

    for (const Wild &w : wild) {
        INFO(w.bsm);
        const core::Issue *issue = issueOfFid(summary.issues, w.fid);
        REQUIRE(issue);
        CHECK(issue->code == core::kImplausibleCoordinates);
        CHECK_THAT(issue->detail, StartsWith("feature " + std::to_string(w.fid) + " "));
        CHECK_THAT(issue->detail, Contains(w.words) && Contains("not imported"));
    }
    {
        const core::Issue *issue = issueOfFid(summary.issues, far);
        REQUIRE(issue);
        CHECK(issue->code == core::kImplausibleArea);
        CHECK_THAT(issue->detail, Contains("(12.75 km²), more than any candidate parcel can be "
                                           "(10 km²)"));
    }
    {
        const core::Issue *issue = issueOfFid(summary.issues, tbmj20);
        REQUIRE(issue);
        CHECK(issue->code == core::kImplausibleArea);
        CHECK_THAT(issue->detail,
                   Contains("measures 40000.00 m², 20 times its TBMJ of 2000.00 m²"));
    }

    // Exactly the good parcels are in the project, and nothing of the others: not a row, not an
    // R-tree entry, not a corner of the layer's extent (the 3 km square reaches 504000, 3104000;
    // G5 reaches 505530; TYPO 3105230).
    std::set<std::string> expected(good.begin(), good.end());
    CHECK(parcelIds(*project) == expected);
    CHECK(countRows(*project, "rtree_parcels_geom") == 8);
    auto extent = project->database().prepare(
        "SELECT min(minx), max(maxx), min(miny), max(maxy) FROM rtree_parcels_geom");
    REQUIRE(extent.ok());
    REQUIRE(*extent->step());
    CHECK_THAT(extent->real(0), WithinAbs(501000.0, 0.1));
    CHECK_THAT(extent->real(1), WithinAbs(505530.0, 0.1));
    CHECK_THAT(extent->real(2), WithinAbs(3101000.0, 0.5));
    CHECK_THAT(extent->real(3), WithinAbs(3105230.0, 0.5));
    auto contents = project->database().prepare(
        "SELECT max_x, max_y FROM gpkg_contents WHERE table_name = 'parcels'");
    REQUIRE(contents.ok());
    REQUIRE(*contents->step());
    CHECK(contents->optionalReal(0).value_or(0.0) < 510000.0);
    CHECK(contents->optionalReal(1).value_or(0.0) < 3110000.0);
    // The refusals are kept with the batch.
    auto refusals = project->database().prepare(
        "SELECT code, count(*) FROM import_issues WHERE code LIKE 'implausible%' GROUP BY code "
        "ORDER BY code");
    REQUIRE(refusals.ok());
    REQUIRE(*refusals->step());
    CHECK(refusals->text(0) == "implausible_area");
    CHECK(refusals->int64(1) == 2);
    REQUIRE(*refusals->step());
    CHECK(refusals->text(0) == "implausible_coordinates");
    CHECK(refusals->int64(1) == 5);
    // The 20-times typo under a hectare is imported, and flagged as a mismatch only.
    CHECK(rowsById(*project).at("TYPO").areaMismatch);
}

TEST_CASE("a GeoPackage in longitude/latitude with wild vertices is refused feature by feature",
          "[core][wild][import]")
{
    // The transformation path: the file is in CGCS2000 longitude/latitude (EPSG:4490), the
    // project in EPSG:4545. A latitude of 1e20 cannot be transformed at all; NaN is not a number;
    // a longitude typed 130 for 108 transforms but lands some 2,100 km east of the zone.
    TempDir dir;
    VectorSpec spec;
    spec.driver = "GPKG";
    spec.epsg = 4490;
    spec.geometryType = 0;
    spec.fields = surveyFields();
    const auto lonLatSquare = [](double lon, double lat) {
        const double d = 0.0003;
        return polygonWkt({{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}});
    };
    for (int i = 0; i < 3; ++i)
        spec.features.push_back(surveyFeature(lonLatSquare(108.05 + 0.001 * i, 28.05),
                                              "G" + std::to_string(i), "5002411112010000000",
                                              "龙塘冲村", std::nullopt));
    for (const char *bsm : {"LAT1E20", "LONNAN", "LON130"})
        spec.features.push_back(surveyFeature(lonLatSquare(108.06, 28.06), bsm,
                                              "5002411112010000000", "龙塘冲村", std::nullopt));
    const std::string gpkg = dir.file("lonlat.gpkg");
    writeVector(gpkg, spec);
    setVertex(gpkg, "LAT1E20", 2, 108.0603, 1e20);
    setVertex(gpkg, "LONNAN", 2, kNaN, 28.0603);
    setVertex(gpkg, "LON130", 2, 130.0603, 28.0603);

    auto project = newProject(dir);  // EPSG:4545 already
    const auto summary = importOk(*project, gpkg);
    CHECK(summary.counts.read == 6);
    CHECK(summary.counts.imported == 3);
    CHECK(summary.counts.rejected == 3);
    CHECK(parcelIds(*project) == std::set<std::string>{"G0", "G1", "G2"});
    std::map<std::int64_t, const core::Issue *> refused;
    for (const core::Issue &issue : summary.issues) {
        if (issue.severity == core::Issue::Severity::Error)
            refused[issue.sourceFid] = &issue;
    }
    // GeoPackage FIDs count from 1: the wild features are 4, 5 and 6.
    REQUIRE(refused.size() == 3);
    for (std::int64_t fid = 4; fid <= 6; ++fid) {
        INFO("fid " << fid);
        REQUIRE(refused.count(fid));
        CHECK(refused[fid]->code == core::kImplausibleCoordinates);
    }
    CHECK_THAT(refused[4]->detail, Contains("y=1e+20"));
    CHECK_THAT(refused[5]->detail, Contains("(not a finite number)"));
    CHECK_THAT(refused[6]->detail, Contains("outside the area of use of EPSG:4545"));
}

// ---------------------------------------------------------------------------------------------
// Coverage

TEST_CASE("a unit square partly outside the window covers only the part inside",
          "[core][wild][coverage]")
{
    // x 9.5..10.5, y -0.25..0.75 on a 10 x 10 window: inside is 9.5..10 x 0..0.75, 0.375 cells,
    // all in cell (9, 0); the square's whole area stays 1.
    const core::CoverageGrid east({rectangle(9.5, -0.25, 10.5, 0.75)}, 10, 10);
    REQUIRE(east.state() == core::CoverageGrid::State::Covered);
    CHECK(east.col0() == 9);
    CHECK(east.row0() == 0);
    CHECK(east.cols() == 1);
    CHECK(east.rows() == 1);
    CHECK_THAT(east.fraction(0, 0), WithinAbs(0.375, 1e-12));
    CHECK_THAT(east.ringsArea(), WithinAbs(1.0, 1e-12));

    // x -0.5..0.5, y 9.6..10.6: inside 0..0.5 x 9.6..10 = 0.2 cells, in cell (0, 9).
    const core::CoverageGrid corner({rectangle(-0.5, 9.6, 0.5, 10.6)}, 10, 10);
    REQUIRE(corner.state() == core::CoverageGrid::State::Covered);
    CHECK(corner.col0() == 0);
    CHECK(corner.row0() == 9);
    CHECK_THAT(fractionSum(corner), WithinAbs(0.2, 1e-12));
    CHECK_THAT(corner.fraction(0, 0), WithinAbs(0.2, 1e-12));

    // Wholly outside: nothing to cover, the area still known.
    const core::CoverageGrid outside({rectangle(12.0, 3.0, 13.0, 4.0)}, 10, 10);
    CHECK(outside.state() == core::CoverageGrid::State::Outside);
    CHECK(outside.empty());
    CHECK_THAT(outside.ringsArea(), WithinAbs(1.0, 1e-12));
}

TEST_CASE("a ring with a vertex 1e10, 1e20 or 1e45 cells away is clipped to the window",
          "[core][wild][coverage]")
{
    constexpr std::int64_t maxCells = 1000;
    SECTION("far east")
    {
        // Triangle (2, 2), (2, 8), (X, 5). Between x = 2 and 10 its height is
        // 6 − 6(x − 2)/(X − 2), so the area inside the window is
        //   ∫₂¹⁰ 6 − 6(x − 2)/(X − 2) dx = 48 − 192/(X − 2),
        // 48 − 1.92e-8 for X = 1e10. Columns 2..9 and rows 2..7 are covered, each all but a
        // sliver; the whole triangle is 6 (X − 2)/2 cells.
        for (const double far : {1e10, 1e20, 1e45}) {
            INFO("X = " << far);
            const core::CoverageGrid grid({ring({{2, 2}, {2, 8}, {far, 5}, {2, 2}})}, 10, 10,
                                          maxCells);
            REQUIRE(grid.state() == core::CoverageGrid::State::Covered);
            checkBounded(grid, 10, 10, maxCells);
            CHECK(grid.col0() == 2);
            CHECK(grid.row0() == 2);
            CHECK(grid.cols() == 8);
            CHECK(grid.rows() == 6);
            CHECK_THAT(fractionSum(grid), WithinAbs(48.0 - 192.0 / (far - 2.0), 1e-6));
            for (int r = 0; r < grid.rows(); ++r) {
                for (int c = 0; c < grid.cols(); ++c)
                    CHECK_THAT(grid.fraction(c, r), WithinAbs(1.0, 1e-6));
            }
            CHECK_THAT(grid.ringsArea(), WithinRel(3.0 * (far - 2.0), 1e-12));
        }
    }
    SECTION("far west")
    {
        // The mirror image, (8, 2), (8, 8), (−1e20, 5): columns 0..7, 48 cells inside.
        const core::CoverageGrid grid({ring({{8, 2}, {-1e20, 5}, {8, 8}, {8, 2}})}, 10, 10,
                                      maxCells);
        REQUIRE(grid.state() == core::CoverageGrid::State::Covered);
        checkBounded(grid, 10, 10, maxCells);
        CHECK(grid.col0() == 0);
        CHECK(grid.cols() == 8);
        CHECK_THAT(fractionSum(grid), WithinAbs(48.0, 1e-6));
    }
    SECTION("far along the diagonal")
    {
        // Triangle (2, 2), (8, 2), (1e45, 1e45): bounded below by y = 2 and by the lines y = x
        // and y = x − 6 (to 1e-44), so inside the window
        //   ∫₂¹⁰ (min(y + 6, 10) − y) dy = ∫₂⁴ 6 dy + ∫₄¹⁰ (10 − y) dy = 12 + 18 = 30 cells.
        const core::CoverageGrid grid({ring({{2, 2}, {8, 2}, {1e45, 1e45}, {2, 2}})}, 10, 10,
                                      maxCells);
        REQUIRE(grid.state() == core::CoverageGrid::State::Covered);
        checkBounded(grid, 10, 10, maxCells);
        CHECK_THAT(fractionSum(grid), WithinAbs(30.0, 1e-6));
        // Cell (8, 5), x 8..9 and y 5..6, lies between y = x − 6 and y = x: wholly covered;
        // y = x halves cell (9, 9); cell (9, 2) lies below y = x − 6 (y ≤ 3 ≤ x − 6).
        CHECK_THAT(grid.fraction(8 - grid.col0(), 5 - grid.row0()), WithinAbs(1.0, 1e-9));
        CHECK_THAT(grid.fraction(9 - grid.col0(), 9 - grid.row0()), WithinAbs(0.5, 1e-9));
        CHECK_THAT(grid.fraction(9 - grid.col0(), 2 - grid.row0()), WithinAbs(0.0, 1e-9));
    }
}

TEST_CASE("a ring with a vertex that is not a finite number covers nothing and allocates nothing",
          "[core][wild][coverage]")
{
    for (const double bad : {kNaN, kInf, -kInf, 1e200}) {
        INFO("vertex at x = " << bad);
        const std::vector<core::PixelRing> rings = {ring({{2, 2}, {2, 8}, {bad, 5}, {2, 2}})};
        const core::CoverageGrid windowed(rings, 10, 10);
        CHECK(windowed.state() == core::CoverageGrid::State::NotFinite);
        CHECK(windowed.empty());
        CHECK(windowed.cols() == 0);
        CHECK(windowed.rows() == 0);
        CHECK(windowed.ringsArea() == 0.0);
        const core::CoverageGrid touched(rings);
        CHECK(touched.state() == core::CoverageGrid::State::NotFinite);
        CHECK(touched.empty());
        // In y, and in a hole, the same.
        const core::CoverageGrid inY({ring({{2, 2}, {8, 2}, {5, bad}, {2, 2}})}, 10, 10);
        CHECK(inY.state() == core::CoverageGrid::State::NotFinite);
        const core::CoverageGrid inHole(
            {rectangle(1, 1, 9, 9), ring({{3, 3}, {3, 7}, {bad, 5}, {3, 3}}, true)}, 10, 10);
        CHECK(inHole.state() == core::CoverageGrid::State::NotFinite);
        CHECK(inHole.empty());
    }
}

TEST_CASE("a polygon over more cells than the budget is TooLarge and never allocated",
          "[core][wild][coverage]")
{
    // A 20 x 20 square over the whole 10 x 10 window: clipped, it covers all 100 cells.
    const std::vector<core::PixelRing> square = {rectangle(-5, -5, 15, 15)};
    const core::CoverageGrid tight(square, 10, 10, 99);
    CHECK(tight.state() == core::CoverageGrid::State::TooLarge);
    CHECK(tight.empty());
    const core::CoverageGrid enough(square, 10, 10, 100);
    REQUIRE(enough.state() == core::CoverageGrid::State::Covered);
    CHECK(enough.cols() == 10);
    CHECK(enough.rows() == 10);
    CHECK_THAT(fractionSum(enough), WithinAbs(100.0, 1e-9));
    CHECK_THAT(enough.ringsArea(), WithinAbs(400.0, 1e-9));

    // A window of 10^10 cells covered by a legitimate square: refused at the default budget
    // (4096², 128 MiB) before anything is allocated.
    const core::CoverageGrid county({rectangle(-1, -1, 1e5 + 1, 1e5 + 1)}, 100000, 100000);
    CHECK(county.state() == core::CoverageGrid::State::TooLarge);
    CHECK(county.empty());

    // Without a window the rings' bounding box is the window: a vertex at 1e20 makes it 1e20
    // cells wide, too large for the budget (and for an int), refused without a cast or an
    // allocation.
    const core::CoverageGrid stretched({ring({{2, 2}, {2, 8}, {1e20, 5}, {2, 2}})});
    CHECK(stretched.state() == core::CoverageGrid::State::TooLarge);
    CHECK(stretched.empty());
    const core::CoverageGrid wide({rectangle(0, 0, 5000, 5000)});
    CHECK(wide.state() == core::CoverageGrid::State::TooLarge);  // 25e6 > 4096² cells
}

// ---------------------------------------------------------------------------------------------
// Screening a project that holds damaged geometry

TEST_CASE("screening survives parcels with wild vertices and leaves the others as they were",
          "[core][wild][screening]")
{
    TempDir dir;
    writeDem(dir.file("dem.tif"), stripsDem());
    // P0..P4: 7.4 x 8.2 cells inside strip k, as in test_screening.cpp.
    std::vector<std::pair<std::string, std::string>> good;
    for (int k = 0; k < 5; ++k)
        good.push_back({"P" + std::to_string(k), cellRect(20 * k + 5.3, 6.7, 20 * k + 12.7, 14.9)});
    // The damaged parcels start as ordinary squares of strip 1, then get their wild vertex.
    struct Damage
    {
        std::string id;
        double x, y;
        std::string words;
    };
    const double nx = kWest + 35 * kCell, ny = kNorth - 25 * kCell;  // the squares' NE corner
    const std::vector<Damage> damages = {
        {"W1E10", 1e10, ny, "x=1e+10"},
        {"W1E20", 1e20, ny, "x=1e+20"},
        {"W1E45", 1e45, ny, "x=1e+45"},
        {"WNAN", kNaN, ny, "(not a finite number)"},
        {"WINF", nx, kInf, "y=inf (not a finite number)"},
    };
    std::vector<std::pair<std::string, std::string>> all = good;
    for (const Damage &damage : damages)
        all.push_back({damage.id, cellRect(25, 25, 35, 35)});
    // STRETCH: cells 25..35 x 5..15 of strip 1 whose south-east corner (35, 15) moved 50 km
    // south, to row 5015: no damaged coordinate (still in the zone), only a shape no parcel has.
    const std::string stretchWkt = cellRect(25, 5, 35, 15);
    all.push_back({"STRETCH", stretchWkt});

    auto clean = projectWith(dir, "clean", good);
    auto damaged = projectWith(dir, "damaged", all);
    for (const Damage &damage : damages) {
        // cellRect's ring: (x0 y0), (x1 y0), (x1 y1), (x0 y1): vertex 2 is the north-east corner.
        const auto geometry = withVertex(cellRect(25, 25, 35, 35), 2, damage.x, damage.y);
        storeGeometry(*damaged, damage.id, geometry.get());
    }
    // Vertex 1 of cellRect(25, 5, 35, 15) is (x1, y0), the south-east corner.
    const auto stretched = withVertex(stretchWkt, 1, kWest + 35 * kCell, kNorth - 5015 * kCell);
    storeGeometry(*damaged, "STRETCH", stretched.get());

    core::ScreeningRequest request;
    request.demPath = dir.file("dem.tif");
    const auto reference = screenOk(*clean, request);
    const auto summary = screenOk(*damaged, request);

    CHECK(summary.screened == 11);
    CHECK(summary.slopeUnknown == 5);                   // the five damaged parcels
    CHECK(summary.slopeFromDem == 6);                   // P0..P4 and STRETCH
    CHECK(summary.eligible == reference.eligible + 1);  // STRETCH (20°) besides P0, P1, P2
    CHECK(reference.eligible == 3);
    const auto referenceRows = rowsById(*clean);
    auto rows = rowsById(*damaged);
    for (int k = 0; k < 5; ++k) {
        const std::string id = "P" + std::to_string(k);
        INFO(id);
        const auto &row = rows.at(id);
        const auto &expected = referenceRows.at(id);
        REQUIRE(row.slopeDeg);
        CHECK_THAT(*row.slopeDeg, WithinAbs(kStripSlopes[k], 1e-3));
        CHECK(*row.slopeDeg == *expected.slopeDeg);
        CHECK(*row.slopeMaxDeg == *expected.slopeMaxDeg);
        CHECK(row.eligible == expected.eligible);
        CHECK(row.reasons == expected.reasons);
    }
    for (const Damage &damage : damages) {
        INFO(damage.id);
        const auto &row = rows.at(damage.id);
        CHECK(row.eligible == false);
        CHECK(contains(row.reasons, "slope_unknown"));
        CHECK_FALSE(row.slopeDeg);
        CHECK_FALSE(row.slopeSource);
        const core::Issue *issue = issueWithCode(summary.issues, "implausible_geometry", damage.id);
        REQUIRE(issue);
        CHECK_THAT(issue->detail, StartsWith("parcel " + damage.id + " has a vertex at "));
        CHECK_THAT(issue->detail, Contains(damage.words) && Contains("not eligible"));
    }
    // STRETCH is clipped to the DEM: rows 5..15 give a 10 x 10 rectangle, and from row 15 to the
    // DEM's southern edge (row 40) its west side runs from column 25 to 25 + 25·10/5000 = 25.05,
    // a trapezoid of 25 × (10 + 9.95)/2 = 249.375 cells: 349.375 cells on the DEM out of the
    // polygon's 100 + 10·5000/2 = 25,100. All of them in strip 1, so its slope is 20°.
    const auto &stretch = rows.at("STRETCH");
    REQUIRE(stretch.slopeDeg);
    CHECK_THAT(*stretch.slopeDeg, WithinAbs(20.0, 1e-3));
    CHECK_THAT(*stretch.slopeMaxDeg, WithinAbs(20.0, 1e-3));
    CHECK_THAT(*stretch.demCoverage, WithinRel(349.375 / 25100.0, 1e-9));
    CHECK(contains(stretch.flags, "dem_partial"));
    CHECK(stretch.eligible == true);
    CHECK_FALSE(issueWithCode(summary.issues, "implausible_geometry", "STRETCH"));

    SECTION("without a DEM too")
    {
        const auto withoutDem = screenOk(*damaged, {});
        CHECK(withoutDem.screened == 11);
        for (const Damage &damage : damages)
            CHECK(issueWithCode(withoutDem.issues, "implausible_geometry", damage.id));
    }
    SECTION("the damaged parcels alone against the DEM")
    {
        // The DEM-covers-the-parcels check ignores damaged envelopes; with only them and
        // STRETCH the run still finishes.
        REQUIRE(damaged->database()
                    .exec("DELETE FROM parcels WHERE parcel_id IN ('P0','P1','P2','P3','P4')")
                    .ok());
        const auto alone = screenOk(*damaged, request);
        CHECK(alone.screened == 6);
        CHECK(alone.slopeUnknown == 5);
        CHECK(alone.eligible == 1);
    }
}

// ---------------------------------------------------------------------------------------------
// Implausible DEM values

TEST_CASE("non-finite DEM cells are nodata: the parcels' slopes are those of the clean DEM",
          "[core][wild][dem]")
{
    // A 60 x 60 plane rising 1 m per 10 m (5.7106°), and the same with +Inf, −Inf and NaN in
    // three cells and no nodata declared. 25 parcels of 7.4 x 7.4 cells on an 11-cell grid; the
    // limit of 6° makes any slope a bad cell would add visible in the verdicts.
    TempDir dir;
    writeDem(dir.file("clean.tif"), planeDem(60, 60));
    DemSpec dirty = planeDem(60, 60);
    const std::vector<std::pair<int, int>> badCells = {{20, 20}, {21, 20}, {40, 30}};
    dirty.elevation = [base = dirty.elevation](int column, int row) {
        if (column == 20 && row == 20)
            return kInf;
        if (column == 21 && row == 20)
            return -kInf;
        if (column == 40 && row == 30)
            return kNaN;
        return base(column, row);
    };
    writeDem(dir.file("dirty.tif"), dirty);

    std::vector<std::pair<std::string, std::string>> parcels;
    std::set<std::string> nearBad;  // parcels whose cells or their Horn neighbours are bad
    for (int i = 0; i < 5; ++i) {
        for (int j = 0; j < 5; ++j) {
            const double c0 = 2.3 + 11 * i, r0 = 2.3 + 11 * j;
            const std::string id = "Q" + std::to_string(i) + std::to_string(j);
            parcels.push_back({id, cellRect(c0, r0, c0 + 7.4, r0 + 7.4)});
            // Cells floor(c0) .. ceil(c0 + 7.4) − 1, and one more on each side for Horn.
            const int first = int(std::floor(c0)) - 1, last = int(std::ceil(c0 + 7.4));
            const int top = int(std::floor(r0)) - 1, bottom = int(std::ceil(r0 + 7.4));
            for (const auto &[c, r] : badCells) {
                if (c >= first && c <= last && r >= top && r <= bottom)
                    nearBad.insert(id);
            }
        }
    }
    // (20, 20) and (21, 20) fall in Q11 (cells 13..20) and beside it; (40, 30) in Q32.
    REQUIRE(nearBad == std::set<std::string>{"Q11", "Q32"});
    auto project = projectWith(dir, "plane", parcels);

    REQUIRE(core::DemRaster::open(dir.file("dirty.tif")).ok());  // non-finite cells: nodata
    core::ScreeningRequest request;
    request.rules.maxSlopeDeg = 6.0;
    request.demPath = dir.file("clean.tif");
    const auto cleanSummary = screenOk(*project, request);
    const auto cleanRows = rowsById(*project);
    request.demPath = dir.file("dirty.tif");
    const auto dirtySummary = screenOk(*project, request);
    const auto dirtyRows = rowsById(*project);

    CHECK(cleanSummary.eligible == 25);
    CHECK(dirtySummary.eligible == cleanSummary.eligible);
    CHECK(dirtySummary.slopeFromDem == 25);
    CHECK_FALSE(issueWithCode(dirtySummary.issues, "dem_implausible_cells"));
    double cleanMax = 0.0;
    for (const auto &[id, row] : cleanRows) {
        INFO(id);
        REQUIRE(row.slopeDeg);
        CHECK_THAT(*row.slopeDeg, WithinAbs(kPlaneSlopeDeg, 1e-4));
        cleanMax = std::max(cleanMax, *row.slopeMaxDeg);
    }
    CHECK_THAT(cleanMax, WithinAbs(kPlaneSlopeDeg, 1e-4));
    for (const auto &[id, row] : dirtyRows) {
        INFO(id);
        const auto &reference = cleanRows.at(id);
        REQUIRE(row.slopeDeg);
        CHECK(*row.slopeMaxDeg <= cleanMax + 1e-9);
        CHECK(*row.slopeSteepShare == 0.0);
        CHECK(row.eligible == true);
        if (nearBad.count(id)) {
            // Cells beside a nodata cell take the centre's value for it, which flattens them.
            CHECK(*row.slopeDeg <= *reference.slopeDeg + 1e-9);
            CHECK(*row.slopeDeg > 4.0);
            CHECK(*row.demCoverage < 1.0);  // the bad cells themselves have no slope
        } else {
            CHECK(*row.slopeDeg == *reference.slopeDeg);
            CHECK(*row.slopeMaxDeg == *reference.slopeMaxDeg);
            CHECK(*row.demCoverage == *reference.demCoverage);
        }
    }
}

TEST_CASE("a DEM with elevations beyond any terrain on Earth is refused naming it",
          "[core][wild][dem]")
{
    TempDir dir;
    auto project = projectWith(dir, "p", {{"P", cellRect(5, 5, 12, 12)}});
    const auto refused = [&](const std::string &name, const DemSpec &spec,
                             const std::vector<std::string> &words) {
        INFO(name);
        const std::string path = dir.file(name);
        writeDem(path, spec);
        auto dem = core::DemRaster::open(path);
        REQUIRE_FALSE(dem.ok());
        CHECK(dem.error().code == core::ErrorCode::Damaged);
        const std::string message = dem.error().message();
        CHECK_THAT(message, StartsWith(path + ": "));
        for (const std::string &word : words)
            CHECK_THAT(message, Contains(word));
        CHECK(message.find('\n') == std::string::npos);
        // Screening refuses it the same way, before anything is written.
        core::ScreeningRequest request;
        request.demPath = path;
        core::Progress progress;
        auto screened = core::screenParcels(*project, request, progress);
        REQUIRE_FALSE(screened.ok());
        CHECK(screened.error().code == core::ErrorCode::Damaged);
        CHECK(screened.error().message() == message);
    };
    SECTION("a constant 3e38 m: a float fill without nodata")
    {
        DemSpec spec = planeDem(40, 40);
        spec.elevation = [](int, int) { return 3e38; };
        refused("fill3e38.tif", spec, {"has elevations up to 3e+38 m", "9000 m", "nodata"});
    }
    SECTION("an undeclared -9999 fill around the data")
    {
        DemSpec spec = planeDem(40, 40);
        spec.elevation = [base = spec.elevation](int column, int row) {
            return column >= 30 || row >= 35 ? -9999.0 : base(column, row);
        };
        refused("fill9999.tif", spec,
                {"has elevations down to -9999 m", "-500 m", "gdal_edit.py -a_nodata"});
        // Declared, the same file is fine, and the parcel on its valid part gets the plane's
        // slope.
        spec.noData = -9999.0;
        writeDem(dir.file("declared.tif"), spec);
        REQUIRE(core::DemRaster::open(dir.file("declared.tif")).ok());
        core::ScreeningRequest request;
        request.demPath = dir.file("declared.tif");
        screenOk(*project, request);
        CHECK_THAT(*rowsById(*project).at("P").slopeDeg, WithinAbs(kPlaneSlopeDeg, 1e-4));
    }
    SECTION("one cell at 9001 m")
    {
        DemSpec spec = planeDem(40, 40);
        spec.elevation = [base = spec.elevation](int column, int row) {
            return column == 39 && row == 39 ? 9001.0 : base(column, row);
        };
        refused("high.tif", spec, {"has elevations up to 9001 m"});
    }
    SECTION("one cell at -501 m")
    {
        DemSpec spec = planeDem(40, 40);
        spec.elevation = [base = spec.elevation](int column, int row) {
            return column == 0 && row == 39 ? -501.0 : base(column, row);
        };
        refused("low.tif", spec, {"has elevations down to -501 m"});
    }
    CHECK(countRows(*project, "screening_runs") <= 1);  // only the declared DEM's run
}

TEST_CASE("Everest and the Dead Sea shore are terrain: such a DEM is accepted", "[core][wild][dem]")
{
    // 8,848 m and −430 m in two cells away from the parcel, 100 m elsewhere (flat: 0°).
    TempDir dir;
    DemSpec spec = planeDem(40, 40);
    spec.elevation = [](int column, int row) {
        if (column == 35 && row == 2)
            return 8848.0;
        if (column == 2 && row == 35)
            return -430.0;
        return 100.0;
    };
    writeDem(dir.file("earth.tif"), spec);
    auto dem = core::DemRaster::open(dir.file("earth.tif"));
    REQUIRE(dem.ok());
    CHECK(dem->plausible(8848.0));
    CHECK(dem->plausible(-430.0));
    auto project = projectWith(dir, "p", {{"P", cellRect(10, 10, 20, 20)}});
    core::ScreeningRequest request;
    request.demPath = dir.file("earth.tif");
    const auto summary = screenOk(*project, request);
    CHECK(summary.eligible == 1);
    CHECK_FALSE(issueWithCode(summary.issues, "dem_implausible_cells"));
    CHECK_THAT(*rowsById(*project).at("P").slopeDeg, WithinAbs(0.0, 1e-9));
}

TEST_CASE("implausible cells the check at open did not sample are nodata when a window meets "
          "them",
          "[core][wild][dem]")
{
    // 8192 x 2049 cells (more than DemRaster::kExactCheckCells) in 64 x 64 tiles: 128 x 33 = 4224
    // blocks, of which the check at open reads about 4M cells = 1024 blocks: stride 4.125, so
    // every 2nd block across from the 2nd (bx = 1, 3, ...) and every 3rd down. Block column 0 is
    // never read, and there cell (10, 10) holds 5e6 m. Unwritten tiles read as 0 m (terrain);
    // the top-left 128 x 128 cells hold the 5.71° plane.
    TempDir dir;
    const std::string path = dir.file("sparse.tif");
    {
        GDALDriverH driver = GDALGetDriverByName("GTiff");
        const char *options[] = {"TILED=YES", "BLOCKXSIZE=64", "BLOCKYSIZE=64", "SPARSE_OK=TRUE",
                                 nullptr};
        core::DatasetPtr dataset(GDALCreate(driver, path.c_str(), 8192, 2049, 1, GDT_Float32,
                                            const_cast<char **>(options)));
        REQUIRE(dataset);
        double transform[6] = {kWest, kCell, 0.0, kNorth, 0.0, -kCell};
        GDALSetGeoTransform(dataset.get(), transform);
        core::SrsPtr srs(OSRNewSpatialReference(nullptr));
        OSRImportFromEPSG(srs.get(), 4545);
        GDALSetSpatialRef(dataset.get(), srs.get());
        std::vector<float> values(128 * 128);
        for (int row = 0; row < 128; ++row) {
            for (int column = 0; column < 128; ++column)
                values[std::size_t(row) * 128 + column] =
                    float(200.0 + 0.1 * (128 - row - 0.5) * kCell);
        }
        values[10 * 128 + 10] = 5e6f;
        REQUIRE(GDALRasterIO(GDALGetRasterBand(dataset.get(), 1), GF_Write, 0, 0, 128, 128,
                             values.data(), 128, 128, GDT_Float32, 0, 0) == CE_None);
    }
    REQUIRE(std::int64_t(8192) * 2049 > core::DemRaster::kExactCheckCells);
    REQUIRE(core::DemRaster::open(path).ok());  // the sampled check missed the cell

    // ON: cells 5.5..15.5 hold the bad cell; AWAY: cells 60..70, far from it.
    auto project = projectWith(
        dir, "p", {{"ON", cellRect(5.5, 5.5, 15.5, 15.5)}, {"AWAY", cellRect(60, 60, 70, 70)}});
    core::ScreeningRequest request;
    request.demPath = path;
    const auto summary = screenOk(*project, request);
    CHECK(summary.eligible == 2);
    const core::Issue *issue = issueWithCode(summary.issues, "dem_implausible_cells");
    REQUIRE(issue);
    CHECK_THAT(issue->detail, StartsWith(path + ": "));
    CHECK_THAT(issue->detail, Contains("up to 5e+06 m") && Contains("nodata"));
    auto rows = rowsById(*project);
    CHECK_THAT(*rows.at("AWAY").slopeDeg, WithinAbs(kPlaneSlopeDeg, 1e-4));
    // Without the bad cell's 5e6 m the slope stays the plane's or a little flatter beside it
    // (its Horn neighbours take their centre's value); with it, they would be near 90°.
    const auto &on = rows.at("ON");
    CHECK(*on.slopeMaxDeg <= kPlaneSlopeDeg + 1e-4);
    CHECK(*on.slopeDeg <= kPlaneSlopeDeg + 1e-4);
    CHECK(*on.slopeDeg > 5.0);
    // 100 cells minus the bad one: 99 % of the parcel on valid cells.
    CHECK_THAT(*on.demCoverage, WithinAbs(0.99, 1e-9));
}
