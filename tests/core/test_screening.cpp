// SPDX-License-Identifier: GPL-3.0-or-later
// Screening end to end on DEMs made of tilted planes and on hand-drawn constraint layers, where
// every expected figure follows from geometry by hand (see each test's comments).
#include "../support/testfiles.h"

#include <core/db/statement.h>
#include <core/ops/exportparcels.h>
#include <core/ops/screenparcels.h>

#include <catch2/catch.hpp>
#include <gdal_utils.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace gengbao;
using namespace gengbao::test;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// The DEMs of these tests: 10 m cells, west edge 500000, north edge 3100000 in EPSG:4545. That
// easting is the zone's central meridian, where the projection's scale is 1: planar areas equal
// ellipsoidal ones to about 1e-8 within a kilometre, so overlaps can be checked against plain
// rectangle arithmetic.
constexpr double kWest = 500000.0;
constexpr double kNorth = 3100000.0;
constexpr double kCell = 10.0;

double tanDeg(double degrees)
{
    return std::tan(degrees * M_PI / 180.0);
}
double atanDeg(double value)
{
    return std::atan(value) * 180.0 / M_PI;
}

// A rectangle given in DEM cells (continuous column and row numbers), as map WKT.
std::string cellRect(double c0, double r0, double c1, double r1)
{
    std::ostringstream wkt;
    wkt.precision(12);
    const double x0 = kWest + c0 * kCell, x1 = kWest + c1 * kCell;
    const double y0 = kNorth - r1 * kCell, y1 = kNorth - r0 * kCell;
    wkt << "((" << x0 << " " << y0 << ", " << x1 << " " << y0 << ", " << x1 << " " << y1 << ", "
        << x0 << " " << y1 << ", " << x0 << " " << y0 << "))";
    return wkt.str();
}

std::string polygon(const std::string &rings)
{
    return "POLYGON " + rings;
}

// A rectangle with a hole, in cells.
std::string cellRectWithHole(double c0, double r0, double c1, double r1, double h0, double hr0,
                             double h1, double hr1)
{
    const std::string outer = cellRect(c0, r0, c1, r1);
    const std::string hole = cellRect(h0, hr0, h1, hr1);
    return "POLYGON (" + outer.substr(1, outer.size() - 2) + ", " +
           hole.substr(1, hole.size() - 2) + ")";
}

std::string mapRect(double x0, double y0, double x1, double y1)
{
    std::ostringstream wkt;
    wkt.precision(12);
    wkt << "POLYGON ((" << x0 << " " << y0 << ", " << x1 << " " << y0 << ", " << x1 << " " << y1
        << ", " << x0 << " " << y1 << ", " << x0 << " " << y0 << "))";
    return wkt.str();
}

struct TestParcel
{
    TestParcel(std::string id_, std::string wkt_, std::string gdpdjb_, std::string pdjb_,
               std::string gdlx_, std::optional<double> slope_ = std::nullopt)
        : id(std::move(id_))
        , wkt(std::move(wkt_))
        , gdpdjb(std::move(gdpdjb_))
        , pdjb(std::move(pdjb_))
        , gdlx(std::move(gdlx_))
        , slope(slope_)
    {}
    std::string id;
    std::string wkt;
    std::string gdpdjb;  // empty: none
    std::string pdjb;
    std::string gdlx;
    std::optional<double> slope;
};

// The candidate parcels as a GeoPackage with BSM, village, slope grades, 耕地类型 and a numeric
// slope field, imported into a new EPSG:4545 project.
std::unique_ptr<core::Project> projectWith(const TempDir &dir,
                                           const std::vector<TestParcel> &parcels)
{
    VectorSpec spec;
    spec.driver = "GPKG";
    spec.geometryType = 0;  // polygons and multipolygons
    spec.fields = {{"BSM", FieldType::String, 18},    {"ZLDWDM", FieldType::String, 19},
                   {"ZLDWMC", FieldType::String, 60}, {"GDPDJB", FieldType::String, 2},
                   {"PDJB", FieldType::String, 2},    {"GDLX", FieldType::String, 2},
                   {"SLOPE", FieldType::Real, 8, 2}};
    const auto text = [](const std::string &value) {
        return value.empty() ? FieldValue{} : FieldValue{value};
    };
    for (const TestParcel &parcel : parcels) {
        spec.features.push_back(
            {parcel.wkt,
             {parcel.id, std::string("5002411112010000000"), std::string("龙塘冲村"),
              text(parcel.gdpdjb), text(parcel.pdjb), text(parcel.gdlx),
              parcel.slope ? FieldValue{*parcel.slope} : FieldValue{}}});
    }
    writeVector(dir.file("parcels.gpkg"), spec);
    auto project = newProject(dir);
    importOk(*project, dir.file("parcels.gpkg"));
    return project;
}

