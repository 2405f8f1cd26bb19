// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mapstyle.h"

#include <core/geo/polygonset.h>
#include <core/ops/mapdata.h>

#include <QFont>
#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QSize>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

class QPainter;

namespace gengbao::report {

// What part of the map is shown, and how large: a centre in project CRS metres, metres per pixel
// and a size in pixels (north up, y growing downwards on screen). On screen the pixels are
// logical ones and the device pixel ratio says how many device pixels each has; in print the
// "pixels" are the paint device's own units. A value type: the canvas keeps one and replaces it.
class Viewport
{
public:
    Viewport() = default;
    Viewport(double centreX, double centreY, double metresPerPixel, QSize size,
             double devicePixelRatio = 1.0);
    // The box centred and as large as fits inside `size` less a margin on every side; an empty or
    // degenerate box gives a 1 m/px view of its centre.
    static Viewport fitting(const core::Box &box, QSize size, double marginPx = 10.0,
                            double devicePixelRatio = 1.0);

    bool isValid() const { return mMetresPerPixel > 0 && !mSize.isEmpty(); }
    double centreX() const { return mCentreX; }
    double centreY() const { return mCentreY; }
    double metresPerPixel() const { return mMetresPerPixel; }
    QSize size() const { return mSize; }
    double devicePixelRatio() const { return mDevicePixelRatio; }

    QPointF toPixel(double x, double y) const
    {
        return {(x - mCentreX) / mMetresPerPixel + 0.5 * mSize.width(),
                (mCentreY - y) / mMetresPerPixel + 0.5 * mSize.height()};
    }
    core::MapPoint toMap(const QPointF &pixel) const
    {
        return {mCentreX + (pixel.x() - 0.5 * mSize.width()) * mMetresPerPixel,
                mCentreY - (pixel.y() - 0.5 * mSize.height()) * mMetresPerPixel};
    }
    QRectF toPixel(const core::Box &box) const;
    core::Box extent() const;  // what the view shows, in metres

    // The content follows the mouse: dragging by `pixels` moves the centre the other way.
    Viewport panned(const QPointF &pixels) const;
    // factor > 1 zooms in; the map point under `anchor` (pixels) stays under it.
    Viewport zoomed(double factor, const QPointF &anchor) const;
    Viewport resized(QSize size, double devicePixelRatio) const;
    // The same view counted in device pixels (size × ratio, metres per pixel ÷ ratio, ratio 1).
    Viewport inDevicePixels() const;

    bool operator==(const Viewport &other) const = default;

private:
    double mCentreX = 0, mCentreY = 0;
    double mMetresPerPixel = 0;
    QSize mSize;
    double mDevicePixelRatio = 1.0;
};

// Everything one render reads: the geometry snapshot, the parcel style, the labels and the
// hillshade as an image. Immutable once made and shared read-only by the render workers; a
// restyle makes a new scene over the same MapData.
struct MapScene
{
    std::shared_ptr<const core::MapData> data;
    std::shared_ptr<const MapStyle> style;
    std::shared_ptr<const ParcelLabels> labels;  // null: no labels
    std::vector<LayerStyle> layerStyles;         // per data->layers
    QImage hillshade;                            // null when the data has none

    static MapScene make(std::shared_ptr<const core::MapData> data,
                         std::shared_ptr<const MapStyle> style,
                         std::shared_ptr<const ParcelLabels> labels = nullptr,
                         LabelLanguage language = LabelLanguage::Chinese);
};

struct MapPaintOptions
{
    bool hillshade = true;
    bool layers = true;
    bool labels = true;
    QColor background = QColor(0xfa, 0xf9, 0xf5);
    // Device units per nominal screen pixel: pen widths, fonts and the label and outline
    // thresholds are nominal pixels times this (the device pixel ratio on screen, dpi / 96 on
    // paper). Level-of-detail thresholds stay in device units: they are about what a device
    // pixel can show.
    double pixelScale = 1.0;
    // Labels only when zoomed in at least this far; antialiasing only when zoomed in at least
    // this far (a county view is 100k specks, where it costs time and shows nothing).
    double labelMaxMetresPerPixel = 2.0;
    double antialiasMaxMetresPerPixel = 5.0;
    double hillshadeOpacity = 0.45;
    LabelLanguage language = LabelLanguage::Chinese;
    QFont labelFont;  // its family and weight; the size is labelPixelSize
    double labelPixelSize = 11.0;
    double labelMinParcelPixels = 16.0;  // a parcel this long on screen, at least, gets a label
    int maxLabels = 1500;
    double parcelOutlineWidth = 1.0;  // nominal pixels
    double outlineMinPixels = 4.0;    // smaller parcels are filled without an outline
};

// What a paint did, for the tests and the benchmark.
struct PaintStats
{
    std::size_t candidates = 0;  // parcels the R-tree returned for the visible extent
    std::size_t polygons = 0;    // drawn as polygons
    std::size_t specks = 0;      // drawn as a small rect (under 2 device pixels)
    std::size_t labels = 0;
    bool cancelled = false;
    bool failed = false;  // a worker met an exception (the image is incomplete)

