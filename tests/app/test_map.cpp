// SPDX-License-Identifier: GPL-3.0-or-later
// The map tab under QT_QPA_PLATFORM=offscreen: the canvas renders off the GUI thread, shares the
// selection with the parcel table both ways, picks parcels under the mouse, zooms at the cursor,
// and draws village proposals. Expected values come from the snapshot's own geometry (PolygonSet
// point-in-polygon and edge distances, computed here by brute force over every parcel), not from
// the canvas's R-tree queries.
#include "../support/testfiles.h"
#include "testapplication.h"

#include <app/dialogs/drawnparceldialog.h>
#include <app/dialogs/mapprintdialog.h>
#include <app/dialogs/referencelayerdialog.h>
#include <app/mainwindow.h>
#include <app/map/mapcanvas.h>
#include <app/map/mapview.h>
#include <app/models/parceltablemodel.h>
#include <app/session/projectsession.h>
#include <core/ops/referencelayers.h>
#include <core/ops/sampleproject.h>

#include <catch2/catch.hpp>

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QRadioButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolTip>
#include <QUndoStack>
#include <QWheelEvent>

#include <cmath>
#include <limits>

using namespace gengbao;
using namespace gengbao::test;

namespace {

QString makeSample(const TempDir &dir)
{
    core::Progress progress;
    const auto dataDir = core::locateDataDir("");
    REQUIRE(dataDir);
    REQUIRE(core::createSampleProject(dir.file("sample.gpkg"), *dataDir, progress).ok());
    return QString::fromStdString(dir.file("sample.gpkg"));
}

// The map shows the session's snapshot, styled from its rows, and the image on screen is the
// render of the current view. Says what it waited for when it gives up.
bool waitForMap(app::MapView &view)
{
    app::MapCanvas *canvas = view.canvas();
    const auto ready = [&] {
        return view.isUpToDate() && !canvas->isRendering() && !canvas->isRenderPending() &&
               !canvas->renderedImage().isNull() && canvas->renderedKey() == canvas->currentKey();
    };
    if (QTest::qWaitFor(ready, 30000))
        return true;
    auto *status = view.findChild<QLabel *>(QStringLiteral("mapStatus"));
    WARN("map not ready: up to date "
         << view.isUpToDate() << ", rendering " << canvas->isRendering() << ", renders "
         << canvas->renderCount() << ", status '" << (status ? status->text().toStdString() : "")
         << "'");
    return false;
}

// Without hillshade, reference layers and labels, so that a parcel's pixels are its fill.
void parcelsOnly(app::MapCanvas &canvas)
{
    report::MapPaintOptions options = canvas.paintOptions();
    options.hillshade = false;
    options.layers = false;
    options.labels = false;
    canvas.setPaintOptions(options);
}

// Distance from a map point to the nearest parcel (0 inside one), and that parcel: every parcel
// tried, no index.
std::pair<double, std::size_t> nearestParcel(const core::PolygonSet &parcels, double x, double y)
{
    double best = std::numeric_limits<double>::infinity();
    std::size_t which = 0;
    for (std::size_t item = 0; item < parcels.size(); ++item) {
        const double distance =
            parcels.contains(item, x, y) ? 0.0 : parcels.distanceToBoundary(item, x, y);
        if (distance < best) {
            best = distance;
            which = item;
        }
    }
    return {best, which};
}

// A pixel well inside one parcel (on a 40 × 40 grid over its box, the inside point farthest
// from its edges) and inside no other; nullopt when none is `margin` pixels from the edges.
std::optional<QPointF> interiorPixel(const app::MapCanvas &canvas, std::size_t item,
                                     double margin = 4.0)
{
    const core::PolygonSet &parcels = *canvas.mapData()->parcels;
    const report::Viewport &view = canvas.viewport();
    const core::Box &box = parcels.bbox(item);
    double bestDistance = 0;
    std::optional<core::MapPoint> best;
    constexpr int kSteps = 40;
    for (int i = 0; i < kSteps; ++i) {
        for (int j = 0; j < kSteps; ++j) {
            const double x = box.minX + (i + 0.5) / kSteps * box.width();
            const double y = box.minY + (j + 0.5) / kSteps * box.height();
            if (!parcels.contains(item, x, y))
                continue;
            const double distance = parcels.distanceToBoundary(item, x, y);
            if (distance > bestDistance) {
                bestDistance = distance;
                best = core::MapPoint{x, y};
            }
        }
    }
    if (!best || bestDistance < margin * view.metresPerPixel())
        return std::nullopt;
    for (std::size_t other = 0; other < parcels.size(); ++other) {
        if (other != item && parcels.contains(other, best->x, best->y))
            return std::nullopt;
    }
    const QPointF pixel = view.toPixel(best->x, best->y);
    if (!QRectF(QPointF(0, 0), QSizeF(view.size())).contains(pixel))
        return std::nullopt;
    return pixel;
}

// The largest parcels first, as candidates for clicks and pixels.
std::vector<std::size_t> itemsBySize(const core::PolygonSet &parcels)
{
    std::vector<std::size_t> items(parcels.size());
    for (std::size_t i = 0; i < items.size(); ++i)
        items[i] = i;
    std::sort(items.begin(), items.end(), [&](std::size_t a, std::size_t b) {
        const auto area = [&](std::size_t i) {
            return parcels.bbox(i).width() * parcels.bbox(i).height();
        };
        return area(a) > area(b);
    });
    return items;
}

std::vector<std::int64_t> fidsOf(const core::MapData &data,
                                 std::initializer_list<std::size_t> items)
{
    std::vector<std::int64_t> fids;
    for (const std::size_t item : items)
        fids.push_back(data.fids[item]);
    std::sort(fids.begin(), fids.end());
    return fids;
}

QStringList selectedIds(QTableView &table)
{
    QStringList ids;
    for (const QModelIndex &index : table.selectionModel()->selectedRows())
        ids << index.data(app::ParcelTableModel::ParcelIdRole).toString();
    ids.sort();
    return ids;
}

void sendWheel(QWidget *widget, const QPointF &position, int delta)
{
    QWheelEvent wheel(position, widget->mapToGlobal(position), QPoint(), QPoint(0, delta),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &wheel);
}

}  // namespace

