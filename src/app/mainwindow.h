// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project.h>
#include <report/annex.h>

#include <QMainWindow>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QMenu;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QTableView;
class QTabWidget;
class QTableWidget;

namespace gengbao::app {

class MapView;
class ParcelDetails;
class ParcelFilter;
class ParcelTableModel;
class ProjectSession;
struct SessionChange;

// The main window: opens a project, lists its parcels with filters, moves them along their
// stages (undoable), shows the audit log and prints the annex. Every edit is saved at once, so
// there is no Save action. The full application (import, screening, tasks, map) grows from here.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a project file; shows the error and keeps the current project on failure.
    bool openProject(const QString &path);

private:
    void chooseAndOpenProject();
    void fillRecentMenu();
    void newProject();
    void showSession(const SessionChange &change);  // after the project opened or changed
    void buildFilterBar();
    void buildAuditDock();
    void refreshAuditLog();
    void showDetails();  // of the current parcel
    // Long work on a worker thread with progress and Cancel; the window stays responsive.
    // The import dialog (with these files already listed), then the import on a worker.
    void importParcels(const QStringList &files = {});
    void selectParcel(const QString &parcelId);  // on the parcels' tab, filters cleared
    void screenParcels();
    // The work plan (target, phases, deadlines, rules, indicators) in a dialog; Save is one
    // undoable command.
    void editPlan();
    // Moves the selected parcels to a stage chosen in a dialog, as one undoable command.
    void advanceSelection();
    // The task breakdown annex (任务分解表) of the restoration program, to a printer or a PDF.
    void printAnnex();
    void exportAnnexPdf();
    // A copy of the open project under a new name (a backup, or the rescue of a lost file).
    void saveCopy();
    // The open file was deleted or replaced: say so and offer to save what the window holds.
    void projectFileLost(const QString &path);
    std::optional<report::OfficialDocument> annex();
    void updateTitle();
    void updateStatus();
    // The one selection (ProjectSession::selection) and the table's, kept equal both ways:
    // the table's rows from the session's after a change elsewhere (the map), scrolled to the
    // first when asked; the session's from the table's when the officer selects rows.
    void selectTableRows(bool scroll);
    void tableSelectionChanged();
    void showSelectionOnMap();
    // Applies a filter change without letting it shrink the shared selection.
    void refilter(const std::function<void()> &change);

    ProjectSession *mSession = nullptr;
    ParcelTableModel *mModel = nullptr;
    ParcelFilter *mProxy = nullptr;
    QTableView *mTable = nullptr;
    QTabWidget *mTabs = nullptr;
    QLabel *mStatusLabel = nullptr;
    QAction *mPrintAnnexAction = nullptr;
    QAction *mAnnexPdfAction = nullptr;
    QAction *mSaveCopyAction = nullptr;
    QAction *mAdvanceAction = nullptr;
    QAction *mImportAction = nullptr;
    QMenu *mRecentMenu = nullptr;
    QAction *mScreenAction = nullptr;
    QAction *mPlanAction = nullptr;
    QComboBox *mVillageFilter = nullptr;
    QComboBox *mStageFilter = nullptr;
    QComboBox *mVerdictFilter = nullptr;
    QComboBox *mReasonFilter = nullptr;
    QComboBox *mBatchFilter = nullptr;
    QComboBox *mSourceFilter = nullptr;
    QLineEdit *mSearch = nullptr;
    QDockWidget *mAuditDock = nullptr;
    QTableWidget *mAuditTable = nullptr;
    QDockWidget *mDetailsDock = nullptr;
    ParcelDetails *mDetails = nullptr;
    MapView *mMapView = nullptr;
    QAction *mShowOnMapAction = nullptr;
    bool mSyncingSelection = false;  // the table follows the session: do not write back
};

}  // namespace gengbao::app
