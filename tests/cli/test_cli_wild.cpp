// SPDX-License-Identifier: GPL-3.0-or-later
// gengbao-cli on wild geometry and implausible DEMs (issue 13, items 2 and 3), as a script meets
// them: an import of a file with wild vertices succeeds and lists each refused feature with its
// reason; `screen --dem` finishes on a project holding a damaged parcel; a DEM of 3e38 m or with
// an undeclared -9999 fill is refused in one line naming it, and the project is unchanged.
#include "../support/testfiles.h"

#include <core/db/gpkg.h>
#include <core/db/statement.h>
#include <core/geo/handles.h>

#include <catch2/catch.hpp>
#include <gdal.h>
#include <nlohmann/json.hpp>
#include <ogr_api.h>

#include <fstream>
#include <limits>
#include <map>
#include <sstream>

using namespace gengbao;
using namespace gengbao::test;
using json = nlohmann::json;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const std::string kCli = std::string(GENGBAO_BIN_DIR) + "/gengbao-cli";

CommandResult cli(const std::string &arguments)
{
    return runCommand("'" + kCli + "' " + arguments);
}

std::string firstLine(const std::string &text)
{
    return text.substr(0, text.find('\n'));
}

// The DEM of these tests: 100 x 40 cells of 10 m, west edge 500000, north edge 3100000 in
// EPSG:4545, a plane rising 1 m per 10 m northwards (5.71°).
DemSpec planeDem()
{
    DemSpec dem;
    dem.width = 100;
    dem.height = 40;
    dem.elevation = [](int, int row) { return 200.0 + (40 - row - 0.5); };
    return dem;
}

// Four 30 m squares on the DEM, G0..G3.
VectorSpec goodParcels()
{
    VectorSpec spec;
    spec.fields = surveyFields();
    for (int i = 0; i < 4; ++i)
        spec.features.push_back(surveyFeature(squareWkt(500100 + 100 * i, 3099700, 30),
                                              "G" + std::to_string(i), "5002411112010000000",
                                              "龙塘冲村", 900.0));
    return spec;
}

std::string newCliProject(const TempDir &dir)
{
    const std::string project = dir.file("p.gpkg");
    const auto created = cli("new " + project + " --town 峨溶镇 --year 2023 --target 465.17");
    INFO(created.err);
    REQUIRE(created.status == 0);
    return project;
}

void checkNoInternals(const CommandResult &result)
{
    for (const std::string *text : {&result.out, &result.err}) {
        CHECK_THAT(*text, !Contains("std::") && !Contains("bad_alloc"));
        CHECK_THAT(*text, !Contains("step:") && !Contains("prepare:"));
    }
}

}  // namespace

TEST_CASE("cli import lists each feature refused for a wild vertex and imports the rest",
          "[cli][wild]")
{
    TempDir dir;
    VectorSpec spec = goodParcels();
    const std::vector<std::string> wild = {"W1E10", "W1E20", "W1E45", "WNAN"};
    for (const std::string &bsm : wild)
        spec.features.push_back(surveyFeature(squareWkt(500500, 3099700, 30), bsm,
                                              "5002411112010000000", "龙塘冲村", 900.0));
    const std::string shp = dir.file("wild.shp");
    writeVector(shp, spec);
    // The north-east corner (500530, 3099730) thrown off.
    setVertex(shp, "W1E10", 2, 1e10, 3099730);
    setVertex(shp, "W1E20", 2, 1e20, 3099730);
    setVertex(shp, "W1E45", 2, 1e45, 3099730);
    patchShpPoint(shp, 7, 2, std::numeric_limits<double>::quiet_NaN(), 3099730);
    writeDem(dir.file("dem.tif"), planeDem());

    const std::string project = newCliProject(dir);  // no CRS: the import chooses it
    const auto imported = cli("import " + project + " " + shp);
    INFO(imported.err);
    REQUIRE(imported.status == 0);
    checkNoInternals(imported);
    const json summary = json::parse(imported.out);
    CHECK(summary.at("read") == 8);
    CHECK(summary.at("imported") == 4);
    CHECK(summary.at("rejected") == 4);
    CHECK(summary.at("project_crs") == "EPSG:4545");
    std::map<std::int64_t, json> refused;
    for (const json &issue : summary.at("issues")) {
        if (issue.at("severity") == "error")
            refused[issue.at("fid").get<std::int64_t>()] = issue;
    }
    // Shapefile FIDs: G0..G3 are 0..3, the wild ones 4..7.
    REQUIRE(refused.size() == 4);
    const std::vector<std::string> words = {"x=1e+10, y=3099730, outside the area of use",
                                            "x=1e+20, y=3099730, outside the area of use",
                                            "x=1e+45, y=3099730, outside the area of use",
                                            "(not a finite number)"};
    for (std::int64_t fid = 4; fid < 8; ++fid) {
        INFO("fid " << fid);
        REQUIRE(refused.count(fid));
        CHECK(refused[fid].at("code") == "implausible_coordinates");
        const std::string detail = refused[fid].at("detail");
        CHECK_THAT(detail, StartsWith("feature " + std::to_string(fid) + " has a vertex at "));
        CHECK_THAT(detail, Contains(words[std::size_t(fid - 4)]) && Contains("not imported"));
    }
    const json parcels = json::parse(cli("export " + project + " parcels").out);
    REQUIRE(parcels.size() == 4);
    for (std::size_t i = 0; i < parcels.size(); ++i)
        CHECK(parcels[i].at("id") == "G" + std::to_string(i));

    // The good parcels screen as usual: 5.71° each, all eligible.
    const auto screened = cli("screen " + project + " --dem " + dir.file("dem.tif"));
    INFO(screened.err);
    REQUIRE(screened.status == 0);
    CHECK(json::parse(screened.out).at("eligible") == 4);
}

