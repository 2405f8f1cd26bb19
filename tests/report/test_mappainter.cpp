// SPDX-License-Identifier: GPL-3.0-or-later
// The map painter on small scenes whose pixels are known by hand: where a parcel must be coloured
// and where it must not, culling, labels, cancellation, strips, the overlay.
#include "guiapp.h"

#include <core/geo/packedrtree.h>
#include <core/geo/polygonset.h>
#include <core/ops/mapdata.h>
#include <report/mappainter.h>
#include <report/mapstyle.h>

#include <catch2/catch.hpp>

#include <QImage>
#include <QPainter>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <vector>

using namespace gengbao;
using report::MapPainter;
using report::Viewport;

namespace {

using Ring = std::vector<double>;

Ring square(double x, double y, double side)
{
    return {x, y, x + side, y, x + side, y + side, x, y + side, x, y};
}

// A MapData of parcels given as lists of rings, with its R-tree.
std::shared_ptr<core::MapData> mapOf(const std::vector<std::vector<Ring>> &items)
{
    core::PolygonSet::Builder builder;
    for (const auto &rings : items) {
        builder.beginItem();
        for (const Ring &ring : rings)
            builder.addRing(ring);
        builder.endItem();
    }
    auto map = std::make_shared<core::MapData>();
    map->epsg = 4545;
    map->parcels = std::make_shared<const core::PolygonSet>(std::move(builder).build());
    map->index = std::make_shared<const core::PackedRTree>(map->parcels->boxes());
    for (std::size_t i = 0; i < items.size(); ++i)
        map->fids.push_back(std::int64_t(i) + 1);
    return map;
}

core::ParcelRow rowOf(std::optional<bool> eligible, std::vector<std::string> reasons = {},
                      std::string stage = "candidate")
{
    core::ParcelRow row;
    row.eligible = eligible;
    if (eligible)
        row.reasons = std::move(reasons);
    row.stage = std::move(stage);
    row.village = "龙塘冲村";
    row.villageCode = "500241110201";
    return row;
}

report::MapPaintOptions plainOptions()
{
    report::MapPaintOptions options;
    options.hillshade = false;
    options.labels = false;
    options.background = QColor(0xfa, 0xf9, 0xf5);
    return options;
}

std::shared_ptr<const report::MapScene>
sceneOf(std::shared_ptr<core::MapData> map, const std::vector<core::ParcelRow> &rows,
        report::ColourBy colourBy = report::ColourBy::Eligibility)
{
    auto style = std::make_shared<const report::MapStyle>(report::MapStyle::build(rows, colourBy));
    auto labels = std::make_shared<const report::ParcelLabels>(report::ParcelLabels::build(rows));
    return std::make_shared<const report::MapScene>(
        report::MapScene::make(std::move(map), std::move(style), std::move(labels)));
}

QRgb colourOf(const report::MapScene &scene, std::size_t item)
{
    return scene.style->classes()[scene.style->classOf(item)].fill.rgb();
}

constexpr QRgb kBackground = 0xfffaf9f5;
constexpr QRgb kEligibleGreen = 0xff4daf4a;
constexpr QRgb kRedLineRed = 0xffe31a1c;

}  // namespace

