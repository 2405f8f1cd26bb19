// SPDX-License-Identifier: GPL-3.0-or-later
#include "../support/testfiles.h"

#include <core/db/gpkg.h>
#include <core/db/migrations.h>
#include <core/db/statement.h>
#include <core/ops/exportparcels.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace gengbao;
using namespace gengbao::test;
namespace fs = std::filesystem;

namespace {

std::string pragma(core::Project &project, const std::string &name)
{
    auto query = project.database().prepare("PRAGMA " + name);
    REQUIRE(query.ok());
    REQUIRE(*query->step());
    return query->text(0);
}

void makeSmallProject(const TempDir &dir)
{
    auto project = newProject(dir);
    VectorSpec spec;
    spec.fields = surveyFields();
    spec.features.push_back(surveyFeature(squareWkt(588000, 3154000, 30), "1",
                                          "5002411112010000000", "龙塘冲村", std::nullopt));
    writeVector(dir.file("one.shp"), spec);
    importOk(*project, dir.file("one.shp"));
}

}  // namespace

TEST_CASE("a new project is a GeoPackage in WAL mode with foreign keys on", "[core][project]")
{
    TempDir dir;
    auto project = newProject(dir);
    CHECK(pragma(*project, "application_id") == std::to_string(core::gpkg::kApplicationId));
    CHECK(pragma(*project, "user_version") == "10200");
    CHECK(pragma(*project, "journal_mode") == "wal");
    CHECK(pragma(*project, "foreign_keys") == "1");
    CHECK(project->settings().town == "峨溶镇");
    CHECK(project->settings().targetMu == 465.17);
    CHECK(project->settings().crsEpsg == 4545);
    // Refuses to overwrite.
    core::ProjectSettings settings = project->settings();
    auto again = core::Project::create(dir.file("project.gpkg"), settings);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == core::ErrorCode::ProjectExists);
    // A geographic CRS is no project CRS.
    settings.crsEpsg = 4490;
    auto geographic = core::Project::create(dir.file("geographic.gpkg"), settings);
    REQUIRE_FALSE(geographic.ok());
    CHECK(geographic.error().code == core::ErrorCode::BadCrs);
    CHECK_FALSE(fs::exists(dir.file("geographic.gpkg")));
    // A folder that is not there gets a message about the folder, and no file appears.
    settings.crsEpsg = 4545;
    auto nowhere = core::Project::create(dir.file("no/such/folder/p.gpkg"), settings);
    REQUIRE_FALSE(nowhere.ok());
    CHECK(nowhere.error().message().find("does not exist") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.file("no")));
}

TEST_CASE("the R-tree triggers work on a plain connection and track the extent",
          "[core][project][gpkg]")
{
    TempDir dir;
    makeSmallProject(dir);
    auto project = core::Project::open(dir.file("project.gpkg"));
    REQUIRE(project.ok());
    CHECK(countRows(**project, "rtree_parcels_geom") == 1);
    {
        auto bounds =
            (*project)->database().prepare("SELECT minx, maxx, miny, maxy FROM rtree_parcels_geom");
        REQUIRE(*bounds->step());
        // The R-tree stores 32-bit floats rounded outwards: within a metre of the square's corners.
        CHECK(bounds->real(0) == Approx(588000).margin(1.0));
        CHECK(bounds->real(1) == Approx(588030).margin(1.0));
    }
    // The import fills the R-tree itself and puts the insert trigger back: all six are there,
    // and a plain SQL insert is indexed.
    auto triggers =
        (*project)->database().prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                                       "AND name LIKE 'rtree_parcels_geom_%'");
    REQUIRE(*triggers->step());
    CHECK(triggers->int64(0) == 6);
    triggers->reset();
    REQUIRE(
        (*project)
            ->database()
            .exec("INSERT INTO parcels (geom, parcel_id, batch_id, source, area_m2, gross_m2, "
                  "net_m2, gross_mu, net_mu, attributes) SELECT geom, 'copy', batch_id, source, "
                  "area_m2, gross_m2, net_m2, gross_mu, net_mu, attributes FROM parcels")
            .ok());
    CHECK(countRows(**project, "rtree_parcels_geom") == 2);
    // A foreign key violation is refused.
    auto bad = (*project)->database().exec("UPDATE parcels SET batch_id = 999 WHERE fid = 1");
    CHECK_FALSE(bad.ok());
    // Deleting through SQL keeps the index in step (the delete trigger).
    auto deleted = (*project)->database().exec("DELETE FROM parcels");
    if (!deleted)
        FAIL(deleted.error().message());
    CHECK(countRows(**project, "rtree_parcels_geom") == 0);
}