TEST_CASE("the map canvas renders the sample project off the GUI thread", "[app][map]")
{
    application();
    TempDir dir;
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(makeSample(dir)));
    app::MapView view(session);
    view.setColourBy(report::ColourBy::Eligibility);
    app::MapCanvas *canvas = view.canvas();
    parcelsOnly(*canvas);
    view.resize(1000, 700);
    view.show();
    REQUIRE(waitForMap(view));
    CHECK(canvas->renderCount() >= 1);

    const auto snapshot = canvas->mapData();  // kept alive: a reload replaces the canvas's
    const core::MapData &data = *snapshot;
    REQUIRE(data.parcels->size() == 386);
    REQUIRE(session.rows().size() == 386);
    const QImage &image = canvas->renderedImage();
    const double ratio = image.devicePixelRatio();

    // At full extent, a pixel more than 8 pixels from every parcel shows the background.
    const report::Viewport &viewport = canvas->viewport();
    std::optional<QPoint> empty;
    for (int y = 20; y < viewport.size().height() - 20 && !empty; y += 37) {
        for (int x = 20; x < viewport.size().width() - 20 && !empty; x += 41) {
            const core::MapPoint point = viewport.toMap(QPointF(x, y));
            if (nearestParcel(*data.parcels, point.x, point.y).first >
                8 * viewport.metresPerPixel())
                empty = QPoint(x, y);
        }
    }
    REQUIRE(empty);
    CHECK(image.pixelColor(*empty * ratio).rgb() == canvas->paintOptions().background.rgb());
    CHECK_FALSE(canvas->itemAt(QPointF(*empty)));

    // Zoomed to the largest eligible parcel and its neighbours: a pixel well inside it has the
    // colour of its style class.
    std::optional<std::size_t> item;
    for (const std::size_t candidate : itemsBySize(*data.parcels)) {
        if (session.rows()[candidate].eligible.value_or(false)) {
            item = candidate;
            break;
        }
    }
    REQUIRE(item);
    const core::Box &box = data.parcels->bbox(*item);
    canvas->zoomToBox(box.grown(std::max(box.width(), box.height())));
    REQUIRE(waitForMap(view));
    const auto pixel = interiorPixel(*canvas, *item);
    REQUIRE(pixel);
    const report::MapStyle &style = *canvas->mapStyle();
    const QColor fill = style.classes()[style.classOf(*item)].fill;
    CHECK(style.classes()[style.classOf(*item)].label == QStringLiteral("Eligible"));
    INFO("pixel " << pixel->x() << ", " << pixel->y());
    CHECK(canvas->renderedImage().pixelColor((*pixel * ratio).toPoint()).rgb() == fill.rgb());
    // Hit testing: the parcel under the interior pixel.
    CHECK(canvas->itemAt(*pixel) == item);
    // "Export View as PNG" renders the same view at twice the pixels.
    const QImage exported = canvas->exportImage(2.0);
    CHECK(exported.size() == canvas->viewport().size() * 2);
    CHECK(exported.pixelColor((*pixel * 2).toPoint()).rgb() == fill.rgb());
}