TEST_CASE("cli screen finishes on a project holding a parcel with a wild vertex", "[cli][wild]")
{
    // The crash of issue 13: a parcel with a vertex at 1e20 in the project (an older file, or
    // written by another program) made `screen --dem` die in the coverage grid.
    TempDir dir;
    writeVector(dir.file("good.shp"), goodParcels());
    writeDem(dir.file("dem.tif"), planeDem());
    const std::string project = newCliProject(dir);
    REQUIRE(cli("import " + project + " " + dir.file("good.shp")).status == 0);
    {
        auto opened = core::Project::open(project);
        REQUIRE(opened.ok());
        // G1's north-east corner (500230, 3099730) at x = 1e20.
        std::string wkt = "MULTIPOLYGON (((500200 3099700, 500230 3099700, 500230 3099730, "
                          "500200 3099730, 500200 3099700)))";
        OGRGeometryH raw = nullptr;
        char *cursor = wkt.data();
        REQUIRE(OGR_G_CreateFromWkt(&cursor, nullptr, &raw) == OGRERR_NONE);
        core::OgrGeometryPtr geometry(raw);
        OGR_G_SetPoint_2D(OGR_G_GetGeometryRef(OGR_G_GetGeometryRef(raw, 0), 0), 2, 1e20, 3099730);
        std::vector<unsigned char> wkb(static_cast<std::size_t>(OGR_G_WkbSize(raw)));
        REQUIRE(OGR_G_ExportToIsoWkb(raw, wkbNDR, wkb.data()) == OGRERR_NONE);
        const auto blob = core::gpkg::encodeGeometry(4545, {500200, 1e20, 3099700, 3099730}, wkb);
        auto update =
            (*opened)->database().prepare("UPDATE parcels SET geom = ? WHERE parcel_id = 'G1'");
        REQUIRE(update.ok());
        update->bindBlob(1, blob.data(), blob.size());
        REQUIRE(update->run().ok());
    }

    const auto screened = cli("screen " + project + " --dem " + dir.file("dem.tif"));
    INFO(screened.err);
    REQUIRE(screened.status == 0);
    checkNoInternals(screened);
    const json summary = json::parse(screened.out);
    CHECK(summary.at("screened") == 4);
    CHECK(summary.at("eligible") == 3);
    CHECK(summary.at("slope_unknown") == 1);
    bool named = false;
    for (const json &issue : summary.at("issues")) {
        if (issue.at("code") != "implausible_geometry")
            continue;
        CHECK(issue.at("parcel_id") == "G1");
        CHECK_THAT(issue.at("detail").get<std::string>(),
                   StartsWith("parcel G1 has a vertex at x=1e+20") && Contains("not eligible"));
        named = true;
    }
    CHECK(named);
    for (const json &parcel : json::parse(cli("export " + project + " parcels").out)) {
        INFO(parcel.at("id"));
        if (parcel.at("id") == "G1") {
            CHECK(parcel.at("eligible") == false);
            CHECK(parcel.at("slope_deg").is_null());
            CHECK(parcel.at("reasons") == json::array({"slope_unknown"}));
        } else {
            CHECK(parcel.at("eligible") == true);
            CHECK(parcel.at("slope_deg").get<double>() == Approx(5.7106).margin(1e-3));
        }
    }
}

TEST_CASE("cli screen refuses a DEM of implausible elevations naming it and changes nothing",
          "[cli][wild]")
{
    TempDir dir;
    writeVector(dir.file("good.shp"), goodParcels());
    writeDem(dir.file("dem.tif"), planeDem());
    DemSpec fill = planeDem();
    fill.elevation = [](int, int) { return 3e38; };
    writeDem(dir.file("fill3e38.tif"), fill);
    DemSpec border = planeDem();
    border.elevation = [](int column, int row) {
        return column >= 90 ? -9999.0 : 200.0 + (40 - row - 0.5);
    };
    writeDem(dir.file("fill9999.tif"), border);
    const std::string project = newCliProject(dir);
    REQUIRE(cli("import " + project + " " + dir.file("good.shp")).status == 0);
    REQUIRE(cli("screen " + project + " --dem " + dir.file("dem.tif")).status == 0);
    const std::string runsBefore = cli("runs " + project).out;
    const std::string parcelsBefore = cli("export " + project + " parcels").out;
    REQUIRE(json::parse(runsBefore).size() == 1);

    struct Case
    {
        std::string file;
        std::string words;
    };
    for (const Case &c : {Case{"fill3e38.tif", "has elevations up to 3e+38 m"},
                          Case{"fill9999.tif", "has elevations down to -9999 m"}}) {
        INFO(c.file);
        const std::string dem = dir.file(c.file);
        const auto screened = cli("screen " + project + " --dem " + dem);
        CHECK(screened.status == 1);
        CHECK(screened.out.empty());
        CHECK_THAT(firstLine(screened.err), StartsWith(dem + ": ") && Contains(c.words));
        CHECK(screened.err.find('\n') == screened.err.size() - 1);  // exactly one line
        checkNoInternals(screened);
        CHECK(cli("runs " + project).out == runsBefore);
        CHECK(cli("export " + project + " parcels").out == parcelsBefore);
    }
}
