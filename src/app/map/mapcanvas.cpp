// SPDX-License-Identifier: GPL-3.0-or-later
#include "mapcanvas.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace gengbao::app {

namespace {

// Renders wait this long for more requests (a wheel turned several notches is one render).
constexpr int kRenderDelayMs = 40;
// A click picks a parcel within this many pixels of its edge.
constexpr double kPickPixels = 3.0;
// A drawn vertex snaps to a parcel vertex within this many pixels.
constexpr double kSnapPixels = 8.0;
// A press that moves further than this is a drag, not a click.
constexpr double kDragPixels = 4.0;
// How far one can zoom: from a few centimetres per pixel out to a province.
constexpr double kMinMetresPerPixel = 0.02;
constexpr double kMaxMetresPerPixel = 20000.0;
// More selected parcels than this take the overlay's quick path (paintLargeSelection): no halo,
// no fill, no antialiasing, specks in one batch.
constexpr std::size_t kDetailedSelectionMax = 3000;

const QColor kSelectionColour(0x00, 0xd5, 0xff);
const QColor kDrawColour(0xff, 0x57, 0x22);
const QColor kSnapColour(0xe0, 0x1b, 0xd5);

double distance(const QPointF &a, const QPointF &b)
{
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

report::Viewport clampedZoom(const report::Viewport &view)
{
    const double mpp = std::clamp(view.metresPerPixel(), kMinMetresPerPixel, kMaxMetresPerPixel);
    if (mpp == view.metresPerPixel())
        return view;
    return report::Viewport(view.centreX(), view.centreY(), mpp, view.size(),
                            view.devicePixelRatio());
}

}  // namespace

MapCanvas::MapCanvas(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("mapCanvas"));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);  // paintEvent fills every pixel
    setMinimumSize(200, 150);
    mOptions.language = report::LabelLanguage::Interface;
    mRenderTimer.setSingleShot(true);
    mRenderTimer.setInterval(kRenderDelayMs);
    connect(&mRenderTimer, &QTimer::timeout, this, &MapCanvas::startRender);
}

MapCanvas::~MapCanvas()
{
    // The job deletes itself once its worker is done; the canvas does not wait for it.
    if (mJob)
        mJob->cancelWithoutBlocking();
}

void MapCanvas::setMap(std::shared_ptr<const core::MapData> data,
                       std::shared_ptr<const report::MapStyle> style,
                       std::shared_ptr<const report::ParcelLabels> labels)
{
    const bool dataChanged = data != mData;
    const bool styleChanged = style != mStyle || labels != mLabels;
    if (!dataChanged && !styleChanged)
        return;
    // A view that shows nothing of the new data (a first import, another project) is refitted.
    const bool refit =
        dataChanged && data && !data->extent().empty() &&
        (mFitPending || !mData || !mView.isValid() || !mView.extent().intersects(data->extent()));
    mData = std::move(data);
    mStyle = std::move(style);
    mLabels = std::move(labels);
    if (dataChanged)
        ++mDataVersion;
    if (styleChanged)
        ++mStyleVersion;
    rebuildScene(dataChanged);
    if (dataChanged) {
        updateSelectedItems();
        mHoverItem.reset();
        mSnapTarget.reset();
    }
    if (refit) {
        mFitPending = true;
        zoomToFullExtent();
    }
    requestRender();
    update();
}

void MapCanvas::rebuildScene(bool dataChanged)
{
    if (!mData) {
        mScene.reset();
    } else if (!dataChanged && mScene) {
        // A restyle keeps the scene's layer styles and hillshade image (converted once per data).
        auto scene = std::make_shared<report::MapScene>(*mScene);
        scene->style = mStyle;
        scene->labels = mLabels;
        mScene = std::move(scene);
    } else {
        mScene = std::make_shared<const report::MapScene>(
            report::MapScene::make(mData, mStyle, mLabels, report::LabelLanguage::Interface));
    }
    rebuildPainter();
}