TEST_CASE("a click a pixel or two outside a parcel still picks it, further out nothing",
          "[app][map]")
{
    application();
    TempDir dir;
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(makeSample(dir)));
    app::MapView view(session);
    view.resize(900, 700);
    view.show();
    REQUIRE(waitForMap(view));
    app::MapCanvas *canvas = view.canvas();
    const auto snapshot = canvas->mapData();
    const core::PolygonSet &parcels = *snapshot->parcels;
    const report::Viewport &viewport = canvas->viewport();
    canvas->zoomBy(4.0);  // parcels a good size on screen
    const double mpp = canvas->viewport().metresPerPixel();

    // Beside a parcel's westernmost vertex, 2 px further west: outside every parcel, and the
    // nearest parcel is that one, within the 3 px the canvas allows.
    bool tried = false;
    for (const std::size_t item : itemsBySize(parcels)) {
        const core::Box &box = parcels.bbox(item);
        const double x = box.minX - 2 * mpp;
        std::optional<double> y;
        for (std::uint32_t ring = parcels.ringBegin(item); ring < parcels.ringEnd(item); ++ring) {
            const auto xy = parcels.ringXY(ring);
            for (std::size_t i = 0; i + 1 < xy.size(); i += 2) {
                if (xy[i] == box.minX)
                    y = xy[i + 1];
            }
        }
        if (!y)
            continue;
        const QPointF pixel = canvas->viewport().toPixel(x, *y);
        if (!QRectF(20, 20, viewport.size().width() - 40, viewport.size().height() - 40)
                 .contains(pixel))
            continue;
        const auto [distance, nearest] = nearestParcel(parcels, x, *y);
        if (distance == 0 || nearest != item)
            continue;
        CHECK(distance == Approx(2 * mpp).epsilon(1e-6));
        CHECK(canvas->itemAt(pixel) == item);
        // 6 px out, with every parcel at least that far: nothing.
        const double farX = box.minX - 6 * mpp;
        if (nearestParcel(parcels, farX, *y).first > 5 * mpp)
            CHECK_FALSE(canvas->itemAt(canvas->viewport().toPixel(farX, *y)));
        // And through the mouse: a click there selects it.
        QTest::mouseClick(canvas, Qt::LeftButton, {}, pixel.toPoint());
        CHECK(session.selection() == fidsOf(*canvas->mapData(), {item}));
        tried = true;
        break;
    }
    CHECK(tried);
}

