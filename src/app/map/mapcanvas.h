// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "maprenderjob.h"

#include <core/ops/mapdata.h>
#include <report/mappainter.h>
#include <report/mapstyle.h>

#include <QImage>
#include <QPoint>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace gengbao::app {

// The map on screen (architecture.md "The map canvas: many polygons, fast"). It draws the last
// image a MapRenderJob made, moved and scaled to the current view while the view changes, and
// paints the selection, the hovered parcel, the rubber band, the polygon being drawn, the scale
// bar and the north arrow over it in paintEvent: none of those starts a render. Renders are
// asked for with requestRender(), coalesced by a short single-shot timer, and a new one cancels
// the job still running without waiting for it. GUI thread only.
//
// The canvas knows parcels by map item (index into MapData::parcels) and by fid; the selection it
// shows is given by fids (setSelectedFids) and what the officer picks comes back as fids
// (selectionEdited), so the selection survives a reload of the snapshot.
class MapCanvas : public QWidget
{
    Q_OBJECT

public:
    enum class Tool {
        Select,     // click selects, Shift+click toggles, drag pans, Shift+drag adds a rectangle
        Rectangle,  // drag adds a rectangle's parcels to the selection
        Draw,       // clicks add the vertices of a new parcel (snapping to parcel vertices)
    };

    explicit MapCanvas(QWidget *parent = nullptr);
    ~MapCanvas() override;

    // The snapshot and how to colour it (style and labels index-aligned with data's parcels). A
    // new data pointer counts as a new data version, a new style or labels as a new style
    // version; the image on screen stays until the new one is ready.
    void setMap(std::shared_ptr<const core::MapData> data,
                std::shared_ptr<const report::MapStyle> style,
                std::shared_ptr<const report::ParcelLabels> labels);
    const std::shared_ptr<const core::MapData> &mapData() const { return mData; }
    const std::shared_ptr<const report::MapStyle> &mapStyle() const { return mStyle; }
    const std::shared_ptr<const report::ParcelLabels> &mapLabels() const { return mLabels; }
    // What to draw (hillshade, layers, labels): a change is a new style version.
    void setPaintOptions(const report::MapPaintOptions &options);
    const report::MapPaintOptions &paintOptions() const { return mOptions; }

    const report::Viewport &viewport() const { return mView; }
    void setViewport(const report::Viewport &view);
    void zoomToFullExtent();
    void zoomToBox(const core::Box &box);
    void zoomToSelection();
    void zoomBy(double factor);  // about the centre; > 1 zooms in

    // The selection overlay (fids; those not on the map are kept but not drawn). Repaints the
    // overlay only.
    void setSelectedFids(std::vector<std::int64_t> fids);
    const std::vector<std::int64_t> &selectedFids() const { return mSelectedFids; }

    void setTool(Tool tool);
    Tool tool() const { return mTool; }
    // The vertices drawn so far (project CRS), while the Draw tool is in use.
    const std::vector<core::MapPoint> &drawnVertices() const { return mDrawn; }
    void cancelDrawing();
    void finishDrawing();  // what a double-click or Enter does

    // The parcel under a point of the widget, within a few pixels of its edge.
    std::optional<std::size_t> itemAt(const QPointF &pixel) const;
    // The text of the tooltip for a map item (the view supplies it; it knows the rows).
    void setToolTipProvider(std::function<QString(std::size_t item)> provider);
    // Shown in the middle while there is nothing to draw ("Loading the map...", "no parcels");
    // empty for none.
    void setPlaceholderText(const QString &text);

    // For tests and the status line: renders started, whether one runs, the image on screen.
    int renderCount() const { return mRenderCount; }
    bool isRendering() const { return mJob != nullptr; }
    bool isRenderPending() const { return mRenderTimer.isActive(); }
    const QImage &renderedImage() const { return mImage; }
    const RenderKey &renderedKey() const { return mImageKey; }
    RenderKey currentKey() const;

    // The current view rendered anew at this device pixel ratio, with the scale bar and the north
    // arrow, for "Export View as PNG" (on the calling thread; null when there is no map).
    QImage exportImage(double devicePixelRatio) const;

    QSize sizeHint() const override { return {800, 600}; }

public slots:
    void requestRender();

signals:
    // The officer changed the selection on the map: the whole new selection, by fid.
    void selectionEdited(const std::vector<std::int64_t> &fids);
    // A polygon was drawn and closed with the Draw tool: x0, y0, x1, y1, ... (project CRS).
    void polygonDrawn(const std::vector<double> &ringXY);
    void drawingChanged();  // a vertex added or removed, or the drawing closed or cancelled
    void viewportChanged();
    void renderFinished(double milliseconds);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    enum class Drag { None, Pending, Pan, Rubber };

    void startRender();
    void renderDone(MapRenderJob *job, const report::RenderResult &result);
    void viewChanged(bool renderNow);
    void navigated();  // the officer moved the view: no more refitting on resize
    void rebuildScene(bool dataChanged);
    void rebuildPainter();
    void updateSelectedItems();
    void selectAt(const QPointF &pixel, bool toggle);
    void selectInRect(const QRectF &pixels);
    core::MapPoint snapped(const QPointF &pixel, bool *didSnap = nullptr) const;
    void paintCachedImage(QPainter &painter) const;
    void paintOverlays(QPainter &painter) const;
    void paintLargeSelection(QPainter &painter, const report::MapPainter &overlay) const;
    void paintDrawing(QPainter &painter) const;
    void paintDecorations(QPainter &painter, QSize size) const;
    double pixelsToMetres(double pixels) const { return pixels * mView.metresPerPixel(); }

    std::shared_ptr<const core::MapData> mData;
    std::shared_ptr<const report::MapStyle> mStyle;
    std::shared_ptr<const report::ParcelLabels> mLabels;
    std::shared_ptr<const report::MapScene> mScene;
    report::MapPaintOptions mOptions;
    // Made from the two above whenever either changes (rebuildPainter), shared with render jobs.
    std::shared_ptr<const report::MapPainter> mPainter;
    std::uint64_t mDataVersion = 0;
    std::uint64_t mStyleVersion = 0;

    report::Viewport mView;
    bool mFitPending = true;  // zoom to the full extent once there is data and a size
    // The box the view was last fitted to, until the officer moves the map: a resize (the tab
    // shown for the first time, the window maximised) fits it again instead of keeping the scale.
    std::optional<core::Box> mFitBox;

    QTimer mRenderTimer;
    MapRenderJob *mJob = nullptr;  // the render running, if any
    int mRenderCount = 0;
    QImage mImage;
    RenderKey mImageKey;

    std::vector<std::int64_t> mSelectedFids;  // sorted
    std::vector<std::uint32_t> mSelectedItems;
    std::vector<bool> mSelectedMask;  // per map item, for a large selection's overlay
    std::optional<std::size_t> mHoverItem;

    Tool mTool = Tool::Select;
    Drag mDrag = Drag::None;
    Qt::MouseButton mDragButton = Qt::NoButton;
    QPointF mPressPos;
    QPointF mLastPos;
    report::Viewport mPressView;
    bool mPressShift = false;

    std::vector<core::MapPoint> mDrawn;
    std::optional<QPointF> mCursor;  // last mouse position over the widget
    std::optional<core::MapPoint> mSnapTarget;

    std::function<QString(std::size_t)> mToolTipProvider;
    QString mPlaceholder;
};

}  // namespace gengbao::app
