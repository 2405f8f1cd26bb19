// SPDX-License-Identifier: GPL-3.0-or-later
// The map's flat geometry (PolygonSet) and its packed Hilbert R-tree, checked against hand
// calculations, GEOS (point in polygon) and brute-force box filtering.
#include <core/geo/geoscontext.h>
#include <core/geo/packedrtree.h>
#include <core/geo/polygonset.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace gengbao;
using Catch::Matchers::WithinAbs;
using core::Box;
using core::PackedRTree;
using core::PolygonSet;

namespace {

// A ring as x0, y0, x1, y1, ... for the axis-aligned rectangle [x0, x1] x [y0, y1], closed.
std::vector<double> rectangle(double x0, double y0, double x1, double y1)
{
    return {x0, y0, x1, y0, x1, y1, x0, y1, x0, y0};
}

// Item 0: a 100 m square at (1000, 2000) with a 20 m square hole at (1040, 2040).
// Item 1: two parts, a 10 m square at (0, 0) and an open (unclosed) triangle.
// Item 2: no rings at all.
PolygonSet sampleSet()
{
    PolygonSet::Builder builder;
    builder.beginItem();
    builder.addRing(rectangle(1000, 2000, 1100, 2100));
    builder.addRing(rectangle(1040, 2040, 1060, 2060));
    builder.endItem();
    builder.beginItem();
    builder.addRing(rectangle(0, 0, 10, 10));
    const std::vector<double> triangle = {20, 0, 30, 0, 20, 10};
    builder.addRing(triangle);
    builder.endItem();
    builder.beginItem();
    builder.endItem();
    return std::move(builder).build();
}

std::vector<std::uint32_t> sorted(std::vector<std::uint32_t> items)
{
    std::sort(items.begin(), items.end());
    return items;
}

// Every box that intersects the query, the slow way: what the tree must give.
std::vector<std::uint32_t> bruteForce(const std::vector<Box> &boxes, const Box &query)
{
    std::vector<std::uint32_t> hits;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const Box &b = boxes[i];
        const bool overlaps = b.minX <= query.maxX && b.maxX >= query.minX &&
                              b.minY <= query.maxY && b.maxY >= query.minY;
        if (!b.empty() && !query.empty() && overlaps)
            hits.push_back(static_cast<std::uint32_t>(i));
    }
    return hits;
}

// Parcel-like boxes over a 20 km square: mostly 20 to 200 m, some points (zero size), some
// empty (items without rings), some duplicates, one spanning everything.
std::vector<Box> randomBoxes(std::mt19937 &random, std::size_t count)
{
    std::uniform_real_distribution<double> position(0.0, 20000.0);
    std::uniform_real_distribution<double> size(20.0, 200.0);
    std::uniform_int_distribution<int> kind(0, 99);
    std::vector<Box> boxes;
    for (std::size_t i = 0; i < count; ++i) {
        const int k = kind(random);
        const double x = position(random), y = position(random);
        if (k < 3) {
            boxes.push_back(Box{});  // empty
        } else if (k < 6) {
            boxes.push_back({x, y, x, y});  // a point
        } else if (k < 9 && !boxes.empty()) {
            boxes.push_back(boxes.back());  // a duplicate
        } else {
            boxes.push_back({x, y, x + size(random), y + size(random)});
        }
    }
    boxes.push_back({-10.0, -10.0, 20010.0, 20010.0});
    return boxes;
}

}  // namespace

