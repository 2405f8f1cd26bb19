// SPDX-License-Identifier: GPL-3.0-or-later
#include "mappainter.h"

#include <core/geo/packedrtree.h>

#include <QElapsedTimer>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>

#include <algorithm>
#include <bit>
#include <cmath>
#include <thread>

namespace gengbao::report {

namespace {

// How often a paint looks at the cancel flag: often enough to stop within a millisecond or two,
// rarely enough to cost nothing.
constexpr std::size_t kCancelCheckEvery = 256;
// Parcels smaller than this on both sides (device pixels) are drawn as one small rect
// (QGIS's isGeneralizableByDeviceBoundingBox).
constexpr double kSpeckPixels = 2.0;
// Vertices closer than this to the last one kept are dropped (QgsMapToPixelSimplifier).
constexpr double kSimplifyPixels = 0.5;
// Rows per strip, at least: below this a thread costs more than it saves.
constexpr int kMinStripRows = 64;

// The view's map-to-pixel transform as one scale and two offsets: px = x * scale + offsetX,
// py = offsetY - y * scale.
struct MapToPixel
{
    explicit MapToPixel(const Viewport &view)
        : scale(1.0 / view.metresPerPixel())
        , offsetX(0.5 * view.size().width() - view.centreX() * scale)
        , offsetY(0.5 * view.size().height() + view.centreY() * scale)
    {}
    double x(double mapX) const { return mapX * scale + offsetX; }
    double y(double mapY) const { return offsetY - mapY * scale; }

    // Transforms one ring into out (resized as needed), dropping vertices within half a pixel of
    // the last one kept; returns the number of points written.
    int ring(std::span<const double> xy, QPolygonF &out) const
    {
        const std::size_t vertices = xy.size() / 2;
        if (std::size_t(out.size()) < vertices)
            out.resize(qsizetype(vertices));
        QPointF *points = out.data();
        int kept = 0;
        double lastX = 0, lastY = 0;
        constexpr double kToleranceSquared = kSimplifyPixels * kSimplifyPixels;
        for (std::size_t v = 0; v < vertices; ++v) {
            const double px = x(xy[2 * v]);
            const double py = y(xy[2 * v + 1]);
            if (kept > 0) {
                const double dx = px - lastX, dy = py - lastY;
                if (dx * dx + dy * dy < kToleranceSquared)
                    continue;
            }
            points[kept++] = QPointF(px, py);
            lastX = px;
            lastY = py;
        }
        return kept;
    }