TEST_CASE("Viewport maps metres to pixels and back, north up", "[report][map]")
{
    // Centre (1000, 2000), 2 m/px, 400 x 200: the top-left pixel corner is (600, 2200).
    const Viewport view(1000, 2000, 2.0, QSize(400, 200));
    CHECK(view.toPixel(600, 2200) == QPointF(0, 0));
    CHECK(view.toPixel(1000, 2000) == QPointF(200, 100));
    CHECK(view.toPixel(1400, 1800) == QPointF(400, 200));
    const core::MapPoint back = view.toMap(QPointF(50, 150));
    CHECK(back.x == Approx(700));
    CHECK(back.y == Approx(1900));
    const core::Box extent = view.extent();
    CHECK(extent.minX == 600);
    CHECK(extent.maxX == 1400);
    CHECK(extent.minY == 1800);
    CHECK(extent.maxY == 2200);

    // Zooming in twice at (100, 50) keeps the map point under it: (800, 2100).
    const Viewport zoomed = view.zoomed(2.0, QPointF(100, 50));
    CHECK(zoomed.metresPerPixel() == 1.0);
    CHECK(zoomed.toPixel(800, 2100).x() == Approx(100));
    CHECK(zoomed.toPixel(800, 2100).y() == Approx(50));
    // Dragging the content 10 px right and 20 px down moves the centre 20 m west, 40 m north.
    const Viewport panned = view.panned(QPointF(10, 20));
    CHECK(panned.centreX() == 980);
    CHECK(panned.centreY() == 2040);

    // A 1000 x 100 m box in 220 x 120 px with 10 px margins: width decides, 1000 / 200 = 5 m/px.
    const Viewport fitted =
        Viewport::fitting(core::Box{0, 0, 1000, 100}, QSize(220, 120), 10.0, 2.0);
    CHECK(fitted.metresPerPixel() == 5.0);
    CHECK(fitted.centreX() == 500);
    CHECK(fitted.centreY() == 50);
    const Viewport device = fitted.inDevicePixels();
    CHECK(device.size() == QSize(440, 240));
    CHECK(device.metresPerPixel() == 2.5);
}

TEST_CASE("MapPainter colours an eligible and an excluded parcel, and nothing between them",
          "[report][map]")
{
    test::ensureGui();
    // A at x 0..100, B at x 200..300 (metres), both y 0..100; 1 m/px centred on (150, 50) in
    // 400 x 200 px: pixel = (x + 50, 150 - y). A's centre (50, 50) -> px (100, 100), B's centre
    // (250, 50) -> px (300, 100); map x 150, between them, is px 200.
    auto map = mapOf({{square(0, 0, 100)}, {square(200, 0, 100)}});
    const std::vector<core::ParcelRow> rows = {rowOf(true), rowOf(false, {"redline"})};
    const auto scene = sceneOf(map, rows);
    REQUIRE(colourOf(*scene, 0) == kEligibleGreen);
    REQUIRE(colourOf(*scene, 1) == kRedLineRed);
    const MapPainter painter(scene, plainOptions());
    const Viewport view(150, 50, 1.0, QSize(400, 200));

    const report::RenderResult one = painter.render(view, 1);
    REQUIRE(one.image.size() == QSize(400, 200));
    CHECK(one.image.format() == QImage::Format_ARGB32_Premultiplied);
    CHECK(one.image.pixel(100, 100) == kEligibleGreen);
    CHECK(one.image.pixel(300, 100) == kRedLineRed);
    CHECK(one.image.pixel(200, 100) == kBackground);
    CHECK(one.image.pixel(100, 10) == kBackground);  // above A: map y 140
    CHECK(one.stats.candidates == 2);
    CHECK(one.stats.polygons == 2);

    // Strips painted in parallel give the very same pixels as one painter.
    const report::RenderResult four = painter.render(view, 4);
    CHECK(four.image == one.image);
    QImage direct(400, 200, QImage::Format_ARGB32_Premultiplied);
    {
        QPainter qp(&direct);
        painter.paint(qp, view, QRectF(0, 0, 400, 200));
    }
    CHECK(direct == one.image);
}

TEST_CASE("MapPainter leaves a parcel's hole uncoloured", "[report][map]")
{
    test::ensureGui();
    // Outer 0..100, hole 40..60 (the hole's ring runs either way: even-odd). 1 m/px centred on
    // (50, 50), 120 x 120 px: pixel = (x + 10, 110 - y). Hole centre (50, 50) -> px (60, 60);
    // the ring at (20, 20) -> px (30, 90).
    Ring hole = square(40, 40, 20);
    auto map = mapOf({{square(0, 0, 100), hole}});
    const auto scene = sceneOf(map, {rowOf(true)});
    const MapPainter painter(scene, plainOptions());
    const report::RenderResult result = painter.render(Viewport(50, 50, 1.0, QSize(120, 120)), 2);
    CHECK(result.image.pixel(60, 60) == kBackground);
    CHECK(result.image.pixel(30, 90) == kEligibleGreen);
    CHECK(result.image.pixel(115, 60) == kBackground);  // map x 105: outside
}