TEST_CASE("PolygonSet keeps rings, boxes and the extent of each item", "[core][polygonset]")
{
    const PolygonSet set = sampleSet();
    REQUIRE(set.size() == 3);
    CHECK(set.vertexCount() == 5 + 5 + 5 + 3);
    CHECK(set.ringEnd(0) - set.ringBegin(0) == 2);
    CHECK(set.ringEnd(1) - set.ringBegin(1) == 2);
    CHECK(set.ringBegin(2) == set.ringEnd(2));
    CHECK(set.ringXY(set.ringBegin(1) + 1).size() == 6);  // the open triangle stays open
    CHECK(set.ringXY(set.ringBegin(0) + 1)[0] == 1040.0);

    CHECK(set.bbox(0).minX == 1000.0);
    CHECK(set.bbox(0).maxY == 2100.0);
    CHECK(set.bbox(1).minX == 0.0);
    CHECK(set.bbox(1).maxX == 30.0);  // both parts
    CHECK(set.bbox(2).empty());
    // The empty item does not pull the extent towards (0, 0).
    CHECK(set.extent().minX == 0.0);
    CHECK(set.extent().minY == 0.0);
    CHECK(set.extent().maxX == 1100.0);
    CHECK(set.extent().maxY == 2100.0);

    // 18 vertices of 16 bytes, 6 ring starts + 1, 3 item starts + 1, 3 boxes of 32 bytes.
    CHECK(set.memoryBytes() >= 18 * 16 + 7 * 4 + 4 * 4 + 3 * 32);
    CHECK(set.memoryBytes() < 18 * 16 + 7 * 4 + 4 * 4 + 3 * 32 + 512);
}

TEST_CASE("PolygonSet::contains is even-odd with holes and parts, boundary inside",
          "[core][polygonset]")
{
    const PolygonSet set = sampleSet();
    CHECK(set.contains(0, 1010, 2010));
    CHECK_FALSE(set.contains(0, 1050, 2050));  // in the hole
    CHECK(set.contains(0, 1040, 2050));        // on the hole's edge
    CHECK(set.contains(0, 1100, 2100));        // on the outer corner
    CHECK(set.contains(0, 1000, 2033.3));      // on the outer edge
    CHECK_FALSE(set.contains(0, 999.99, 2050));
    CHECK_FALSE(set.contains(0, 1050, 2100.01));

    CHECK(set.contains(1, 5, 5));
    CHECK(set.contains(1, 21, 1));  // in the open triangle
    CHECK(set.contains(1, 25, 5));  // on its slanted edge (30, 0)-(20, 10)
    CHECK(set.contains(1, 20, 5));  // on its implied closing edge (20, 10)-(20, 0)
    CHECK_FALSE(set.contains(1, 19.99, 5));
    CHECK_FALSE(set.contains(1, 15, 5));
    CHECK_FALSE(set.contains(1, 29, 9));
    CHECK_FALSE(set.contains(2, 0, 0));
}

TEST_CASE("PolygonSet::contains agrees with GEOS on random points", "[core][polygonset]")
{
    // A star with a hole next to a second, rotated square: slanted edges everywhere.
    std::vector<double> star;
    for (int k = 0; k < 10; ++k) {
        const double angle = k * M_PI / 5;
        const double radius = k % 2 == 0 ? 100.0 : 40.0;
        star.push_back(500000 + radius * std::cos(angle));
        star.push_back(3100000 + radius * std::sin(angle));
    }
    const std::vector<double> hole = {499990, 3099990, 500010, 3099995, 500000, 3100015};
    const std::vector<double> diamond = {500200, 3099950, 500250, 3100000,
                                         500200, 3100050, 500150, 3100000};
    PolygonSet::Builder builder;
    builder.beginItem();
    builder.addRing(star);
    builder.addRing(hole);
    builder.addRing(diamond);
    builder.endItem();
    const PolygonSet set = std::move(builder).build();

    const auto ringWkt = [](const std::vector<double> &xy) {
        std::string wkt = "(";
        for (std::size_t i = 0; i < xy.size(); i += 2)
            wkt += std::to_string(xy[i]) + " " + std::to_string(xy[i + 1]) + ", ";
        return wkt + std::to_string(xy[0]) + " " + std::to_string(xy[1]) + ")";
    };
    const std::string wkt =
        "MULTIPOLYGON ((" + ringWkt(star) + ", " + ringWkt(hole) + "), (" + ringWkt(diamond) + "))";
    core::GeosContext geos;
    GEOSWKTReader *reader = GEOSWKTReader_create_r(geos.handle());
    core::GeosGeometry shape(geos.handle(),
                             GEOSWKTReader_read_r(geos.handle(), reader, wkt.c_str()));
    GEOSWKTReader_destroy_r(geos.handle(), reader);
    REQUIRE(shape);

    std::mt19937 random(8);
    std::uniform_real_distribution<double> x(499880, 500270), y(3099880, 3100120);
    int inside = 0;
    for (int i = 0; i < 4000; ++i) {
        const double px = x(random), py = y(random);
        core::GeosGeometry point(geos.handle(),
                                 GEOSGeom_createPointFromXY_r(geos.handle(), px, py));
        const bool expected = GEOSIntersects_r(geos.handle(), shape.get(), point.get()) == 1;
        INFO(px << " " << py);
        REQUIRE(set.contains(0, px, py) == expected);
        inside += expected ? 1 : 0;
    }
    // Both outcomes were exercised (the shapes cover about a fifth of the window).
    CHECK(inside > 400);
    CHECK(inside < 3600);
}