    double scale, offsetX, offsetY;
};

// A polygon item with several rings (holes or parts) as one even-odd path.
QPainterPath itemPath(const core::PolygonSet &set, std::size_t item, const MapToPixel &transform,
                      QPolygonF &buffer)
{
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    for (std::uint32_t r = set.ringBegin(item); r < set.ringEnd(item); ++r) {
        const int n = transform.ring(set.ringXY(r), buffer);
        if (n < 3)
            continue;
        path.moveTo(buffer[0]);
        for (int i = 1; i < n; ++i)
            path.lineTo(buffer[i]);
        path.closeSubpath();
    }
    return path;
}

// Draws one item with the painter's pen and brush: one drawPolygon for a single ring, a path for
// the few with holes or several parts.
void drawItem(QPainter &painter, const core::PolygonSet &set, std::size_t item,
              const MapToPixel &transform, QPolygonF &buffer)
{
    const std::uint32_t first = set.ringBegin(item);
    const std::uint32_t end = set.ringEnd(item);
    if (end == first)
        return;
    if (end - first == 1) {
        const int n = transform.ring(set.ringXY(first), buffer);
        if (n >= 2)
            painter.drawPolygon(buffer.constData(), n, Qt::OddEvenFill);
        return;
    }
    painter.drawPath(itemPath(set, item, transform, buffer));
}

// Outlines only: every ring as a closed line, holes included.
void drawItemOutline(QPainter &painter, const core::PolygonSet &set, std::size_t item,
                     const MapToPixel &transform, QPolygonF &buffer)
{
    for (std::uint32_t r = set.ringBegin(item); r < set.ringEnd(item); ++r) {
        const int n = transform.ring(set.ringXY(r), buffer);
        if (n >= 2)
            painter.drawPolygon(buffer.constData(), n, Qt::OddEvenFill);
    }
}

QRectF pixelBox(const core::Box &box, const MapToPixel &transform)
{
    return QRectF(QPointF(transform.x(box.minX), transform.y(box.maxY)),
                  QPointF(transform.x(box.maxX), transform.y(box.minY)));
}

// The rect of whole pixels, one at least, that a speck is drawn as: rounded the same way in
// every strip, so a speck on a strip boundary is drawn alike by both.
QRect speckRect(const QRectF &box)
{
    const int x0 = int(std::floor(box.left() + 0.5));
    const int y0 = int(std::floor(box.top() + 0.5));
    const int x1 = std::max(x0 + 1, int(std::floor(box.right() + 0.5)));
    const int y1 = std::max(y0 + 1, int(std::floor(box.bottom() + 0.5)));
    return QRect(x0, y0, x1 - x0, y1 - y0);
}

bool cancelled(const std::atomic<bool> *cancel)
{
    return cancel != nullptr && cancel->load(std::memory_order_relaxed);
}

QImage hillshadeImage(const core::Hillshade &hillshade)
{
    if (hillshade.width <= 0 || hillshade.height <= 0 ||
        hillshade.grey.size() < std::size_t(hillshade.width) * std::size_t(hillshade.height))
        return {};
    QImage image(hillshade.width, hillshade.height, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return {};
    for (int row = 0; row < hillshade.height; ++row) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(row));
        const std::uint8_t *grey = hillshade.grey.data() + std::size_t(row) * hillshade.width;
        for (int column = 0; column < hillshade.width; ++column) {
            const int g = grey[column];
            line[column] = g == 0 ? 0u : qRgba(g, g, g, 255);  // 0 is no data: transparent
        }
    }
    return image;
}

// The hillshade over the background at the given opacity, as an opaque image: drawing it is then
// a scaled copy, not a blend of every pixel (no data shows the background).
QImage blendedHillshade(const QImage &hillshade, const QColor &background, double opacity)
{
    if (hillshade.isNull())
        return {};
    QImage blended(hillshade.size(), QImage::Format_RGB32);
    const double keep = 1.0 - std::clamp(opacity, 0.0, 1.0);
    const int r = background.red(), g = background.green(), b = background.blue();
    for (int row = 0; row < hillshade.height(); ++row) {
        const auto *source = reinterpret_cast<const QRgb *>(hillshade.constScanLine(row));
        auto *target = reinterpret_cast<QRgb *>(blended.scanLine(row));
        for (int column = 0; column < hillshade.width(); ++column) {
            const QRgb pixel = source[column];
            if (qAlpha(pixel) == 0) {
                target[column] = qRgb(r, g, b);
                continue;
            }
            const double grey = qRed(pixel) * (1.0 - keep);
            target[column] = qRgb(int(r * keep + grey + 0.5), int(g * keep + grey + 0.5),
                                  int(b * keep + grey + 0.5));
        }
    }
    return blended;
}

QFont pixelFont(const QFont &base, double pixels)
{
    QFont font(base);
    font.setPixelSize(std::max(1, int(std::lround(pixels))));
    return font;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Viewport

Viewport::Viewport(double centreX, double centreY, double metresPerPixel, QSize size,
                   double devicePixelRatio)
    : mCentreX(centreX)
    , mCentreY(centreY)
    , mMetresPerPixel(metresPerPixel)
    , mSize(size)
    , mDevicePixelRatio(devicePixelRatio > 0 ? devicePixelRatio : 1.0)
{}

Viewport Viewport::fitting(const core::Box &box, QSize size, double marginPx,
                           double devicePixelRatio)
{
    if (box.empty())
        return Viewport(0, 0, 1.0, size, devicePixelRatio);
    const double cx = 0.5 * (box.minX + box.maxX);
    const double cy = 0.5 * (box.minY + box.maxY);
    double width = size.width() - 2 * marginPx;
    double height = size.height() - 2 * marginPx;
    if (width <= 0 || height <= 0) {
        width = size.width();
        height = size.height();
    }
    double metresPerPixel =
        std::max(box.width() / std::max(width, 1.0), box.height() / std::max(height, 1.0));
    if (!(metresPerPixel > 0))
        metresPerPixel = 1.0;
    return Viewport(cx, cy, metresPerPixel, size, devicePixelRatio);
}

QRectF Viewport::toPixel(const core::Box &box) const
{
    return QRectF(toPixel(box.minX, box.maxY), toPixel(box.maxX, box.minY));
}

core::Box Viewport::extent() const
{
    const double halfWidth = 0.5 * mSize.width() * mMetresPerPixel;
    const double halfHeight = 0.5 * mSize.height() * mMetresPerPixel;
    return {mCentreX - halfWidth, mCentreY - halfHeight, mCentreX + halfWidth,
            mCentreY + halfHeight};
}

Viewport Viewport::panned(const QPointF &pixels) const
{
    Viewport moved = *this;
    moved.mCentreX -= pixels.x() * mMetresPerPixel;
    moved.mCentreY += pixels.y() * mMetresPerPixel;
    return moved;
}

Viewport Viewport::zoomed(double factor, const QPointF &anchor) const
{
    if (!(factor > 0))
        return *this;
    const core::MapPoint fixed = toMap(anchor);
    Viewport zoomedView = *this;
    zoomedView.mMetresPerPixel = mMetresPerPixel / factor;
    // The anchor's map point stays under the anchor: centre = fixed - (anchor - half) * mpp'.
    zoomedView.mCentreX = fixed.x - (anchor.x() - 0.5 * mSize.width()) * zoomedView.mMetresPerPixel;
    zoomedView.mCentreY =
        fixed.y + (anchor.y() - 0.5 * mSize.height()) * zoomedView.mMetresPerPixel;
    return zoomedView;
}

Viewport Viewport::resized(QSize size, double devicePixelRatio) const
{
    return Viewport(mCentreX, mCentreY, mMetresPerPixel, size, devicePixelRatio);
}

Viewport Viewport::inDevicePixels() const
{
    const QSize deviceSize(int(std::lround(mSize.width() * mDevicePixelRatio)),
                           int(std::lround(mSize.height() * mDevicePixelRatio)));
    return Viewport(mCentreX, mCentreY, mMetresPerPixel / mDevicePixelRatio, deviceSize, 1.0);
}

// ---------------------------------------------------------------------------------------------
// MapScene

MapScene MapScene::make(std::shared_ptr<const core::MapData> data,
                        std::shared_ptr<const MapStyle> style,
                        std::shared_ptr<const ParcelLabels> labels, LabelLanguage language)
{
    MapScene scene;
    if (data) {
        for (const core::MapLayer &layer : data->layers)
            scene.layerStyles.push_back(layerStyle(layer, language));
        if (data->hillshade)
            scene.hillshade = hillshadeImage(*data->hillshade);
    }
    scene.data = std::move(data);
    scene.style = std::move(style);
    scene.labels = std::move(labels);
    return scene;
}

PaintStats &PaintStats::operator+=(const PaintStats &other)
{
    candidates += other.candidates;
    polygons += other.polygons;
    specks += other.specks;
    labels += other.labels;
    cancelled = cancelled || other.cancelled;
    failed = failed || other.failed;
    return *this;
}

// ---------------------------------------------------------------------------------------------
// MapPainter

MapPainter::MapPainter(std::shared_ptr<const MapScene> scene, MapPaintOptions options)
    : mScene(std::move(scene))
    , mOptions(std::move(options))
{
    if (mScene && mOptions.hillshade)
        mHillshade =
            blendedHillshade(mScene->hillshade, mOptions.background, mOptions.hillshadeOpacity);
}

MapPainter::MapPainter(std::shared_ptr<const MapScene> scene, MapPaintOptions options,
                       QImage hillshade)
    : mScene(std::move(scene))
    , mOptions(std::move(options))
    , mHillshade(std::move(hillshade))
{}

bool MapPainter::antialiased(const Viewport &view) const
{
    return view.metresPerPixel() * mOptions.pixelScale <= mOptions.antialiasMaxMetresPerPixel;
}

PaintStats MapPainter::paint(QPainter &painter, const Viewport &view, const QRectF &target,
                             const std::atomic<bool> *cancel) const
{
    PaintStats stats;
    if (!view.isValid())
        return stats;
    painter.save();
    painter.translate(target.topLeft());
    painter.setClipRect(QRectF(QPointF(0, 0), target.size()), Qt::IntersectClip);
    stats = paintRegion(painter, view, QRect(QPoint(0, 0), view.size()), cancel);
    if (!stats.cancelled)
        stats.labels = paintLabels(painter, view);
    painter.restore();
    return stats;
}

RenderResult MapPainter::render(const Viewport &view, int threads,
                                const std::atomic<bool> *cancel) const
{
    QElapsedTimer timer;
    timer.start();
    RenderResult result;
    if (!view.isValid())
        return result;
    // Painted in device pixels with pens and fonts scaled by the ratio, so that the painter's
    // transform stays a plain translation (the raster engine's fast path).
    const Viewport device = view.inDevicePixels();
    MapPaintOptions deviceOptions = mOptions;
    deviceOptions.pixelScale *= view.devicePixelRatio();
    const MapPainter devicePainter(mScene, deviceOptions, mHillshade);

    QImage image(device.size(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        result.stats.failed = true;
        return result;
    }
    const int width = image.width();
    const int height = image.height();
    int strips = threads > 0 ? threads : std::clamp(int(std::thread::hardware_concurrency()), 1, 4);
    strips = std::clamp(std::min(strips, height / kMinStripRows), 1, 16);
    uchar *bits = image.bits();  // detached once, here, before any thread writes
    const qsizetype bytesPerLine = image.bytesPerLine();
    std::vector<PaintStats> stripStats(static_cast<std::size_t>(strips));
    const auto paintStrip = [&](int strip) {
        const int top = height * strip / strips;
        const int bottom = height * (strip + 1) / strips;
        try {
            // The strip's own rows of the one image: no copy, and no two painters on one device.
            QImage rows(bits + top * bytesPerLine, width, bottom - top, bytesPerLine,
                        QImage::Format_ARGB32_Premultiplied);
            QPainter painter(&rows);
            painter.translate(0, -top);
            stripStats[std::size_t(strip)] = devicePainter.paintRegion(
                painter, device, QRect(0, top, width, bottom - top), cancel);
        } catch (...) {
            // Nothing may escape a worker (QGIS renderLayerStatic); the result says it failed.
            stripStats[std::size_t(strip)].failed = true;
        }
    };
    std::vector<std::thread> workers;
    workers.reserve(std::size_t(strips - 1));
    for (int strip = 1; strip < strips; ++strip)
        workers.emplace_back(paintStrip, strip);
    paintStrip(0);
    for (std::thread &worker : workers)
        worker.join();
    for (const PaintStats &stats : stripStats)
        result.stats += stats;
    // Labels last, over the whole image: one collision grid, so no two overlap across strips.
    if (!result.stats.cancelled && !result.stats.failed) {
        QPainter painter(&image);
        result.stats.labels = devicePainter.paintLabels(painter, device);
    }
    image.setDevicePixelRatio(view.devicePixelRatio());
    result.image = std::move(image);
    result.milliseconds = double(timer.nsecsElapsed()) / 1e6;
    return result;
}

PaintStats MapPainter::paintRegion(QPainter &painter, const Viewport &view, const QRect &region,
                                   const std::atomic<bool> *cancel) const
{
    PaintStats stats;
    painter.setRenderHint(QPainter::Antialiasing, antialiased(view));
    painter.setRenderHint(QPainter::SmoothPixmapTransform, antialiased(view));
    painter.fillRect(region, mOptions.background);
    if (!mScene || !mScene->data)
        return stats;
    // A margin of a few pixels takes in the outlines of parcels just outside the region.
    const double margin = (2.0 + 2.0 * mOptions.pixelScale) * view.metresPerPixel();
    const core::MapPoint topLeft = view.toMap(QPointF(region.topLeft()));
    const core::MapPoint bottomRight =
        view.toMap(QPointF(region.left() + region.width(), region.top() + region.height()));
    const core::Box visible =
        core::Box{topLeft.x, bottomRight.y, bottomRight.x, topLeft.y}.grown(margin);

    if (mOptions.hillshade && !mHillshade.isNull() && mScene->data->hillshade)
        paintHillshade(painter, view);
    if (mOptions.layers)
        paintLayerFills(painter, view, visible);
    stats = paintParcels(painter, view, visible, cancel);
    if (mOptions.layers && !stats.cancelled)
        paintLayerOutlines(painter, view, visible);
    return stats;
}

void MapPainter::paintHillshade(QPainter &painter, const Viewport &view) const
{
    painter.drawImage(view.toPixel(mScene->data->hillshade->extent), mHillshade);
}

void MapPainter::paintLayerFills(QPainter &painter, const Viewport &view,
                                 const core::Box &visible) const
{
    painter.save();
    const MapToPixel transform(view);
    QPolygonF buffer;
    const auto &layers = mScene->data->layers;
    for (std::size_t l = 0; l < layers.size() && l < mScene->layerStyles.size(); ++l) {
        const LayerStyle &style = mScene->layerStyles[l];
        if (style.fill.style() == Qt::NoBrush || !layers[l].shapes)
            continue;
        QBrush brush = style.fill;
        if (mOptions.pixelScale != 1.0)  // hatching as dense on paper as on screen
            brush.setTransform(QTransform::fromScale(mOptions.pixelScale, mOptions.pixelScale));
        painter.setPen(Qt::NoPen);
        painter.setBrush(brush);
        // Aliased: the layer's antialiased outline covers the fill's edge, and an antialiased
        // pattern over a large area costs several milliseconds for nothing one can see.
        painter.setRenderHint(QPainter::Antialiasing, false);
        const core::PolygonSet &shapes = *layers[l].shapes;
        for (std::size_t s = 0; s < shapes.size(); ++s) {
            if (shapes.bbox(s).intersects(visible))
                painter.drawPath(itemPath(shapes, s, transform, buffer));
        }
    }
    painter.restore();
}

void MapPainter::paintLayerOutlines(QPainter &painter, const Viewport &view,
                                    const core::Box &visible) const
{
    const MapToPixel transform(view);
    QPolygonF buffer;
    const auto &layers = mScene->data->layers;
    for (std::size_t l = 0; l < layers.size() && l < mScene->layerStyles.size(); ++l) {
        if (!layers[l].shapes)
            continue;
        QPen pen = mScene->layerStyles[l].outline;
        pen.setWidthF(pen.widthF() * mOptions.pixelScale);
        pen.setCosmetic(true);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        const core::PolygonSet &shapes = *layers[l].shapes;
        for (std::size_t s = 0; s < shapes.size(); ++s) {
            if (shapes.bbox(s).intersects(visible))
                drawItemOutline(painter, shapes, s, transform, buffer);
        }
    }
}

PaintStats MapPainter::paintParcels(QPainter &painter, const Viewport &view,
                                    const core::Box &visible, const std::atomic<bool> *cancel) const
{
    PaintStats stats;
    const core::MapData &data = *mScene->data;
    if (!data.parcels || !data.index || !mScene->style)
        return stats;
    const core::PolygonSet &parcels = *data.parcels;
    const MapStyle &style = *mScene->style;
    const std::size_t itemCount = std::min(parcels.size(), style.itemCount());

    // The candidates in ascending item order, so that boxes and vertices are read front to back
    // (the R-tree returns them in Hilbert order, which the fid order of the items knows nothing
    // of: at county scale random reads cost more than drawing). When the view holds every
    // parcel, the R-tree has nothing to cull.
    std::vector<std::uint64_t> chosen;
    const bool everything =
        visible.minX <= parcels.extent().minX && visible.minY <= parcels.extent().minY &&
        visible.maxX >= parcels.extent().maxX && visible.maxY >= parcels.extent().maxY;
    if (!everything) {
        std::vector<std::uint32_t> candidates;
        data.index->query(visible, candidates);
        chosen.assign((itemCount + 63) / 64, 0);
        for (const std::uint32_t item : candidates) {
            if (item < itemCount)
                chosen[item / 64] |= std::uint64_t(1) << (item % 64);
        }
    }
    const auto forEachCandidate = [&](auto &&visit) {
        if (everything) {
            for (std::size_t item = 0; item < itemCount; ++item)
                visit(std::uint32_t(item));
            return;
        }
        for (std::size_t word = 0; word < chosen.size(); ++word) {
            for (std::uint64_t bits = chosen[word]; bits != 0; bits &= bits - 1)
                visit(std::uint32_t(word * 64 + std::size_t(std::countr_zero(bits))));
        }
    };

    // One sweep sorts the candidates into buckets by style class, so that pen and brush are set
    // once per class, and within a class by size: specks (a rect under two device pixels), small
    // parcels (filled, no outline), the rest (filled and outlined).
    struct Bucket
    {
        std::vector<QRect> specks;
        std::vector<std::uint32_t> plain, outlined;
    };
    std::vector<Bucket> buckets(style.classes().size());
    const MapToPixel transform(view);
    const double outlineMin = mOptions.outlineMinPixels * mOptions.pixelScale;
    forEachCandidate([&](std::uint32_t item) {
        const core::Box &box = parcels.bbox(item);
        if (!box.intersects(visible))
            return;
        ++stats.candidates;
        Bucket &bucket = buckets[style.classOf(item)];
        const QRectF pixels = pixelBox(box, transform);
        const double longer = std::max(pixels.width(), pixels.height());
        if (longer < kSpeckPixels)
            bucket.specks.push_back(speckRect(pixels));
        else if (longer < outlineMin)
            bucket.plain.push_back(item);
        else
            bucket.outlined.push_back(item);
    });

    // Classes outside the legend (the dimmed other villages of a village sheet) go first, under
    // the ones that matter.
    std::vector<std::size_t> order;
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t c = 0; c < buckets.size(); ++c) {
            if (style.classes()[c].inLegend == (pass == 1))
                order.push_back(c);
        }
    }

    QPolygonF buffer;
    std::size_t done = 0;
    const auto drawAll = [&](const std::vector<std::uint32_t> &items) {
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (++done % kCancelCheckEvery == 0 && cancelled(cancel)) {
                stats.cancelled = true;
                return false;
            }
            drawItem(painter, parcels, items[i], transform, buffer);
            ++stats.polygons;
        }
        return true;
    };
    for (const std::size_t c : order) {
        const StyleClass &styleClass = style.classes()[c];
        const Bucket &bucket = buckets[c];
        painter.setPen(Qt::NoPen);
        painter.setBrush(styleClass.fill);
        if (!bucket.specks.empty()) {
            painter.drawRects(bucket.specks.data(), int(bucket.specks.size()));
            stats.specks += bucket.specks.size();
            done += bucket.specks.size();
            if (cancelled(cancel)) {
                stats.cancelled = true;
                return stats;
            }
        }
        // Small parcels get a hairline of their own colour: filled alone, a 3-pixel parcel keeps
        // only the pixels whose centres it covers and the county view looks emptier than it is.
        if (!bucket.plain.empty()) {
            QPen hairline(styleClass.fill, 0);
            hairline.setCosmetic(true);
            painter.setPen(hairline);
        }
        if (!drawAll(bucket.plain))
            return stats;
        if (bucket.outlined.empty())
            continue;
        QPen pen(styleClass.outline, mOptions.parcelOutlineWidth * mOptions.pixelScale);
        pen.setCosmetic(true);
        pen.setJoinStyle(Qt::MiterJoin);
        painter.setPen(pen);
        if (!drawAll(bucket.outlined))
            return stats;
    }
    return stats;
}

