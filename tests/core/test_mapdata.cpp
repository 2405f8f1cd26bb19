// SPDX-License-Identifier: GPL-3.0-or-later
// The map's snapshot of a project (loadMapData) and hit testing on it, checked against GEOS on
// the stored geometries of the bundled sample, and the hillshade against hand-computed values of
// `gdaldem hillshade` on tilted planes.
#include "../support/testfiles.h"

#include <core/db/gpkg.h>
#include <core/db/statement.h>
#include <core/geo/geoscontext.h>
#include <core/geo/handles.h>
#include <core/ops/exportparcels.h>
#include <core/ops/mapdata.h>
#include <core/ops/sampleproject.h>
#include <core/ops/screenparcels.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

using namespace gengbao;
using namespace gengbao::test;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// The sample project, made once for this file's tests (screening it takes a few seconds).
struct SampleMap
{
    TempDir dir;
    std::unique_ptr<core::Project> project;
    core::MapData map;
};

SampleMap &sampleMap()
{
    static std::unique_ptr<SampleMap> sample = [] {
        auto made = std::make_unique<SampleMap>();
        const auto dataDir = core::locateDataDir("");
        REQUIRE(dataDir);
        core::Progress progress;
        auto created = core::createSampleProject(made->dir.file("sample.gpkg"), *dataDir, progress);
        if (!created)
            FAIL(created.error().message());
        auto project = core::Project::open(made->dir.file("sample.gpkg"));
        REQUIRE(project.ok());
        made->project = std::move(*project);
        auto map = core::loadMapData(*made->project, {}, progress);
        if (!map)
            FAIL(map.error().message());
        made->map = std::move(*map);
        return made;
    }();
    return *sample;
}

// The stored geometries, read with GEOS (the independent reader), in fid order.
struct StoredParcels
{
    core::GeosContext geos;
    std::vector<std::int64_t> fids;
    std::vector<core::GeosGeometry> shapes;
};

std::unique_ptr<StoredParcels> readStoredParcels(core::Project &project)
{
    auto stored = std::make_unique<StoredParcels>();
    GEOSContextHandle_t context = stored->geos.handle();
    GEOSWKBReader *reader = GEOSWKBReader_create_r(context);
    auto select = project.database().prepare("SELECT fid, geom FROM parcels ORDER BY fid");
    REQUIRE(select.ok());
    const core::Status walked = select->forEachRow([&](core::Statement &row) {
        stored->fids.push_back(row.int64(0));
        const std::vector<unsigned char> blob = row.blob(1);
        auto decoded = core::gpkg::decodeGeometry(blob);
        REQUIRE(decoded.ok());
        stored->shapes.emplace_back(
            context,
            GEOSWKBReader_read_r(context, reader, decoded->wkb.data(), decoded->wkb.size()));
        REQUIRE(stored->shapes.back());
    });
    GEOSWKBReader_destroy_r(context, reader);
    REQUIRE(walked.ok());
    return stored;
}

// Shoelace relative to the first vertex: with raw Gauss-Krüger coordinates (10^6 m) the
// products would cancel to a relative error of about 1e-7.
double ringArea(std::span<const double> xy)
{
    double twice = 0.0;
    const std::size_t n = xy.size() / 2;
    const double x0 = xy[0], y0 = xy[1];
    for (std::size_t i = 0, j = n - 1; i < n; j = i++)
        twice += (xy[2 * j] - x0) * (xy[2 * i + 1] - y0) - (xy[2 * i] - x0) * (xy[2 * j + 1] - y0);
    return std::fabs(twice) / 2;
}

bool ringHolds(std::span<const double> xy, double x, double y)
{
    bool inside = false;
    const std::size_t n = xy.size() / 2;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const double xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside = !inside;
    }
    return inside;
}