TEST_CASE("PolygonSet::distanceToBoundary measures to the nearest edge of any ring",
          "[core][polygonset]")
{
    const PolygonSet set = sampleSet();
    // Outside, 3 m west of the west edge.
    CHECK_THAT(set.distanceToBoundary(0, 997, 2050), WithinAbs(3.0, 1e-12));
    // Inside, 5 m from the hole's west edge (x = 1040), 35 m from the outer west edge.
    CHECK_THAT(set.distanceToBoundary(0, 1035, 2050), WithinAbs(5.0, 1e-12));
    // Off a corner: (1103, 2104) to (1100, 2100) is a 3-4-5 triangle.
    CHECK_THAT(set.distanceToBoundary(0, 1103, 2104), WithinAbs(5.0, 1e-12));
    // The triangle's slanted edge x + y = 30: (30, 10) is 10 / sqrt(2) from it.
    CHECK_THAT(set.distanceToBoundary(1, 30, 10), WithinAbs(10.0 / std::sqrt(2.0), 1e-12));
    // Its implied closing edge x = 20 is 3 m from (17, 5); the square part's edge x = 10 is 7.
    CHECK_THAT(set.distanceToBoundary(1, 17, 5), WithinAbs(3.0, 1e-12));
    CHECK(std::isinf(set.distanceToBoundary(2, 0, 0)));
}

TEST_CASE("Box::expand skips empty boxes", "[core][polygonset]")
{
    Box box;
    CHECK(box.empty());
    box.expand(Box{});
    CHECK(box.empty());
    box.expand(3, 4);
    CHECK(box.minX == 3);
    CHECK(box.maxY == 4);
    box.expand(Box{-1, 10, 2, 12});
    CHECK(box.minX == -1);
    CHECK(box.minY == 4);
    CHECK(box.maxX == 3);
    CHECK(box.maxY == 12);
    box.expand(Box{});
    CHECK(box.maxY == 12);
}

TEST_CASE("PackedRTree gives exactly the boxes brute force finds", "[core][polygonset][rtree]")
{
    std::mt19937 random(42);
    const std::vector<Box> boxes = randomBoxes(random, 5000);
    std::uniform_real_distribution<double> position(-500.0, 20500.0);
    std::uniform_real_distribution<double> logSize(-1.0, 4.0);  // 0.1 m to 10 km
    for (std::uint16_t nodeSize :
         {std::uint16_t(2), std::uint16_t(4), std::uint16_t(16), std::uint16_t(64)}) {
        const PackedRTree tree(boxes, nodeSize);
        REQUIRE(tree.size() == boxes.size());
        // The root covers every non-empty box (random ones reach past the spanning box).
        double maxX = -1e300, maxY = -1e300;
        for (const Box &box : boxes) {
            maxX = box.empty() ? maxX : std::max(maxX, box.maxX);
            maxY = box.empty() ? maxY : std::max(maxY, box.maxY);
        }
        CHECK(tree.extent().minX == -10.0);
        CHECK(tree.extent().minY == -10.0);
        CHECK(tree.extent().maxX == maxX);
        CHECK(tree.extent().maxY == maxY);
        std::size_t hits = 0;
        for (int q = 0; q < 1500; ++q) {
            const double x = position(random), y = position(random);
            const Box query{x, y, x + std::pow(10.0, logSize(random)),
                            y + std::pow(10.0, logSize(random))};
            std::vector<std::uint32_t> found;
            tree.query(query, found);
            const auto expected = bruteForce(boxes, query);
            INFO("node size " << nodeSize << ", query " << q);
            REQUIRE(sorted(found) == expected);  // also: no item twice
            hits += expected.size();
        }
        CHECK(hits > 1500 * 2);  // the queries were not all trivial
        // A query touching a box only along its edge counts (closed boxes).
        std::vector<std::uint32_t> touching;
        const Box &first = boxes[boxes.size() - 2];
        if (!first.empty()) {
            tree.query({first.maxX, first.maxY, first.maxX + 1, first.maxY + 1}, touching);
            CHECK(std::find(touching.begin(), touching.end(), boxes.size() - 2) != touching.end());
        }
    }
}