void MapCanvas::rebuildPainter()
{
    // One painter per scene and options: it blends the hillshade over the background once (27 ms
    // for a 2048 x 1593 hillshade), not on every paint event and render.
    mPainter = mScene ? std::make_shared<const report::MapPainter>(mScene, mOptions) : nullptr;
}

void MapCanvas::setPaintOptions(const report::MapPaintOptions &options)
{
    mOptions = options;
    rebuildPainter();
    ++mStyleVersion;
    requestRender();
    update();
}

void MapCanvas::setViewport(const report::Viewport &view)
{
    mView = clampedZoom(view.resized(size(), devicePixelRatioF()));
    navigated();
    viewChanged(true);
}

void MapCanvas::zoomToFullExtent()
{
    if (!mData || mData->extent().empty())
        return;
    zoomToBox(mData->extent());
}

void MapCanvas::zoomToBox(const core::Box &box)
{
    if (box.empty())
        return;
    mFitBox = box;
    if (size().isEmpty())
        return;  // done at the first resize
    // A point or a sliver is shown with some land around it (50 m at least), and every box with
    // a small margin.
    constexpr double kMinSide = 50.0;
    core::Box framed = box;
    if (framed.width() < kMinSide) {
        const double pad = (kMinSide - framed.width()) / 2;
        framed.minX -= pad;
        framed.maxX += pad;
    }
    if (framed.height() < kMinSide) {
        const double pad = (kMinSide - framed.height()) / 2;
        framed.minY -= pad;
        framed.maxY += pad;
    }
    framed = framed.grown(0.03 * std::max(framed.width(), framed.height()));
    mView = clampedZoom(report::Viewport::fitting(framed, size(), 10.0, devicePixelRatioF()));
    mFitPending = false;
    viewChanged(true);
}

void MapCanvas::zoomToSelection()
{
    if (!mData || !mData->parcels || mSelectedItems.empty())
        return;
    core::Box box;
    for (const std::uint32_t item : mSelectedItems)
        box.expand(mData->parcels->bbox(item));
    zoomToBox(box);
}

void MapCanvas::zoomBy(double factor)
{
    if (!mView.isValid())
        return;
    mView = clampedZoom(mView.zoomed(factor, QPointF(width() / 2.0, height() / 2.0)));
    navigated();
    viewChanged(true);
}

void MapCanvas::navigated()
{
    mFitPending = false;
    mFitBox.reset();
}

void MapCanvas::viewChanged(bool renderNow)
{
    mHoverItem.reset();
    update();
    emit viewportChanged();
    if (renderNow)
        requestRender();
}

RenderKey MapCanvas::currentKey() const
{
    return {mView, mDataVersion, mStyleVersion};
}

void MapCanvas::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    requestRender();  // what was asked for while hidden
}

void MapCanvas::requestRender()
{
    // A hidden canvas renders when shown: a restyle behind the parcel table costs nothing.
    if (!mScene || !mView.isValid() || !isVisible())
        return;
    const RenderKey key = currentKey();
    if (!mImage.isNull() && key == mImageKey && !mJob)
        return;
    if (mJob && mJob->key() == key)
        return;
    // Coalesced (QgsMapCanvas::refresh): requests while the timer runs add nothing.
    if (!mRenderTimer.isActive())
        mRenderTimer.start();
}

void MapCanvas::startRender()
{
    if (!mScene || !mView.isValid())
        return;
    const RenderKey key = currentKey();
    if (mJob && mJob->key() == key)
        return;
    if (mJob) {
        mJob->cancelWithoutBlocking();  // never waits: it stops soon and deletes itself
        mJob = nullptr;
    }
    if (!mImage.isNull() && key == mImageKey)
        return;
    auto *job = new MapRenderJob(mPainter, key);
    connect(job, &MapRenderJob::finished, this,
            [this, job](const report::RenderResult &result) { renderDone(job, result); });
    mJob = job;
    ++mRenderCount;
    job->start();
}