// Shoelace over the item's rings: a ring inside an odd number of the item's other rings is a
// hole and counts negative (rings keep no role in a PolygonSet).
double itemArea(const core::PolygonSet &set, std::size_t item)
{
    double area = 0.0;
    for (std::uint32_t ring = set.ringBegin(item); ring < set.ringEnd(item); ++ring) {
        const auto xy = set.ringXY(ring);
        // The middle of the first edge: a hole may touch its shell at a vertex.
        const double x = (xy[0] + xy[2]) / 2, y = (xy[1] + xy[3]) / 2;
        int depth = 0;
        for (std::uint32_t other = set.ringBegin(item); other < set.ringEnd(item); ++other)
            depth += other != ring && ringHolds(set.ringXY(other), x, y) ? 1 : 0;
        area += depth % 2 == 0 ? ringArea(xy) : -ringArea(xy);
    }
    return area;
}

// The hillshade pixel over a map point (nullopt outside the grid).
std::optional<int> greyAt(const core::Hillshade &shade, double x, double y)
{
    const double column = (x - shade.extent.minX) / shade.extent.width() * shade.width;
    const double row = (shade.extent.maxY - y) / shade.extent.height() * shade.height;
    if (column < 0 || row < 0 || column >= shade.width || row >= shade.height)
        return std::nullopt;
    return shade.grey[std::size_t(row) * shade.width + std::size_t(column)];
}

core::MapData loadOk(core::Project &project, const core::MapDataOptions &options = {})
{
    core::Progress progress;
    auto map = core::loadMapData(project, options, progress);
    if (!map)
        FAIL(map.error().message());
    return std::move(map).value();
}

}  // namespace

TEST_CASE("loadMapData holds every parcel in fid order, aligned with the parcel table",
          "[core][mapdata]")
{
    SampleMap &sample = sampleMap();
    const core::MapData &map = sample.map;
    CHECK(map.epsg == 4545);
    REQUIRE(map.parcels);
    REQUIRE(map.index);
    CHECK(map.parcels->size() == 386);
    CHECK(countRows(*sample.project, "parcels") == 386);
    CHECK(map.fids.size() == 386);
    CHECK(map.index->size() == 386);
    CHECK(std::is_sorted(map.fids.begin(), map.fids.end()));
    CHECK(std::adjacent_find(map.fids.begin(), map.fids.end()) == map.fids.end());

    auto rows = core::loadParcelRows(*sample.project);
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == map.fids.size());
    for (std::size_t i = 0; i < rows->size(); ++i) {
        REQUIRE((*rows)[i].fid == map.fids[i]);
        REQUIRE(map.itemOfFid(map.fids[i]) == i);
    }
    CHECK_FALSE(map.itemOfFid(map.fids.back() + 1));
    CHECK_FALSE(map.itemOfFid(0));
    // The extent holds the parcels (and whatever layers the project keeps).
    const core::Box extent = map.extent();
    CHECK(extent.minX <= map.parcels->extent().minX);
    CHECK(extent.maxY >= map.parcels->extent().maxY);
    CHECK(map.index->extent().minX == map.parcels->extent().minX);
    CHECK(map.index->extent().maxY == map.parcels->extent().maxY);
}

TEST_CASE("each map item has the area and vertex count GEOS finds in the stored geometry",
          "[core][mapdata]")
{
    SampleMap &sample = sampleMap();
    const core::PolygonSet &parcels = *sample.map.parcels;
    auto stored = readStoredParcels(*sample.project);
    REQUIRE(stored->fids == sample.map.fids);
    GEOSContextHandle_t context = stored->geos.handle();
    double total = 0.0;
    for (std::size_t i = 0; i < parcels.size(); ++i) {
        double expected = 0.0;
        REQUIRE(GEOSArea_r(context, stored->shapes[i].get(), &expected) == 1);
        INFO("fid " << sample.map.fids[i]);
        REQUIRE_THAT(itemArea(parcels, i), WithinRel(expected, 1e-9));
        std::size_t vertices = 0;
        for (std::uint32_t ring = parcels.ringBegin(i); ring < parcels.ringEnd(i); ++ring)
            vertices += parcels.ringXY(ring).size() / 2;
        REQUIRE(vertices == std::size_t(GEOSGetNumCoordinates_r(context, stored->shapes[i].get())));
        total += expected;
    }
    CHECK(total > 0.0);
}

