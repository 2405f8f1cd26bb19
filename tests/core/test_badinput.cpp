// SPDX-License-Identifier: GPL-3.0-or-later
// Bad input never changes the project and gets one clear line that names the file.
#include "../support/testfiles.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace gengbao;
using namespace gengbao::test;
namespace fs = std::filesystem;

namespace {

VectorSpec goodParcels(int count = 20)
{
    VectorSpec spec;
    spec.layerOptions = {"ENCODING=CP936"};
    spec.fields = surveyFields();
    for (int i = 0; i < count; ++i)
        spec.features.push_back(surveyFeature(squareWkt(588000 + 50 * i, 3154000, 30),
                                              std::to_string(i), "5002411112010000000", "龙塘冲村",
                                              std::nullopt));
    return spec;
}

void truncate(const std::string &path, double keepFraction)
{
    const auto size = fs::file_size(path);
    fs::resize_file(path, static_cast<std::uintmax_t>(static_cast<double>(size) * keepFraction));
}

// Imports path into a project that already holds one batch, and checks that the import fails
// with the code, that the message starts with the file, is one line, and that nothing changed.
void expectRefused(const std::string &path, core::ErrorCode code, const std::string &mentions = {})
{
    TempDir projectDir;
    auto project = newProject(projectDir);
    writeVector(projectDir.file("existing.shp"), goodParcels(3));
    importOk(*project, projectDir.file("existing.shp"));
    const auto parcelsBefore = countRows(*project, "parcels");
    const auto batchesBefore = countRows(*project, "batches");

    core::ImportRequest request;
    request.path = path;
    core::Progress progress;
    auto summary = core::importParcels(*project, request, progress);
    REQUIRE_FALSE(summary.ok());
    INFO(summary.error().message());
    CHECK(summary.error().code == code);
    CHECK(summary.error().message().rfind(path, 0) == 0);
    CHECK(summary.error().message().find('\n') == std::string::npos);
    if (!mentions.empty())
        CHECK(summary.error().message().find(mentions) != std::string::npos);
    CHECK(countRows(*project, "parcels") == parcelsBefore);
    CHECK(countRows(*project, "batches") == batchesBefore);
    CHECK(countRows(*project, "import_issues") == 0);
}

}  // namespace

TEST_CASE("missing or truncated shapefile parts are refused", "[core][badinput]")
{
    TempDir dir;
    const std::string shp = dir.file("parcels.shp");
    writeVector(shp, goodParcels());

    SECTION("missing .dbf")
    {
        fs::remove(dir.file("parcels.dbf"));
        expectRefused(shp, core::ErrorCode::MissingCompanion, "parcels.dbf");
    }
    SECTION("missing .shx")
    {
        fs::remove(dir.file("parcels.shx"));
        expectRefused(shp, core::ErrorCode::MissingCompanion, "parcels.shx");
    }
    SECTION("truncated .shp")
    {
        truncate(shp, 0.6);
        expectRefused(shp, core::ErrorCode::Damaged, "truncated");
    }
    SECTION("truncated .shx")
    {
        truncate(dir.file("parcels.shx"), 0.5);
        expectRefused(shp, core::ErrorCode::Damaged, "truncated");
    }
    SECTION("truncated .dbf")
    {
        truncate(dir.file("parcels.dbf"), 0.7);
        expectRefused(shp, core::ErrorCode::Damaged, "parcels.dbf");
    }
    SECTION(".shp cut to less than its header")
    {
        truncate(shp, 0.0);
        expectRefused(shp, core::ErrorCode::Damaged);
    }
}