void writePolygons(const std::string &path, const std::vector<std::string> &wkts, int epsg = 4545,
                   const std::string &driver = "GPKG")
{
    VectorSpec spec;
    spec.driver = driver;
    spec.layerName = "constraint";
    spec.epsg = epsg;
    spec.geometryType = driver == "GPKG" ? 0 : 3;
    spec.fields = {{"NAME", FieldType::String, 20}};
    for (const std::string &wkt : wkts)
        spec.features.push_back({wkt, {std::string("区域")}});
    writeVector(path, spec);
}

bool contains(const std::optional<std::vector<std::string>> &list, const std::string &item)
{
    return list && std::find(list->begin(), list->end(), item) != list->end();
}

// Five strips of 20 columns, each a plane rising northwards at its own slope.
const double kStripSlopes[] = {5.0, 20.0, 24.9, 25.1, 33.0};
DemSpec stripsDem()
{
    DemSpec dem;
    dem.width = 100;
    dem.height = 40;
    dem.originX = kWest;
    dem.originY = kNorth;
    dem.elevation = [](int column, int row) {
        const double north = (40 - row - 0.5) * kCell;  // metres north of the southern edge
        return 100.0 + tanDeg(kStripSlopes[column / 20]) * north;
    };
    return dem;
}

// Two planes along x meeting in a crease at the centre of column 49: 10° to the west, 30° to the
// east (elevation continuous).
DemSpec creaseDem()
{
    DemSpec dem;
    dem.width = 100;
    dem.height = 80;
    dem.elevation = [](int column, int) {
        const double ta = tanDeg(10.0), tb = tanDeg(30.0);
        return column <= 49 ? 200.0 + ta * kCell * column
                            : 200.0 + ta * kCell * 49 + tb * kCell * (column - 49);
    };
    return dem;
}

}  // namespace

TEST_CASE("tilted planes of 5 to 33 degrees give their slope and the 25 degree verdict",
          "[core][screening][slope]")
{
    TempDir dir;
    writeDem(dir.file("dem.tif"), stripsDem());
    std::vector<TestParcel> parcels;
    for (int k = 0; k < 5; ++k) {
        // 7.4 x 8.2 cells inside strip k, off the cell grid, two cells clear of its borders.
        parcels.push_back({"P" + std::to_string(k),
                           polygon(cellRect(20 * k + 5.3, 6.7, 20 * k + 12.7, 14.9)), "", "", ""});
    }
    // At the raster's corner: the missing neighbours are extrapolated, exact on a plane.
    parcels.push_back({"CORNER", polygon(cellRect(0.0, 0.0, 3.5, 2.5)), "", "", ""});
    auto project = projectWith(dir, parcels);
    core::ScreeningRequest request;
    request.demPath = dir.file("dem.tif");
    const auto summary = screenOk(*project, request);
    CHECK(summary.screened == 6);
    CHECK(summary.eligible == 4);  // 5°, 20°, 24.9° and the corner
    CHECK(summary.excluded.at("slope") == 2);
    CHECK(summary.slopeFromDem == 6);

    auto rows = rowsById(*project);
    const int grades[] = {2, 4, 4, 5, 5};
    for (int k = 0; k < 5; ++k) {
        const auto &row = rows.at("P" + std::to_string(k));
        INFO("plane of " << kStripSlopes[k] << "°");
        REQUIRE(row.slopeDeg);
        CHECK_THAT(*row.slopeDeg, WithinAbs(kStripSlopes[k], 1e-3));
        CHECK_THAT(*row.slopeMaxDeg, WithinAbs(kStripSlopes[k], 1e-3));
        CHECK(*row.slopeSteepShare == (kStripSlopes[k] > 25.0 ? 1.0 : 0.0));
        CHECK(row.slopeSource == "dem");
        CHECK(row.slopeGrade == grades[k]);
        CHECK(row.eligible == (kStripSlopes[k] <= 25.0));
        CHECK(contains(row.reasons, "slope") == (kStripSlopes[k] > 25.0));
        CHECK_THAT(*row.demCoverage, WithinAbs(1.0, 1e-12));
    }
    CHECK_THAT(*rows.at("CORNER").slopeDeg, WithinAbs(5.0, 1e-3));
}