TEST_CASE("parcelAt finds the parcel under a point, by its edge within the tolerance",
          "[core][mapdata][hittest]")
{
    SampleMap &sample = sampleMap();
    const core::MapData &map = sample.map;
    auto stored = readStoredParcels(*sample.project);
    GEOSContextHandle_t context = stored->geos.handle();
    for (std::size_t i = 0; i < stored->shapes.size(); ++i) {
        core::GeosGeometry inside(context, GEOSPointOnSurface_r(context, stored->shapes[i].get()));
        double x = 0, y = 0;
        GEOSGeomGetX_r(context, inside.get(), &x);
        GEOSGeomGetY_r(context, inside.get(), &y);
        INFO("fid " << map.fids[i]);
        REQUIRE(core::parcelAt(map, x, y, 0.0) == i);
        REQUIRE(core::parcelAt(map, x, y, 5.0) == i);
    }
    const core::Box extent = map.parcels->extent();
    CHECK_FALSE(core::parcelAt(map, extent.maxX + 5000, extent.maxY + 5000, 10.0));
    CHECK_FALSE(core::parcelAt(map, extent.minX - 1, extent.minY - 1, 0.5));

    // Just east of the easternmost parcel's eastmost vertex: 0.5 m from it, and no other
    // parcel reaches further east, so it is the nearest within 1 m and nothing is within 0.4 m.
    std::size_t east = 0;
    for (std::size_t i = 1; i < map.parcels->size(); ++i) {
        if (map.parcels->bbox(i).maxX > map.parcels->bbox(east).maxX)
            east = i;
    }
    double vertexY = 0;
    for (std::uint32_t ring = map.parcels->ringBegin(east); ring < map.parcels->ringEnd(east);
         ++ring) {
        const auto xy = map.parcels->ringXY(ring);
        for (std::size_t k = 0; k < xy.size(); k += 2) {
            if (xy[k] == map.parcels->bbox(east).maxX)
                vertexY = xy[k + 1];
        }
    }
    const double x = map.parcels->bbox(east).maxX + 0.5;
    CHECK(core::parcelAt(map, x, vertexY, 1.0) == east);
    CHECK_FALSE(core::parcelAt(map, x, vertexY, 0.4));
}

TEST_CASE("parcelsIn gives the parcels GEOS finds intersecting the box", "[core][mapdata][hittest]")
{
    SampleMap &sample = sampleMap();
    const core::MapData &map = sample.map;
    auto stored = readStoredParcels(*sample.project);
    GEOSContextHandle_t context = stored->geos.handle();
    const core::Box extent = map.parcels->extent();
    std::mt19937 random(3);
    std::uniform_real_distribution<double> x(extent.minX, extent.maxX), y(extent.minY, extent.maxY);
    std::uniform_real_distribution<double> logSize(0.0, 3.3);  // 1 m to 2 km
    std::size_t hits = 0, bboxOnly = 0;
    for (int q = 0; q < 60; ++q) {
        const double x0 = x(random), y0 = y(random);
        const core::Box box{x0, y0, x0 + std::pow(10.0, logSize(random)),
                            y0 + std::pow(10.0, logSize(random))};
        core::GeosGeometry rectangle(
            context, GEOSGeom_createRectangle_r(context, box.minX, box.minY, box.maxX, box.maxY));
        std::vector<std::size_t> expected;
        for (std::size_t i = 0; i < stored->shapes.size(); ++i) {
            if (GEOSIntersects_r(context, rectangle.get(), stored->shapes[i].get()) == 1)
                expected.push_back(i);
            else if (map.parcels->bbox(i).intersects(box))
                ++bboxOnly;  // a case where the exact test matters
        }
        INFO("box " << q);
        REQUIRE(core::parcelsIn(map, box) == expected);
        hits += expected.size();
    }
    CHECK(hits > 20);
    CHECK(bboxOnly > 0);
    // A box inside one parcel, touching none of its edges, still selects it.
    core::GeosGeometry inside(context, GEOSPointOnSurface_r(context, stored->shapes[0].get()));
    double px = 0, py = 0;
    GEOSGeomGetX_r(context, inside.get(), &px);
    GEOSGeomGetY_r(context, inside.get(), &py);
    const auto tiny = core::parcelsIn(map, {px - 0.01, py - 0.01, px + 0.01, py + 0.01});
    CHECK(tiny == std::vector<std::size_t>{0});
    CHECK(core::parcelsIn(map, core::Box{}).empty());
}