TEST_CASE("table and map share one selection, and table rows repaint only the overlay",
          "[app][map]")
{
    application();
    TempDir dir;
    app::MainWindow window;
    REQUIRE(window.openProject(makeSample(dir)));
    window.resize(1300, 850);
    window.show();
    auto *tabs = window.findChild<QTabWidget *>();
    auto *view = window.findChild<app::MapView *>(QStringLiteral("mapView"));
    auto *table = window.findChild<QTableView *>(QStringLiteral("parcelTable"));
    REQUIRE(tabs);
    REQUIRE(view);
    REQUIRE(table);
    tabs->setCurrentWidget(view);
    REQUIRE(waitForMap(*view));
    app::MapCanvas *canvas = view->canvas();
    const auto snapshot = canvas->mapData();  // kept alive: a reload replaces the canvas's
    const core::MapData &data = *snapshot;
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(table->model());
    const auto *model = qobject_cast<const app::ParcelTableModel *>(proxy->sourceModel());
    REQUIRE(model);
    const std::vector<core::ParcelRow> &rows = model->rows();

    SECTION("a table row selects the parcel on the map, without a render")
    {
        const int renders = canvas->renderCount();
        table->selectRow(3);
        const QString id =
            table->model()->index(3, 0).data(app::ParcelTableModel::ParcelIdRole).toString();
        std::int64_t fid = 0;
        for (const core::ParcelRow &row : rows) {
            if (QString::fromStdString(row.id) == id)
                fid = row.fid;
        }
        REQUIRE(fid != 0);
        CHECK(canvas->selectedFids() == std::vector<std::int64_t>{fid});
        QTest::qWait(200);  // longer than the render timer
        CHECK(canvas->renderCount() == renders);
        CHECK_FALSE(canvas->isRenderPending());
        CHECK_FALSE(canvas->isRendering());
        // Shift-selecting more rows adds them.
        table->selectionModel()->select(table->model()->index(5, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        CHECK(canvas->selectedFids().size() == 2);
        CHECK(canvas->renderCount() == renders);
    }

    SECTION("clicks on the map select table rows; Shift adds and removes; a click off clears")
    {
        const auto items = itemsBySize(*data.parcels);
        const core::Box &box = data.parcels->bbox(items.front());
        canvas->zoomToBox(box.grown(2 * std::max(box.width(), box.height())));
        REQUIRE(waitForMap(*view));
        std::vector<std::pair<std::size_t, QPointF>> picks;
        for (const std::size_t item : items) {
            if (const auto pixel = interiorPixel(*canvas, item))
                picks.emplace_back(item, *pixel);
            if (picks.size() == 2)
                break;
        }
        REQUIRE(picks.size() == 2);
        const auto idOf = [&](std::size_t item) { return QString::fromStdString(rows[item].id); };
        const int renders = canvas->renderCount();

        QTest::mouseClick(canvas, Qt::LeftButton, {}, picks[0].second.toPoint());
        CHECK(selectedIds(*table) == QStringList{idOf(picks[0].first)});
        CHECK(table->currentIndex().data(app::ParcelTableModel::ParcelIdRole).toString() ==
              idOf(picks[0].first));
        QTest::mouseClick(canvas, Qt::LeftButton, Qt::ShiftModifier, picks[1].second.toPoint());
        QStringList both{idOf(picks[0].first), idOf(picks[1].first)};
        both.sort();
        CHECK(selectedIds(*table) == both);
        CHECK(canvas->selectedFids() == fidsOf(data, {picks[0].first, picks[1].first}));
        QTest::mouseClick(canvas, Qt::LeftButton, Qt::ShiftModifier, picks[0].second.toPoint());
        CHECK(selectedIds(*table) == QStringList{idOf(picks[1].first)});
        CHECK(canvas->renderCount() == renders);  // selecting never renders

        // A click where no parcel is clears the selection.
        const report::Viewport &viewport = canvas->viewport();
        std::optional<QPoint> empty;
        for (int y = 20; y < viewport.size().height() - 20 && !empty; y += 31) {
            for (int x = 20; x < viewport.size().width() - 60 && !empty; x += 29) {
                const core::MapPoint point = viewport.toMap(QPointF(x, y));
                if (nearestParcel(*data.parcels, point.x, point.y).first >
                    6 * viewport.metresPerPixel())
                    empty = QPoint(x, y);
            }
        }
        REQUIRE(empty);
        QTest::mouseClick(canvas, Qt::LeftButton, {}, *empty);
        CHECK(selectedIds(*table).isEmpty());
        CHECK(canvas->selectedFids().empty());
    }

    SECTION("a filter hiding selected rows keeps them selected on the map")
    {
        table->selectRow(0);  // 峨溶居委会's first parcel
        const std::vector<std::int64_t> selected = canvas->selectedFids();
        REQUIRE(selected.size() == 1);
        auto *village = window.findChild<QComboBox *>(QStringLiteral("villageFilter"));
        REQUIRE(village);
        village->setCurrentIndex(village->findData(QStringLiteral("500241111203")));  // 黄瓜村
        CHECK(selectedIds(*table).isEmpty());
        CHECK(canvas->selectedFids() == selected);
        village->setCurrentIndex(0);
        CHECK(selectedIds(*table) == QStringList{QString::fromStdString(rows[0].id)});
    }

    SECTION("Shift+drag adds the parcels of a rectangle")
    {
        const QSize size = canvas->viewport().size();
        const QPoint from(size.width() / 3, size.height() / 3);
        const QPoint to(size.width() / 2, size.height() / 2);
        QTest::mousePress(canvas, Qt::LeftButton, Qt::ShiftModifier, from);
        QTest::mouseMove(canvas, (from + to) / 2);
        QTest::mouseMove(canvas, to);
        QTest::mouseRelease(canvas, Qt::LeftButton, Qt::ShiftModifier, to);
        const core::MapPoint a = canvas->viewport().toMap(QPointF(from));
        const core::MapPoint b = canvas->viewport().toMap(QPointF(to));
        const core::Box box{a.x, b.y, b.x, a.y};
        // Every parcel whose box lies inside the rectangle is selected; every selected one
        // reaches into it.
        std::size_t inside = 0;
        const std::vector<std::int64_t> &selected = canvas->selectedFids();
        for (std::size_t item = 0; item < data.parcels->size(); ++item) {
            const core::Box &bbox = data.parcels->bbox(item);
            const bool isSelected =
                std::binary_search(selected.begin(), selected.end(), data.fids[item]);
            if (bbox.minX >= box.minX && bbox.maxX <= box.maxX && bbox.minY >= box.minY &&
                bbox.maxY <= box.maxY) {
                ++inside;
                CHECK(isSelected);
            }
            if (isSelected)
                CHECK(bbox.intersects(box));
        }
        CHECK(inside > 0);
        CHECK(selectedIds(*table).size() == qsizetype(selected.size()));
    }
}

TEST_CASE("the tooltip over a parcel speaks the table's words", "[app][map]")
{
    application();
    TempDir dir;
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(makeSample(dir)));
    app::MapView view(session);
    view.resize(900, 700);
    view.show();
    REQUIRE(waitForMap(view));
    const core::ParcelRow &row = session.rows().front();
    const QString text = view.toolTipFor(0);
    CHECK(text.contains(QStringLiteral("500241202300010001")));
    CHECK(text.contains(QString::fromStdString(row.village)));
    CHECK(text.contains(QStringLiteral("3.59")));  // TBMJ 2392.48 m² = 3.58872 mu
    CHECK(text.contains(app::ParcelTableModel::stageText(row)));
    CHECK(text.contains(app::ParcelTableModel::verdictText(row)));
    // The canvas asks for it over that parcel.
    app::MapCanvas *canvas = view.canvas();
    canvas->zoomToBox(canvas->mapData()->parcels->bbox(0));
    REQUIRE(waitForMap(view));
    const auto pixel = interiorPixel(*canvas, 0);
    REQUIRE(pixel);
    QHelpEvent help(QEvent::ToolTip, pixel->toPoint(), canvas->mapToGlobal(pixel->toPoint()));
    QApplication::sendEvent(canvas, &help);
    CHECK(QToolTip::text() == text);
    QToolTip::hideText();
}

TEST_CASE("the wheel zooms at the cursor, a drag pans the cached image", "[app][map]")
{
    application();
    TempDir dir;
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(makeSample(dir)));
    app::MapView view(session);
    view.resize(900, 700);
    view.show();
    REQUIRE(waitForMap(view));
    app::MapCanvas *canvas = view.canvas();

    const QPointF cursor(231, 167);
    const core::MapPoint under = canvas->viewport().toMap(cursor);
    const double mpp = canvas->viewport().metresPerPixel();
    const int renders = canvas->renderCount();
    sendWheel(canvas, cursor, 120);
    const core::MapPoint after = canvas->viewport().toMap(cursor);
    CHECK(after.x == Approx(under.x).margin(1e-6));
    CHECK(after.y == Approx(under.y).margin(1e-6));
    CHECK(canvas->viewport().metresPerPixel() == Approx(mpp / std::pow(2.0, 0.25)));
    // More notches before the timer fires: one render for all of them.
    sendWheel(canvas, cursor, 120);
    sendWheel(canvas, cursor, 120);
    sendWheel(canvas, cursor, -120);
    CHECK(canvas->viewport().toMap(cursor).x == Approx(under.x).margin(1e-6));
    CHECK(canvas->viewport().metresPerPixel() == Approx(mpp / std::pow(2.0, 0.5)));
    REQUIRE(waitForMap(view));
    CHECK(canvas->renderCount() == renders + 1);

    // A drag: the map point under the press follows the mouse; no render until the release.
    const int beforeDrag = canvas->renderCount();
    const QPoint press(400, 300);
    const QPoint release(470, 260);
    const core::MapPoint grabbed = canvas->viewport().toMap(QPointF(press));
    QTest::mousePress(canvas, Qt::LeftButton, {}, press);
    QTest::mouseMove(canvas, QPoint(430, 280));
    QTest::mouseMove(canvas, release);
    CHECK(canvas->viewport().toMap(QPointF(release)).x == Approx(grabbed.x).margin(1e-6));
    CHECK(canvas->viewport().toMap(QPointF(release)).y == Approx(grabbed.y).margin(1e-6));
    CHECK_FALSE(canvas->isRenderPending());
    CHECK(canvas->renderCount() == beforeDrag);
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, release);
    CHECK(canvas->isRenderPending());
    REQUIRE(waitForMap(view));
    CHECK(canvas->renderCount() == beforeDrag + 1);
    CHECK(canvas->selectedFids().empty());  // a drag is no click
}