TEST_CASE("files without a CRS or of the wrong geometry or empty are refused", "[core][badinput]")
{
    TempDir dir;
    SECTION("no .prj and 6-digit eastings")
    {
        auto spec = goodParcels();
        spec.epsg = 0;
        writeVector(dir.file("noprj.shp"), spec);
        expectRefused(dir.file("noprj.shp"), core::ErrorCode::NoCrs, "coordinate system");
    }
    SECTION("a point layer")
    {
        auto spec = goodParcels(2);
        spec.geometryType = 1;
        spec.features = {surveyFeature("POINT (588000 3154000)", "1", "", "", std::nullopt)};
        writeVector(dir.file("points.shp"), spec);
        expectRefused(dir.file("points.shp"), core::ErrorCode::NotPolygonLayer, "point");
    }
    SECTION("a line layer")
    {
        auto spec = goodParcels(2);
        spec.geometryType = 2;
        spec.features = {surveyFeature("LINESTRING (588000 3154000, 588100 3154100)", "1", "", "",
                                       std::nullopt)};
        writeVector(dir.file("lines.gpkg"), [&] {
            spec.driver = "GPKG";
            return spec;
        }());
        expectRefused(dir.file("lines.gpkg"), core::ErrorCode::NotPolygonLayer, "line");
    }
    SECTION("an empty layer")
    {
        auto spec = goodParcels(0);
        writeVector(dir.file("empty.shp"), spec);
        expectRefused(dir.file("empty.shp"), core::ErrorCode::EmptyLayer, "no features");
    }
    SECTION("a .prj in degrees over projected coordinates")
    {
        auto spec = goodParcels();
        writeVector(dir.file("wrongprj.shp"), spec);
        std::ofstream(dir.file("wrongprj.prj"), std::ios::trunc)
            << R"(GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]])";
        expectRefused(dir.file("wrongprj.shp"), core::ErrorCode::BadCrs, "degrees");
    }
}

TEST_CASE("paths that are not what they claim are refused", "[core][badinput]")
{
    TempDir dir;
    SECTION("no such file")
    {
        expectRefused(dir.file("nowhere.shp"), core::ErrorCode::FileNotFound, "no such file");
    }
    SECTION("a folder")
    {
        fs::create_directory(dir.file("folder.shp"));
        expectRefused(dir.file("folder.shp"), core::ErrorCode::NotAFile, "folder");
    }
    SECTION("a text file named .shp, with its companions")
    {
        for (const char *extension : {".shp", ".shx", ".dbf"})
            std::ofstream(dir.file(std::string("fake") + extension)) << "this is not a shapefile\n";
        expectRefused(dir.file("fake.shp"), core::ErrorCode::Damaged, "not a shapefile");
    }
    SECTION("a text file named .gpkg")
    {
        std::ofstream(dir.file("fake.gpkg")) << "id,name\n1,峨溶\n";
        expectRefused(dir.file("fake.gpkg"), core::ErrorCode::NotReadableAs, "GeoPackage");
    }
    SECTION("a shapefile renamed .geojson")
    {
        writeVector(dir.file("real.shp"), goodParcels());
        fs::copy_file(dir.file("real.shp"), dir.file("renamed.geojson"));
        expectRefused(dir.file("renamed.geojson"), core::ErrorCode::NotReadableAs, "GeoJSON");
    }
    SECTION("an unsupported extension")
    {
        std::ofstream(dir.file("parcels.xlsx")) << "x";
        expectRefused(dir.file("parcels.xlsx"), core::ErrorCode::UnsupportedFormat, ".shp");
    }
    SECTION("a file that cannot be opened for reading")
    {
        // Root can read anything, so use a dangling symbolic link: it exists as a name only.
        fs::create_symlink(dir.file("gone.shp"), dir.file("dangling.shp"));
        expectRefused(dir.file("dangling.shp"), core::ErrorCode::FileNotFound);
    }
}

TEST_CASE("features that cannot be parcels are rejected one by one with reasons",
          "[core][badinput]")
{
    TempDir dir;
    VectorSpec spec;
    spec.driver = "GeoJSON";
    spec.epsg = 4545;
    spec.geometryType = 0;  // unknown: mixed
    spec.fields = surveyFields();
    spec.features = {surveyFeature(squareWkt(588000, 3154000, 30), "ok", "5002411112010000000",
                                   "龙塘冲村", std::nullopt),
                     surveyFeature("POINT (588000 3154000)", "pt", "5002411112010000000",
                                   "龙塘冲村", std::nullopt),
                     surveyFeature("", "none", "5002411112010000000", "龙塘冲村", std::nullopt),
                     surveyFeature("POLYGON ((588000 3154000, 588100 3154000, 588000 3154000))",
                                   "flat", "5002411112010000000", "龙塘冲村", std::nullopt)};
    writeVector(dir.file("mixed.geojson"), spec);
    auto project = newProject(dir);
    const auto summary = importOk(*project, dir.file("mixed.geojson"));
    CHECK(summary.counts.read == 4);
    CHECK(summary.counts.imported == 1);
    CHECK(summary.counts.rejected == 3);
    std::vector<std::string> codes;
    for (const auto &issue : summary.issues) {
        if (issue.severity == core::Issue::Severity::Error)
            codes.push_back(issue.code);
    }
    CHECK(codes == std::vector<std::string>{"not_polygon", "no_geometry", "unrepairable"});
    CHECK(countRows(*project, "import_issues") == 3);
}