void MapCanvas::renderDone(MapRenderJob *job, const report::RenderResult &result)
{
    job->deleteLater();
    if (job != mJob)
        return;
    mJob = nullptr;
    if (!result.image.isNull() && !result.stats.failed && !result.stats.cancelled) {
        mImage = result.image;
        mImageKey = job->key();
    }
    update();
    emit renderFinished(result.milliseconds);
    // The view or the style moved on while this one rendered.
    if (currentKey() != mImageKey)
        requestRender();
}

void MapCanvas::setSelectedFids(std::vector<std::int64_t> fids)
{
    std::sort(fids.begin(), fids.end());
    fids.erase(std::unique(fids.begin(), fids.end()), fids.end());
    if (fids == mSelectedFids)
        return;
    mSelectedFids = std::move(fids);
    updateSelectedItems();
    update();  // the overlay only: the cached image stays
}

void MapCanvas::updateSelectedItems()
{
    mSelectedItems.clear();
    mSelectedMask.clear();
    if (!mData)
        return;
    for (const std::int64_t fid : mSelectedFids) {
        if (const auto item = mData->itemOfFid(fid))
            mSelectedItems.push_back(std::uint32_t(*item));
    }
    if (mSelectedItems.size() > kDetailedSelectionMax && mData->parcels) {
        mSelectedMask.assign(mData->parcels->size(), false);
        for (const std::uint32_t item : mSelectedItems)
            mSelectedMask[item] = true;
    }
}

void MapCanvas::setTool(Tool tool)
{
    if (tool == mTool)
        return;
    if (mTool == Tool::Draw)
        cancelDrawing();
    mTool = tool;
    mDrag = Drag::None;
    mSnapTarget.reset();
    setCursor(tool == Tool::Select ? Qt::ArrowCursor : Qt::CrossCursor);
    update();
}

void MapCanvas::cancelDrawing()
{
    if (mDrawn.empty())
        return;
    mDrawn.clear();
    update();
    emit drawingChanged();
}

void MapCanvas::finishDrawing()
{
    if (mDrawn.size() < 3)
        return;  // not yet a polygon: keep drawing
    std::vector<double> ring;
    ring.reserve(2 * mDrawn.size());
    for (const core::MapPoint &point : mDrawn) {
        ring.push_back(point.x);
        ring.push_back(point.y);
    }
    mDrawn.clear();
    update();
    emit drawingChanged();
    emit polygonDrawn(ring);
}

std::optional<std::size_t> MapCanvas::itemAt(const QPointF &pixel) const
{
    if (!mData || !mView.isValid())
        return std::nullopt;
    const core::MapPoint point = mView.toMap(pixel);
    return core::parcelAt(*mData, point.x, point.y, pixelsToMetres(kPickPixels));
}

void MapCanvas::setToolTipProvider(std::function<QString(std::size_t)> provider)
{
    mToolTipProvider = std::move(provider);
}

void MapCanvas::setPlaceholderText(const QString &text)
{
    if (text == mPlaceholder)
        return;
    mPlaceholder = text;
    update();
}

core::MapPoint MapCanvas::snapped(const QPointF &pixel, bool *didSnap) const
{
    const core::MapPoint point = mView.toMap(pixel);
    std::optional<core::MapPoint> target;
    if (mData)
        target = core::snapToVertex(*mData, point.x, point.y, pixelsToMetres(kSnapPixels));
    if (didSnap)
        *didSnap = target.has_value();
    return target.value_or(point);
}