TEST_CASE("a stage step restyles the map without reloading it, an import reloads it", "[app][map]")
{
    application();
    TempDir dir;
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(makeSample(dir)));
    app::MapView view(session);
    view.setColourBy(report::ColourBy::Stage);
    view.resize(900, 700);
    view.show();
    REQUIRE(waitForMap(view));
    app::MapCanvas *canvas = view.canvas();
    const auto data = canvas->mapData();
    const auto style = canvas->mapStyle();
    const std::uint64_t geometry = session.geometryVersion();

    app::ProjectSession::Step step;
    step.to = core::Stage::Selected;
    step.date = QStringLiteral("2023-04-18");
    REQUIRE(session.advance({QStringLiteral("500241202300010001")}, step).isEmpty());
    CHECK(session.geometryVersion() == geometry);
    CHECK(view.isUpToDate());  // at once: nothing to load
    CHECK(canvas->mapData() == data);
    const auto stepped = canvas->mapStyle();
    REQUIRE(stepped != style);
    CHECK(stepped->classes()[stepped->classOf(0)].label == QStringLiteral("Selected"));
    session.undoStack()->undo();
    CHECK(canvas->mapData() == data);
    const auto undone = canvas->mapStyle();
    CHECK(undone != stepped);
    CHECK(undone->classes()[undone->classOf(0)].label == QStringLiteral("Candidate"));

    // Village boundaries kept in the project: a new snapshot with the layer, the legend shows it.
    app::ReferenceLayerDialog dialog;
    dialog.setPath(
        QString::fromStdString(std::string(GENGBAO_SOURCE_DIR) + "/data/sample/villages.gpkg"));
    dialog.setKind(QStringLiteral("village"));
    const core::ReferenceLayerRequest request = dialog.request();
    CHECK(request.kind == "village");
    core::Progress progress;
    REQUIRE(core::importReferenceLayer(*session.project(), request, progress).ok());
    session.refresh();
    CHECK(session.geometryVersion() == geometry + 1);
    CHECK_FALSE(view.isUpToDate());
    REQUIRE(waitForMap(view));
    REQUIRE(canvas->mapData() != data);
    bool hasVillages = false;
    for (const core::MapLayer &layer : canvas->mapData()->layers)
        hasVillages = hasVillages || layer.kind == "village";
    CHECK(hasVillages);
    auto *legend = view.findChild<QListWidget *>(QStringLiteral("mapLegend"));
    REQUIRE(legend);
    CHECK_FALSE(legend->findItems(QStringLiteral("Village boundary"), Qt::MatchExactly).isEmpty());
}

