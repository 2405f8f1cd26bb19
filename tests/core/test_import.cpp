// SPDX-License-Identifier: GPL-3.0-or-later
#include "../support/testfiles.h"

#include <core/base/units.h>
#include <core/db/statement.h>
#include <core/ops/exportparcels.h>

#include <catch2/catch.hpp>

#include <proj.h>

using namespace gengbao;
using namespace gengbao::test;

namespace {

// A few 30 m squares in EPSG:4545 with BSM and village codes of 峨溶镇.
VectorSpec threeParcels(bool withBsm)
{
    VectorSpec spec;
    spec.layerOptions = {"ENCODING=CP936"};
    spec.fields = surveyFields();
    for (int i = 0; i < 3; ++i) {
        spec.features.push_back(
            surveyFeature(squareWkt(588000 + 100 * i, 3154000, 30),
                          withBsm ? "50024100000000000" + std::to_string(i) : "",
                          "5002411112010000000", "龙塘冲村", std::nullopt));
    }
    return spec;
}

// The same polygons in CGCS2000 longitude/latitude (EPSG:4490), as another batch might bring.
VectorSpec asGeographic(VectorSpec spec)
{
    PJ_CONTEXT *context = proj_context_create();
    PJ *raw = proj_create_crs_to_crs(context, "EPSG:4545", "EPSG:4490", nullptr);
    PJ *transform = proj_normalize_for_visualization(context, raw);
    for (auto &feature : spec.features) {
        // squareWkt corners, re-made from the source numbers.
        double x0 = 0, y0 = 0;
        std::sscanf(feature.wkt.c_str(), "POLYGON ((%lf %lf", &x0, &y0);
        std::vector<double> xs = {x0, x0 + 30, x0 + 30, x0, x0};
        std::vector<double> ys = {y0, y0, y0 + 30, y0 + 30, y0};
        proj_trans_generic(transform, PJ_FWD, xs.data(), sizeof(double), xs.size(), ys.data(),
                           sizeof(double), ys.size(), nullptr, 0, 0, nullptr, 0, 0);
        char wkt[512];
        std::snprintf(wkt, sizeof wkt,
                      "POLYGON ((%.10f %.10f, %.10f %.10f, %.10f %.10f, %.10f %.10f, %.10f %.10f))",
                      xs[0], ys[0], xs[1], ys[1], xs[2], ys[2], xs[3], ys[3], xs[4], ys[4]);
        feature.wkt = wkt;
    }
    proj_destroy(transform);
    proj_destroy(raw);
    proj_context_destroy(context);
    spec.epsg = 4490;
    return spec;
}

}  // namespace

TEST_CASE("parcels already in the project are skipped across batches and CRSs",
          "[core][import][dedupe]")
{
    TempDir dir;
    auto project = newProject(dir);

    SECTION("by BSM")
    {
        writeVector(dir.file("first.shp"), threeParcels(true));
        writeVector(dir.file("again.geojson"), [] {
            auto spec = asGeographic(threeParcels(true));
            spec.driver = "GeoJSON";
            spec.layerOptions.clear();
            spec.features.push_back(surveyFeature(
                "POLYGON ((108.91 28.51, 108.9103 28.51, 108.9103 28.5103, 108.91 28.5103, 108.91 "
                "28.51))",
                "500241000000000099", "5002411112010000000", "龙塘冲村", std::nullopt));
            return spec;
        }());
        const auto first = importOk(*project, dir.file("first.shp"), "首批");
        CHECK(first.counts.imported == 3);
        const auto second = importOk(*project, dir.file("again.geojson"), "第二批");
        CHECK(second.counts.read == 4);
        CHECK(second.counts.duplicates == 3);
        CHECK(second.counts.imported == 1);
        CHECK(countRows(*project, "parcels") == 4);
        CHECK(countRows(*project, "batches") == 2);
    }
    SECTION("by geometry when there is no BSM, after reprojection")
    {
        writeVector(dir.file("first.shp"), threeParcels(false));
        writeVector(dir.file("again.shp"), asGeographic(threeParcels(false)));
        CHECK(importOk(*project, dir.file("first.shp")).counts.imported == 3);
        const auto second = importOk(*project, dir.file("again.shp"));
        CHECK(second.counts.duplicates == 3);
        CHECK(second.counts.imported == 0);
        // Nothing new: no batch is written and the project is unchanged.
        CHECK(second.batchId == 0);
        CHECK(countRows(*project, "batches") == 1);
        CHECK(countRows(*project, "parcels") == 3);
    }
    SECTION("a slightly different geometry is a different parcel")
    {
        writeVector(dir.file("first.shp"), threeParcels(false));
        auto moved = threeParcels(false);
        moved.features[0].wkt = squareWkt(588000.5, 3154000, 30);  // 50 cm off
        writeVector(dir.file("moved.shp"), moved);
        importOk(*project, dir.file("first.shp"));
        const auto second = importOk(*project, dir.file("moved.shp"));
        CHECK(second.counts.duplicates == 2);
        CHECK(second.counts.imported == 1);
    }
}