TEST_CASE("snapToVertex gives the nearest stored vertex within the tolerance",
          "[core][mapdata][hittest]")
{
    SampleMap &sample = sampleMap();
    const core::MapData &map = sample.map;
    auto stored = readStoredParcels(*sample.project);
    GEOSContextHandle_t context = stored->geos.handle();
    std::vector<std::pair<double, double>> vertices;
    for (const core::GeosGeometry &shape : stored->shapes) {
        core::GeosGeometry points(context, GEOSGeom_extractUniquePoints_r(context, shape.get()));
        for (int k = 0; k < GEOSGetNumGeometries_r(context, points.get()); ++k) {
            const GEOSGeometry *point = GEOSGetGeometryN_r(context, points.get(), k);
            double x = 0, y = 0;
            GEOSGeomGetX_r(context, point, &x);
            GEOSGeomGetY_r(context, point, &y);
            vertices.emplace_back(x, y);
        }
    }
    std::mt19937 random(11);
    std::uniform_int_distribution<std::size_t> pick(0, vertices.size() - 1);
    std::uniform_real_distribution<double> offset(-12.0, 12.0);
    int snapped = 0, missed = 0;
    for (int q = 0; q < 200; ++q) {
        const auto [vx, vy] = vertices[pick(random)];
        const double x = vx + offset(random), y = vy + offset(random);
        const double tolerance = 6.0;
        double best = tolerance;
        std::optional<std::pair<double, double>> expected;
        for (const auto &[cx, cy] : vertices) {
            const double distance = std::hypot(cx - x, cy - y);
            if (distance <= best) {
                best = distance;
                expected = std::make_pair(cx, cy);
            }
        }
        const auto snap = core::snapToVertex(map, x, y, tolerance);
        INFO(x << " " << y);
        REQUIRE(snap.has_value() == expected.has_value());
        if (snap) {
            CHECK(snap->x == expected->first);
            CHECK(snap->y == expected->second);
            ++snapped;
        } else {
            ++missed;
        }
    }
    CHECK(snapped > 20);
    CHECK(missed > 20);
}

TEST_CASE("the sample's map has a hillshade of its screening DEM under the parcels",
          "[core][mapdata][hillshade]")
{
    SampleMap &sample = sampleMap();
    const core::MapData &map = sample.map;
    CHECK(map.issues.empty());
    REQUIRE(map.hillshade);
    const core::Hillshade &shade = *map.hillshade;
    CHECK(shade.width > 100);
    CHECK(shade.height > 100);
    CHECK(shade.width <= 2048);
    CHECK(shade.height <= 2048);
    REQUIRE(shade.grey.size() == std::size_t(shade.width) * shade.height);
    // Never finer than the DEM's 10 m cells, and within its footprint (gdalinfo
    // data/sample/dem.tif: 583500 to 592500 east, 3150500 to 3157500 north).
    CHECK(shade.extent.width() / shade.width >= 10.0 - 1e-9);
    CHECK(shade.extent.minX >= 583500.0 - 1e-6);
    CHECK(shade.extent.maxX <= 592500.0 + 1e-6);
    CHECK(shade.extent.minY >= 3150500.0 - 1e-6);
    CHECK(shade.extent.maxY <= 3157500.0 + 1e-6);
    CHECK(shade.extent.intersects(map.parcels->extent()));
    // Every parcel lies on DEM cells (the screening took its slope from the DEM), so the
    // hillshade has data under each one.
    auto stored = readStoredParcels(*sample.project);
    GEOSContextHandle_t context = stored->geos.handle();
    for (std::size_t i = 0; i < stored->shapes.size(); ++i) {
        core::GeosGeometry inside(context, GEOSPointOnSurface_r(context, stored->shapes[i].get()));
        double x = 0, y = 0;
        GEOSGeomGetX_r(context, inside.get(), &x);
        GEOSGeomGetY_r(context, inside.get(), &y);
        const auto grey = greyAt(shade, x, y);
        INFO("fid " << map.fids[i]);
        REQUIRE(grey);
        REQUIRE(*grey > 0);
    }
    // Relief: not one flat shade.
    const auto [darkest, brightest] = std::minmax_element(shade.grey.begin(), shade.grey.end());
    CHECK(int(*brightest) - int(*darkest) > 50);
}