TEST_CASE("a parcel straddling two planes gets the coverage-weighted mean",
          "[core][screening][slope]")
{
    // Crease DEM: columns 0..48 slope A = 10°, column 49 (the crease) M, columns 50.. B = 30°.
    // Horn at column 49 sees column 48 on plane A and column 50 on plane B:
    //   dz/dx = (4·z48 − 4·z50) / (8·10) → |dz/dx| = (tan A + tan B) / 2, so M = atan of that.
    // The parcel spans columns 40.5 to 60.25 over whole rows 10..20, so per row it covers
    //   column 40: 0.5, columns 41..48: 8 × 1 (A), column 49: 1 (M), columns 50..59: 10 × 1 (B),
    //   column 60: 0.25 (B):  mean = (8.5·A + 1·M + 10.25·B) / 19.75.
    // The cell-centre rule would count column 40 wholly and column 60 not at all.
    TempDir dir;
    writeDem(dir.file("dem.tif"), creaseDem());
    auto project =
        projectWith(dir, {{"STRADDLE", polygon(cellRect(40.5, 10, 60.25, 20)), "", "", ""}});
    core::ScreeningRequest request;
    request.demPath = dir.file("dem.tif");
    screenOk(*project, request);
    const double a = 10.0, b = 30.0, m = atanDeg((tanDeg(10.0) + tanDeg(30.0)) / 2.0);
    const double expected = (8.5 * a + 1.0 * m + 10.25 * b) / 19.75;  // 20.919…°
    const auto row = rowsById(*project).at("STRADDLE");
    CHECK_THAT(*row.slopeDeg, WithinAbs(expected, 1e-3));
    CHECK_THAT(*row.slopeMaxDeg, WithinAbs(30.0, 1e-3));
    CHECK_THAT(*row.slopeSteepShare, WithinAbs(10.25 / 19.75, 1e-9));
    CHECK(row.eligible == true);  // 20.9° ≤ 25°, although half of it is steeper
    CHECK(row.slopeGrade == 4);
}

TEST_CASE("multipart parcels and holes weigh only the cells they cover", "[core][screening][slope]")
{
    // Crease DEM again. MULTI: 10 x 10 cells on plane A (columns 10..19) and 5 x 10 cells on B
    //   (columns 70..74): (100·10° + 50·30°) / 150.
    // HOLE: columns 30..69 x rows 50..60 (19 columns A, the crease M, 20 columns B, 10 rows),
    //   minus a hole of columns 50..65 x rows 52..58 (16 x 6 = 96 cells of B):
    //   (190·A + 10·M + (200 − 96)·B) / 304.
    TempDir dir;
    writeDem(dir.file("dem.tif"), creaseDem());
    const std::string multi =
        "MULTIPOLYGON (" + cellRect(10, 30, 20, 40) + ", " + cellRect(70, 30, 75, 40) + ")";
    auto project =
        projectWith(dir, {{"MULTI", multi, "", "", ""},
                          {"HOLE", cellRectWithHole(30, 50, 70, 60, 50, 52, 66, 58), "", "", ""}});
    core::ScreeningRequest request;
    request.demPath = dir.file("dem.tif");
    screenOk(*project, request);
    auto rows = rowsById(*project);
    const double m = atanDeg((tanDeg(10.0) + tanDeg(30.0)) / 2.0);
    CHECK_THAT(*rows.at("MULTI").slopeDeg, WithinAbs((100 * 10.0 + 50 * 30.0) / 150.0, 1e-3));
    CHECK_THAT(*rows.at("MULTI").slopeSteepShare, WithinAbs(50.0 / 150.0, 1e-9));
    CHECK_THAT(*rows.at("HOLE").slopeDeg,
               WithinAbs((190 * 10.0 + 10 * m + 104 * 30.0) / 304.0, 1e-3));
}

TEST_CASE("nodata cells and parcels outside the DEM leave the slope unknown",
          "[core][screening][slope]")
{
    // A 5° plane with a nodata block over columns 40..59, rows 10..29.
    TempDir dir;
    DemSpec dem = stripsDem();
    dem.noData = -9999.0;
    dem.elevation = [](int column, int row) {
        if (column >= 40 && column < 60 && row >= 10 && row < 30)
            return -9999.0;
        return 100.0 + tanDeg(5.0) * (40 - row - 0.5) * kCell;
    };
    writeDem(dir.file("dem.tif"), dem);
    auto project = projectWith(
        dir, {{"ON_NODATA", polygon(cellRect(42, 12, 50, 20)), "3", "", ""},
              // Half on nodata: columns 30..50, the western half on valid cells.
              {"HALF", polygon(cellRect(30, 20, 50, 28)), "", "", ""},
              // East of the DEM (which ends at column 100), with a grade that says gentle.
              {"OUTSIDE", polygon(cellRect(120, 5, 130, 15)), "2", "", ""},
              {"INSIDE", polygon(cellRect(5, 5, 15, 15)), "", "", ""}});
    core::ScreeningRequest request;
    request.demPath = dir.file("dem.tif");
    const auto summary = screenOk(*project, request);
    CHECK(summary.slopeUnknown == 2);
    auto rows = rowsById(*project);
    for (const char *id : {"ON_NODATA", "OUTSIDE"}) {
        INFO(id);
        const auto &row = rows.at(id);
        CHECK(row.eligible == false);  // never silently eligible
        CHECK(contains(row.reasons, "slope_unknown"));
        CHECK_FALSE(row.slopeDeg);
        CHECK_FALSE(row.slopeSource);
    }
    const auto &half = rows.at("HALF");
    CHECK_THAT(*half.demCoverage, WithinAbs(0.5, 1e-12));
    CHECK(contains(half.flags, "dem_partial"));
    // The valid half is a 5° plane; cells next to the hole take the centre value for their
    // nodata neighbours (as gdaldem -compute_edges), which flattens them a little.
    CHECK(*half.slopeDeg <= 5.0 + 1e-3);
    CHECK(*half.slopeDeg > 4.0);
    CHECK(half.eligible == true);
    CHECK_THAT(*rows.at("INSIDE").slopeDeg, WithinAbs(5.0, 1e-3));
}