std::vector<PlacedLabel> MapPainter::placeLabels(const Viewport &view) const
{
    std::vector<PlacedLabel> placed;
    if (!mOptions.labels || !mScene || !mScene->data || !mScene->labels || !mScene->data->index ||
        !mScene->data->parcels || !view.isValid())
        return placed;
    if (view.metresPerPixel() * mOptions.pixelScale > mOptions.labelMaxMetresPerPixel)
        return placed;
    const core::PolygonSet &parcels = *mScene->data->parcels;
    const ParcelLabels &labels = *mScene->labels;
    const MapToPixel transform(view);
    std::vector<std::uint32_t> candidates;
    mScene->data->index->query(view.extent(), candidates);
    // The larger parcels first: where labels compete, the large ones keep theirs.
    const double minLength = mOptions.labelMinParcelPixels * mOptions.pixelScale;
    std::vector<std::pair<double, std::uint32_t>> bySize;
    for (const std::uint32_t item : candidates) {
        if (item >= labels.names.size() || item >= parcels.size())
            continue;
        const core::Box &box = parcels.bbox(item);
        if (std::max(box.width(), box.height()) * transform.scale >= minLength)
            bySize.emplace_back(box.width() * box.height(), item);
    }
    std::sort(bySize.begin(), bySize.end(), [](const auto &a, const auto &b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    });

    const QFont font = pixelFont(mOptions.labelFont, mOptions.labelPixelSize * mOptions.pixelScale);
    const QFontMetricsF metrics(font);
    const double pad = 2.0 * mOptions.pixelScale;
    // The collision grid: cells of 64 nominal pixels, each listing the labels that touch it.
    const double cell = 64.0 * mOptions.pixelScale;
    const QRectF bounds(QPointF(0, 0), QSizeF(view.size()));
    const int columns = std::max(1, int(std::ceil(bounds.width() / cell)));
    const int rows = std::max(1, int(std::ceil(bounds.height() / cell)));
    std::vector<std::vector<QRectF>> grid(std::size_t(columns) * std::size_t(rows));
    const auto cellsOf = [&](const QRectF &rect) {
        std::vector<std::vector<QRectF> *> cells;
        const int c0 = std::clamp(int(rect.left() / cell), 0, columns - 1);
        const int c1 = std::clamp(int(rect.right() / cell), 0, columns - 1);
        const int r0 = std::clamp(int(rect.top() / cell), 0, rows - 1);
        const int r1 = std::clamp(int(rect.bottom() / cell), 0, rows - 1);
        for (int r = r0; r <= r1; ++r) {
            for (int c = c0; c <= c1; ++c)
                cells.push_back(&grid[std::size_t(r) * std::size_t(columns) + std::size_t(c)]);
        }
        return cells;
    };
    const std::size_t maxLabels = std::size_t(std::max(0, mOptions.maxLabels));
    for (const auto &[area, item] : bySize) {
        if (placed.size() >= maxLabels)
            break;
        const QString name = labels.names[item];
        const QString areaText = labels.areaText(item, mOptions.language);
        const double width =
            std::max(metrics.horizontalAdvance(name), metrics.horizontalAdvance(areaText)) +
            2 * pad;
        const double height = 2 * metrics.height() + pad;
        const QPointF centre = pixelBox(parcels.bbox(item), transform).center();
        const QRectF rect(centre.x() - width / 2, centre.y() - height / 2, width, height);
        if (!bounds.contains(rect))
            continue;  // a label cut by the edge helps nobody; it shows once panned in
        // Kept apart by a pad, so that two halos never touch.
        const QRectF spaced = rect.adjusted(-pad / 2, -pad / 2, pad / 2, pad / 2);
        const auto cells = cellsOf(spaced);
        const bool taken = std::any_of(cells.begin(), cells.end(), [&](const auto *rects) {
            return std::any_of(rects->begin(), rects->end(),
                               [&](const QRectF &other) { return other.intersects(spaced); });
        });
        if (taken)
            continue;
        for (auto *rects : cells)
            rects->push_back(spaced);
        placed.push_back({item, rect, name + QLatin1Char('\n') + areaText});
    }
    return placed;
}