void MapCanvas::selectAt(const QPointF &pixel, bool toggle)
{
    if (!mData)
        return;
    const std::optional<std::size_t> item = itemAt(pixel);
    std::vector<std::int64_t> fids = toggle ? mSelectedFids : std::vector<std::int64_t>{};
    if (item && *item < mData->fids.size()) {
        const std::int64_t fid = mData->fids[*item];
        const auto found = std::lower_bound(fids.begin(), fids.end(), fid);
        if (found != fids.end() && *found == fid) {
            if (toggle)
                fids.erase(found);
        } else {
            fids.insert(found, fid);
        }
    }
    if (fids == mSelectedFids)
        return;
    setSelectedFids(fids);
    emit selectionEdited(mSelectedFids);
}

void MapCanvas::selectInRect(const QRectF &pixels)
{
    if (!mData)
        return;
    const core::MapPoint a = mView.toMap(pixels.topLeft());
    const core::MapPoint b = mView.toMap(pixels.bottomRight());
    const core::Box box{std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x),
                        std::max(a.y, b.y)};
    std::vector<std::int64_t> fids = mSelectedFids;
    for (const std::size_t item : core::parcelsIn(*mData, box)) {
        if (item < mData->fids.size())
            fids.push_back(mData->fids[item]);
    }
    std::sort(fids.begin(), fids.end());
    fids.erase(std::unique(fids.begin(), fids.end()), fids.end());
    if (fids == mSelectedFids)
        return;
    setSelectedFids(fids);
    emit selectionEdited(mSelectedFids);
}

// ---------------------------------------------------------------------------------------------
// Events

bool MapCanvas::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const std::optional<std::size_t> item =
            mTool == Tool::Draw ? std::nullopt : itemAt(help->pos());
        if (item && mToolTipProvider)
            QToolTip::showText(help->globalPos(), mToolTipProvider(*item), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void MapCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (size().isEmpty())
        return;
    if (!mView.isValid())
        mView = report::Viewport(0, 0, 1.0, size(), devicePixelRatioF());
    else
        mView = mView.resized(size(), devicePixelRatioF());
    if (mFitBox)
        zoomToBox(*mFitBox);
    else if (mFitPending && mData && !mData->extent().empty())
        zoomToFullExtent();
    else
        viewChanged(true);
}

void MapCanvas::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0 || !mView.isValid()) {
        event->ignore();
        return;
    }
    // One notch (120) zooms by 2^(1/4); the map point under the cursor stays under it.
    const double factor = std::pow(2.0, delta / 480.0);
    mView = clampedZoom(mView.zoomed(factor, event->position()));
    navigated();
    viewChanged(true);
    event->accept();
}

void MapCanvas::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    mPressPos = event->position();
    mLastPos = mPressPos;
    mPressView = mView;
    mPressShift = event->modifiers().testFlag(Qt::ShiftModifier);
    if (event->button() == Qt::MiddleButton) {
        mDrag = Drag::Pan;
        mDragButton = Qt::MiddleButton;
        setCursor(Qt::ClosedHandCursor);
    } else if (event->button() == Qt::LeftButton) {
        mDrag = Drag::Pending;
        mDragButton = Qt::LeftButton;
    }
    event->accept();
}

void MapCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF position = event->position();
    mCursor = position;
    if (mDrag == Drag::Pending && distance(position, mPressPos) > kDragPixels) {
        const bool rubber = mTool == Tool::Rectangle || (mTool == Tool::Select && mPressShift);
        mDrag = rubber ? Drag::Rubber : Drag::Pan;
        if (mDrag == Drag::Pan)
            setCursor(Qt::ClosedHandCursor);
    }
    if (mDrag == Drag::Pan) {
        // The cached image follows the mouse at once; the render waits for the release.
        mView = mPressView.panned(position - mPressPos);
        mLastPos = position;
        navigated();
        update();
        emit viewportChanged();
        return;
    }
    if (mDrag == Drag::Rubber) {
        mLastPos = position;
        update();
        return;
    }
    if (mDrag != Drag::None)
        return;
    if (mTool == Tool::Draw) {
        bool didSnap = false;
        const core::MapPoint point = snapped(position, &didSnap);
        mSnapTarget = didSnap ? std::optional<core::MapPoint>(point) : std::nullopt;
        update();
        return;
    }
    const std::optional<std::size_t> hover = itemAt(position);
    if (hover != mHoverItem) {
        mHoverItem = hover;
        update();
    }
}

void MapCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != mDragButton || mDrag == Drag::None) {
        event->accept();
        return;
    }
    const Drag drag = mDrag;
    mDrag = Drag::None;
    mDragButton = Qt::NoButton;
    setCursor(mTool == Tool::Select ? Qt::ArrowCursor : Qt::CrossCursor);
    const QPointF position = event->position();
    switch (drag) {
    case Drag::Pan:
        mView = mPressView.panned(position - mPressPos);
        viewChanged(true);
        break;
    case Drag::Rubber:
        selectInRect(QRectF(mPressPos, position).normalized());
        update();
        break;
    case Drag::Pending:
        if (mTool == Tool::Draw) {
            // A click on the first vertex closes the polygon, as a double-click does.
            if (mDrawn.size() >= 3 && distance(mView.toPixel(mDrawn.front().x, mDrawn.front().y),
                                               position) <= kSnapPixels) {
                finishDrawing();
                break;
            }
            mDrawn.push_back(snapped(position));
            update();
            emit drawingChanged();
        } else {
            selectAt(position, mPressShift || mTool == Tool::Rectangle);
        }
        break;
    case Drag::None:
        break;
    }
    event->accept();
}

void MapCanvas::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (mTool == Tool::Draw && event->button() == Qt::LeftButton) {
        // The first click of the double-click already added the vertex here.
        finishDrawing();
        event->accept();
        return;
    }
    QWidget::mouseDoubleClickEvent(event);  // a press, as Qt does by default
}

void MapCanvas::keyPressEvent(QKeyEvent *event)
{
    const double step = 0.25;
    const int key = event->key();
    if (key == Qt::Key_Left || key == Qt::Key_Right || key == Qt::Key_Up || key == Qt::Key_Down)
        navigated();
    switch (key) {
    case Qt::Key_Escape:
        if (mDrag == Drag::Rubber) {
            mDrag = Drag::None;
            update();
        } else if (!mDrawn.empty()) {
            cancelDrawing();
        } else if (!mSelectedFids.empty()) {
            setSelectedFids({});
            emit selectionEdited(mSelectedFids);
        }
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (mTool == Tool::Draw)
            finishDrawing();
        break;
    case Qt::Key_Backspace:
    case Qt::Key_Delete:
        if (!mDrawn.empty()) {
            mDrawn.pop_back();
            update();
            emit drawingChanged();
        }
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(2.0);
        break;
    case Qt::Key_Minus:
        zoomBy(0.5);
        break;
    case Qt::Key_Left:
        mView = mView.panned(QPointF(width() * step, 0));
        viewChanged(true);
        break;
    case Qt::Key_Right:
        mView = mView.panned(QPointF(-width() * step, 0));
        viewChanged(true);
        break;
    case Qt::Key_Up:
        mView = mView.panned(QPointF(0, height() * step));
        viewChanged(true);
        break;
    case Qt::Key_Down:
        mView = mView.panned(QPointF(0, -height() * step));
        viewChanged(true);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void MapCanvas::leaveEvent(QEvent *event)
{
    QWidget::leaveEvent(event);
    mCursor.reset();
    mSnapTarget.reset();
    if (mHoverItem) {
        mHoverItem.reset();
    }
    update();
}

// ---------------------------------------------------------------------------------------------
// Painting

void MapCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), mOptions.background);
    paintCachedImage(painter);
    if (!mPlaceholder.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, mPlaceholder);
    }
    paintOverlays(painter);
    paintDrawing(painter);
    paintDecorations(painter, size());
}