TEST_CASE("without a DEM the slope grade or a numeric slope decides", "[core][screening][slope]")
{
    TempDir dir;
    auto project = projectWith(dir, {{"G5", polygon(cellRect(0, 0, 5, 5)), "5", "", ""},
                                     {"G4", polygon(cellRect(10, 0, 15, 5)), "4", "", ""},
                                     {"PDJB5", polygon(cellRect(20, 0, 25, 5)), "", "5", ""},
                                     // GDPDJB wins over PDJB (domain.md §1.3).
                                     {"BOTH", polygon(cellRect(30, 0, 35, 5)), "2", "5", ""},
                                     {"NUM", polygon(cellRect(40, 0, 45, 5)), "", "", "", 27.5},
                                     {"NONE", polygon(cellRect(50, 0, 55, 5)), "", "", ""},
                                     {"BAD", polygon(cellRect(60, 0, 65, 5)), "7", "", ""}});
    const auto summary = screenOk(*project, {});
    CHECK(summary.slopeFromAttribute == 5);
    CHECK(summary.slopeUnknown == 2);
    auto rows = rowsById(*project);
    CHECK(rows.at("G5").eligible == false);
    CHECK(contains(rows.at("G5").reasons, "slope"));
    CHECK(rows.at("G5").slopeSource == "attribute");
    CHECK_FALSE(rows.at("G5").slopeDeg);  // a grade is not a number of degrees
    CHECK(rows.at("G5").slopeGrade == 5);
    CHECK(rows.at("G4").eligible == true);
    CHECK(rows.at("PDJB5").eligible == false);
    CHECK(rows.at("BOTH").eligible == true);
    CHECK(rows.at("NUM").eligible == false);
    CHECK(*rows.at("NUM").slopeDeg == 27.5);
    CHECK(rows.at("NUM").slopeGrade == 5);
    for (const char *id : {"NONE", "BAD"}) {
        INFO(id);
        CHECK(rows.at(id).eligible == false);
        CHECK(contains(rows.at(id).reasons, "slope_unknown"));
    }
}

TEST_CASE("where a DEM covers the parcel it decides and disagreements are recorded",
          "[core][screening][slope]")
{
    TempDir dir;
    writeDem(dir.file("dem.tif"), stripsDem());
    // Marked grade 5 on the 5° plane; marked 3 (and a numeric 12°) on the 33° plane.
    auto project =
        projectWith(dir, {{"STALE5", polygon(cellRect(5, 5, 12, 12)), "5", "", ""},
                          {"STALE3", polygon(cellRect(85, 5, 92, 12)), "3", "", "", 12.0},
                          {"AGREES", polygon(cellRect(25, 5, 32, 12)), "4", "", ""}});
    core::ScreeningRequest request;
    request.demPath = dir.file("dem.tif");
    const auto summary = screenOk(*project, request);
    CHECK(summary.slopeDisagreements == 2);
    auto rows = rowsById(*project);
    CHECK(rows.at("STALE5").eligible == true);
    CHECK(contains(rows.at("STALE5").flags, "slope_disagrees"));
    CHECK(rows.at("STALE5").slopeGrade == 2);
    CHECK(rows.at("STALE5").slopeGradeAttr == 5);
    CHECK(rows.at("STALE3").eligible == false);
    CHECK(contains(rows.at("STALE3").flags, "slope_disagrees"));
    CHECK_FALSE(contains(rows.at("AGREES").flags, "slope_disagrees"));
}

TEST_CASE("terraces over the limit stay eligible only when the plan allows them",
          "[core][screening][slope]")
{
    TempDir dir;
    writeDem(dir.file("dem.tif"), stripsDem());
    auto project = projectWith(dir, {{"TERRACE", polygon(cellRect(85, 5, 92, 12)), "", "", "TT"},
                                     {"SLOPE", polygon(cellRect(85, 20, 92, 27)), "", "", "PD"}});
    core::ScreeningRequest request;
    request.demPath = dir.file("dem.tif");
    screenOk(*project, request);
    CHECK(rowsById(*project).at("TERRACE").eligible == false);  // off by default
    request.rules.allowTerraces = true;
    screenOk(*project, request);
    auto rows = rowsById(*project);
    CHECK(rows.at("TERRACE").eligible == true);
    CHECK(contains(rows.at("TERRACE").flags, "terrace"));
    CHECK(rows.at("SLOPE").eligible == false);
}

