// SPDX-License-Identifier: GPL-3.0-or-later
// Reference layers kept in the project (schema 5): village boundaries and other layers the officer
// adds, and the constraint layers every screening keeps. Areas are checked against the squares'
// side lengths and against OGR's own reprojection of the source file.
#include "../support/testfiles.h"

#include <core/db/gpkg.h>
#include <core/db/migrations.h>
#include <core/db/statement.h>
#include <core/geo/geoscontext.h>
#include <core/geo/handles.h>
#include <core/ops/audit.h>
#include <core/ops/referencelayers.h>
#include <core/ops/screenparcels.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <sstream>

using namespace gengbao;
using namespace gengbao::test;
namespace fs = std::filesystem;

namespace {

const std::string kValidator =
    "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py";

// Squares near easting 588000 (the sample's area), lower-left corners and sides in metres.
struct Square
{
    double x, y, side;
    std::string name;
};
const std::vector<Square> kVillages = {{588000, 3154000, 1000, "龙塘冲村"},
                                       {589000, 3154000, 800, "峨溶居委会"}};

// The squares in lon/lat (CGCS2000, EPSG:4490), corner by corner through OGR: a layer the import
// must reproject to the project's EPSG:4545.
std::string lonLatSquare(const Square &square)
{
    core::SrsPtr projected(OSRNewSpatialReference(nullptr));
    core::SrsPtr geographic(OSRNewSpatialReference(nullptr));
    REQUIRE(OSRImportFromEPSG(projected.get(), 4545) == OGRERR_NONE);
    REQUIRE(OSRImportFromEPSG(geographic.get(), 4490) == OGRERR_NONE);
    OSRSetAxisMappingStrategy(projected.get(), OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(geographic.get(), OAMS_TRADITIONAL_GIS_ORDER);
    core::TransformPtr transform(OCTNewCoordinateTransformation(projected.get(), geographic.get()));
    REQUIRE(transform);
    double x[5] = {square.x, square.x + square.side, square.x + square.side, square.x, square.x};
    double y[5] = {square.y, square.y, square.y + square.side, square.y + square.side, square.y};
    REQUIRE(OCTTransform(transform.get(), 5, x, y, nullptr));
    std::ostringstream wkt;
    wkt.precision(15);
    wkt << "POLYGON ((";
    for (int i = 0; i < 5; ++i)
        wkt << (i ? ", " : "") << x[i] << " " << y[i];
    wkt << "))";
    return wkt.str();
}

void writeVillages(const std::string &path, const std::vector<Square> &squares,
                   const std::string &nameField = "XZQMC")
{
    VectorSpec spec;
    spec.driver = "GPKG";
    spec.layerName = "cjdcq";
    spec.epsg = 4490;
    spec.fields = {{"XZQDM", FieldType::String, 12}, {nameField, FieldType::String, 60}};
    for (const Square &square : squares)
        spec.features.push_back({lonLatSquare(square), {std::string("500241111201"), square.name}});
    writeVector(path, spec);
}

void writeSquares(const std::string &path, const std::vector<Square> &squares, int epsg = 4545)
{
    VectorSpec spec;
    spec.driver = "GPKG";
    spec.layerName = "hx";
    spec.epsg = epsg;
    spec.fields = {{"HXMC", FieldType::String, 20}};
    for (const Square &square : squares)
        spec.features.push_back(
            {"POLYGON ((" + std::to_string(square.x) + " " + std::to_string(square.y) + ", " +
                 std::to_string(square.x + square.side) + " " + std::to_string(square.y) + ", " +
                 std::to_string(square.x + square.side) + " " +
                 std::to_string(square.y + square.side) + ", " + std::to_string(square.x) + " " +
                 std::to_string(square.y + square.side) + ", " + std::to_string(square.x) + " " +
                 std::to_string(square.y) + "))",
             {square.name}});
    writeVector(path, spec);
}

core::ReferenceLayerInfo addOk(core::Project &project, const core::ReferenceLayerRequest &request)
{
    core::Progress progress;
    auto added = core::importReferenceLayer(project, request, progress);
    if (!added)
        FAIL(added.error().message());
    return std::move(added).value();
}

struct StoredFeature
{
    std::int64_t layerId = 0;
    std::string label;
    double planarM2 = 0.0;  // GEOS, in the project CRS
    int srsId = 0;
};

// Every stored feature, its planar area by GEOS from the blob as stored.
std::vector<StoredFeature> storedFeatures(core::Project &project)
{
    core::GeosContext geos;
    const GEOSContextHandle_t context = geos.handle();
    GEOSWKBReader *reader = GEOSWKBReader_create_r(context);
    auto query = project.database().prepare(
        "SELECT layer_id, label, geom FROM reference_features ORDER BY fid");
    REQUIRE(query.ok());
    std::vector<StoredFeature> features;
    for (;;) {
        auto row = query->step();
        REQUIRE(row.ok());
        if (!*row)
            break;
        StoredFeature feature;
        feature.layerId = query->int64(0);
        feature.label = query->optionalText(1).value_or("");
        const auto blob = query->blob(2);
        auto decoded = core::gpkg::decodeGeometry(blob);
        REQUIRE(decoded.ok());
        feature.srsId = decoded->srsId;
        core::GeosGeometry geometry(
            context,
            GEOSWKBReader_read_r(context, reader, decoded->wkb.data(), decoded->wkb.size()));
        REQUIRE(geometry);
        CHECK(GEOSGeomTypeId_r(context, geometry.get()) == GEOS_MULTIPOLYGON);
        GEOSArea_r(context, geometry.get(), &feature.planarM2);
        features.push_back(feature);
    }
    GEOSWKBReader_destroy_r(context, reader);
    return features;
}

// The planar areas of a file's features after OGR's own reprojection to EPSG:4545.
std::vector<double> ogrAreasIn4545(const std::string &path)
{
    core::DatasetPtr dataset(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    REQUIRE(dataset);
    OGRLayerH layer = GDALDatasetGetLayer(dataset.get(), 0);
    core::SrsPtr target(OSRNewSpatialReference(nullptr));
    REQUIRE(OSRImportFromEPSG(target.get(), 4545) == OGRERR_NONE);
    OSRSetAxisMappingStrategy(target.get(), OAMS_TRADITIONAL_GIS_ORDER);
    std::vector<double> areas;
    OGR_L_ResetReading(layer);
    for (core::FeaturePtr feature(OGR_L_GetNextFeature(layer)); feature;
         feature.reset(OGR_L_GetNextFeature(layer))) {
        core::OgrGeometryPtr geometry(OGR_G_Clone(OGR_F_GetGeometryRef(feature.get())));
        REQUIRE(OGR_G_TransformTo(geometry.get(), target.get()) == OGRERR_NONE);
        areas.push_back(OGR_G_Area(geometry.get()));
    }
    return areas;
}

std::int64_t scalar(core::Project &project, const std::string &sql)
{
    auto query = project.database().prepare(sql);
    REQUIRE(query.ok());
    auto row = query->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    return query->int64(0);
}

}  // namespace

TEST_CASE("importReferenceLayer keeps village boundaries reprojected, with their names",
          "[core][layers]")
{
    TempDir dir;
    auto project = newProject(dir);
    writeVillages(dir.file("villages.gpkg"), kVillages);
    core::ReferenceLayerRequest request;
    request.path = dir.file("villages.gpkg");
    request.kind = "village";
    request.user = "测试员";
    const auto info = addOk(*project, request);
    CHECK(info.kind == "village");
    CHECK(info.name == "villages");  // the file name without its extension
    CHECK(info.featureCount == 2);
    CHECK(info.sourceLayer == "cjdcq");
    CHECK(info.sha256.size() == 64);
    CHECK(info.issues.empty());

    const auto features = storedFeatures(*project);
    REQUIRE(features.size() == 2);
    const auto ogrAreas = ogrAreasIn4545(dir.file("villages.gpkg"));
    REQUIRE(ogrAreas.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(features[i].layerId == info.id);
        CHECK(features[i].label == kVillages[i].name);  // XZQMC found without being named
        CHECK(features[i].srsId == 4545);
        // Back in EPSG:4545 the corners are the squares' own to well under a millimetre.
        CHECK(features[i].planarM2 == Approx(kVillages[i].side * kVillages[i].side).epsilon(1e-9));
        CHECK(features[i].planarM2 == Approx(ogrAreas[i]).epsilon(1e-9));
    }
    CHECK(countRows(*project, "rtree_reference_features_geom") == 2);

    // The map's view of it: one item per feature, with its labels and extent.
    auto layers = core::loadReferenceLayers(*project);
    REQUIRE(layers.ok());
    REQUIRE(layers->size() == 1);
    const core::MapLayer &layer = layers->front();
    CHECK(layer.id == info.id);
    CHECK(layer.kind == "village");
    REQUIRE(layer.shapes);
    REQUIRE(layer.shapes->size() == 2);
    CHECK(layer.labels == std::vector<std::string>{"龙塘冲村", "峨溶居委会"});
    CHECK(layer.shapes->ringEnd(0) - layer.shapes->ringBegin(0) == 1);
    CHECK(layer.shapes->bbox(1).minX == Approx(589000).margin(1e-3));
    CHECK(layer.shapes->bbox(1).maxY == Approx(3154800).margin(1e-3));
    CHECK(layer.shapes->contains(0, 588500, 3154500));
    CHECK_FALSE(layer.shapes->contains(0, 589500, 3154500));

    // Logged as the imports are.
    auto audit = core::readAuditLog(*project);
    REQUIRE(audit.ok());
    REQUIRE(audit->size() == 1);
    CHECK(audit->front().action == "add_layer");
    CHECK(audit->front().user == "测试员");
    CHECK(audit->front().newValue.at("features") == 2);
}

TEST_CASE("a reference layer replaces the earlier one of its kind only", "[core][layers]")
{
    TempDir dir;
    auto project = newProject(dir);
    writeVillages(dir.file("old.gpkg"), kVillages);
    writeVillages(dir.file("new.gpkg"),
                  {{588000, 3154000, 500, "龙塘冲村"},
                   {588500, 3154000, 500, "贵凳村"},
                   {589000, 3154000, 500, "黄瓜村"}},
                  "CJMC");
    writeSquares(dir.file("czkfbj.gpkg"), {{590000, 3155000, 200, "边界"}});

    core::ReferenceLayerRequest village;
    village.path = dir.file("old.gpkg");
    village.kind = "village";
    const auto first = addOk(*project, village);
    core::ReferenceLayerRequest boundary;
    boundary.path = dir.file("czkfbj.gpkg");
    boundary.kind = "城镇开发边界";
    boundary.name = "开发边界";
    const auto other = addOk(*project, boundary);
    village.path = dir.file("new.gpkg");
    const auto second = addOk(*project, village);

    auto layers = core::listReferenceLayers(*project);
    REQUIRE(layers.ok());
    REQUIRE(layers->size() == 2);
    CHECK(layers->at(0).id == other.id);
    CHECK(layers->at(0).name == "开发边界");
    CHECK(layers->at(1).id == second.id);
    CHECK(second.id > first.id);  // ids are never reused
    CHECK(layers->at(1).featureCount == 3);
    // 3 village squares + 1 boundary square: the first village layer's features went with it,
    // from the R-tree too.
    const auto features = storedFeatures(*project);
    REQUIRE(features.size() == 4);
    CHECK(countRows(*project, "rtree_reference_features_geom") == 4);
    std::map<std::int64_t, int> perLayer;
    for (const auto &feature : features)
        ++perLayer[feature.layerId];
    CHECK(perLayer[other.id] == 1);
    CHECK(perLayer[second.id] == 3);
    CHECK(features.back().label == "黄瓜村");  // CJMC found too

    auto audit = core::readAuditLog(*project);
    REQUIRE(audit.ok());
    REQUIRE(audit->size() == 3);
    CHECK(audit->back().oldValue.at("replaced").at(0).at("id") == first.id);
}

TEST_CASE("a bad reference layer is refused with one line and changes nothing", "[core][layers]")
{
    TempDir dir;
    auto project = newProject(dir);
    VectorSpec points;
    points.driver = "GPKG";
    points.layerName = "pts";
    points.geometryType = 1;
    points.fields = {{"NAME", FieldType::String, 20}};
    points.features.push_back({"POINT (588000 3154000)", {std::string("村")}});
    writeVector(dir.file("points.gpkg"), points);
    writeSquares(dir.file("unnamed.gpkg"), {{588000, 3154000, 100, "x"}});
    writeSquares(dir.file("nocrs.gpkg"), {{588000, 3154000, 100, "x"}}, 0);

    struct Case
    {
        std::string path, kind, labelField, expected;
    };
    const std::vector<Case> cases = {
        {dir.file("points.gpkg"), "village", "", "must be polygons"},
        {dir.file("missing.gpkg"), "village", "", "no such file"},
        {dir.file("unnamed.gpkg"), "village", "", "--label-field"},
        {dir.file("unnamed.gpkg"), "redline", "XZQMC", "has no field XZQMC (fields: HXMC)"},
        {dir.file("nocrs.gpkg"), "redline", "", "CRS"},
        {dir.file("unnamed.gpkg"), "", "", "needs a kind"},
    };
    for (const Case &item : cases) {
        INFO(item.path << " " << item.kind);
        core::ReferenceLayerRequest request;
        request.path = item.path;
        request.kind = item.kind;
        request.labelField = item.labelField;
        core::Progress progress;
        auto refused = core::importReferenceLayer(*project, request, progress);
        REQUIRE_FALSE(refused.ok());
        const std::string message = refused.error().message();
        CHECK(message.rfind(item.path, 0) == 0);  // names the file first
        CHECK(message.find(item.expected) != std::string::npos);
        CHECK(message.find('\n') == std::string::npos);
    }
    CHECK(countRows(*project, "reference_layers") == 0);
    CHECK(countRows(*project, "reference_features") == 0);
    CHECK(countRows(*project, "audit_log") == 0);

    // A cancel before the write leaves nothing either.
    writeVillages(dir.file("villages.gpkg"), kVillages);
    core::ReferenceLayerRequest request;
    request.path = dir.file("villages.gpkg");
    request.kind = "village";
    core::Progress cancelled;
    cancelled.cancel();
    auto refused = core::importReferenceLayer(*project, request, cancelled);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == core::ErrorCode::Cancelled);
    CHECK(countRows(*project, "reference_layers") == 0);
}

TEST_CASE("a screening run keeps its constraint layers as the project's reference layers",
          "[core][layers][screening]")
{
    TempDir dir;
    auto project = newProject(dir);
    VectorSpec parcels;
    parcels.fields = surveyFields();
    parcels.features.push_back(surveyFeature(squareWkt(588000, 3154000, 30), "1",
                                             "5002411112010000000", "龙塘冲村", std::nullopt));
    parcels.features.push_back(surveyFeature(squareWkt(588100, 3154000, 30), "2",
                                             "5002411112010000000", "龙塘冲村", std::nullopt));
    writeVector(dir.file("parcels.shp"), parcels);
    importOk(*project, dir.file("parcels.shp"));
    // Two red-line squares, one over parcel 1; a flagging layer of another kind.
    writeSquares(dir.file("redline.gpkg"),
                 {{587990, 3153990, 50, "红线一"}, {589000, 3155000, 300, "红线二"}});
    writeSquares(dir.file("river.gpkg"), {{588090, 3153990, 20, "河"}});
    // An officer's own red-line copy, which the screening's replaces (生态保护红线 is "redline").
    writeSquares(dir.file("manual.gpkg"), {{580000, 3150000, 10, "旧"}});
    core::ReferenceLayerRequest manual;
    manual.path = dir.file("manual.gpkg");
    manual.kind = "redline";
    addOk(*project, manual);

    core::ScreeningRequest request;
    request.constraints.push_back({dir.file("redline.gpkg"), std::nullopt});
    request.constraints.push_back(
        {dir.file("river.gpkg"), std::nullopt, "河湖管理范围", core::ConstraintAction::Flag});
    core::Progress progress;
    auto summary = core::screenParcels(*project, request, progress);
    if (!summary)
        FAIL(summary.error().message());
    CHECK(summary->excluded.at("redline") == 1);

    auto layers = core::listReferenceLayers(*project);
    REQUIRE(layers.ok());
    REQUIRE(layers->size() == 2);
    const auto &redline = layers->at(0);
    CHECK(redline.kind == "redline");
    CHECK(redline.name == "redline");
    CHECK(redline.sourcePath == dir.file("redline.gpkg"));
    CHECK(redline.featureCount == 2);
    CHECK(redline.sha256 == summary->inputs.at(0).sha256);  // the run's record of the same file
    CHECK(layers->at(1).kind == "河湖管理范围");
    const auto features = storedFeatures(*project);
    REQUIRE(features.size() == 3);
    CHECK(features[0].planarM2 == Approx(50.0 * 50.0).epsilon(1e-12));
    CHECK(features[1].planarM2 == Approx(300.0 * 300.0).epsilon(1e-12));
    CHECK(features[2].planarM2 == Approx(20.0 * 20.0).epsilon(1e-12));

    // A later run with another red line replaces the copy; the river stays from the first run.
    writeSquares(dir.file("redline2.gpkg"), {{588000, 3154000, 10, "新红线"}});
    request.constraints = {{dir.file("redline2.gpkg"), std::nullopt}};
    REQUIRE(core::screenParcels(*project, request, progress).ok());
    layers = core::listReferenceLayers(*project);
    REQUIRE(layers.ok());
    REQUIRE(layers->size() == 2);
    CHECK(layers->at(0).kind == "河湖管理范围");
    CHECK(layers->at(1).sourcePath == dir.file("redline2.gpkg"));
    CHECK(layers->at(1).featureCount == 1);
    CHECK(countRows(*project, "reference_features") == 2);
    CHECK(countRows(*project, "rtree_reference_features_geom") == 2);

    // GDAL still reads the project as a valid GeoPackage, with the layer in it.
    project.reset();
    const auto validation =
        runCommand("/usr/bin/python3 " + kValidator + " '" + dir.file("project.gpkg") + "'");
    INFO(validation.out << validation.err);
    CHECK(validation.status == 0);
    const auto info =
        runCommand("ogrinfo -so '" + dir.file("project.gpkg") + "' reference_features");
    CHECK(info.status == 0);
    CHECK(info.out.find("Geometry: Multi Polygon") != std::string::npos);
    CHECK(info.out.find("Feature Count: 2") != std::string::npos);
    CHECK(info.out.find("ID[\"EPSG\",4545]") != std::string::npos);
    CHECK(info.out.find("label: String") != std::string::npos);
}

TEST_CASE("a version 4 project migrates to version 5 with empty reference layers",
          "[core][layers][schema]")
{
    TempDir dir;
    const std::string path = dir.file("v4.gpkg");
    fs::copy_file(fs::path(GENGBAO_TEST_DATA) / "schema" / "v4.gpkg", path);
    {
        auto project = core::Project::open(path);
        if (!project)
            FAIL(project.error().message());
        CHECK(*core::schema::version((*project)->database()) == 5);
        CHECK(countRows(**project, "reference_layers") == 0);
        CHECK(countRows(**project, "reference_features") == 0);
        // Registered as a feature table in the parcels' CRS, and as an attributes table.
        CHECK(scalar(**project, "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = "
                                "'reference_features'") == 4545);
        CHECK(scalar(**project, "SELECT count(*) FROM gpkg_contents WHERE table_name = "
                                "'reference_layers' AND data_type = 'attributes'") == 1);
        CHECK(scalar(**project,
                     "SELECT count(*) FROM gpkg_extensions WHERE table_name = "
                     "'reference_features' AND extension_name = 'gpkg_rtree_index'") == 1);
        // The migrated file takes a layer.
        writeVillages(dir.file("villages.gpkg"), kVillages);
        core::ReferenceLayerRequest request;
        request.path = dir.file("villages.gpkg");
        request.kind = "village";
        CHECK(addOk(**project, request).featureCount == 2);
        CHECK(countRows(**project, "rtree_reference_features_geom") == 2);
    }
    const auto validation = runCommand("/usr/bin/python3 " + kValidator + " '" + path + "'");
    INFO(validation.out << validation.err);
    CHECK(validation.status == 0);
    const auto info = runCommand("ogrinfo -so '" + path + "' reference_features");
    CHECK(info.out.find("Feature Count: 2") != std::string::npos);
}