namespace {

constexpr double kWest = 500000.0;
constexpr double kNorth = 3100000.0;

// A 1 km DEM of 10 m cells in three strips of 33 columns: a 45° plane facing north-west (rising
// to the south-east), a flat one whose northern half is nodata, and a 45° plane facing
// south-east.
DemSpec threePlanesDem()
{
    DemSpec dem;
    dem.width = 100;
    dem.height = 100;
    dem.originX = kWest;
    dem.originY = kNorth;
    dem.noData = -9999.0;
    dem.elevation = [](int column, int row) {
        const double east = (column + 0.5) * 10.0, south = (row + 0.5) * 10.0;
        if (column < 33)
            return 1000.0 + (east + south) / std::sqrt(2.0);
        if (column < 66)
            return row < 50 ? -9999.0 : 1000.0;
        return 3000.0 - (east + south) / std::sqrt(2.0);
    };
    return dem;
}

// A project with one 100 m square parcel at the middle of each strip, screened with the DEM.
std::unique_ptr<core::Project> threePlanesProject(const TempDir &dir)
{
    writeDem(dir.file("dem.tif"), threePlanesDem());
    VectorSpec spec;
    spec.driver = "GPKG";
    spec.geometryType = 0;
    spec.fields = surveyFields();
    const double centres[] = {165.0, 495.0, 825.0};
    for (int k = 0; k < 3; ++k) {
        spec.features.push_back(surveyFeature(squareWkt(kWest + centres[k] - 50, kNorth - 550, 100),
                                              "P" + std::to_string(k), "5002411112010000000",
                                              "龙塘冲村", std::nullopt));
    }
    writeVector(dir.file("parcels.gpkg"), spec);
    auto project = newProject(dir);
    importOk(*project, dir.file("parcels.gpkg"));
    core::ScreeningRequest request;
    request.demPath = dir.file("dem.tif");
    core::Progress progress;
    auto screened = core::screenParcels(*project, request, progress);
    if (!screened)
        FAIL(screened.error().message());
    return project;
}

}  // namespace