TEST_CASE("a bow-tie is repaired with MakeValid and the repair is recorded",
          "[core][import][geometry]")
{
    TempDir dir;
    VectorSpec spec;
    spec.fields = surveyFields();
    // Two triangles crossing at (588050, 3154050), each 100 x 50 / 2 = 2500 m² planar.
    spec.features.push_back(
        surveyFeature("POLYGON ((588000 3154000, 588100 3154100, 588100 3154000, "
                      "588000 3154100, 588000 3154000))",
                      "1", "5002411112010000000", "龙塘冲村", std::nullopt));
    spec.features.push_back(surveyFeature(squareWkt(589000, 3154000, 10), "2",
                                          "5002411112010000000", "龙塘冲村", std::nullopt));
    writeVector(dir.file("bowtie.shp"), spec);
    auto project = newProject(dir);
    const auto summary = importOk(*project, dir.file("bowtie.shp"));
    CHECK(summary.counts.imported == 2);
    CHECK(summary.counts.repaired == 1);
    auto rows = core::loadParcelRows(*project);
    const auto &bowtie = rows->front();
    CHECK(bowtie.repaired);
    // Planar 5000 m² shrunk by the GK area scale 88 km off the meridian (~1.9e-4): ~4999.05 m².
    CHECK(bowtie.areaM2 == Approx(5000.0 * (1 - 1.9e-4)).margin(0.5));
    auto issues = project->database().prepare(
        "SELECT parcel_id, code, detail FROM import_issues WHERE code = 'repaired'");
    REQUIRE(issues.ok());
    REQUIRE(*issues->step());
    CHECK(issues->text(0) == "1");
    CHECK(issues->text(2).find("Self-intersection") != std::string::npos);
}

TEST_CASE("TBMJ is the gross area and a computed area off by more than 0.1 % is flagged",
          "[core][import][areas]")
{
    TempDir dir;
    VectorSpec spec;
    spec.fields = surveyFields();
    // A 30 m square 88 km off the meridian: ellipsoidal ~899.83 m² (planar 900 × (1 − 1.9e-4)).
    spec.features.push_back(surveyFeature(squareWkt(588000, 3154000, 30), "1",
                                          "5002411112010000000", "龙塘冲村", 899.83, 0.1886));
    spec.features.push_back(surveyFeature(squareWkt(588100, 3154000, 30), "2",
                                          "5002411112010000000", "龙塘冲村",
                                          909.00));  // 1 % too large
    spec.features.push_back(surveyFeature(squareWkt(588200, 3154000, 30), "3",
                                          "5002411112010000000", "龙塘冲村", std::nullopt));
    writeVector(dir.file("tbmj.shp"), spec);
    auto project = newProject(dir);
    importOk(*project, dir.file("tbmj.shp"));
    auto rows = core::loadParcelRows(*project);
    REQUIRE(rows->size() == 3);
    const auto &withKcxs = (*rows)[0];
    CHECK(withKcxs.areaM2 == Approx(899.83).margin(0.01));
    CHECK_FALSE(withKcxs.areaMismatch);
    // gross = TBMJ 899.83 m² = 1.349745 mu; deduction round(899.83 × 0.1886, 2) = 169.71 m²
    // (169.707938); net 730.12 m² = 1.09518 mu.
    CHECK(withKcxs.grossMu == Approx(1.349745).margin(1e-12));
    CHECK(withKcxs.netMu == Approx(730.12 * 0.0015).margin(1e-12));
    CHECK((*rows)[1].areaMismatch);
    CHECK((*rows)[1].grossMu == Approx(909.0 * 0.0015).margin(1e-12));
    // No TBMJ: the computed area is the gross area.
    CHECK_FALSE((*rows)[2].tbmjM2);
    CHECK((*rows)[2].grossMu == Approx((*rows)[2].areaM2 * 0.0015).margin(1e-12));
}