std::size_t MapPainter::paintLabels(QPainter &painter, const Viewport &view) const
{
    const std::vector<PlacedLabel> placed = placeLabels(view);
    if (placed.empty())
        return 0;
    painter.save();
    painter.setFont(pixelFont(mOptions.labelFont, mOptions.labelPixelSize * mOptions.pixelScale));
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const QColor halo(255, 255, 255, 190);
    const QColor ink(0x22, 0x22, 0x22);
    const double radius = 2 * mOptions.pixelScale;
    for (const PlacedLabel &label : placed) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(halo);
        painter.drawRoundedRect(label.rect, radius, radius);
        painter.setPen(ink);
        painter.drawText(label.rect, Qt::AlignCenter, label.text);
    }
    painter.restore();
    return placed.size();
}

void MapPainter::paintItems(QPainter &painter, const Viewport &view,
                            std::span<const std::uint32_t> items, const QPen &pen,
                            const QBrush &brush) const
{
    if (!mScene || !mScene->data || !mScene->data->parcels || !view.isValid())
        return;
    const core::PolygonSet &parcels = *mScene->data->parcels;
    const MapToPixel transform(view);
    const core::Box visible = view.extent().grown(4 * view.metresPerPixel());
    QPolygonF buffer;
    painter.save();
    painter.setPen(pen);
    painter.setBrush(brush);
    for (const std::uint32_t item : items) {
        if (item >= parcels.size() || !parcels.bbox(item).intersects(visible))
            continue;
        const QRectF box = pixelBox(parcels.bbox(item), transform);
        if (std::max(box.width(), box.height()) < 3.0) {
            // Too small to outline: a 5-pixel square around it, so a selected speck shows.
            painter.drawRect(QRectF(box.center() - QPointF(2.5, 2.5), QSizeF(5, 5)));
        } else if (brush.style() == Qt::NoBrush) {
            drawItemOutline(painter, parcels, item, transform, buffer);
        } else {
            drawItem(painter, parcels, item, transform, buffer);
        }
    }
    painter.restore();
}

