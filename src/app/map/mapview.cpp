// SPDX-License-Identifier: GPL-3.0-or-later
#include "mapview.h"

#include "../dialogs/filedialogs.h"
#include "../dialogs/settingsdialog.h"

#include "../dialogs/drawnparceldialog.h"
#include "../dialogs/mapprintdialog.h"
#include "../dialogs/referencelayerdialog.h"
#include "../models/parceltablemodel.h"
#include "../session/projectsession.h"
#include "../session/strings.h"
#include "../session/taskrunner.h"
#include "mapcanvas.h"
#include "mapdataloader.h"

#include <core/base/units.h>
#include <core/ops/plans.h>
#include <core/ops/referencelayers.h>
#include <core/project.h>
#include <report/errortext.h>

#include <QAction>
#include <QActionGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QSettings>
#include <QSplitter>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>

namespace gengbao::app {

namespace {

// Screen metres per logical pixel at 96 dpi, for the scale shown in the status line.
constexpr double kMetresPerScreenPixel = 0.0254 / 96.0;

bool aligned(const core::MapData &data, const std::vector<core::ParcelRow> &rows)
{
    if (data.fids.size() != rows.size())
        return false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (data.fids[i] != rows[i].fid)
            return false;
    }
    return true;
}

QIcon swatch(const QBrush &fill, const QPen &outline)
{
    QPixmap pixmap(22, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    QPen pen = outline;
    pen.setWidthF(std::min(2.0, std::max(1.0, pen.widthF())));
    pen.setCosmetic(true);
    painter.setPen(pen);
    painter.setBrush(fill);
    painter.drawRect(QRectF(1.5, 1.5, 19, 11));
    return QIcon(pixmap);
}

// The planar area of a ring in the project CRS (metres), for the dialog's "about N mu".
double planarArea(const std::vector<double> &ringXY)
{
    const std::size_t n = ringXY.size() / 2;
    double twice = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t j = (i + 1) % n;
        twice += ringXY[2 * i] * ringXY[2 * j + 1] - ringXY[2 * j] * ringXY[2 * i + 1];
    }
    return std::abs(twice) / 2;
}

}  // namespace