TEST_CASE("unreadable TBMJ and KCXS values are warned about and not used", "[core][import][areas]")
{
    TempDir dir;
    VectorSpec spec;
    spec.driver = "GPKG";
    // County files sometimes carry areas as text; "1,234.5" and "abc" are not numbers.
    spec.fields = {
        {"BSM", FieldType::String}, {"TBMJ", FieldType::String}, {"KCXS", FieldType::Real}};
    spec.features = {
        {squareWkt(588000, 3154000, 30), {std::string("1"), std::string(" 899.83 "), 0.068}},
        {squareWkt(588100, 3154000, 30), {std::string("2"), std::string("abc"), 1.5}}};
    writeVector(dir.file("text.gpkg"), spec);
    auto project = newProject(dir);
    const auto summary = importOk(*project, dir.file("text.gpkg"));
    auto rows = core::loadParcelRows(*project);
    REQUIRE(rows->size() == 2);
    // " 899.83 " is read as 899.83 m²; net = 899.83 - round(899.83 x 0.068, 2) = 899.83 - 61.19.
    CHECK((*rows)[0].tbmjM2 == 899.83);
    CHECK((*rows)[0].netMu == Approx((899.83 - 61.19) * 0.0015).margin(1e-12));
    CHECK_FALSE((*rows)[1].tbmjM2);
    CHECK_FALSE((*rows)[1].kcxs);
    CHECK((*rows)[1].netMu == (*rows)[1].grossMu);
    std::vector<std::string> details;
    for (const auto &issue : summary.issues) {
        if (issue.code != "no_village")
            details.push_back(issue.code + ": " + issue.detail);
    }
    CHECK(details == std::vector<std::string>{
                         "bad_tbmj: TBMJ 'abc' is not a positive area; the computed area is used",
                         "bad_kcxs: KCXS '1.5' is not a coefficient below 1; ignored"});
}

TEST_CASE("village keys come from 12- 16- and 19-digit codes and strange text is stored verbatim",
          "[core][import][villages]")
{
    TempDir dir;
    const std::string evil = "将家村'); DROP TABLE parcels;--";
    VectorSpec spec;
    spec.driver = "GPKG";
    spec.fields = surveyFields();
    spec.features = {
        surveyFeature(squareWkt(588000, 3154000, 20), "a", "5002411112070000000", evil,
                      std::nullopt),
        surveyFeature(squareWkt(588100, 3154000, 20), "b", "5002411112070001", "将家村一组",
                      std::nullopt),
        surveyFeature(squareWkt(588200, 3154000, 20), "c", "500241111203", "黄瓜村", std::nullopt),
        surveyFeature(squareWkt(588300, 3154000, 20), "d", "12345", "无效", std::nullopt),
        surveyFeature(squareWkt(588400, 3154000, 20), "e\"'\\%_", "", "", std::nullopt)};
    writeVector(dir.file("villages.gpkg"), spec);
    auto project = newProject(dir);
    const auto summary = importOk(*project, dir.file("villages.gpkg"));
    CHECK(summary.counts.imported == 5);
    auto rows = core::loadParcelRows(*project);
    REQUIRE(rows->size() == 5);
    CHECK((*rows)[0].villageCode == "500241111207");
    CHECK((*rows)[0].village == evil);
    CHECK((*rows)[1].villageCode == "500241111207");  // the 村民小组 belongs to the same village
    CHECK((*rows)[1].village == evil);                // named after the village-level unit
    CHECK((*rows)[2].villageCode == "500241111203");
    CHECK_FALSE((*rows)[3].villageCode);
    CHECK((*rows)[4].id == "e\"'\\%_");
    CHECK(countRows(*project, "villages") == 2);
    int noVillage = 0;
    for (const auto &issue : summary.issues)
        noVillage += issue.code == "no_village";
    CHECK(noVillage == 2);
}

TEST_CASE("a new project without a CRS takes the Gauss-Kruger zone nearest the data",
          "[core][import][crs]")
{
    TempDir dir;
    auto project = newProject(dir, 0);
    CHECK_FALSE(project->settings().crsEpsg);
    writeVector(dir.file("wgs.geojson"), [] {
        VectorSpec spec;
        spec.driver = "GeoJSON";
        spec.epsg = 4326;
        spec.fields = surveyFields();
        // Near 铜梁 (106.05°E): zone 35, CM 105°E -> EPSG:4544.
        spec.features.push_back(surveyFeature("POLYGON ((106.05 29.84, 106.0503 29.84, 106.0503 "
                                              "29.8403, 106.05 29.8403, 106.05 29.84))",
                                              "1", "5001511010010000000", "太平社区",
                                              std::nullopt));
        return spec;
    }());
    const auto summary = importOk(*project, dir.file("wgs.geojson"));
    CHECK(summary.projectCrsChosen);
    CHECK(summary.projectEpsg == 4544);
    CHECK(project->settings().crsEpsg == 4544);
    auto srs = project->database().prepare(
        "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'parcels'");
    REQUIRE(*srs->step());
    CHECK(srs->int64(0) == 4544);
    // 0.0003° x 0.0003° at 29.84°N: about 33.35 m x 28.94 m of ellipsoid.
    CHECK(core::loadParcelRows(*project)->front().areaM2 == Approx(965.1).epsilon(0.005));
}