TEST_CASE("MapPainter fills a parcel seen from very close", "[report][map]")
{
    test::ensureGui();
    // 1 mm per pixel inside a 100 m square: its corners lie 50,000 px off the image, beyond the
    // raster engine's fixed-point range unless it clips; the whole image must be the parcel.
    auto map = mapOf({{square(0, 0, 100)}});
    const auto scene = sceneOf(map, {rowOf(true)});
    const MapPainter painter(scene, plainOptions());
    const QImage image = painter.render(Viewport(50, 50, 0.001, QSize(64, 48)), 1).image;
    CHECK(image.pixel(0, 0) == kEligibleGreen);
    CHECK(image.pixel(32, 24) == kEligibleGreen);
    CHECK(image.pixel(63, 47) == kEligibleGreen);
}

TEST_CASE("MapPainter culls parcels outside the view and draws specks as pixels", "[report][map]")
{
    test::ensureGui();
    // One parcel in view, one 10 km away, and one 0.8 m speck at (150.1..150.9, 50.1..50.9).
    // 1 m/px centred on (100, 50), 200 x 100 px: pixel = (x, 100 - y); the speck's box is px
    // x 150.1..150.9, y 49.1..49.9, rounded to the pixel (150, 49).
    auto map = mapOf({{square(0, 0, 100)},
                      {square(10000, 0, 100)},
                      {{150.1, 50.1, 150.9, 50.1, 150.9, 50.9, 150.1, 50.9}}});
    const std::vector<core::ParcelRow> rows = {rowOf(true), rowOf(true), rowOf(false, {"slope"})};
    const auto scene = sceneOf(map, rows);
    const MapPainter painter(scene, plainOptions());
    const report::RenderResult result = painter.render(Viewport(100, 50, 1.0, QSize(200, 100)), 1);
    CHECK(result.stats.candidates == 2);  // the far parcel never left the R-tree
    CHECK(result.stats.polygons == 1);
    CHECK(result.stats.specks == 1);
    CHECK(result.image.pixel(150, 49) == colourOf(*scene, 2));
    CHECK(result.image.pixel(152, 49) == kBackground);
}

TEST_CASE("MapPainter places labels only when zoomed in, and never one over another",
          "[report][map]")
{
    test::ensureGui();
    // 400 parcels of 20 m with 2 m gaps: at 0.5 m/px each is 40 px, too small for most labels.
    std::vector<std::vector<Ring>> items;
    std::vector<core::ParcelRow> rows;
    for (int i = 0; i < 20; ++i) {
        for (int j = 0; j < 20; ++j) {
            items.push_back({square(22.0 * i, 22.0 * j, 20)});
            core::ParcelRow row = rowOf(true);
            row.tbbh = "51020" + std::to_string(i * 20 + j);
            row.netMu = 0.6;
            rows.push_back(row);
        }
    }
    const auto scene = sceneOf(mapOf(items), rows);
    report::MapPaintOptions options = plainOptions();
    options.labels = true;
    const MapPainter painter(scene, options);
    const Viewport close(220, 220, 0.5, QSize(800, 600));
    const auto labels = painter.placeLabels(close);
    REQUIRE(labels.size() > 3);
    for (std::size_t a = 0; a < labels.size(); ++a) {
        CHECK(QRectF(0, 0, 800, 600).contains(labels[a].rect));
        for (std::size_t b = a + 1; b < labels.size(); ++b) {
            INFO(a << " and " << b);
            CHECK_FALSE(labels[a].rect.intersects(labels[b].rect));
        }
    }
    CHECK(labels.front().text.endsWith(QStringLiteral("0.60亩")));
    const report::RenderResult result = painter.render(close, 2);
    CHECK(result.stats.labels == labels.size());
    // Zoomed out past labelMaxMetresPerPixel (2 m/px): none.
    CHECK(painter.placeLabels(Viewport(220, 220, 2.5, QSize(800, 600))).empty());
}