TEST_CASE("GDAL reads the project as a valid GeoPackage", "[core][project][gpkg]")
{
    TempDir dir;
    makeSmallProject(dir);
    const std::string path = dir.file("project.gpkg");
    // validate_gpkg.py is GDAL's own conformance checker (Debian python3-gdal).
    const std::string validator =
        "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py";
    REQUIRE(fs::exists(validator));
    // Debian's interpreter, which has the GDAL bindings (python3-gdal), whatever PATH says.
    const auto validation = runCommand("/usr/bin/python3 " + validator + " '" + path + "'");
    INFO(validation.out << validation.err);
    CHECK(validation.status == 0);
    const auto info = runCommand("ogrinfo -so '" + path + "' parcels");
    CHECK(info.status == 0);
    CHECK(info.out.find("Geometry: Multi Polygon") != std::string::npos);
    CHECK(info.out.find("Feature Count: 1") != std::string::npos);
    CHECK(info.out.find("ID[\"EPSG\",4545]") != std::string::npos);
    CHECK(info.out.find("stage: String") != std::string::npos);
    CHECK(info.out.find("zldwmc: String") != std::string::npos);
}

TEST_CASE("a project of a newer schema is refused untouched", "[core][project][schema]")
{
    TempDir dir;
    makeSmallProject(dir);
    const std::string path = dir.file("project.gpkg");
    {
        auto project = core::Project::open(path);
        REQUIRE(project.ok());
        REQUIRE((*project)
                    ->database()
                    .exec("UPDATE gengbao_meta SET value = '99' WHERE key = 'schema_version'")
                    .ok());
        REQUIRE((*project)->database().exec("PRAGMA journal_mode = DELETE").ok());
    }
    const std::string before = readFile(path);
    auto refused = core::Project::open(path);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == core::ErrorCode::NewerSchema);
    CHECK(refused.error().message().rfind(path, 0) == 0);
    CHECK(refused.error().message().find("newer Gengbao") != std::string::npos);
    CHECK(readFile(path) == before);  // not a byte changed, not even the journal mode
    CHECK_FALSE(fs::exists(path + "-wal"));
}

TEST_CASE("files that are not projects are refused", "[core][project]")
{
    TempDir dir;
    std::ofstream(dir.file("text.gpkg")) << "not a database";
    auto text = core::Project::open(dir.file("text.gpkg"));
    REQUIRE_FALSE(text.ok());
    CHECK(text.error().code == core::ErrorCode::NotAProject);

    // A GeoPackage made by GDAL is not a Gengbao project.
    VectorSpec spec;
    spec.driver = "GPKG";
    spec.fields = surveyFields();
    spec.features.push_back(
        surveyFeature(squareWkt(588000, 3154000, 30), "1", "", "", std::nullopt));
    writeVector(dir.file("plain.gpkg"), spec);
    auto plain = core::Project::open(dir.file("plain.gpkg"));
    REQUIRE_FALSE(plain.ok());
    CHECK(plain.error().code == core::ErrorCode::NotAProject);

    auto missing = core::Project::open(dir.file("missing.gpkg"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == core::ErrorCode::FileNotFound);
}

TEST_CASE("a project file of every earlier schema version opens and migrates",
          "[core][project][schema]")
{
    // tests/data/schema/vN.gpkg is made by scripts/make_schema_fixture.sh when N is current.
    const fs::path fixtures = fs::path(GENGBAO_TEST_DATA) / "schema";
    for (int version = 1; version <= core::schema::kCurrentVersion; ++version) {
        const fs::path fixture = fixtures / ("v" + std::to_string(version) + ".gpkg");
        INFO("fixture " << fixture);
        REQUIRE(fs::exists(fixture));
        TempDir dir;
        fs::copy_file(fixture, dir.file("old.gpkg"));
        auto project = core::Project::open(dir.file("old.gpkg"));
        if (!project)
            FAIL(project.error().message());
        auto version_ = core::schema::version((*project)->database());
        CHECK(*version_ == core::schema::kCurrentVersion);
        auto rows = core::loadParcelRows(**project);
        REQUIRE(rows.ok());
        REQUIRE(rows->size() == 3);
        CHECK(rows->front().village == "峨溶居委会");
        CHECK(rows->front().batch == "首批");
        CHECK((*project)->settings().town == "峨溶镇");
    }
}