TEST_CASE("constraint layers: full and partial overlaps, slivers, holes, kinds and flags",
          "[core][screening][constraints]")
{
    // Parcels are 100 m squares (10 000 m²) on the central meridian (planar = ellipsoidal).
    TempDir dir;
    const double x = kWest, y = kNorth - 1000.0;
    auto project = projectWith(dir, {{"FULL", squareWkt(x, y, 100), "1", "", ""},
                                     {"PARTIAL", squareWkt(x + 200, y, 100), "1", "", ""},
                                     {"SLIVER", squareWkt(x + 400, y, 100), "1", "", ""},
                                     {"OVER", squareWkt(x + 600, y, 100), "1", "", ""},
                                     {"IN_HOLE", squareWkt(x + 850, y + 50, 50), "1", "", ""},
                                     {"TOWN", squareWkt(x, y + 300, 100), "1", "", ""},
                                     {"FARMLAND", squareWkt(x + 200, y + 300, 100), "1", "", ""},
                                     {"TWICE", squareWkt(x + 400, y + 300, 100), "1", "", ""}});
    // Red line: FULL wholly inside; the west 30 m of PARTIAL (3 000 m²); a 0.1 m x 5 m sliver
    // of SLIVER (0.5 m²); 0.3 m x 5 m of OVER (1.5 m²); a ring around IN_HOLE's square; two
    // features that overlap each other over all of TWICE.
    writePolygons(
        dir.file("redline.gpkg"),
        {mapRect(x - 10, y - 10, x + 110, y + 110), mapRect(x + 190, y - 10, x + 230, y + 110),
         mapRect(x + 499.9, y + 20, x + 510, y + 25), mapRect(x + 699.7, y + 20, x + 710, y + 25),
         "POLYGON ((" + std::to_string(x + 800) + " " + std::to_string(y) + ", " +
             std::to_string(x + 950) + " " + std::to_string(y) + ", " + std::to_string(x + 950) +
             " " + std::to_string(y + 150) + ", " + std::to_string(x + 800) + " " +
             std::to_string(y + 150) + ", " + std::to_string(x + 800) + " " + std::to_string(y) +
             "), (" + std::to_string(x + 840) + " " + std::to_string(y + 40) + ", " +
             std::to_string(x + 910) + " " + std::to_string(y + 40) + ", " +
             std::to_string(x + 910) + " " + std::to_string(y + 110) + ", " +
             std::to_string(x + 840) + " " + std::to_string(y + 110) + ", " +
             std::to_string(x + 840) + " " + std::to_string(y + 40) + "))",
         mapRect(x + 390, y + 290, x + 510, y + 410), mapRect(x + 380, y + 280, x + 520, y + 420)});
    writePolygons(dir.file("town.gpkg"), {mapRect(x - 50, y + 250, x + 150, y + 450)});
    writePolygons(dir.file("farmland.gpkg"), {mapRect(x + 250, y + 250, x + 350, y + 450)});

    core::ScreeningRequest request;
    request.constraints = {
        {dir.file("redline.gpkg"), std::nullopt},
        {dir.file("town.gpkg"), std::nullopt, "城镇开发边界"},
        {dir.file("farmland.gpkg"), std::nullopt, "永久基本农田", core::ConstraintAction::Flag}};
    const auto summary = screenOk(*project, request);
    CHECK(summary.excluded.at("redline") == 4);  // FULL, PARTIAL, OVER, TWICE
    CHECK(summary.excluded.at("城镇开发边界") == 1);
    CHECK(summary.flagged.at("永久基本农田") == 1);
    CHECK(summary.remainders == 2);  // PARTIAL and OVER

    auto rows = rowsById(*project);
    const auto overlap = [&rows](const char *id) { return *rows.at(id).redlineOverlapM2; };
    CHECK_THAT(overlap("FULL"), WithinRel(10000.0, 1e-6));
    CHECK(rows.at("FULL").reasons == std::vector<std::string>{"redline"});
    CHECK(*rows.at("FULL").remainderM2 == 0.0);
    CHECK_THAT(overlap("PARTIAL"), WithinRel(3000.0, 1e-6));
    CHECK_THAT(*rows.at("PARTIAL").remainderM2, WithinRel(7000.0, 1e-6));
    CHECK_THAT(overlap("SLIVER"), WithinRel(0.5, 1e-4));
    CHECK(rows.at("SLIVER").eligible == true);  // under the 1 m² tolerance
    CHECK_THAT(overlap("OVER"), WithinRel(1.5, 1e-4));
    CHECK(rows.at("OVER").eligible == false);
    CHECK_THAT(*rows.at("OVER").remainderM2, WithinRel(10000.0 - 1.5, 1e-7));
    CHECK(overlap("IN_HOLE") == 0.0);
    CHECK(rows.at("IN_HOLE").eligible == true);
    CHECK_THAT(overlap("TWICE"), WithinRel(10000.0, 1e-6));  // counted once
    CHECK(overlap("TOWN") == 0.0);
    CHECK(rows.at("TOWN").reasons == std::vector<std::string>{"城镇开发边界"});
    CHECK(rows.at("FARMLAND").eligible == true);
    CHECK(contains(rows.at("FARMLAND").flags, "永久基本农田"));

    // The remainder is a feature of its own, in the project CRS: 70 m x 100 m.
    auto remainder = project->database().prepare(
        "SELECT parcel_id, area_m2, ST_MinX(geom), ST_MaxX(geom) FROM screening_remainders "
        "WHERE parcel_id = 'PARTIAL'");
    REQUIRE(remainder.ok());
    REQUIRE(*remainder->step());
    CHECK(remainder->text(0) == "PARTIAL");
    CHECK_THAT(remainder->real(1), WithinRel(7000.0, 1e-6));
    CHECK_THAT(remainder->real(2), WithinAbs(x + 230, 1e-6));
    CHECK_THAT(remainder->real(3), WithinAbs(x + 300, 1e-6));
}