void MapCanvas::paintCachedImage(QPainter &painter) const
{
    if (mImage.isNull() || !mView.isValid())
        return;
    // The image drawn for another view, moved and scaled to this one (QGIS
    // transformedCacheImage): panning and zooming show something at once.
    const report::Viewport &from = mImageKey.view;
    const core::MapPoint corner = from.toMap(QPointF(0, 0));
    const QPointF topLeft = mView.toPixel(corner.x, corner.y);
    const double scale = from.metresPerPixel() / mView.metresPerPixel();
    if (std::abs(scale - 1.0) < 1e-9 && from.devicePixelRatio() == mView.devicePixelRatio()) {
        painter.drawImage(topLeft, mImage);
        return;
    }
    painter.drawImage(QRectF(topLeft, QSizeF(from.size()) * scale), mImage);
}

void MapCanvas::paintOverlays(QPainter &painter) const
{
    if (!mPainter || !mView.isValid())
        return;
    const report::MapPainter &overlay = *mPainter;
    if (!mSelectedMask.empty()) {
        paintLargeSelection(painter, overlay);
    } else if (!mSelectedItems.empty()) {
        painter.setRenderHint(QPainter::Antialiasing, true);
        QColor fill = kSelectionColour;
        fill.setAlpha(70);
        QPen halo(QColor(0, 0, 0, 160), 4.0);
        halo.setCosmetic(true);
        overlay.paintItems(painter, mView, mSelectedItems, halo);
        QPen pen(kSelectionColour, 2.0);
        pen.setCosmetic(true);
        overlay.paintItems(painter, mView, mSelectedItems, pen, QBrush(fill));
    }
    if (mHoverItem && mTool != Tool::Draw) {
        painter.setRenderHint(QPainter::Antialiasing, true);
        const std::uint32_t item = std::uint32_t(*mHoverItem);
        QPen halo(QColor(0, 0, 0, 150), 3.5);
        halo.setCosmetic(true);
        overlay.paintItems(painter, mView, std::span(&item, 1), halo);
        QPen pen(Qt::white, 1.5);
        pen.setCosmetic(true);
        overlay.paintItems(painter, mView, std::span(&item, 1), pen);
    }
    if (mDrag == Drag::Rubber) {
        painter.setRenderHint(QPainter::Antialiasing, false);
        QColor fill = kSelectionColour;
        fill.setAlpha(40);
        painter.setPen(QPen(kSelectionColour.darker(130), 1.0, Qt::DashLine));
        painter.setBrush(fill);
        painter.drawRect(QRectF(mPressPos, mLastPos).normalized());
    }
}