TEST_CASE("MapPainter stops when its cancel flag is set", "[report][map]")
{
    test::ensureGui();
    std::vector<std::vector<Ring>> items;
    for (int i = 0; i < 50; ++i) {
        for (int j = 0; j < 40; ++j)
            items.push_back({square(10.0 * i, 10.0 * j, 8)});
    }
    const auto scene =
        sceneOf(mapOf(items), std::vector<core::ParcelRow>(items.size(), rowOf(true)));
    const MapPainter painter(scene, plainOptions());
    const Viewport view(250, 200, 0.5, QSize(1000, 800));  // every parcel 16 px: polygons
    const report::RenderResult full = painter.render(view, 1);
    CHECK_FALSE(full.stats.cancelled);
    CHECK(full.stats.polygons == 2000);
    std::atomic<bool> cancel{true};
    const report::RenderResult stopped = painter.render(view, 1, &cancel);
    CHECK(stopped.stats.cancelled);
    CHECK(stopped.stats.polygons < 300);  // checked every 256 parcels
}

TEST_CASE("MapPainter renders at a device pixel ratio", "[report][map]")
{
    test::ensureGui();
    auto map = mapOf({{square(0, 0, 100)}});
    const auto scene = sceneOf(map, {rowOf(true)});
    const MapPainter painter(scene, plainOptions());
    // 200 x 100 logical px at ratio 2: 400 x 200 device px, 0.5 m per device pixel; the square's
    // centre (50, 50) is logical (100, 50), device (200, 100).
    const report::RenderResult result = painter.render(Viewport(50, 50, 1.0, QSize(200, 100), 2.0));
    CHECK(result.image.size() == QSize(400, 200));
    CHECK(result.image.devicePixelRatio() == 2.0);
    CHECK(result.image.pixel(200, 100) == kEligibleGreen);
    CHECK(result.image.pixel(60, 100) == kBackground);  // map x -20
}

TEST_CASE("MapPainter draws the reference layers and the hillshade", "[report][map]")
{
    test::ensureGui();
    auto map = mapOf({{square(0, 0, 100)}});
    // A red line polygon over x 300..400, y 0..100; 1 m/px centred on (250, 50), 500 x 100 px:
    // pixel = (x, 100 - y). Its left edge x = 300 is px column 300.
    core::PolygonSet::Builder builder;
    builder.beginItem();
    builder.addRing(square(300, 0, 100));
    builder.endItem();
    core::MapLayer redLine;
    redLine.kind = "redline";
    redLine.name = "生态保护红线";
    redLine.shapes = std::make_shared<const core::PolygonSet>(std::move(builder).build());
    map->layers.push_back(redLine);
    // A hillshade of grey 100 over x 150..250 (its left half no-data), 2 x 1 cells.
    core::Hillshade hillshade;
    hillshade.width = 2;
    hillshade.height = 1;
    hillshade.grey = {0, 100};
    hillshade.extent = core::Box{150, 0, 250, 100};
    map->hillshade = hillshade;

    const auto scene = sceneOf(map, {rowOf(true)});
    report::MapPaintOptions options = plainOptions();
    options.hillshade = true;
    options.hillshadeOpacity = 0.5;
    const MapPainter painter(scene, options);
    const QImage image = painter.render(Viewport(250, 50, 1.0, QSize(500, 100)), 1).image;
    // The outline: 1 px of 0xd7191c centred on the edge x = 300, antialiased at 1 m/px: it covers
    // half of columns 299 and 300, so one of them has green at most 0.5 * 25 + 0.5 * 250 = 137
    // (column 300 less, with the hatching under it).
    int greenest = 255;
    for (int x = 298; x <= 301; ++x)
        greenest = std::min(greenest, qGreen(image.pixel(x, 50)));
    CHECK(greenest <= 138);
    CHECK(qGreen(image.pixel(296, 50)) > 200);  // just outside: the background
    // Inside the hatching some pixels are tinted red and some are not.
    int tinted = 0;
    for (int x = 310; x < 390; ++x)
        tinted += qRed(image.pixel(x, 50)) > qGreen(image.pixel(x, 50)) + 40 ? 1 : 0;
    CHECK(tinted > 5);
    CHECK(tinted < 75);
    // The hillshade: half of grey 100 over the background 0xfa: (250 + 100) / 2 = 175 (±1).
    CHECK(std::abs(qRed(image.pixel(225, 50)) - 175) <= 1);
    // The no-data cell shows the background (give or take the smooth scaling's rounding).
    CHECK(std::abs(qRed(image.pixel(175, 50)) - qRed(kBackground)) <= 2);
    CHECK(std::abs(qBlue(image.pixel(175, 50)) - qBlue(kBackground)) <= 2);
}