TEST_CASE("a shapefile without .prj but with 8-digit eastings is read as the prefixed GK zone",
          "[core][import][crs]")
{
    TempDir dir;
    auto spec = threeParcels(true);
    spec.epsg = 0;
    for (auto &feature : spec.features) {
        double x = 0, y = 0;
        std::sscanf(feature.wkt.c_str(), "POLYGON ((%lf %lf", &x, &y);
        feature.wkt = squareWkt(x + 36000000.0, y, 30);  // zone 36 prefix: EPSG:4524
    }
    writeVector(dir.file("noprj.shp"), spec);
    REQUIRE_FALSE(std::filesystem::exists(dir.file("noprj.prj")));
    auto project = newProject(dir);  // EPSG:4545, the same zone without prefix
    const auto summary = importOk(*project, dir.file("noprj.shp"));
    CHECK(summary.sourceCrs == "EPSG:4524");
    CHECK(summary.counts.imported == 3);
    bool warned = false;
    for (const auto &issue : summary.issues)
        warned |= issue.code == "crs_from_coordinates";
    CHECK(warned);
    // Reprojected into EPSG:4545: the eastings lose exactly the 36 000 000 prefix.
    auto extent = project->database().prepare(
        "SELECT min_x, min_y FROM gpkg_contents WHERE table_name = 'parcels'");
    REQUIRE(*extent->step());
    CHECK(extent->real(0) == Approx(588000.0).margin(1e-6));
    CHECK(extent->real(1) == Approx(3154000.0).margin(1e-6));
}

TEST_CASE("a cancelled import leaves nothing behind", "[core][import]")
{
    TempDir dir;
    VectorSpec spec;
    spec.fields = surveyFields();
    for (int i = 0; i < 5000; ++i)
        spec.features.push_back(
            surveyFeature(squareWkt(580000 + 20 * (i % 200), 3150000 + 20 * (i / 200), 15),
                          std::to_string(i), "5002411112010000000", "龙塘冲村", std::nullopt));
    writeVector(dir.file("many.shp"), spec);
    auto project = newProject(dir);
    struct CancelAfterFirstChunk : core::Progress
    {
        int reports = 0;
        void report(double fraction, std::string_view) override
        {
            if (fraction > 0.0 && ++reports == 1)
                cancel();
        }
    } progress;
    core::ImportRequest request;
    request.path = dir.file("many.shp");
    auto summary = core::importParcels(*project, request, progress);
    REQUIRE_FALSE(summary.ok());
    CHECK(summary.error().code == core::ErrorCode::Cancelled);
    CHECK(progress.reports >= 1);
    CHECK(countRows(*project, "parcels") == 0);
    CHECK(countRows(*project, "batches") == 0);
    CHECK(countRows(*project, "rtree_parcels_geom") == 0);
    // And the same file imports whole afterwards.
    CHECK(importOk(*project, dir.file("many.shp")).counts.imported == 5000);
}

TEST_CASE("a GeoPackage with several layers needs --layer unless one is polygonal",
          "[core][import]")
{
    TempDir dir;
    const std::string gpkg = dir.file("county.gpkg");
    VectorSpec parcels;
    parcels.driver = "GPKG";
    parcels.layerName = "qltb";
    parcels.fields = surveyFields();
    parcels.features.push_back(surveyFeature(squareWkt(588000, 3154000, 30), "1",
                                             "5002411112010000000", "龙塘冲村", std::nullopt));
    writeVector(gpkg, parcels);
    VectorSpec points = parcels;
    points.layerName = "photos";
    points.geometryType = 1;
    points.features = {surveyFeature("POINT (588010 3154010)", "p", "", "", std::nullopt)};
    writeVector(gpkg, points);
    auto project = newProject(dir);
    CHECK(importOk(*project, gpkg).layer == "qltb");  // the only polygon layer

    VectorSpec second = parcels;
    second.layerName = "qltb2";
    second.features[0] = surveyFeature(squareWkt(588100, 3154000, 30), "2", "5002411112010000000",
                                       "龙塘冲村", std::nullopt);
    writeVector(gpkg, second);
    core::ImportRequest request;
    request.path = gpkg;
    core::Progress progress;
    auto ambiguous = core::importParcels(*project, request, progress);
    REQUIRE_FALSE(ambiguous.ok());
    CHECK(ambiguous.error().code == core::ErrorCode::AmbiguousLayer);
    request.layer = "qltb2";
    CHECK(core::importParcels(*project, request, progress)->counts.imported == 1);
    request.layer = "photos";
    auto pointLayer = core::importParcels(*project, request, progress);
    REQUIRE_FALSE(pointLayer.ok());
    CHECK(pointLayer.error().code == core::ErrorCode::NotPolygonLayer);
}