    PaintStats &operator+=(const PaintStats &other);
};

// A parcel label where the painter puts it: the box (view pixels, halo included) and its two
// lines, the name and the area.
struct PlacedLabel
{
    std::uint32_t item = 0;
    QRectF rect;
    QString text;
};

struct RenderResult
{
    QImage image;  // Format_ARGB32_Premultiplied, size × ratio, with the ratio set
    PaintStats stats;
    double milliseconds = 0;
};

// The one map painter (architecture.md "The map canvas"): the canvas's render job, print and the
// CLI draw with it. Draws a scene with one QPainter into any device: the hillshade, the fills of
// the reference layers, the parcels (culled with the packed R-tree, transformed into a reused
// buffer, vertices within half a device pixel dropped, parcels under two device pixels as a
// speck, batched by style class), the layers' outlines and the labels. Holds no state between
// calls; const methods may run on several threads at once, each with its own QPainter.
class MapPainter
{
public:
    // Prepares the hillshade for these options (a few milliseconds): make one painter per scene
    // and options and keep it.
    MapPainter(std::shared_ptr<const MapScene> scene, MapPaintOptions options = {});

    const MapScene &scene() const { return *mScene; }
    const MapPaintOptions &options() const { return mOptions; }

    // Paints the view into `target` (painter coordinates; the view's size in pixels should be the
    // target's size in painter units). The cancel flag is read every few hundred parcels; a
    // cancelled paint stops where it is and says so.
    PaintStats paint(QPainter &painter, const Viewport &view, const QRectF &target,
                     const std::atomic<bool> *cancel = nullptr) const;

    // Renders the view into a new image, in `threads` horizontal strips painted in parallel, one
    // QPainter each on its own rows of the image (0: up to four, one per core), then the labels
    // over the whole. What the canvas's render job and `gengbao-cli render` call; any thread.
    // A cancelled or failed render returns what it drew so far, and its stats say so.
    RenderResult render(const Viewport &view, int threads = 0,
                        const std::atomic<bool> *cancel = nullptr) const;

    // The labels a paint of this view draws: only when zoomed in to labelMaxMetresPerPixel, for
    // parcels at least labelMinParcelPixels long, the larger parcels first, each wholly inside the
    // view and none overlapping another (a collision grid).
    std::vector<PlacedLabel> placeLabels(const Viewport &view) const;

    // Outlines (and, with a brush, fills) of some items, for the selection and hover overlay that
    // the canvas paints over its cached image: a few items, never a re-render.
    void paintItems(QPainter &painter, const Viewport &view, std::span<const std::uint32_t> items,
                    const QPen &pen, const QBrush &brush = Qt::NoBrush) const;

    // A scale bar of a round length (1, 2 or 5 × 10^n m) no longer than maxLength pixels, its
    // left end at bottomLeft; returns the rect it took.
    static QRectF drawScaleBar(QPainter &painter, const Viewport &view, const QPointF &bottomLeft,
                               double maxLength, const QFont &font, double pixelScale,
                               LabelLanguage language = LabelLanguage::Chinese);
    // The longest 1, 2 or 5 × 10^n metres not above maxMetres.
    static double roundScaleLength(double maxMetres);
    // A north arrow with an "N" above it, filling the box's height (north is up: maps are drawn
    // north up in the projected CRS).
    static void drawNorthArrow(QPainter &painter, const QRectF &box, const QFont &font);

private:
    MapPainter(std::shared_ptr<const MapScene> scene, MapPaintOptions options, QImage hillshade);
    // Everything but the labels, inside `region` (view pixels; the painter may clip tighter).
    PaintStats paintRegion(QPainter &painter, const Viewport &view, const QRect &region,
                           const std::atomic<bool> *cancel) const;
    void paintHillshade(QPainter &painter, const Viewport &view) const;
    void paintLayerFills(QPainter &painter, const Viewport &view, const core::Box &visible) const;
    void paintLayerOutlines(QPainter &painter, const Viewport &view,
                            const core::Box &visible) const;
    PaintStats paintParcels(QPainter &painter, const Viewport &view, const core::Box &visible,
                            const std::atomic<bool> *cancel) const;
    std::size_t paintLabels(QPainter &painter, const Viewport &view) const;
    bool antialiased(const Viewport &view) const;

    std::shared_ptr<const MapScene> mScene;
    MapPaintOptions mOptions;
    QImage mHillshade;  // opaque: blended over the background at the options' opacity
};

}  // namespace gengbao::report