TEST_CASE("a parcel drawn on the map becomes a village proposal", "[app][map]")
{
    application();
    TempDir dir;
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(makeSample(dir)));
    app::MapView view(session);
    view.resize(900, 700);
    view.show();
    REQUIRE(waitForMap(view));
    app::MapCanvas *canvas = view.canvas();
    const auto snapshot = canvas->mapData();
    const core::PolygonSet &parcels = *snapshot->parcels;
    const std::size_t before = session.rows().size();

    // Zoomed to the largest parcel; its westernmost vertex is the first corner of the new one.
    const std::size_t item = itemsBySize(parcels).front();
    canvas->zoomToBox(parcels.bbox(item));
    canvas->zoomBy(0.5);
    REQUIRE(waitForMap(view));
    const core::Box &box = parcels.bbox(item);
    std::optional<core::MapPoint> corner;
    for (std::uint32_t ring = parcels.ringBegin(item); ring < parcels.ringEnd(item); ++ring) {
        const auto xy = parcels.ringXY(ring);
        for (std::size_t i = 0; i + 1 < xy.size(); i += 2) {
            if (xy[i] == box.minX)
                corner = core::MapPoint{xy[i], xy[i + 1]};
        }
    }
    REQUIRE(corner);
    const QPointF cornerPixel = canvas->viewport().toPixel(corner->x, corner->y);

    view.drawAction()->trigger();
    REQUIRE(canvas->tool() == app::MapCanvas::Tool::Draw);
    // Esc drops a drawing.
    QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(100, 100));
    CHECK(canvas->drawnVertices().size() == 1);
    QTest::keyClick(canvas, Qt::Key_Escape);
    CHECK(canvas->drawnVertices().empty());

    // A click 3 px off the corner snaps onto it exactly; the other corners lie west of the
    // parcel, in a 60 px square.
    const QPoint first = (cornerPixel + QPointF(-3, 2)).toPoint();
    QTest::mouseClick(canvas, Qt::LeftButton, {}, first);
    REQUIRE(canvas->drawnVertices().size() == 1);
    CHECK(canvas->drawnVertices()[0].x == corner->x);
    CHECK(canvas->drawnVertices()[0].y == corner->y);
    const QPoint c = cornerPixel.toPoint();
    QTest::mouseClick(canvas, Qt::LeftButton, {}, c + QPoint(-60, 0));
    QTest::mouseClick(canvas, Qt::LeftButton, {}, c + QPoint(-60, 60));

    // The dialog asks for the village; accept it with the first village offered.
    bool asked = false;
    QTimer answer;
    answer.setInterval(20);
    QObject::connect(&answer, &QTimer::timeout, [&] {
        auto *dialog = qobject_cast<app::DrawnParcelDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        asked = true;
        auto *note = dialog->findChild<QLineEdit *>(QStringLiteral("noteEdit"));
        if (note)
            note->setText(QStringLiteral("drawn in a test"));
        dialog->accept();
    });
    answer.start();
    std::vector<double> ring;
    QObject::connect(canvas, &app::MapCanvas::polygonDrawn,
                     [&ring](const std::vector<double> &drawn) { ring = drawn; });
    QTest::mouseClick(canvas, Qt::LeftButton, {}, c + QPoint(0, 60));
    QTest::mouseDClick(canvas, Qt::LeftButton, {}, c + QPoint(0, 60));
    answer.stop();
    CHECK(asked);
    CHECK(canvas->drawnVertices().empty());

    REQUIRE(session.rows().size() == before + 1);
    const core::ParcelRow &added = session.rows().back();  // the highest fid
    CHECK(added.proposal == std::optional<std::string>("proposed"));
    CHECK(added.source == "village");
    CHECK(added.eligible.has_value());  // screened with the sample's run
    CHECK(session.selection() == std::vector<std::int64_t>{added.fid});
    // The area is the drawn ring's (its planar area by the shoelace formula; the ellipsoidal one
    // differs by the projection's scale, well under 1% here), about a 60 px square.
    REQUIRE(ring.size() == 8);
    double twice = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const std::size_t j = (i + 1) % 4;
        twice += ring[2 * i] * ring[2 * j + 1] - ring[2 * j] * ring[2 * i + 1];
    }
    CHECK(added.areaM2 == Approx(std::abs(twice) / 2).epsilon(0.01));
    CHECK(ring[0] == corner->x);
    CHECK(ring[1] == corner->y);
    auto *message = view.findChild<QMessageBox *>(QStringLiteral("proposalResult"));
    REQUIRE(message);
    CHECK(message->text().contains(QString::fromStdString(added.id)));
    CHECK(message->text().contains(QStringLiteral("Screening: ")));
    message->close();
    // The map reloads with it and selects it.
    REQUIRE(waitForMap(view));
    CHECK(canvas->mapData()->itemOfFid(added.fid).has_value());
    CHECK(canvas->selectedFids() == std::vector<std::int64_t>{added.fid});
    CHECK(canvas->tool() == app::MapCanvas::Tool::Select);
}

TEST_CASE("the print dialog gives the sheet's options", "[app][map]")
{
    application();
    app::MapPrintDialog dialog({{QStringLiteral("500241111203"), QStringLiteral("黄瓜村")}},
                               report::ColourBy::Stage);
    auto *area = dialog.findChild<QComboBox *>(QStringLiteral("areaCombo"));
    auto *paper = dialog.findChild<QComboBox *>(QStringLiteral("paperCombo"));
    auto *portrait = dialog.findChild<QRadioButton *>(QStringLiteral("portraitRadio"));
    REQUIRE(area);
    REQUIRE(paper);
    REQUIRE(portrait);
    CHECK(area->count() == 2);
    CHECK(dialog.options().village.empty());  // the town
    dialog.setVillage(QStringLiteral("500241111203"));
    paper->setCurrentIndex(paper->findText(QStringLiteral("A3")));
    portrait->setChecked(true);
    const report::MapSheetOptions options = dialog.options();
    CHECK(options.village == "500241111203");
    CHECK(options.paper == report::Paper::A3);
    CHECK(options.orientation == QPageLayout::Portrait);
    CHECK(options.colourBy == report::ColourBy::Stage);
}