double MapPainter::roundScaleLength(double maxMetres)
{
    if (!(maxMetres > 0))
        return 0;
    double power = std::pow(10.0, std::floor(std::log10(maxMetres)));
    for (;;) {
        for (const double step : {5.0, 2.0, 1.0}) {
            if (step * power <= maxMetres * (1 + 1e-12))
                return step * power;
        }
        power /= 10;  // only reached through rounding of log10
    }
}

QRectF MapPainter::drawScaleBar(QPainter &painter, const Viewport &view, const QPointF &bottomLeft,
                                double maxLength, const QFont &font, double pixelScale,
                                LabelLanguage language)
{
    const double metres = roundScaleLength(maxLength * view.metresPerPixel());
    if (!(metres > 0))
        return {};
    const double length = metres / view.metresPerPixel();
    const double barHeight = 4.0 * pixelScale;
    const QFontMetricsF metrics(font, painter.device());
    const QString end = metres >= 1000
                            ? mapText("%1 km", language).arg(QString::number(metres / 1000, 'g', 6))
                            : mapText("%1 m", language).arg(QString::number(metres, 'g', 6));
    const QString zero = QStringLiteral("0");
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    QPen pen(Qt::black, std::max(1.0, 0.8 * pixelScale));
    pen.setJoinStyle(Qt::MiterJoin);
    painter.setPen(pen);
    // Four segments, black and white in turn; only the ends carry figures.
    constexpr int kSegments = 4;
    const double top = bottomLeft.y() - barHeight;
    for (int s = 0; s < kSegments; ++s) {
        painter.setBrush(s % 2 == 0 ? Qt::black : Qt::white);
        painter.drawRect(
            QRectF(bottomLeft.x() + length * s / kSegments, top, length / kSegments, barHeight));
    }
    painter.setFont(font);
    const double textBottom = top - 2.0 * pixelScale;
    const double zeroWidth = metrics.horizontalAdvance(zero);
    const double endWidth = metrics.horizontalAdvance(end);
    painter.drawText(QPointF(bottomLeft.x() - zeroWidth / 2, textBottom - metrics.descent()), zero);
    painter.drawText(
        QPointF(bottomLeft.x() + length - endWidth / 2, textBottom - metrics.descent()), end);
    painter.restore();
    return QRectF(QPointF(bottomLeft.x() - zeroWidth / 2, textBottom - metrics.height()),
                  QPointF(bottomLeft.x() + length + endWidth / 2, bottomLeft.y()));
}