TEST_CASE("a red line and a DEM in a zone-prefixed CRS give the same results",
          "[core][screening][crs]")
{
    // EPSG:4524 is the same Gauss-Kruger zone (108°E) with the zone number 36 before the
    // easting: the same layer and DEM shifted by 36 000 000 m must give the same figures.
    TempDir dir;
    writeDem(dir.file("dem.tif"), creaseDem());
    DemSpec shifted = creaseDem();
    shifted.originX += 36000000.0;
    shifted.epsg = 4524;
    writeDem(dir.file("dem4524.tif"), shifted);
    const double x = kWest + 300.0, y = kNorth - 300.0;
    const std::vector<std::string> red = {
        "POLYGON ((" + std::to_string(x) + " " + std::to_string(y) + ", " +
        std::to_string(x + 123.4) + " " + std::to_string(y + 11.1) + ", " +
        std::to_string(x + 60.2) + " " + std::to_string(y + 97.3) + ", " + std::to_string(x) + " " +
        std::to_string(y) + "))"};
    std::vector<std::string> red4524;
    for (const std::string &wkt : red) {
        std::string moved = wkt;
        // Add the zone prefix to every easting: "50xxxx." → "3650xxxx." (x starts with 500).
        for (std::size_t at = moved.find("500"); at != std::string::npos;
             at = moved.find("500", at + 5))
            moved.replace(at, 3, "36500");
        red4524.push_back(moved);
    }
    writePolygons(dir.file("red4545.gpkg"), red);
    writePolygons(dir.file("red4524.shp"), red4524, 4524, "ESRI Shapefile");
    auto project = projectWith(dir, {{"A", squareWkt(x + 20, y + 5, 60), "", "", ""},
                                     {"B", polygon(cellRect(45.5, 20.5, 55.5, 30.5)), "", "", ""}});
    core::ScreeningRequest request;
    request.demPath = dir.file("dem.tif");
    request.constraints = {{dir.file("red4545.gpkg"), std::nullopt}};
    screenOk(*project, request);
    auto first = rowsById(*project);
    request.demPath = dir.file("dem4524.tif");
    request.constraints = {{dir.file("red4524.shp"), std::nullopt}};
    screenOk(*project, request);
    auto second = rowsById(*project);
    CHECK(*first.at("A").redlineOverlapM2 > 100.0);
    // PROJ goes through longitude/latitude and back: a few 1e-8 m on each vertex.
    CHECK_THAT(*second.at("A").redlineOverlapM2, WithinRel(*first.at("A").redlineOverlapM2, 1e-8));
    CHECK_THAT(*second.at("B").slopeDeg, WithinAbs(*first.at("B").slopeDeg, 1e-9));
}