TEST_CASE("PackedRTree with no items, one item, and an empty query", "[core][polygonset][rtree]")
{
    const PackedRTree none(std::vector<Box>{});
    std::vector<std::uint32_t> found;
    none.query({-1e9, -1e9, 1e9, 1e9}, found);
    CHECK(found.empty());
    CHECK(none.size() == 0);
    CHECK(none.extent().empty());
    CHECK(PackedRTree().extent().empty());

    const std::vector<Box> one = {{10, 20, 30, 40}};
    const PackedRTree single(one);
    CHECK(single.size() == 1);
    CHECK(single.extent().minX == 10);
    CHECK(single.extent().maxY == 40);
    single.query({0, 0, 10, 20}, found);  // touches the corner
    CHECK(found == std::vector<std::uint32_t>{0});
    found.clear();
    single.query({31, 0, 50, 50}, found);
    CHECK(found.empty());
    single.query(Box{}, found);
    CHECK(found.empty());
    const double nan = std::nan("");
    single.query({nan, nan, nan, nan}, found);  // Box::empty() is false for it
    CHECK(found.empty());

    // Only items without rings: nothing ever matches, even a query over (0, 0).
    const std::vector<Box> empties(3, Box{});
    const PackedRTree hollow(empties);
    hollow.query({-1, -1, 1, 1}, found);
    CHECK(found.empty());
    CHECK(hollow.extent().empty());
}

TEST_CASE("PackedRTree gives whole subtrees inside the query, never items without a box",
          "[core][polygonset][rtree]")
{
    // A 10 x 10 grid of 1 m boxes 10 m apart, with items without rings among them (every
    // seventh); a query over everything holds whole subtrees, whose leaves come out as one run.
    std::vector<Box> boxes;
    std::vector<std::uint32_t> boxed;
    for (int i = 0; i < 115; ++i) {
        if (i % 7 == 3) {
            boxes.push_back(Box{});
            continue;
        }
        const double x = 10.0 * (boxed.size() % 10), y = 10.0 * (boxed.size() / 10);
        boxed.push_back(static_cast<std::uint32_t>(i));
        boxes.push_back({x, y, x + 1, y + 1});
    }
    for (std::uint16_t nodeSize : {std::uint16_t(2), std::uint16_t(3), std::uint16_t(16)}) {
        const PackedRTree tree(boxes, nodeSize);
        std::vector<std::uint32_t> found;
        tree.query({-1, -1, 1000, 1000}, found);
        INFO("node size " << nodeSize);
        CHECK(sorted(found) == boxed);
        // The lower-left quarter: rows and columns 0 to 4 exactly, touching edges included.
        found.clear();
        tree.query({0, 0, 41, 41}, found);
        CHECK(sorted(found) == bruteForce(boxes, {0, 0, 41, 41}));
        CHECK(found.size() == 25);
    }
}

TEST_CASE("PackedRTree memory is a flat array of about 1.07 nodes per item",
          "[core][polygonset][rtree]")
{
    std::mt19937 random(7);
    const std::vector<Box> boxes = randomBoxes(random, 10000);
    const PackedRTree tree(boxes, 16);
    // Leaves: n; above them n/16 + n/256 + ... nodes; each a 32-byte box and a 4-byte index.
    const double nodes = boxes.size() * (1.0 + 1.0 / 15.0);
    CHECK(tree.memoryBytes() > boxes.size() * 36);
    CHECK(tree.memoryBytes() < nodes * 36 + 1024);
}