void MapCanvas::paintLargeSelection(QPainter &painter, const report::MapPainter &overlay) const
{
    // Thousands of selected parcels (a village, a rectangle over the county): only those in view,
    // the specks as one batch of solid squares, the others as plain outlines. Every paint event
    // (a hover, a pan step) pays this, so it must stay a few milliseconds.
    if (!mData->index || !mData->parcels)
        return;
    std::vector<std::uint32_t> visible;
    mData->index->query(mView.extent(), visible);
    std::vector<QRectF> specks;
    std::vector<std::uint32_t> outlined;
    for (const std::uint32_t item : visible) {
        if (item >= mSelectedMask.size() || !mSelectedMask[item])
            continue;
        const QRectF box = mView.toPixel(mData->parcels->bbox(item));
        if (std::max(box.width(), box.height()) < 3.0)
            specks.emplace_back(box.center() - QPointF(1.5, 1.5), QSizeF(3, 3));
        else
            outlined.push_back(item);
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(Qt::NoPen);
    painter.setBrush(kSelectionColour);
    painter.drawRects(specks.data(), int(specks.size()));
    QPen pen(kSelectionColour, 2.0);
    pen.setCosmetic(true);
    overlay.paintItems(painter, mView, outlined, pen);
}

void MapCanvas::paintDrawing(QPainter &painter) const
{
    if (mTool != Tool::Draw || !mView.isValid())
        return;
    painter.setRenderHint(QPainter::Antialiasing, true);
    QPolygonF points;
    for (const core::MapPoint &point : mDrawn)
        points << mView.toPixel(point.x, point.y);
    std::optional<QPointF> next;
    if (mCursor && mDrag == Drag::None)
        next = mSnapTarget ? mView.toPixel(mSnapTarget->x, mSnapTarget->y) : *mCursor;
    if (!points.isEmpty()) {
        QPolygonF outline = points;
        if (next)
            outline << *next;
        QColor fill = kDrawColour;
        fill.setAlpha(50);
        painter.setPen(Qt::NoPen);
        painter.setBrush(fill);
        if (outline.size() >= 3)
            painter.drawPolygon(outline);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(kDrawColour, 2.0));
        painter.drawPolyline(points);
        if (next) {
            painter.setPen(QPen(kDrawColour, 1.5, Qt::DashLine));
            painter.drawLine(points.back(), *next);
            if (points.size() >= 2)
                painter.drawLine(*next, points.front());
        }
        painter.setPen(QPen(Qt::black, 1.0));
        painter.setBrush(Qt::white);
        for (const QPointF &point : points)
            painter.drawRect(QRectF(point - QPointF(3, 3), QSizeF(6, 6)));
    }
    if (mSnapTarget) {
        const QPointF target = mView.toPixel(mSnapTarget->x, mSnapTarget->y);
        painter.setPen(QPen(kSnapColour, 2.0));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(target, 7.0, 7.0);
        painter.drawPoint(target);
    }
}

QImage MapCanvas::exportImage(double devicePixelRatio) const
{
    if (!mPainter || !mView.isValid())
        return {};
    const report::Viewport view(mView.centreX(), mView.centreY(), mView.metresPerPixel(),
                                mView.size(), devicePixelRatio);
    QImage image = mPainter->render(view).image;
    if (image.isNull())
        return {};
    QPainter painter(&image);  // in logical pixels: the image carries its ratio
    paintDecorations(painter, mView.size());
    return image;
}

void MapCanvas::paintDecorations(QPainter &painter, QSize size) const
{
    if (!mView.isValid() || !mData || mData->extent().empty())
        return;
    painter.setRenderHint(QPainter::Antialiasing, true);
    QFont font = this->font();
    font.setPixelSize(11);
    const QFontMetricsF metrics(font);
    const QColor backdrop(255, 255, 255, 200);

    // The scale bar, bottom left, on a light backdrop so that it reads over any colour.
    const double maxLength = std::min(160.0, size.width() / 3.0);
    const double metres = report::MapPainter::roundScaleLength(maxLength * mView.metresPerPixel());
    if (metres > 0) {
        const double length = metres / mView.metresPerPixel();
        const QPointF bottomLeft(18, size.height() - 12);
        const QRectF backdropRect(
            bottomLeft.x() - 10, bottomLeft.y() - 4 - 2 - metrics.height() - 8,
            length + 20 + metrics.horizontalAdvance(QStringLiteral("0000 km")) / 2,
            4 + 2 + metrics.height() + 14);
        painter.setPen(Qt::NoPen);
        painter.setBrush(backdrop);
        painter.drawRoundedRect(backdropRect, 4, 4);
        report::MapPainter::drawScaleBar(painter, mView, bottomLeft, maxLength, font, 1.0,
                                         report::LabelLanguage::Interface);
    }
    // The north arrow, top right.
    const QRectF arrow(size.width() - 38, 10, 26, 52);
    painter.setPen(Qt::NoPen);
    painter.setBrush(backdrop);
    painter.drawRoundedRect(arrow.adjusted(-4, -2, 4, 4), 4, 4);
    QFont bold = font;
    bold.setBold(true);
    report::MapPainter::drawNorthArrow(painter, arrow, bold);
}

}  // namespace gengbao::app