TEST_CASE("the hillshade lights planes facing the sun and shades those facing away",
          "[core][mapdata][hillshade]")
{
    TempDir dir;
    auto project = threePlanesProject(dir);
    const core::MapData map = loadOk(*project);
    REQUIRE(map.hillshade);
    const core::Hillshade &shade = *map.hillshade;
    // gdaldem's default light comes from azimuth 315° (north-west) at 45° altitude, and its
    // shade is 1 + 254 cos(angle between the light and the surface normal):
    // - flat: the normal is vertical, cos = sin 45° = 0.7071, so 1 + 179.6 = 181 (rounded);
    // - a 45° plane facing north-west: its normal points at the light, cos = 1, so 255;
    // - a 45° plane facing south-east: the light grazes it, cos = 0, so 1.
    const double y = kNorth - 500;
    CHECK(greyAt(shade, kWest + 165, y) == 255);
    CHECK(std::abs(*greyAt(shade, kWest + 495, y - 60) - 181) <= 1);
    CHECK(greyAt(shade, kWest + 825, y) == 1);
    // North up, top row first: the flat strip has data in the south only, the planes all along.
    CHECK(greyAt(shade, kWest + 495, y + 100) == 0);
    CHECK(std::abs(*greyAt(shade, kWest + 495, y - 100) - 181) <= 1);
    CHECK(greyAt(shade, kWest + 165, y + 100) == 255);
    CHECK(greyAt(shade, kWest + 825, y - 100) == 1);
    // The grid covers the parcels (665 m wide) and a margin of 10 % of it, within the DEM.
    CHECK(shade.extent.minX <= kWest + 115 - 66.0 + 1e-6);
    CHECK(shade.extent.maxX >= kWest + 875 + 66.0 - 1e-6);
    CHECK(shade.extent.minX >= kWest - 1e-6);
    // Whole pixels no finer than the DEM's 10 m cells.
    CHECK(shade.width == static_cast<int>(std::floor(shade.extent.width() / 10.0 + 1e-9)));
    CHECK(shade.extent.width() / shade.width >= 10.0 - 1e-9);

    SECTION("at most hillshadeMaxPixels on the longer side")
    {
        core::MapDataOptions options;
        options.hillshadeMaxPixels = 40;
        const core::MapData small = loadOk(*project, options);
        REQUIRE(small.hillshade);
        CHECK(std::max(small.hillshade->width, small.hillshade->height) <= 40);
        CHECK(std::max(small.hillshade->width, small.hillshade->height) >= 39);
        // Average resampling keeps a plane a plane: still lit in the middle of its strip.
        CHECK(greyAt(*small.hillshade, kWest + 165, y) >= 250);
    }
    SECTION("loadHillshade alone gives the same grid, for a caller that shows parcels first")
    {
        core::MapDataOptions options;
        options.hillshade = false;
        const core::MapData parcelsOnly = loadOk(*project, options);
        CHECK_FALSE(parcelsOnly.hillshade);
        core::Progress progress;
        auto later = core::loadHillshade(*project, parcelsOnly.extent(), {}, progress);
        REQUIRE(later.ok());
        REQUIRE(later->hillshade);
        CHECK(later->hillshade->grey == shade.grey);
        CHECK(later->hillshade->extent.minX == shade.extent.minX);
        CHECK(later->issues.empty());
    }
    SECTION("not asked for")
    {
        core::MapDataOptions options;
        options.hillshade = false;
        CHECK_FALSE(loadOk(*project, options).hillshade);
    }
    SECTION("the DEM file is gone: no hillshade, no error")
    {
        std::filesystem::remove(dir.file("dem.tif"));
        const core::MapData without = loadOk(*project);
        CHECK_FALSE(without.hillshade);
        CHECK(without.issues.empty());
        CHECK(without.parcels->size() == 3);
    }
    SECTION("the DEM file is no longer a raster: no hillshade, an issue naming it")
    {
        std::ofstream(dir.file("dem.tif"), std::ios::trunc) << "not a raster";
        const core::MapData without = loadOk(*project);
        CHECK_FALSE(without.hillshade);
        REQUIRE(without.issues.size() == 1);
        CHECK(without.issues[0].code == "hillshade_unavailable");
        CHECK(without.issues[0].detail.find("dem.tif") != std::string::npos);
    }
}

