// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "dialogs/advancedialog.h"
#include "dialogs/filedialogs.h"
#include "dialogs/importdialog.h"
#include "dialogs/importsummarydialog.h"
#include "dialogs/newprojectdialog.h"
#include "dialogs/plandialog.h"
#include "dialogs/screeningdialog.h"
#include "dialogs/settingsdialog.h"
#include "map/mapview.h"
#include "models/parcelfilter.h"
#include "models/parceltablemodel.h"
#include "session/strings.h"
#include "session/taskrunner.h"
#include "views/parceldetails.h"
#include "views/payoutsview.h"
#include "views/progressview.h"
#include "views/villagetasksview.h"

#include <core/ops/exportparcels.h>
#include <core/ops/plans.h>
#include <report/errortext.h>
#include <report/vocabulary.h>

#include <QDir>
#include <QPrintDialog>
#include <QPrinter>

#include <core/ops/audit.h>
#include <core/ops/importparcels.h>
#include <core/ops/screenparcels.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelection>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolBar>
#include <QUndoStack>

#include <algorithm>
#include <map>
#include <set>

namespace gengbao::app {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , mSession(new ProjectSession(this))
    , mModel(new ParcelTableModel(this))
    , mProxy(new ParcelFilter(mModel, this))
    , mTable(new QTableView(this))
    , mStatusLabel(new QLabel(this))
{
    mProxy->setSortRole(Qt::UserRole + 1);
    mTable->setModel(mProxy);
    mTable->setSortingEnabled(true);
    mTable->sortByColumn(ParcelTableModel::Id, Qt::AscendingOrder);  // import order, not reversed
    mTable->verticalHeader()->hide();
    mTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    mTable->setAlternatingRowColors(true);
    mTable->horizontalHeader()->setStretchLastSection(true);
    mTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    mTable->setObjectName(QStringLiteral("parcelTable"));
    mTabs = new QTabWidget(this);
    mTabs->addTab(mTable, tr("Parcels"));
    mMapView = new MapView(*mSession, mTabs);
    mTabs->addTab(mMapView, tr("Map"));
    mTabs->addTab(new VillageTasksView(*mSession, mTabs), tr("Village Tasks"));
    mTabs->addTab(new ProgressView(*mSession, mTabs), tr("Progress"));
    mTabs->addTab(new PayoutsView(*mSession, mTabs), tr("Payouts"));
    setCentralWidget(mTabs);
    statusBar()->addWidget(mStatusLabel);
    buildFilterBar();
    buildAuditDock();
    mDetailsDock = new QDockWidget(tr("Parcel Details"), this);
    mDetailsDock->setObjectName(QStringLiteral("detailsDock"));
    mDetails = new ParcelDetails(mDetailsDock);
    mDetailsDock->setWidget(mDetails);
    addDockWidget(Qt::RightDockWidgetArea, mDetailsDock);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *newAction = fileMenu->addAction(tr("&New Project..."));
    newAction->setShortcut(QKeySequence::New);
    connect(newAction, &QAction::triggered, this, &MainWindow::newProject);
    QAction *openAction = fileMenu->addAction(tr("&Open Project..."));
    openAction->setShortcut(QKeySequence::Open);
    connect(openAction, &QAction::triggered, this, &MainWindow::chooseAndOpenProject);
    mRecentMenu = fileMenu->addMenu(tr("Open &Recent"));
    connect(mRecentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    mSaveCopyAction = fileMenu->addAction(tr("Save a &Copy As..."));
    connect(mSaveCopyAction, &QAction::triggered, this, &MainWindow::saveCopy);
    fileMenu->addSeparator();
    mImportAction = fileMenu->addAction(tr("&Import Parcels..."));
    mImportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(mImportAction, &QAction::triggered, this, [this] { importParcels(); });
    fileMenu->addSeparator();
    mPrintAnnexAction = fileMenu->addAction(tr("&Print Task Annex..."));
    mPrintAnnexAction->setShortcut(QKeySequence::Print);
    connect(mPrintAnnexAction, &QAction::triggered, this, &MainWindow::printAnnex);
    mAnnexPdfAction = fileMenu->addAction(tr("Export Task Annex as &PDF..."));
    connect(mAnnexPdfAction, &QAction::triggered, this, &MainWindow::exportAnnexPdf);
    fileMenu->addSeparator();
    QAction *quitAction = fileMenu->addAction(tr("&Quit"));
    quitAction->setShortcut(QKeySequence::Quit);
    connect(quitAction, &QAction::triggered, qApp, &QApplication::quit);

    // Every edit goes through the session's undo stack, with readable names.
    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction *undoAction = mSession->undoStack()->createUndoAction(this, tr("&Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    QAction *redoAction = mSession->undoStack()->createRedoAction(this, tr("&Redo"));
    redoAction->setShortcut(QKeySequence::Redo);
    editMenu->addAction(undoAction);
    editMenu->addAction(redoAction);
    editMenu->addSeparator();
    mPlanAction = editMenu->addAction(tr("Work &Plan..."));
    connect(mPlanAction, &QAction::triggered, this, &MainWindow::editPlan);

    QMenu *parcelMenu = menuBar()->addMenu(tr("&Parcels"));
    mAdvanceAction = parcelMenu->addAction(tr("&Move to Stage..."));
    mAdvanceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    connect(mAdvanceAction, &QAction::triggered, this, &MainWindow::advanceSelection);
    mTable->addAction(mAdvanceAction);
    mScreenAction = parcelMenu->addAction(tr("&Screen Parcels..."));
    connect(mScreenAction, &QAction::triggered, this, &MainWindow::screenParcels);
    mShowOnMapAction = parcelMenu->addAction(tr("Show on the &Map"));
    connect(mShowOnMapAction, &QAction::triggered, this, &MainWindow::showSelectionOnMap);
    mTable->addAction(mShowOnMapAction);
    mTable->setContextMenuPolicy(Qt::ActionsContextMenu);

    QMenu *mapMenu = menuBar()->addMenu(tr("&Map"));
    mapMenu->addAction(mMapView->importLayerAction());
    mapMenu->addSeparator();
    mapMenu->addAction(mMapView->printAction());
    mapMenu->addAction(mMapView->exportPdfAction());
    mapMenu->addAction(mMapView->exportPngAction());
    mapMenu->addSeparator();
    mapMenu->addAction(mMapView->zoomFullAction());
    mapMenu->addAction(mMapView->zoomSelectionAction());
    mapMenu->addAction(mMapView->drawAction());
    QMenu *layersMenu = mapMenu->addMenu(tr("&Layers"));
    layersMenu->addActions(mMapView->layerActions());
    // From the menu, these act on the map: show it.
    for (QAction *action :
         {mMapView->zoomFullAction(), mMapView->zoomSelectionAction(), mMapView->drawAction()})
        connect(action, &QAction::triggered, this, [this] { mTabs->setCurrentWidget(mMapView); });

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *settingsAction = editMenu->addAction(tr("&Settings..."));
    settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(settingsAction, &QAction::triggered, this, [this] {
        SettingsDialog dialog(this);
        dialog.exec();
    });
    viewMenu->addAction(mDetailsDock->toggleViewAction());
    viewMenu->addAction(mAuditDock->toggleViewAction());

    connect(mSession, &ProjectSession::changed, this, &MainWindow::showSession);
    connect(mSession, &ProjectSession::undoFailed, this, [this](const QString &message) {
        QMessageBox::warning(this, tr("Cannot undo"), message);
    });
    connect(mSession, &ProjectSession::projectFileLost, this, &MainWindow::projectFileLost);
    connect(mTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        mAdvanceAction->setEnabled(mTable->selectionModel()->hasSelection());
        mShowOnMapAction->setEnabled(mTable->selectionModel()->hasSelection());
        showDetails();
        tableSelectionChanged();
    });
    connect(mSession, &ProjectSession::selectionChanged, this, [this] { selectTableRows(true); });
    mAdvanceAction->setEnabled(false);
    mShowOnMapAction->setEnabled(false);

    resize(1100, 700);
    updateTitle();
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::chooseAndOpenProject()
{
    QSettings settings;
    const QString start = settings.value(QStringLiteral("lastDirectory")).toString();
    const QString path = FileDialogs::getOpenFileName(this, tr("Open Project"), start,
                                                      tr("Gengbao projects (*.gpkg)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastDirectory"), QFileInfo(path).absolutePath());
    openProject(path);
}

bool MainWindow::openProject(const QString &path)
{
    if (const auto failure = mSession->open(path)) {
        QMessageBox::warning(this, tr("Cannot open project"), *failure);
        return false;
    }
    mTable->resizeColumnsToContents();
    // The most recent first, ten at most.
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentProjects")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    settings.setValue(QStringLiteral("recentProjects"), recent.mid(0, 10));
    return true;
}

void MainWindow::editPlan()
{
    const std::optional<core::Plan> plan = mSession->plan();
    if (!plan)
        return;
    PlanDialog dialog(*plan, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (const auto failure = mSession->savePlan(dialog.plan()))
        QMessageBox::warning(this, tr("Cannot save the plan"), *failure);
}

void MainWindow::newProject()
{
    NewProjectDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const core::ProjectSettings settings = dialog.settings();
    QSettings stored;
    const QString start = stored.value(QStringLiteral("lastDirectory")).toString();
    const QString name =
        toQString(settings.town) + QString::number(settings.year) + QStringLiteral(".gpkg");
    const QString path = FileDialogs::getSaveFileName(
        this, tr("New Project"), QDir(start).filePath(name), tr("Gengbao projects (*.gpkg)"));
    if (path.isEmpty())
        return;
    auto created = core::Project::create(toUtf8(path), settings);
    if (!created) {
        QMessageBox::warning(this, tr("Cannot create the project"),
                             report::errorText(created.error()));
        return;
    }
    created->reset();  // the session opens it
    if (!openProject(path))
        return;
    if (const QString first = dialog.firstFile(); !first.isEmpty())
        importParcels({first});
}

void MainWindow::fillRecentMenu()
{
    mRecentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentProjects")).toStringList();
    for (const QString &path : recent) {
        QAction *action = mRecentMenu->addAction(QFileInfo(path).fileName());
        action->setToolTip(path);
        connect(action, &QAction::triggered, this, [this, path] { openProject(path); });
    }
    mRecentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showSession(const SessionChange &change)
{
    if (!change.parcels) {
        // Tasks or the plan: the rows and their filters stay; the log, title and status follow.
        refreshAuditLog();
        updateTitle();
        updateStatus();
        return;
    }
    mModel->setRows(mSession->sharedRows());
    selectTableRows(false);  // the reset cleared the table's selection, not the session's
    // The village filter offers the villages of the project, by code.
    const QString current = mVillageFilter->currentData().toString();
    mVillageFilter->blockSignals(true);
    mVillageFilter->clear();
    mVillageFilter->addItem(tr("All villages"), QString());
    std::map<std::string, std::string> villages;
    for (const core::ParcelRow &row : mSession->rows()) {
        if (row.villageCode)
            villages.emplace(*row.villageCode, row.village);
    }
    for (const auto &[code, name] : villages)
        mVillageFilter->addItem(toQString(name), toQString(code));
    mVillageFilter->setCurrentIndex(std::max(0, mVillageFilter->findData(current)));
    mVillageFilter->blockSignals(false);
    // The reasons and batches the project has.
    std::set<std::string> reasons;
    std::map<std::int64_t, std::string> batches;
    for (const core::ParcelRow &row : mSession->rows()) {
        for (const std::string &reason : row.reasons.value_or(std::vector<std::string>{}))
            reasons.insert(reason);
        batches.emplace(row.batchId, row.batch);
    }
    const QString currentReason = mReasonFilter->currentData().toString();
    mReasonFilter->blockSignals(true);
    while (mReasonFilter->count() > 1)
        mReasonFilter->removeItem(1);
    for (const std::string &reason : reasons)
        mReasonFilter->addItem(ParcelTableModel::reasonName(reason), toQString(reason));
    mReasonFilter->setCurrentIndex(std::max(0, mReasonFilter->findData(currentReason)));
    mReasonFilter->blockSignals(false);
    const qlonglong currentBatch = mBatchFilter->currentData().toLongLong();
    mBatchFilter->blockSignals(true);
    while (mBatchFilter->count() > 1)
        mBatchFilter->removeItem(1);
    for (const auto &[id, label] : batches)
        mBatchFilter->addItem(toQString(label), qlonglong(id));
    mBatchFilter->setCurrentIndex(std::max(0, mBatchFilter->findData(currentBatch)));
    mBatchFilter->blockSignals(false);
    refreshAuditLog();
    showDetails();
    updateTitle();
    updateStatus();
}

void MainWindow::importParcels(const QStringList &files)
{
    ImportDialog dialog(this);
    for (const QString &file : files)
        dialog.addFile(file);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const auto requests = dialog.requests();
    if (requests.empty())
        return;
    const std::string path = mSession->project()->path();
    // The worker opens its own connection: a Project is one per thread.
    QList<ImportSummaryDialog::Problem> problems;
    const auto outcome =
        TaskRunner::run(this, tr("Importing parcels..."), [&](core::Progress &progress) {
            auto project = core::Project::open(path);
            if (!project)
                return TaskRunner::Outcome{false, report::errorText(project.error())};
            QStringList lines;
            for (const core::ImportRequest &request : requests) {
                auto summary = core::importParcels(**project, request, progress);
                if (!summary)
                    return TaskRunner::Outcome{false, report::errorText(summary.error())};
                const QString file = QFileInfo(toQString(request.path)).fileName();
                lines << tr("%1: %2 read, %3 imported, %4 repaired, %5 duplicates, %6 rejected")
                             .arg(file)
                             .arg(summary->counts.read)
                             .arg(summary->counts.imported)
                             .arg(summary->counts.repaired)
                             .arg(summary->counts.duplicates)
                             .arg(summary->counts.rejected);
                for (const core::Issue &issue : summary->issues)
                    problems.append({file + QStringLiteral(": ") + toQString(issue.detail),
                                     toQString(issue.parcelId)});
            }
            return TaskRunner::Outcome{true, lines.join(QLatin1Char('\n'))};
        });
    mSession->refresh();
    if (!outcome.ok) {
        QMessageBox::warning(this, tr("Import failed"), outcome.message);
        return;
    }
    ImportSummaryDialog summary(outcome.message, problems, this);
    connect(&summary, &ImportSummaryDialog::parcelChosen, this, &MainWindow::selectParcel);
    summary.exec();
}

void MainWindow::selectParcel(const QString &parcelId)
{
    // Clear the filters that could hide it, then select its row.
    mVillageFilter->setCurrentIndex(0);
    mStageFilter->setCurrentIndex(0);
    mVerdictFilter->setCurrentIndex(0);
    mReasonFilter->setCurrentIndex(0);
    mBatchFilter->setCurrentIndex(0);
    mSourceFilter->setCurrentIndex(0);
    mSearch->clear();
    mTabs->setCurrentWidget(mTable);
    for (int row = 0; row < mProxy->rowCount(); ++row) {
        const QModelIndex index = mProxy->index(row, 0);
        if (index.data(ParcelTableModel::ParcelIdRole).toString() == parcelId) {
            mTable->selectRow(row);
            mTable->scrollTo(index);
            return;
        }
    }
}

void MainWindow::screenParcels()
{
    auto plan = core::loadPlan(*mSession->project());
    const core::ProgramRules rules =
        plan && plan->restoration() ? plan->restoration()->rules : core::ProgramRules{};
    ScreeningDialog dialog(rules, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const core::ScreeningRequest request = dialog.request();
    const std::string path = mSession->project()->path();
    const auto outcome =
        TaskRunner::run(this, tr("Screening parcels..."), [&](core::Progress &progress) {
            auto project = core::Project::open(path);
            if (!project)
                return TaskRunner::Outcome{false, report::errorText(project.error())};
            auto summary = core::screenParcels(**project, request, progress);
            if (!summary)
                return TaskRunner::Outcome{false, report::errorText(summary.error())};
            QStringList lines;
            lines << tr("%1 parcels screened, %2 eligible.")
                         .arg(summary->screened)
                         .arg(summary->eligible);
            for (const auto &[reason, count] : summary->excluded)
                lines << tr("Excluded for %1: %2")
                             .arg(ParcelTableModel::reasonName(reason))
                             .arg(count);
            for (const auto &[flag, count] : summary->flagged)
                lines << tr("Flagged %1: %2").arg(ParcelTableModel::reasonName(flag)).arg(count);
            return TaskRunner::Outcome{true, lines.join(QLatin1Char('\n'))};
        });
    mSession->refresh();
    if (outcome.ok)
        QMessageBox::information(this, tr("Screening finished"), outcome.message);
    else
        QMessageBox::warning(this, tr("Screening failed"), outcome.message);
}

void MainWindow::tableSelectionChanged()
{
    if (mSyncingSelection)
        return;
    std::vector<std::int64_t> fids;
    const std::vector<core::ParcelRow> &rows = mModel->rows();
    for (const QModelIndex &index : mTable->selectionModel()->selectedRows()) {
        const int row = mProxy->mapToSource(index).row();
        if (row >= 0 && std::size_t(row) < rows.size())
            fids.push_back(rows[std::size_t(row)].fid);
    }
    mSyncingSelection = true;  // the session's selectionChanged comes back at once
    mSession->setSelection(std::move(fids));
    mSyncingSelection = false;
}

void MainWindow::selectTableRows(bool scroll)
{
    if (mSyncingSelection)
        return;
    // Rows hidden by the filters stay selected in the session (and on the map), not here.
    const std::vector<core::ParcelRow> &rows = mModel->rows();
    std::vector<int> proxyRows;
    for (const std::int64_t fid : mSession->selection()) {
        const auto found = std::lower_bound(
            rows.begin(), rows.end(), fid,
            [](const core::ParcelRow &row, std::int64_t value) { return row.fid < value; });
        if (found == rows.end() || found->fid != fid)
            continue;
        const QModelIndex index =
            mProxy->mapFromSource(mModel->index(int(found - rows.begin()), 0));
        if (index.isValid())
            proxyRows.push_back(index.row());
    }
    std::sort(proxyRows.begin(), proxyRows.end());
    // Runs of neighbouring rows as one range each: a selection of 100k rows stays cheap.
    QItemSelection selection;
    const int lastColumn = mProxy->columnCount() - 1;
    for (std::size_t i = 0; i < proxyRows.size();) {
        std::size_t j = i;
        while (j + 1 < proxyRows.size() && proxyRows[j + 1] == proxyRows[j] + 1)
            ++j;
        selection.select(mProxy->index(proxyRows[i], 0), mProxy->index(proxyRows[j], lastColumn));
        i = j + 1;
    }
    mSyncingSelection = true;
    QItemSelectionModel *model = mTable->selectionModel();
    if (!proxyRows.empty())
        model->setCurrentIndex(mProxy->index(proxyRows.front(), 0), QItemSelectionModel::NoUpdate);
    model->select(selection, QItemSelectionModel::ClearAndSelect);
    mSyncingSelection = false;
    if (scroll && !proxyRows.empty())
        mTable->scrollTo(mProxy->index(proxyRows.front(), 0));
}

void MainWindow::refilter(const std::function<void()> &change)
{
    // Rows the filter hides drop out of the table's selection; that is no choice of the officer,
    // so the shared selection (and the map's) keeps them, and they are selected again when a
    // filter shows them.
    mSyncingSelection = true;
    change();
    mSyncingSelection = false;
    selectTableRows(false);
}

void MainWindow::showSelectionOnMap()
{
    mTabs->setCurrentWidget(mMapView);
    mMapView->zoomSelectionAction()->trigger();
}

void MainWindow::showDetails()
{
    const QModelIndex current = mTable->selectionModel()->currentIndex();
    const QString id =
        current.isValid()
            ? current.siblingAtColumn(0).data(ParcelTableModel::ParcelIdRole).toString()
            : QString();
    const core::ParcelRow *found = nullptr;
    for (const core::ParcelRow &row : mSession->rows()) {
        if (toQString(row.id) == id) {
            found = &row;
            break;
        }
    }
    mDetails->showParcel(mSession->project(), found);
}

void MainWindow::buildFilterBar()
{
    QToolBar *bar = addToolBar(tr("Filter"));
    bar->setObjectName(QStringLiteral("filterBar"));
    bar->setMovable(false);
    mVillageFilter = new QComboBox(bar);
    mVillageFilter->setObjectName(QStringLiteral("villageFilter"));
    mVillageFilter->addItem(tr("All villages"), QString());
    connect(mVillageFilter, &QComboBox::currentIndexChanged, this, [this] {
        refilter([this] { mProxy->setVillageCode(mVillageFilter->currentData().toString()); });
    });
    mStageFilter = new QComboBox(bar);
    mStageFilter->setObjectName(QStringLiteral("stageFilter"));
    mStageFilter->addItem(tr("All stages"), QString());
    for (const core::Stage stage :
         {core::Stage::Candidate, core::Stage::Selected, core::Stage::Restoring,
          core::Stage::Planted, core::Stage::EvidenceSubmitted, core::Stage::Verified,
          core::Stage::Approved, core::Stage::Rejected, core::Stage::Withdrawn}) {
        const std::string name(core::stageName(stage));
        mStageFilter->addItem(report::stageLabel(name), toQString(name));
    }
    connect(mStageFilter, &QComboBox::currentIndexChanged, this, [this] {
        refilter([this] { mProxy->setStage(mStageFilter->currentData().toString()); });
    });
    mVerdictFilter = new QComboBox(bar);
    mVerdictFilter->setObjectName(QStringLiteral("verdictFilter"));
    mVerdictFilter->addItem(tr("Any verdict"), int(ParcelFilter::Verdict::Any));
    mVerdictFilter->addItem(tr("Eligible"), int(ParcelFilter::Verdict::Eligible));
    mVerdictFilter->addItem(tr("Excluded"), int(ParcelFilter::Verdict::Excluded));
    mVerdictFilter->addItem(tr("Not screened"), int(ParcelFilter::Verdict::NotScreened));
    connect(mVerdictFilter, &QComboBox::currentIndexChanged, this, [this] {
        refilter([this] {
            mProxy->setVerdict(
                static_cast<ParcelFilter::Verdict>(mVerdictFilter->currentData().toInt()));
        });
    });
    mReasonFilter = new QComboBox(bar);
    mReasonFilter->setObjectName(QStringLiteral("reasonFilter"));
    mReasonFilter->addItem(tr("Any reason"), QString());
    connect(mReasonFilter, &QComboBox::currentIndexChanged, this, [this] {
        refilter([this] { mProxy->setReason(mReasonFilter->currentData().toString()); });
    });
    mBatchFilter = new QComboBox(bar);
    mBatchFilter->setObjectName(QStringLiteral("batchFilter"));
    mBatchFilter->addItem(tr("All batches"), 0);
    connect(mBatchFilter, &QComboBox::currentIndexChanged, this, [this] {
        refilter([this] { mProxy->setBatchId(mBatchFilter->currentData().toLongLong()); });
    });
    mSourceFilter = new QComboBox(bar);
    mSourceFilter->setObjectName(QStringLiteral("sourceFilter"));
    mSourceFilter->addItem(tr("County and village"), QString());
    mSourceFilter->addItem(tr("Issued by the county"), QStringLiteral("county"));
    mSourceFilter->addItem(tr("Proposed by villages"), QStringLiteral("village"));
    connect(mSourceFilter, &QComboBox::currentIndexChanged, this, [this] {
        refilter([this] { mProxy->setSource(mSourceFilter->currentData().toString()); });
    });
    mSearch = new QLineEdit(bar);
    mSearch->setObjectName(QStringLiteral("search"));
    mSearch->setPlaceholderText(tr("Search id, village, land class, batch"));
    mSearch->setClearButtonEnabled(true);
    connect(mSearch, &QLineEdit::textChanged, this,
            [this](const QString &text) { refilter([this, &text] { mProxy->setText(text); }); });
    bar->addWidget(mVillageFilter);
    bar->addWidget(mStageFilter);
    bar->addWidget(mVerdictFilter);
    bar->addWidget(mReasonFilter);
    bar->addWidget(mBatchFilter);
    bar->addWidget(mSourceFilter);
    bar->addWidget(mSearch);
    // The filters belong to the parcels' tab.
    connect(mTabs, &QTabWidget::currentChanged, bar,
            [this, bar](int index) { bar->setVisible(mTabs->widget(index) == mTable); });
}

void MainWindow::buildAuditDock()
{
    mAuditDock = new QDockWidget(tr("Audit Log"), this);
    mAuditDock->setObjectName(QStringLiteral("auditDock"));
    mAuditTable = new QTableWidget(0, 4, mAuditDock);
    mAuditTable->setObjectName(QStringLiteral("auditTable"));
    mAuditTable->setHorizontalHeaderLabels({tr("Time"), tr("User"), tr("Change"), tr("Of")});
    mAuditTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mAuditTable->verticalHeader()->hide();
    mAuditTable->horizontalHeader()->setStretchLastSection(true);
    mAuditDock->setWidget(mAuditTable);
    addDockWidget(Qt::BottomDockWidgetArea, mAuditDock);
    mAuditDock->hide();
}

void MainWindow::refreshAuditLog()
{
    if (!mSession->project())
        return;
    auto entries = core::readAuditLog(*mSession->project());
    if (!entries)
        return;
    mAuditTable->setRowCount(int(entries->size()));
    int row = 0;
    // Newest first: the officer looks for what just happened.
    for (auto it = entries->rbegin(); it != entries->rend(); ++it, ++row) {
        mAuditTable->setItem(row, 0, new QTableWidgetItem(toQString(it->at)));
        mAuditTable->setItem(row, 1, new QTableWidgetItem(toQString(it->user)));
        mAuditTable->setItem(row, 2, new QTableWidgetItem(report::actionLabel(it->action)));
        mAuditTable->setItem(row, 3, new QTableWidgetItem(report::targetLabel(it->target)));
    }
}

void MainWindow::advanceSelection()
{
    QStringList ids;
    for (const QModelIndex &index : mTable->selectionModel()->selectedRows())
        ids << index.data(ParcelTableModel::ParcelIdRole).toString();
    if (ids.isEmpty())
        return;
    AdvanceDialog dialog(int(ids.size()), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QStringList refusals = mSession->advance(ids, dialog.step());
    if (!refusals.isEmpty())
        QMessageBox::information(this, tr("Some parcels did not move"),
                                 refusals.join(QLatin1Char('\n')));
}

std::optional<report::OfficialDocument> MainWindow::annex()
{
    auto table = core::loadTaskTable(*mSession->project());
    if (!table) {
        QMessageBox::warning(this, tr("Cannot print the annex"), report::errorText(table.error()));
        return std::nullopt;
    }
    return report::annexFromTable(*table);
}

void MainWindow::printAnnex()
{
    const auto document = annex();
    if (!document)
        return;
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(document->title);
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (auto printed = report::paintDocument(*document, printer, SettingsDialog::documentFonts());
        !printed)
        QMessageBox::warning(this, tr("Cannot print the annex"),
                             report::errorText(printed.error()));
}

void MainWindow::exportAnnexPdf()
{
    const auto document = annex();
    if (!document)
        return;
    QSettings settings;
    const QString start = settings.value(QStringLiteral("lastDirectory")).toString();
    const QString path = FileDialogs::getSaveFileName(
        this, tr("Export Task Annex as PDF"),
        QDir(start).filePath(document->title + QStringLiteral(".pdf")), tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    if (auto written = report::writeDocumentPdf(*document, path, SettingsDialog::documentFonts());
        !written)
        QMessageBox::warning(this, tr("Cannot print the annex"),
                             report::errorText(written.error()));
}

void MainWindow::saveCopy()
{
    core::Project *project = mSession->project();
    if (!project)
        return;
    const QFileInfo current(toQString(project->path()));
    const QString proposed =
        current.dir().filePath(current.completeBaseName() + tr("-copy") + QStringLiteral(".gpkg"));
    const QString path = FileDialogs::getSaveFileName(this, tr("Save a Copy of the Project"),
                                                      proposed, tr("Gengbao projects (*.gpkg)"));
    if (path.isEmpty())
        return;
    if (const auto failure = mSession->saveCopy(path)) {
        QMessageBox::warning(this, tr("Cannot save the copy"), *failure);
        return;
    }
    if (mSession->fileLost()) {
        // The copy is the project now: open it, so that work goes on in a file that exists.
        openProject(path);
        return;
    }
    statusBar()->showMessage(tr("Saved a copy as %1").arg(QDir::toNativeSeparators(path)), 8000);
}

void MainWindow::projectFileLost(const QString &path)
{
    mStatusLabel->setText(tr("The project file is gone: changes are no longer saved."));
    QMessageBox box(QMessageBox::Warning, tr("The project file is gone"),
                    tr("The file %1 was deleted, moved or replaced by another file while it was "
                       "open. To keep any change from landing where nobody will find it, "
                       "nothing more is saved to it.\n\nEverything the window holds can still be "
                       "saved as a new project file.")
                        .arg(QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath())),
                    QMessageBox::NoButton, this);
    QPushButton *save = box.addButton(tr("Save as a New File..."), QMessageBox::AcceptRole);
    box.addButton(tr("Not Now"), QMessageBox::RejectRole);
    box.exec();
    if (box.clickedButton() == save)
        saveCopy();
}

void MainWindow::updateTitle()
{
    core::Project *project = mSession->project();
    mImportAction->setEnabled(project != nullptr);
    mScreenAction->setEnabled(project != nullptr);
    mPlanAction->setEnabled(project != nullptr);
    mPrintAnnexAction->setEnabled(project != nullptr);
    mAnnexPdfAction->setEnabled(project != nullptr);
    mSaveCopyAction->setEnabled(project != nullptr);
    if (!project) {
        setWindowTitle(tr("Gengbao"));
        return;
    }
    const core::ProjectSettings &settings = project->settings();
    setWindowTitle(tr("%1 %2 - %3 - Gengbao")
                       .arg(toQString(settings.town))
                       .arg(settings.year)
                       .arg(QFileInfo(toQString(project->path())).fileName()));
}

void MainWindow::updateStatus()
{
    if (!mSession->project()) {
        mStatusLabel->setText(tr("Open a project with File > Open Project."));
        return;
    }
    double grossMu = 0.0, eligibleMu = 0.0;
    int eligible = 0;
    bool screened = false;
    for (const core::ParcelRow &row : mModel->rows()) {
        grossMu += row.grossMu;  // sum unrounded, round the total once
        screened = screened || row.eligible.has_value();
        if (row.eligible.value_or(false)) {
            ++eligible;
            eligibleMu += row.grossMu;
        }
    }
    QString text = tr("Parcels: %1, gross area %2 mu; town target %3 mu")
                       .arg(mModel->rows().size())
                       .arg(QString::number(grossMu, 'f', 2))
                       .arg(QString::number(mSession->project()->settings().targetMu, 'f', 2));
    if (screened)
        text += tr("; eligible: %1 parcels, %2 mu")
                    .arg(eligible)
                    .arg(QString::number(eligibleMu, 'f', 2));
    mStatusLabel->setText(text);
}

}  // namespace gengbao::app