TEST_CASE("MapPainter paints the outlines of selected items over an image", "[report][map]")
{
    test::ensureGui();
    auto map = mapOf({{square(0, 0, 100)}, {square(200, 0, 100)}});
    const auto scene = sceneOf(map, {rowOf(true), rowOf(true)});
    const MapPainter painter(scene, plainOptions());
    const Viewport view(150, 50, 1.0, QSize(400, 200));  // pixel = (x + 50, 150 - y)
    QImage image(400, 200, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter qp(&image);
        const std::uint32_t selected[] = {1};
        QPen pen(QColor(0, 0, 255), 0);
        painter.paintItems(qp, view, selected, pen);
    }
    CHECK(image.pixel(250, 100) == 0xff0000ff);  // B's left edge, x = 200
    CHECK(image.pixel(300, 100) == 0xffffffff);  // B's inside: outline only
    CHECK(image.pixel(50, 100) == 0xffffffff);   // A's left edge: not selected
}

TEST_CASE("Scale bars take a round length", "[report][map]")
{
    CHECK(MapPainter::roundScaleLength(730) == 500);
    CHECK(MapPainter::roundScaleLength(1999) == 1000);
    CHECK(MapPainter::roundScaleLength(2000) == 2000);
    CHECK(MapPainter::roundScaleLength(4999) == 2000);
    CHECK(MapPainter::roundScaleLength(0.7) == Approx(0.5));
    CHECK(MapPainter::roundScaleLength(0) == 0);
}

