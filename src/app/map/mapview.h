// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../views/sessionview.h"

#include <core/base/issue.h>
#include <core/ops/mapdata.h>
#include <report/mapsheet.h>
#include <report/mapstyle.h>

#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

class QAction;
class QActionGroup;
class QComboBox;
class QLabel;
class QListWidget;

namespace gengbao::app {

class MapCanvas;
class MapDataLoader;

// The Map tab: the canvas with a toolbar (colour by eligibility, stage or village; the tools;
// zoom; the layers to show; print and export) and a legend. It keeps the map in step with the
// session: a change of geometry (ProjectSession::geometryVersion) loads a new snapshot off the
// GUI thread, visible or not, while the old one keeps drawing; any other change only restyles
// (a new MapStyle from the session's rows, no reload), and only when the tab is on screen. The
// selection is the session's, both ways. GUI thread only.
class MapView : public SessionView
{
    Q_OBJECT

public:
    MapView(ProjectSession &session, QWidget *parent = nullptr);
    ~MapView() override;

    MapCanvas *canvas() const { return mCanvas; }
    // The snapshot on the map is the one of the session's geometry (its hillshade step done),
    // styled from its rows.
    bool isUpToDate() const;
    void setColourBy(report::ColourBy colourBy);
    report::ColourBy colourBy() const;

    // For the window's Map menu.
    QAction *importLayerAction() const { return mImportLayerAction; }
    QAction *printAction() const { return mPrintAction; }
    QAction *exportPdfAction() const { return mExportPdfAction; }
    QAction *exportPngAction() const { return mExportPngAction; }
    QAction *zoomFullAction() const { return mZoomFullAction; }
    QAction *zoomSelectionAction() const { return mZoomSelectionAction; }
    QAction *drawAction() const { return mDrawAction; }
    QList<QAction *> layerActions() const
    {
        return {mHillshadeAction, mLayersAction, mLabelsAction};
    }

    // The text of the tooltip over a map item: id, village, area, stage and verdict, in the
    // table's words.
    QString toolTipFor(std::size_t item) const;

signals:
    // The snapshot of the session's geometry is on the canvas and styled (for tests and status).
    void mapReady();

protected:
    void reload() override;

private:
    void buildToolBar();
    void sessionChanged(const SessionChange &change);
    // The map shows parcels only: a change of tasks or of the plan is none of its business.
    bool concerns(const SessionChange &change) const override;
    void startLoading();
    void dataLoaded(std::uint64_t version, std::shared_ptr<const core::MapData> data);
    void hillshadeLoaded(std::uint64_t version, std::shared_ptr<const core::Hillshade> hillshade,
                         const std::vector<core::Issue> &issues);
    void loadFailed(std::uint64_t version, const QString &message);
    void restyle();
    void updatePaintOptions();
    void updateLegend();
    void updateVillages();
    void updateActions();
    void updateStatus();
    void zoomToVillage();
    void polygonDrawn(const std::vector<double> &ringXY);
    void importReferenceLayer();
    std::optional<report::MapSheet> chooseSheet(const QString &title);
    void printMap();
    void exportPdf();
    void exportPng();
    // (code, name) of the project's villages, by code.
    std::vector<std::pair<QString, QString>> villages() const;
    const core::ParcelRow *rowOfItem(std::size_t item) const;

    MapCanvas *mCanvas = nullptr;
    MapDataLoader *mLoader = nullptr;
    QComboBox *mColourBy = nullptr;
    QComboBox *mVillage = nullptr;
    QLabel *mLegendTitle = nullptr;
    QListWidget *mLegend = nullptr;
    QLabel *mStatus = nullptr;
    QActionGroup *mTools = nullptr;
    QAction *mSelectAction = nullptr;
    QAction *mRectangleAction = nullptr;
    QAction *mDrawAction = nullptr;
    QAction *mZoomInAction = nullptr;
    QAction *mZoomOutAction = nullptr;
    QAction *mZoomFullAction = nullptr;
    QAction *mZoomSelectionAction = nullptr;
    QAction *mHillshadeAction = nullptr;
    QAction *mLayersAction = nullptr;
    QAction *mLabelsAction = nullptr;
    QAction *mImportLayerAction = nullptr;
    QAction *mPrintAction = nullptr;
    QAction *mExportPdfAction = nullptr;
    QAction *mExportPngAction = nullptr;

    std::shared_ptr<const core::MapData> mData;  // the snapshot on the canvas
    std::uint64_t mLoadingVersion = 0;           // of the load under way (0: none)
    std::uint64_t mLoadedVersion = 0;            // of mData
    bool mRetried = false;                       // one reload when a snapshot and the rows disagree
    bool mStyled = false;                        // mData is styled from the session's current rows
    bool mHillshadePending = false;              // the load's second step has not reported yet
    std::string mLoadedPath;
    std::vector<core::Issue> mIssues;
    QString mProblem;  // a load that failed
    double mLastRenderMs = -1;
};

}  // namespace gengbao::app