TEST_CASE("a geographic DEM in another CRS than the project gives the planes' slopes",
          "[core][screening][crs]")
{
    // The strips DEM warped to CGCS2000 longitude/latitude (EPSG:4490) with bilinear resampling,
    // which samples a plane exactly: each strip's interior keeps its slope, now measured with the
    // ellipsoid's metres per degree and the parcels reprojected to the DEM's CRS.
    TempDir dir;
    writeDem(dir.file("dem.tif"), stripsDem());
    core::DatasetPtr source(GDALOpen(dir.file("dem.tif").c_str(), GA_ReadOnly));
    REQUIRE(source);
    char *argv[] = {const_cast<char *>("-t_srs"),  const_cast<char *>("EPSG:4490"),
                    const_cast<char *>("-r"),      const_cast<char *>("bilinear"),
                    const_cast<char *>("-tr"),     const_cast<char *>("0.00004"),
                    const_cast<char *>("0.00004"), nullptr};
    GDALWarpAppOptions *options = GDALWarpAppOptionsNew(argv, nullptr);
    GDALDatasetH sources[] = {source.get()};
    int failed = 0;
    core::DatasetPtr warped(
        GDALWarp(dir.file("geo.tif").c_str(), nullptr, 1, sources, options, &failed));
    GDALWarpAppOptionsFree(options);
    REQUIRE(warped);
    warped.reset();
    std::vector<TestParcel> parcels;
    for (int k = 0; k < 5; ++k)
        parcels.push_back({"P" + std::to_string(k),
                           polygon(cellRect(20 * k + 6, 8, 20 * k + 14, 16)), "", "", ""});
    auto project = projectWith(dir, parcels);
    core::ScreeningRequest request;
    request.demPath = dir.file("geo.tif");
    screenOk(*project, request);
    auto rows = rowsById(*project);
    for (int k = 0; k < 5; ++k) {
        INFO("plane of " << kStripSlopes[k] << "°");
        CHECK_THAT(*rows.at("P" + std::to_string(k)).slopeDeg, WithinAbs(kStripSlopes[k], 0.02));
    }
    CHECK(rows.at("P2").eligible == true);   // 24.9°
    CHECK(rows.at("P3").eligible == false);  // 25.1°
}

TEST_CASE("screening runs are kept: a rescreen replaces the verdicts and the old run stays",
          "[core][screening][runs]")
{
    TempDir dir;
    writeDem(dir.file("dem.tif"), stripsDem());
    writePolygons(dir.file("red.shp"), {polygon(cellRect(0, 30, 10, 40))}, 4545, "ESRI Shapefile");
    auto project = projectWith(dir, {{"TWENTY", polygon(cellRect(25, 5, 32, 12)), "", "", ""},
                                     {"FIVE", polygon(cellRect(5, 5, 12, 12)), "", "", ""}});
    core::ScreeningRequest request;
    request.demPath = dir.file("dem.tif");
    request.constraints = {{dir.file("red.shp"), std::nullopt}};
    const auto first = screenOk(*project, request);
    request.rules.maxSlopeDeg = 15.0;
    const auto second = screenOk(*project, request);
    CHECK(second.runId == first.runId + 1);
    CHECK(rowsById(*project).at("TWENTY").eligible == false);  // the current verdict: 20° > 15°

    auto runs = core::listScreeningRuns(*project);
    REQUIRE(runs.ok());
    REQUIRE(runs->size() == 2);
    CHECK(runs->front().rules.maxSlopeDeg == 25.0);
    CHECK(runs->front().eligible == 2);
    CHECK(runs->back().eligible == 1);
    auto old = core::loadScreeningRun(*project, first.runId);
    REQUIRE(old.ok());
    REQUIRE(old->parcels.size() == 2);
    CHECK(old->parcels.front().verdict.eligible == true);  // TWENTY under the 25° rule

    // Inputs and checksums, against sha256sum (the shapefile's files in sorted order).
    const auto &inputs = runs->front().inputs;
    REQUIRE(inputs.size() == 2);
    CHECK(inputs[0].role == "dem");
    CHECK(inputs[1].kind == "生态保护红线");
    CHECK(inputs[1].featureCount == 1);
    const auto dem = runCommand("sha256sum " + dir.file("dem.tif"));
    CHECK(dem.out.substr(0, 64) == inputs[0].sha256);
    const std::string stem = dir.file("red");
    const auto red = runCommand("cat " + stem + ".cpg " + stem + ".dbf " + stem + ".prj " + stem +
                                ".shp " + stem + ".shx | sha256sum");
    CHECK(red.out.substr(0, 64) == inputs[1].sha256);
}