void MapPainter::drawNorthArrow(QPainter &painter, const QRectF &box, const QFont &font)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QFontMetricsF metrics(font, painter.device());
    const double letterHeight = metrics.height();
    const QRectF letter(box.left(), box.top(), box.width(), letterHeight);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(letter, Qt::AlignHCenter | Qt::AlignVCenter, QStringLiteral("N"));
    const double top = box.top() + letterHeight;
    const double bottom = box.bottom();
    const double cx = box.center().x();
    const double half = std::min(box.width() / 2, (bottom - top) / 3);
    const QPointF tip(cx, top);
    const QPointF notch(cx, bottom - (bottom - top) * 0.25);
    const QPointF left(cx - half, bottom);
    const QPointF right(cx + half, bottom);
    QPen pen(Qt::black, std::max(1.0, letterHeight / 14));
    pen.setJoinStyle(Qt::MiterJoin);
    painter.setPen(pen);
    const QPointF leftHalf[] = {tip, left, notch};
    const QPointF rightHalf[] = {tip, notch, right};
    painter.setBrush(Qt::black);
    painter.drawPolygon(leftHalf, 3);
    painter.setBrush(Qt::white);
    painter.drawPolygon(rightHalf, 3);
    painter.restore();
}

}  // namespace gengbao::report