TEST_CASE("MapStyle classes parcels by verdict, stage and village", "[report][map]")
{
    std::vector<core::ParcelRow> rows = {
        rowOf(true),
        rowOf(false, {"slope", "redline"}),  // the red line wins
        rowOf(false, {"slope"}),
        rowOf(false, {"永久基本农田"}),
        rowOf(false, {"slope_unknown"}),
        rowOf(std::nullopt),
        rowOf(false, {"slope_unknown", "城镇开发边界"}),  // a layer is more definite
    };
    const auto eligibility = report::MapStyle::build(rows, report::ColourBy::Eligibility);
    const auto label = [&](std::size_t item) {
        return eligibility.classes()[eligibility.classOf(item)].label;
    };
    CHECK(label(0) == QStringLiteral("符合条件"));
    CHECK(label(1) == QStringLiteral("位于生态保护红线内"));
    CHECK(label(2) == QStringLiteral("坡度超限"));
    CHECK(label(3) == QStringLiteral("位于其他管控区内"));
    CHECK(label(4) == QStringLiteral("坡度未知"));
    CHECK(label(5) == QStringLiteral("未筛查"));
    CHECK(label(6) == QStringLiteral("位于其他管控区内"));
    const auto legend = eligibility.legend();
    REQUIRE(legend.size() == 6);
    CHECK(legend[3].label == QStringLiteral("位于其他管控区内"));
    CHECK(legend[3].count == 2);

    rows[0].stage = "approved";
    rows[1].proposal = "reviewed";
    rows[2].proposal = "rejected";
    const auto stage = report::MapStyle::build(rows, report::ColourBy::Stage);
    CHECK(stage.title() == QStringLiteral("阶段"));
    CHECK(stage.classes()[stage.classOf(0)].label == QStringLiteral("已通过审核"));
    CHECK(stage.classes()[stage.classOf(1)].label == QStringLiteral("村居自选（待审核）"));
    CHECK(stage.classes()[stage.classOf(2)].label == QStringLiteral("村居自选（未通过）"));
    CHECK(stage.classes()[stage.classOf(3)].label == QStringLiteral("备选"));
    CHECK(stage.legend().size() == 4);  // approved, candidate, the two proposals

    // Villages: one colour each, the same whatever the row order.
    std::vector<core::ParcelRow> villages(3, rowOf(true));
    villages[1].village = "贵凳村";
    villages[1].villageCode = "500241110202";
    villages[2].village = "黄瓜村";
    villages[2].villageCode = "500241110203";
    const auto byVillage = report::MapStyle::build(villages, report::ColourBy::Village);
    std::vector<core::ParcelRow> reversed(villages.rbegin(), villages.rend());
    const auto byVillageReversed = report::MapStyle::build(reversed, report::ColourBy::Village);
    for (std::size_t i = 0; i < 3; ++i) {
        const QColor fill = byVillage.classes()[byVillage.classOf(i)].fill;
        CHECK(fill == byVillageReversed.classes()[byVillageReversed.classOf(2 - i)].fill);
        for (std::size_t j = i + 1; j < 3; ++j)
            CHECK(fill != byVillage.classes()[byVillage.classOf(j)].fill);
    }

    // Dimming the others: item 0 keeps its class; item 1 a lighter one outside the legend.
    auto dimmed = byVillage;
    dimmed.dimOthers({true, false, false});
    CHECK(dimmed.classOf(0) == byVillage.classOf(0));
    const report::StyleClass &light = dimmed.classes()[dimmed.classOf(1)];
    CHECK_FALSE(light.inLegend);
    CHECK(light.fill.lightness() > byVillage.classes()[byVillage.classOf(1)].fill.lightness());
    REQUIRE(dimmed.legend().size() == 1);
    CHECK(dimmed.legend()[0].label == QStringLiteral("龙塘冲村"));
}

TEST_CASE("findVillage takes a village's parcels and box, by name or code", "[report][map]")
{
    auto map = mapOf({{square(0, 0, 100)}, {square(500, 500, 100)}, {square(200, 0, 50)}});
    std::vector<core::ParcelRow> rows(3, rowOf(true));
    rows[1].village = "贵凳村";
    rows[1].villageCode = "500241110202";
    const auto byName = report::findVillage(*map, rows, "龙塘冲村");
    REQUIRE(byName);
    CHECK(byName->parcelCount == 2);
    CHECK(byName->items == std::vector<bool>{true, false, true});
    CHECK(byName->extent.minX == 0);
    CHECK(byName->extent.maxX == 250);
    CHECK(byName->extent.maxY == 100);
    const auto byCode = report::findVillage(*map, rows, "500241110202");
    REQUIRE(byCode);
    CHECK(byCode->name == "贵凳村");
    CHECK_FALSE(report::findVillage(*map, rows, "三溪村"));
    CHECK(report::unknownVillageError(rows, "三溪村").detail ==
          "no village '三溪村' in the project (villages: 贵凳村, 龙塘冲村)");
}