TEST_CASE("bad screening inputs are refused with one line and change nothing",
          "[core][screening][badinput]")
{
    TempDir dir;
    writeDem(dir.file("dem.tif"), stripsDem());
    auto project = projectWith(dir, {{"P", polygon(cellRect(5, 5, 12, 12)), "", "", ""}});
    {
        std::ofstream text(dir.file("notes.tif"));
        text << "this is not a raster\n";
    }
    writePolygons(dir.file("vector.gpkg"), {polygon(cellRect(0, 0, 5, 5))});
    VectorSpec lines;
    lines.driver = "GPKG";
    lines.geometryType = 2;
    lines.features = {{"LINESTRING (500000 3099000, 500100 3099100)", {}}};
    writeVector(dir.file("lines.gpkg"), lines);
    writePolygons(dir.file("nocrs.shp"), {polygon(cellRect(0, 0, 5, 5))}, 0, "ESRI Shapefile");
    DemSpec noCrs = stripsDem();
    noCrs.epsg = 0;
    writeDem(dir.file("nocrs.tif"), noCrs);
    {
        // The header survives, the tiles do not: GDAL opens the file and fails to read cells.
        const std::string whole = readFile(dir.file("dem.tif"));
        std::ofstream cut(dir.file("cut.tif"), std::ios::binary);
        cut << whole.substr(0, whole.size() / 3);
    }
    DemSpec elsewhere = stripsDem();
    elsewhere.originX += 50000.0;
    writeDem(dir.file("elsewhere.tif"), elsewhere);

    struct Case
    {
        const char *what;
        std::optional<std::string> dem;
        std::optional<std::string> constraint;
        core::ErrorCode code;
        const char *words;
    };
    const std::vector<Case> cases = {
        {"a text file as DEM", dir.file("notes.tif"), std::nullopt, core::ErrorCode::NotReadableAs,
         "not a raster"},
        {"a vector file as DEM", dir.file("vector.gpkg"), std::nullopt,
         core::ErrorCode::NotReadableAs, "vector"},
        {"a line layer as red line", std::nullopt, dir.file("lines.gpkg"),
         core::ErrorCode::NotPolygonLayer, "must be polygons"},
        {"a red line without CRS", std::nullopt, dir.file("nocrs.shp"), core::ErrorCode::NoCrs,
         ".prj"},
        {"a DEM without CRS", dir.file("nocrs.tif"), std::nullopt, core::ErrorCode::NoCrs,
         "coordinate system"},
        {"a DEM of another area", dir.file("elsewhere.tif"), std::nullopt,
         core::ErrorCode::InvalidArgument, "covers none"},
        {"a missing DEM", dir.file("missing.tif"), std::nullopt, core::ErrorCode::FileNotFound,
         "no such file"},
        {"a truncated DEM", dir.file("cut.tif"), std::nullopt, core::ErrorCode::Damaged,
         "damaged or truncated"},
    };
    for (const Case &c : cases) {
        INFO(c.what);
        core::ScreeningRequest request;
        request.demPath = c.dem;
        if (c.constraint)
            request.constraints = {{*c.constraint, std::nullopt}};
        core::Progress progress;
        auto result = core::screenParcels(*project, request, progress);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == c.code);
        const std::string message = result.error().message();
        CHECK(message.find(c.dem ? *c.dem : *c.constraint) == 0);  // starts with the file
        CHECK(message.find(c.words) != std::string::npos);
        CHECK(message.find('\n') == std::string::npos);
    }
    CHECK(countRows(*project, "screening_runs") == 0);
    CHECK_FALSE(rowsById(*project).at("P").eligible);
}

TEST_CASE("a cancelled screening leaves nothing behind", "[core][screening]")
{
    struct CancelAtScreening : core::Progress
    {
        void report(double, std::string_view stage) override
        {
            if (stage == "screening" || stage == "writing")
                cancel();
        }
    };
    TempDir dir;
    writeDem(dir.file("dem.tif"), stripsDem());
    std::vector<TestParcel> parcels;
    for (int i = 0; i < 50; ++i)
        parcels.push_back(
            {"P" + std::to_string(i),
             polygon(cellRect(2 * i % 96, 2 * (i / 48), 2 * i % 96 + 1.5, 2 * (i / 48) + 1.5)), "",
             "", ""});
    auto project = projectWith(dir, parcels);
    core::ScreeningRequest request;
    request.demPath = dir.file("dem.tif");
    CancelAtScreening progress;
    auto result = core::screenParcels(*project, request, progress);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == core::ErrorCode::Cancelled);
    CHECK(countRows(*project, "screening_runs") == 0);
    CHECK(countRows(*project, "screening_results") == 0);
}

TEST_CASE("a project of schema version 1 is migrated and can be screened",
          "[core][screening][schema]")
{
    // tests/data/schema/v1.gpkg holds three eligible parcels of the sample, imported before
    // screening existed.
    TempDir dir;
    std::filesystem::copy_file(std::string(GENGBAO_TEST_DATA) + "/schema/v1.gpkg",
                               dir.file("old.gpkg"));
    auto project = core::Project::open(dir.file("old.gpkg"));
    REQUIRE(project.ok());
    const std::string sample = std::string(GENGBAO_SOURCE_DIR) + "/data/sample/";
    core::ScreeningRequest request;
    request.demPath = sample + "dem.tif";
    request.constraints = {{sample + "redline.gpkg", std::nullopt}};
    const auto summary = screenOk(**project, request);
    CHECK(summary.screened == 3);
    CHECK(summary.eligible == 3);
    CHECK(countRows(**project, "screening_results") == 3);
}