TEST_CASE("loadMapData reads Z, M, big-endian, curved and collected polygons, and no geometry",
          "[core][mapdata]")
{
    TempDir dir;
    VectorSpec spec;
    spec.driver = "GPKG";
    spec.geometryType = 0;
    spec.fields = surveyFields();
    for (int k = 0; k < 5; ++k) {
        spec.features.push_back(surveyFeature(squareWkt(588000 + 200 * k, 3154000, 50),
                                              "P" + std::to_string(k), "5002411112010000000",
                                              "龙塘冲村", std::nullopt));
    }
    writeVector(dir.file("parcels.gpkg"), spec);
    auto project = newProject(dir);
    importOk(*project, dir.file("parcels.gpkg"));

    // Replace the stored geometries with shapes an import never writes but a GeoPackage may hold.
    const auto store = [&project](std::int64_t fid, const std::string &wkt, OGRwkbByteOrder order) {
        OGRGeometryH raw = nullptr;
        std::string text = wkt;
        char *cursor = text.data();
        REQUIRE(OGR_G_CreateFromWkt(&cursor, nullptr, &raw) == OGRERR_NONE);
        core::OgrGeometryPtr geometry(raw);
        std::vector<unsigned char> wkb(static_cast<std::size_t>(OGR_G_WkbSize(raw)));
        REQUIRE(OGR_G_ExportToIsoWkb(raw, order, wkb.data()) == OGRERR_NONE);
        OGREnvelope envelope;
        OGR_G_GetEnvelope(raw, &envelope);
        const auto blob = core::gpkg::encodeGeometry(
            4545, {envelope.MinX, envelope.MaxX, envelope.MinY, envelope.MaxY}, wkb);
        auto update = project->database().prepare("UPDATE parcels SET geom = ? WHERE fid = ?");
        REQUIRE(update.ok());
        update->bindBlob(1, blob.data(), blob.size()).bind(2, fid);
        REQUIRE(update->run().ok());
    };
    store(1,
          "POLYGON Z ((0 0 5, 40 0 6, 40 30 7, 0 30 8, 0 0 5), (10 10 1, 20 10 1, 20 20 1, 10 20 "
          "1, 10 10 1))",
          wkbXDR);
    store(2, "CURVEPOLYGON (CIRCULARSTRING (100 0, 110 10, 100 20, 90 10, 100 0))", wkbNDR);
    store(3,
          "GEOMETRYCOLLECTION (POINT (0 0), LINESTRING (0 0, 1 1), POLYGON M ((200 0 1, 210 0 2, "
          "210 10 3, 200 0 1)))",
          wkbNDR);
    store(4, "MULTIPOLYGON ZM (((300 0 1 2, 310 0 1 2, 310 10 1 2, 300 10 1 2, 300 0 1 2)))",
          wkbXDR);
    REQUIRE(project->database().exec("UPDATE parcels SET geom = NULL WHERE fid = 5").ok());

    const core::MapData map = loadOk(*project);
    const core::PolygonSet &set = *map.parcels;
    REQUIRE(set.size() == 5);
    CHECK(map.fids == std::vector<std::int64_t>{1, 2, 3, 4, 5});

    // Z dropped, byte order swapped back, the hole kept as its own ring.
    REQUIRE(set.ringEnd(0) - set.ringBegin(0) == 2);
    const auto outer = set.ringXY(set.ringBegin(0));
    CHECK(std::vector<double>(outer.begin(), outer.end()) ==
          std::vector<double>{0, 0, 40, 0, 40, 30, 0, 30, 0, 0});
    CHECK(set.ringXY(set.ringBegin(0) + 1)[6] == 10.0);
    // The circle of radius 10, linearised by OGR: its area is close to 100 pi.
    REQUIRE(set.ringEnd(1) - set.ringBegin(1) == 1);
    CHECK(set.ringXY(set.ringBegin(1)).size() > 40);
    CHECK_THAT(ringArea(set.ringXY(set.ringBegin(1))), WithinRel(100.0 * M_PI, 0.01));
    CHECK(set.contains(1, 100, 10));
    // Only the polygon of the collection: a right triangle of legs 10, area 50.
    REQUIRE(set.ringEnd(2) - set.ringBegin(2) == 1);
    CHECK(ringArea(set.ringXY(set.ringBegin(2))) == 50.0);
    REQUIRE(set.ringEnd(3) - set.ringBegin(3) == 1);
    CHECK(ringArea(set.ringXY(set.ringBegin(3))) == 100.0);
    // No geometry: an item drawn as nothing, found by no query, still aligned with its fid.
    CHECK(set.ringBegin(4) == set.ringEnd(4));
    CHECK(set.bbox(4).empty());
    CHECK(map.itemOfFid(5) == 4);
    CHECK(core::parcelsIn(map, {-1e7, -1e7, 1e7, 1e7}) == std::vector<std::size_t>{0, 1, 2, 3});

    SECTION("a damaged blob is an error naming the project and the parcel")
    {
        const auto blob = core::gpkg::encodeGeometry(4545, {0, 1, 0, 1},
                                                     std::vector<unsigned char>{1, 3, 0, 0, 0, 1});
        auto update = project->database().prepare("UPDATE parcels SET geom = ? WHERE fid = 2");
        REQUIRE(update.ok());
        update->bindBlob(1, blob.data(), blob.size());
        REQUIRE(update->run().ok());
        core::Progress progress;
        auto damaged = core::loadMapData(*project, {}, progress);
        REQUIRE_FALSE(damaged.ok());
        CHECK(damaged.error().code == core::ErrorCode::Damaged);
        CHECK(damaged.error().fid == 2);
        CHECK(damaged.error().file == project->path());
    }
    SECTION("cancelled")
    {
        core::Progress progress;
        progress.cancel();
        auto cancelled = core::loadMapData(*project, {}, progress);
        REQUIRE_FALSE(cancelled.ok());
        CHECK(cancelled.error().code == core::ErrorCode::Cancelled);
    }
}