MapView::MapView(ProjectSession &session, QWidget *parent)
    : SessionView(session, parent)
    , mCanvas(new MapCanvas(this))
    , mLoader(new MapDataLoader(this))
{
    setObjectName(QStringLiteral("mapView"));
    mCanvas->setToolTipProvider([this](std::size_t item) { return toolTipFor(item); });
    mCanvas->setPlaceholderText(tr("Open a project to see its parcels on the map."));

    auto *legendPanel = new QWidget(this);
    auto *legendLayout = new QVBoxLayout(legendPanel);
    legendLayout->setContentsMargins(6, 0, 0, 0);
    mLegendTitle = new QLabel(legendPanel);
    QFont bold = mLegendTitle->font();
    bold.setBold(true);
    mLegendTitle->setFont(bold);
    mLegend = new QListWidget(legendPanel);
    mLegend->setObjectName(QStringLiteral("mapLegend"));
    mLegend->setSelectionMode(QAbstractItemView::NoSelection);
    mLegend->setFocusPolicy(Qt::NoFocus);
    mLegend->setIconSize(QSize(22, 14));
    legendLayout->addWidget(mLegendTitle);
    legendLayout->addWidget(mLegend);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(mCanvas);
    splitter->addWidget(legendPanel);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setCollapsible(0, false);
    splitter->setSizes({800, 200});

    mStatus = new QLabel(this);
    mStatus->setObjectName(QStringLiteral("mapStatus"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    buildToolBar();
    layout->addWidget(findChild<QToolBar *>(QStringLiteral("mapToolBar")));
    for (QAction *action : {mHillshadeAction, mLayersAction, mLabelsAction}) {
        auto *box = new QCheckBox(action->text(), legendPanel);
        box->setToolTip(action->toolTip());
        box->setChecked(action->isChecked());
        box->setEnabled(action->isEnabled());
        connect(box, &QCheckBox::toggled, action, &QAction::setChecked);
        connect(action, &QAction::toggled, box, &QCheckBox::setChecked);
        connect(action, &QAction::changed, box,
                [box, action] { box->setEnabled(action->isEnabled()); });
        legendLayout->addWidget(box);
    }
    layout->addWidget(splitter, 1);
    layout->addWidget(mStatus);

    connect(&mSession, &ProjectSession::changed, this, &MapView::sessionChanged);
    connect(&mSession, &ProjectSession::selectionChanged, this, [this] {
        mCanvas->setSelectedFids(mSession.selection());  // the overlay only, never a render
        updateActions();
        updateStatus();
    });
    connect(mCanvas, &MapCanvas::selectionEdited, this,
            [this](const std::vector<std::int64_t> &fids) { mSession.setSelection(fids); });
    connect(mCanvas, &MapCanvas::polygonDrawn, this, &MapView::polygonDrawn);
    connect(mCanvas, &MapCanvas::viewportChanged, this, &MapView::updateStatus);
    connect(mCanvas, &MapCanvas::renderFinished, this, [this](double milliseconds) {
        mLastRenderMs = milliseconds;
        updateStatus();
    });
    connect(mLoader, &MapDataLoader::loaded, this, &MapView::dataLoaded);
    connect(mLoader, &MapDataLoader::hillshadeLoaded, this, &MapView::hillshadeLoaded);
    connect(mLoader, &MapDataLoader::failed, this, &MapView::loadFailed);
    updatePaintOptions();
    updateActions();
    updateStatus();
    sessionChanged(SessionChange{});  // a project opened before the view was made
}

MapView::~MapView() = default;

void MapView::buildToolBar()
{
    auto *bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("mapToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QSettings settings;

    bar->addWidget(new QLabel(tr("Colour by:"), bar));
    mColourBy = new QComboBox(bar);
    mColourBy->setObjectName(QStringLiteral("mapColourBy"));
    mColourBy->addItem(tr("Screening"), int(report::ColourBy::Eligibility));
    mColourBy->addItem(tr("Stage"), int(report::ColourBy::Stage));
    mColourBy->addItem(tr("Village"), int(report::ColourBy::Village));
    mColourBy->setCurrentIndex(std::max(
        0, mColourBy->findData(settings.value(QStringLiteral("map/colourBy"), 0).toInt())));
    connect(mColourBy, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(QStringLiteral("map/colourBy"), mColourBy->currentData().toInt());
        restyle();
    });
    bar->addWidget(mColourBy);
    bar->addSeparator();

    mTools = new QActionGroup(this);
    const auto tool = [this, bar](const QString &text, const QString &tip, MapCanvas::Tool which) {
        QAction *action = bar->addAction(text);
        action->setToolTip(tip);
        action->setCheckable(true);
        mTools->addAction(action);
        connect(action, &QAction::triggered, this, [this, which] { mCanvas->setTool(which); });
        return action;
    };
    mSelectAction = tool(tr("Select"),
                         tr("Click selects a parcel, Shift+click adds or removes one, drag moves "
                            "the map, Shift+drag selects a rectangle"),
                         MapCanvas::Tool::Select);
    mRectangleAction = tool(tr("Rectangle"), tr("Drag a rectangle to add its parcels"),
                            MapCanvas::Tool::Rectangle);
    mDrawAction = tool(tr("Draw Proposal"),
                       tr("Click the corners of a new parcel (they snap to nearby parcel "
                          "corners); double-click or Enter closes it, Esc cancels"),
                       MapCanvas::Tool::Draw);
    mSelectAction->setChecked(true);
    bar->addSeparator();

    // Signs rather than words: the toolbar must fit beside the details panel at 1100 pixels.
    mZoomInAction = bar->addAction(QStringLiteral("+"), this, [this] { mCanvas->zoomBy(2.0); });
    mZoomInAction->setToolTip(tr("Zoom In"));
    mZoomOutAction =
        bar->addAction(QStringLiteral("\u2212"), this, [this] { mCanvas->zoomBy(0.5); });
    mZoomOutAction->setToolTip(tr("Zoom Out"));
    mZoomFullAction =
        bar->addAction(tr("Full Extent"), this, [this] { mCanvas->zoomToFullExtent(); });
    mZoomSelectionAction =
        bar->addAction(tr("Zoom to Selection"), this, [this] { mCanvas->zoomToSelection(); });
    mVillage = new QComboBox(bar);
    mVillage->setObjectName(QStringLiteral("mapVillage"));
    mVillage->setToolTip(tr("Zoom to a village"));
    mVillage->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    mVillage->addItem(tr("Whole town"), QString());
    connect(mVillage, &QComboBox::activated, this, &MapView::zoomToVillage);
    bar->addWidget(mVillage);
    bar->addSeparator();

    // What is drawn besides the parcels: check boxes under the legend and the Map menu's Layers.
    const auto toggle = [this, &settings](const QString &text, const QString &tip,
                                          const QString &key) {
        auto *action = new QAction(text, this);
        action->setToolTip(tip);
        action->setCheckable(true);
        action->setChecked(settings.value(QStringLiteral("map/") + key, true).toBool());
        connect(action, &QAction::toggled, this, [this, key](bool on) {
            QSettings().setValue(QStringLiteral("map/") + key, on);
            updatePaintOptions();
            updateLegend();
        });
        return action;
    };
    mHillshadeAction = toggle(tr("Hillshade"), tr("Hillshade of the DEM of the latest screening"),
                              QStringLiteral("hillshade"));
    mLayersAction = toggle(tr("Reference layers"),
                           tr("The red line, other constraint layers and village boundaries"),
                           QStringLiteral("layers"));
    mLabelsAction = toggle(tr("Parcel labels"), tr("TBBH or id and area, when zoomed in"),
                           QStringLiteral("labels"));

    mImportLayerAction = new QAction(tr("Import &Reference Layer..."), this);
    connect(mImportLayerAction, &QAction::triggered, this, &MapView::importReferenceLayer);
    mPrintAction = new QAction(tr("&Print Map..."), this);
    connect(mPrintAction, &QAction::triggered, this, &MapView::printMap);
    mExportPdfAction = new QAction(tr("Export Map Sheet as P&DF..."), this);
    connect(mExportPdfAction, &QAction::triggered, this, &MapView::exportPdf);
    mExportPngAction = new QAction(tr("Export View as P&NG..."), this);
    connect(mExportPngAction, &QAction::triggered, this, &MapView::exportPng);
    auto *printButton = new QToolButton(bar);
    printButton->setText(tr("Print and Export"));
    printButton->setPopupMode(QToolButton::InstantPopup);
    auto *printMenu = new QMenu(printButton);
    printMenu->addAction(mPrintAction);
    printMenu->addAction(mExportPdfAction);
    printMenu->addAction(mExportPngAction);
    printButton->setMenu(printMenu);
    bar->addWidget(printButton);
}

bool MapView::isUpToDate() const
{
    return mData && mStyled && mLoadedVersion == mSession.geometryVersion() &&
           mLoadingVersion == 0 && !mHillshadePending;
}

report::ColourBy MapView::colourBy() const
{
    return static_cast<report::ColourBy>(mColourBy->currentData().toInt());
}

void MapView::setColourBy(report::ColourBy colourBy)
{
    mColourBy->setCurrentIndex(std::max(0, mColourBy->findData(int(colourBy))));
}

// ---------------------------------------------------------------------------------------------
// Keeping in step with the session

bool MapView::concerns(const SessionChange &change) const
{
    return change.parcels;
}

void MapView::sessionChanged(const SessionChange &change)
{
    if (!concerns(change))
        return;
    // The rows changed: a hidden tab restyles when it is shown (SessionView::reload).
    if (!isVisible())
        mStyled = false;
    if (!mSession.project()) {
        mLoader->cancel();
        return;
    }
    // A change of geometry loads the new snapshot at once, visible or not: it is off the GUI
    // thread, and the map is ready when the officer turns to it.
    if (mSession.geometryVersion() != mLoadedVersion &&
        mSession.geometryVersion() != mLoadingVersion)
        startLoading();
}

void MapView::reload()
{
    if (!mSession.project())
        return;
    mCanvas->setSelectedFids(mSession.selection());
    if (mSession.geometryVersion() != mLoadedVersion) {
        if (mSession.geometryVersion() != mLoadingVersion)
            startLoading();
        return;  // the rows are newer than the snapshot: restyled when it arrives
    }
    restyle();
}

void MapView::startLoading()
{
    mLoadingVersion = mSession.geometryVersion();
    mHillshadePending = true;
    mRetried = false;
    mProblem.clear();
    mLoader->load(toQString(mSession.project()->path()), mLoadingVersion);
    if (!mData)
        mCanvas->setPlaceholderText(tr("Loading the map..."));
    updateStatus();
}

void MapView::dataLoaded(std::uint64_t version, std::shared_ptr<const core::MapData> data)
{
    if (version != mLoadingVersion || !mSession.project())
        return;
    if (!aligned(*data, mSession.rows())) {
        // The file changed between reading the rows and the map (another program wrote to it):
        // once more, then say so rather than colour parcels by another parcel's row.
        if (!mRetried) {
            mRetried = true;
            mLoader->load(toQString(mSession.project()->path()), version);
            return;
        }
        mLoadingVersion = 0;
        mHillshadePending = false;
        mProblem = tr("The map does not match the parcel table; open the project again.");
        updateStatus();
        return;
    }
    const bool otherProject = mSession.project()->path() != mLoadedPath;
    mLoadedPath = mSession.project()->path();
    mLoadingVersion = 0;
    mLoadedVersion = version;
    mData = std::move(data);
    mIssues = mData->issues;
    mProblem.clear();
    mCanvas->setPlaceholderText(mData->parcels && mData->parcels->size() > 0
                                    ? QString()
                                    : tr("The project has no parcels yet: import them first."));
    restyle();
    if (otherProject)
        mCanvas->zoomToFullExtent();
    updateVillages();
    updateActions();
    updateStatus();
    emit mapReady();
}

void MapView::hillshadeLoaded(std::uint64_t version,
                              std::shared_ptr<const core::Hillshade> hillshade,
                              const std::vector<core::Issue> &issues)
{
    if (version != mLoadedVersion || !mData)
        return;
    mHillshadePending = false;
    mIssues.insert(mIssues.end(), issues.begin(), issues.end());
    if (hillshade) {
        // A new snapshot (the old one may be drawing on a worker), sharing the geometry.
        auto withHillshade = std::make_shared<core::MapData>(*mData);
        withHillshade->hillshade = *hillshade;
        mData = std::move(withHillshade);
        mCanvas->setMap(mData, mCanvas->mapStyle(), mCanvas->mapLabels());
    }
    updateActions();
    updateStatus();
}

void MapView::loadFailed(std::uint64_t version, const QString &message)
{
    if (version != mLoadingVersion)
        return;
    mLoadingVersion = 0;
    mHillshadePending = false;
    mProblem = message;
    if (!mData)
        mCanvas->setPlaceholderText(message);
    updateStatus();
}

void MapView::restyle()
{
    if (!mData)
        return;
    const std::vector<core::ParcelRow> &rows = mSession.rows();
    if (!aligned(*mData, rows)) {
        // The geometry changed without a new geometry version: load it again.
        if (mLoadingVersion == 0 && mSession.project())
            startLoading();
        return;
    }
    auto style = std::make_shared<const report::MapStyle>(
        report::MapStyle::build(rows, colourBy(), report::LabelLanguage::Interface));
    auto labels = std::make_shared<const report::ParcelLabels>(report::ParcelLabels::build(rows));
    mCanvas->setMap(mData, std::move(style), std::move(labels));
    mCanvas->setSelectedFids(mSession.selection());
    mStyled = true;
    updateLegend();
    updateStatus();
}

void MapView::updatePaintOptions()
{
    report::MapPaintOptions options = mCanvas->paintOptions();
    options.hillshade = mHillshadeAction->isChecked();
    options.layers = mLayersAction->isChecked();
    options.labels = mLabelsAction->isChecked();
    options.language = report::LabelLanguage::Interface;
    options.labelFont = font();
    mCanvas->setPaintOptions(options);
}

void MapView::updateLegend()
{
    mLegend->clear();
    const auto &style = mCanvas->mapStyle();
    mLegendTitle->setText(style ? style->title() : QString());
    if (!style)
        return;
    for (const report::StyleClass &entry : style->legend()) {
        auto *item = new QListWidgetItem(swatch(entry.fill, QPen(entry.outline)),
                                         tr("%1 (%2)").arg(entry.label).arg(entry.count), mLegend);
        item->setData(Qt::UserRole, entry.label);
    }
    if (!mData || !mLayersAction->isChecked())
        return;
    for (const core::MapLayer &layer : mData->layers) {
        const report::LayerStyle layerStyle =
            report::layerStyle(layer, report::LabelLanguage::Interface);
        new QListWidgetItem(swatch(layerStyle.fill, layerStyle.outline), layerStyle.label, mLegend);
    }
}

std::vector<std::pair<QString, QString>> MapView::villages() const
{
    // The project's villages (those without parcels yet can propose one too), else the rows'.
    std::map<QString, QString> byCode;
    if (const auto table = mSession.taskTable()) {
        for (const core::VillageTask &village : table->villages)
            byCode.emplace(toQString(village.code), toQString(village.name));
    }
    for (const core::ParcelRow &row : mSession.rows()) {
        if (row.villageCode && !row.villageCode->empty())
            byCode.emplace(toQString(*row.villageCode), toQString(row.village));
    }
    return {byCode.begin(), byCode.end()};
}

void MapView::updateVillages()
{
    const QString current = mVillage->currentData().toString();
    mVillage->clear();
    mVillage->addItem(tr("Whole town"), QString());
    for (const auto &[code, name] : villages())
        mVillage->addItem(name, code);
    mVillage->setCurrentIndex(std::max(0, mVillage->findData(current)));
}

void MapView::updateActions()
{
    const bool project = mSession.project() != nullptr;
    const bool data = mData != nullptr;
    mImportLayerAction->setEnabled(project);
    for (QAction *action : {mPrintAction, mExportPdfAction, mExportPngAction, mZoomInAction,
                            mZoomOutAction, mZoomFullAction})
        action->setEnabled(project && data);
    // A drawn parcel needs the project's CRS, which its first import sets.
    mDrawAction->setEnabled(project && data && mData->parcels && mData->parcels->size() > 0);
    mZoomSelectionAction->setEnabled(data && !mSession.selection().empty());
    mHillshadeAction->setEnabled(data && mData->hillshade.has_value());
    mVillage->setEnabled(data);
}

void MapView::updateStatus()
{
    QStringList parts;
    if (mLoadingVersion != 0)
        parts << tr("Loading the map...");
    if (!mProblem.isEmpty())
        parts << mProblem;
    for (const core::Issue &issue : mIssues) {
        if (issue.code == "hillshade_unavailable")
            parts << tr("No hillshade: %1").arg(toQString(issue.detail));
    }
    if (!mSession.selection().empty())
        parts << tr("%n parcel(s) selected", nullptr, int(mSession.selection().size()));
    if (mCanvas->viewport().isValid() && mData)
        parts << tr("Scale 1:%1")
                     .arg(QString::number(std::llround(mCanvas->viewport().metresPerPixel() /
                                                       kMetresPerScreenPixel)));
    if (mLastRenderMs >= 0)
        parts << tr("Drawn in %1 ms").arg(std::llround(mLastRenderMs));
    mStatus->setText(parts.join(QStringLiteral("   ·   ")));
}

const core::ParcelRow *MapView::rowOfItem(std::size_t item) const
{
    if (!mData || item >= mData->fids.size())
        return nullptr;
    // By fid, not by position: the rows may already be newer than the snapshot.
    const std::int64_t fid = mData->fids[item];
    const std::vector<core::ParcelRow> &rows = mSession.rows();
    const auto found = std::lower_bound(
        rows.begin(), rows.end(), fid,
        [](const core::ParcelRow &row, std::int64_t value) { return row.fid < value; });
    return found != rows.end() && found->fid == fid ? &*found : nullptr;
}

QString MapView::toolTipFor(std::size_t item) const
{
    const core::ParcelRow *row = rowOfItem(item);
    if (!row)
        return {};
    const auto line = [](const QString &label, const QString &value) {
        return QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString text = QStringLiteral("<b>%1</b><table>").arg(toQString(row->id).toHtmlEscaped());
    text += line(tr("Village"), toQString(row->village));
    text += line(tr("Gross area (mu)"), QString::number(row->grossMu, 'f', 2));
    text += line(tr("Stage"), ParcelTableModel::stageText(*row));
    text += line(tr("Screening"), ParcelTableModel::verdictText(*row));
    text += QStringLiteral("</table>");
    return text;
}

void MapView::zoomToVillage()
{
    const QString key = mVillage->currentData().toString();
    if (key.isEmpty()) {
        mCanvas->zoomToFullExtent();
        return;
    }
    if (!mData || !aligned(*mData, mSession.rows()))
        return;
    if (const auto focus = report::findVillage(*mData, mSession.rows(), toUtf8(key)))
        mCanvas->zoomToBox(focus->extent);
}

// ---------------------------------------------------------------------------------------------
// Drawing, importing, printing

void MapView::polygonDrawn(const std::vector<double> &ringXY)
{
    if (!mSession.project())
        return;
    DrawnParcelDialog dialog(villages(), ringXY.size() / 2,
                             core::squareMetresToMu(planarArea(ringXY)), this);
    if (const QString current = mVillage->currentData().toString(); !current.isEmpty())
        dialog.setVillageCode(current);
    if (dialog.exec() != QDialog::Accepted)
        return;
    core::DrawnParcel parcel;
    parcel.ringXY = ringXY;
    parcel.villageCode = toUtf8(dialog.villageCode());
    parcel.note = toUtf8(dialog.note());
    const ProjectSession::Proposed proposed = mSession.proposeDrawnParcel(parcel, this);
    if (!proposed.result) {
        QMessageBox::warning(this, tr("Cannot add the drawn parcel"), proposed.error);
        return;
    }
    const core::DrawnParcelResult &result = *proposed.result;
    QString verdict;
    if (!result.screeningRunId) {
        verdict = tr("It was not screened: %1.").arg(toQString(result.notScreened));
    } else if (result.eligible.value_or(false)) {
        verdict = tr("Screening: eligible.");
    } else {
        QStringList reasons;
        for (const std::string &reason : result.reasons)
            reasons << ParcelTableModel::reasonName(reason);
        verdict = tr("Screening: excluded (%1).").arg(reasons.join(tr(", ")));
    }
    if (!result.flags.empty()) {
        QStringList flags;
        for (const std::string &flag : result.flags)
            flags << ParcelTableModel::reasonName(flag);
        verdict += QLatin1Char(' ') + tr("For review: %1.").arg(flags.join(tr(", ")));
    }
    mSelectAction->trigger();
    // Not modal: the map behind it shows the new parcel as soon as its snapshot is loaded.
    auto *box = new QMessageBox(
        QMessageBox::Information, tr("Drawn parcel proposed"),
        tr("Parcel %1 (%2 mu) was added as a proposal of %3.")
                .arg(toQString(result.parcelId),
                     QString::number(core::squareMetresToMu(result.areaM2), 'f', 2),
                     mVillage->itemText(std::max(0, mVillage->findData(dialog.villageCode())))) +
            QLatin1Char('\n') + verdict,
        QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("proposalResult"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MapView::importReferenceLayer()
{
    if (!mSession.project())
        return;
    ReferenceLayerDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const core::ReferenceLayerRequest request = dialog.request();
    const std::string path = mSession.project()->path();
    std::optional<core::ReferenceLayerInfo> imported;
    // The worker opens its own connection: a Project is one per thread.
    const TaskRunner::Outcome outcome = TaskRunner::run(
        this, tr("Importing the reference layer..."), [&](core::Progress &progress) {
            auto project = core::Project::open(path);
            if (!project)
                return TaskRunner::Outcome{false, report::errorText(project.error())};
            auto info = core::importReferenceLayer(**project, request, progress);
            if (!info)
                return TaskRunner::Outcome{false, report::errorText(info.error())};
            imported = std::move(info).value();
            return TaskRunner::Outcome{};
        });
    if (!outcome.ok || !imported) {
        QMessageBox::warning(this, tr("Cannot import the layer"), outcome.message);
        return;
    }
    mSession.refresh();  // a new geometry version: the map loads the layer
    core::MapLayer layer;
    layer.kind = imported->kind;
    layer.name = imported->name;
    QString text = tr("%1 kept as %2: %n feature(s).", nullptr, int(imported->featureCount))
                       .arg(toQString(imported->name),
                            report::layerStyle(layer, report::LabelLanguage::Interface).label);
    if (!imported->issues.empty())
        text += QLatin1Char('\n') +
                tr("%n feature(s) repaired or skipped.", nullptr, int(imported->issues.size()));
    QMessageBox::information(this, tr("Reference layer imported"), text);
}

std::optional<report::MapSheet> MapView::chooseSheet(const QString &title)
{
    if (!mSession.project())
        return std::nullopt;
    if (!mData || !aligned(*mData, mSession.rows())) {
        QMessageBox::information(this, title, tr("The map is still loading; try again shortly."));
        return std::nullopt;
    }
    MapPrintDialog dialog(villages(), report::ColourBy::Stage, this);
    dialog.setWindowTitle(title);
    dialog.setVillage(mVillage->currentData().toString());
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    report::MapSheetOptions options = dialog.options();
    options.fonts = SettingsDialog::documentFonts();
    // The same sheet as `gengbao-cli print map`.
    auto sheet =
        report::makeMapSheet(mData, mSession.rows(), mSession.project()->settings(), options);
    if (!sheet) {
        QMessageBox::warning(this, tr("Cannot print the map"), report::errorText(sheet.error()));
        return std::nullopt;
    }
    return std::move(sheet).value();
}

void MapView::printMap()
{
    const auto sheet = chooseSheet(tr("Print Map"));
    if (!sheet)
        return;
    // At screen resolution, not HighResolution: the sheet's lines are cosmetic pens as wide as
    // the device's pixels per nominal pixel, and the preview replays the page scaled down without
    // scaling them (at 1200 dpi every line came out 12 pixels wide). The page is vector output
    // either way; the PDF export writes at full resolution (writeMapSheetPdf).
    QPrinter printer(QPrinter::ScreenResolution);
    printer.setDocName(sheet->title);
    printer.setPageSize(
        QPageSize(sheet->paper == report::Paper::A3 ? QPageSize::A3 : QPageSize::A4));
    printer.setPageOrientation(sheet->orientation);
    QString failure;
    QPrintPreviewDialog preview(&printer, this);
    connect(&preview, &QPrintPreviewDialog::paintRequested, this, [&](QPrinter *target) {
        if (auto painted = report::paintMapSheet(*sheet, *target); !painted)
            failure = report::errorText(painted.error());
    });
    preview.exec();
    if (!failure.isEmpty())
        QMessageBox::warning(this, tr("Cannot print the map"), failure);
}

void MapView::exportPdf()
{
    const auto sheet = chooseSheet(tr("Export Map Sheet as PDF"));
    if (!sheet)
        return;
    QSettings settings;
    const QString start = settings.value(QStringLiteral("lastDirectory")).toString();
    const QString path = FileDialogs::getSaveFileName(
        this, tr("Export Map Sheet as PDF"),
        QDir(start).filePath(sheet->title + QStringLiteral(".pdf")), tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastDirectory"), QFileInfo(path).absolutePath());
    if (auto written = report::writeMapSheetPdf(*sheet, path); !written)
        QMessageBox::warning(this, tr("Cannot print the map"), report::errorText(written.error()));
}

void MapView::exportPng()
{
    if (!mData)
        return;
    QSettings settings;
    const QString start = settings.value(QStringLiteral("lastDirectory")).toString();
    const QString path = FileDialogs::getSaveFileName(this, tr("Export View as PNG"), start,
                                                      tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastDirectory"), QFileInfo(path).absolutePath());
    const QImage image = mCanvas->exportImage(2.0);
    if (image.isNull() || !image.save(path, "PNG"))
        QMessageBox::warning(this, tr("Cannot export the map"),
                             tr("%1 cannot be written.").arg(QDir::toNativeSeparators(path)));
}

}  // namespace gengbao::app
