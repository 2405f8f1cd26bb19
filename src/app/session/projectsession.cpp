// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectsession.h"

#include "../models/parceltablemodel.h"
#include "corechangecommand.h"
#include "strings.h"
#include "taskrunner.h"

#include <core/db/statement.h>
#include <core/ops/lifecycle.h>
#include <core/ops/villagetaskfile.h>
#include <report/errortext.h>
#include <report/vocabulary.h>

#include <QFileInfo>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>

namespace gengbao::app {

namespace {

// Often enough that the CLI's work shows while the officer looks; a data_version query and a
// stat cost microseconds.
constexpr int kFileWatchMs = 2000;

}  // namespace

ProjectSession::ProjectSession(QObject *parent)
    : QObject(parent)
    , mUndoStack(new QUndoStack(this))
    , mFileWatch(new QTimer(this))
{
    mFileWatch->setInterval(kFileWatchMs);
    connect(mFileWatch, &QTimer::timeout, this, &ProjectSession::checkProjectFile);
    // An undo or redo changes the project as much as an edit does.
    connect(mUndoStack, &QUndoStack::indexChanged, this, [this](int index) {
        // The command that moved: the one pushed or redone (below the new index) or undone (at
        // it). A change of tasks or of the plan leaves the parcel rows as they are.
        const QUndoCommand *moved =
            index > mUndoIndex ? mUndoStack->command(index - 1) : mUndoStack->command(index);
        mUndoIndex = index;
        const auto *command = dynamic_cast<const CoreChangeCommand *>(moved);
        SessionChange change;
        change.parcels = !command || command->touchesParcels();
        if (change.parcels)
            reload();
        emit changed(change);
        if (change.parcels && pruneSelection())
            emit selectionChanged();
    });
}

ProjectSession::~ProjectSession()
{
    mUndoStack->clear();  // its commands refer to the project
}

std::optional<QString> ProjectSession::open(const QString &path)
{
    auto project = core::Project::open(toUtf8(path));
    if (!project)
        return report::errorText(project.error());
    auto rows = core::loadParcelRows(**project);
    if (!rows)
        return report::errorText(rows.error());
    mUndoStack->clear();
    mProject = std::move(project).value();
    mRows = std::make_shared<const std::vector<core::ParcelRow>>(std::move(rows).value());
    mSeenDataVersion = mProject->database().dataVersion();
    mFileLost = false;
    mFileWatch->start();
    ++mGeometryVersion;
    const bool hadSelection = !mSelection.empty();
    mSelection.clear();
    emit changed(SessionChange{});
    if (hadSelection)
        emit selectionChanged();
    return std::nullopt;
}

void ProjectSession::refresh()
{
    if (!mProject)
        return;
    mSeenDataVersion = mProject->database().dataVersion();
    (void)mProject->reload();  // the first import may have set the CRS
    reload();
    // Work done elsewhere (an import, a screening, a reference layer, a drawn parcel) may have
    // added parcels or stored layers: the map reloads its snapshot.
    ++mGeometryVersion;
    emit changed(SessionChange{});
    if (pruneSelection())
        emit selectionChanged();
}

void ProjectSession::reload()
{
    if (!mProject)
        return;
    if (auto rows = core::loadParcelRows(*mProject))
        mRows = std::make_shared<const std::vector<core::ParcelRow>>(std::move(rows).value());
}

void ProjectSession::checkProjectFile()
{
    // A worker's import or screening commits on its own connection; its end refreshes anyway.
    if (!mProject || mFileLost || TaskRunner::isRunning())
        return;
    core::Database &db = mProject->database();
    if (db.hasMoved()) {
        mFileLost = true;
        mFileWatch->stop();
        emit projectFileLost(toQString(mProject->path()));
        return;
    }
    (void)db.checkpoint();
    if (db.dataVersion() != mSeenDataVersion)
        refresh();
}

std::optional<QString> ProjectSession::saveCopy(const QString &path)
{
    if (!mProject)
        return std::nullopt;
    if (auto copied = mProject->saveCopy(toUtf8(path)); !copied)
        return report::errorText(copied.error());
    return std::nullopt;
}

namespace {

bool hasFid(const std::vector<core::ParcelRow> &rows, std::int64_t fid)
{
    // The rows are in fid order (loadParcelRows).
    const auto found = std::lower_bound(
        rows.begin(), rows.end(), fid,
        [](const core::ParcelRow &row, std::int64_t value) { return row.fid < value; });
    return found != rows.end() && found->fid == fid;
}

}  // namespace

void ProjectSession::setSelection(std::vector<std::int64_t> fids)
{
    std::sort(fids.begin(), fids.end());
    fids.erase(std::unique(fids.begin(), fids.end()), fids.end());
    std::erase_if(fids, [this](std::int64_t fid) { return !hasFid(*mRows, fid); });
    if (fids == mSelection)
        return;
    mSelection = std::move(fids);
    emit selectionChanged();
}

bool ProjectSession::pruneSelection()
{
    return std::erase_if(mSelection, [this](std::int64_t fid) { return !hasFid(*mRows, fid); }) > 0;
}

ProjectSession::Proposed ProjectSession::proposeDrawnParcel(const core::DrawnParcel &parcel,
                                                            QWidget *parent)
{
    Proposed proposed;
    if (!mProject) {
        proposed.error = tr("No project is open.");
        return proposed;
    }
    // Screening the new parcel reads the run's DEM and layers, which takes a while at county
    // scale: a worker on its own connection, as for an import.
    const std::string path = mProject->path();
    std::optional<core::DrawnParcelResult> added;
    const TaskRunner::Outcome outcome =
        TaskRunner::run(parent, tr("Adding the drawn parcel..."), [&](core::Progress &progress) {
            auto project = core::Project::open(path);
            if (!project)
                return TaskRunner::Outcome{false, report::errorText(project.error())};
            auto result = core::proposeDrawnParcel(**project, parcel, progress);
            if (!result)
                return TaskRunner::Outcome{false, report::errorText(result.error())};
            added = std::move(result).value();
            return TaskRunner::Outcome{};
        });
    if (!outcome.ok || !added) {
        proposed.error = outcome.message;
        return proposed;
    }
    refresh();
    setSelection({added->fid});
    proposed.result = std::move(added);
    return proposed;
}

QStringList ProjectSession::advance(const QStringList &parcelIds, const Step &step)
{
    QStringList refusals;
    if (!mProject || parcelIds.isEmpty())
        return refusals;
    const QString stage =
        step.proposal ? report::proposalLabel(*step.proposal) : report::stageLabel(step.to);
    // One operation in one transaction: the parcels that allow the step take it, the others say
    // why, and what moved is one undo step.
    auto done = step.proposal ? core::reviewProposals(*mProject, proposalChanges(parcelIds, step))
                              : core::advanceParcels(*mProject, stageChanges(parcelIds, step));
    if (!done) {
        refusals << report::errorText(done.error());
        return refusals;
    }
    for (const core::StepRefusal &refusal : done->refused)
        refusals << report::errorText(refusal.error);
    if (done->moved.empty())
        return refusals;
    // Named after what moved: the undo menu reads "Undo Move 2 parcels to 已选定".
    const QString text =
        done->moved.size() == 1
            ? tr("Move %1 to %2").arg(toQString(done->moved.front()), stage)
            : tr("Move %n parcels to %1", nullptr, int(done->moved.size())).arg(stage);
    auto failed = [this](const QString &message) { emit undoFailed(message); };
    mUndoStack->push(new CoreChangeCommand(*mProject, done->auditId, text, failed));
    return refusals;
}

std::vector<core::StageChange> ProjectSession::stageChanges(const QStringList &parcelIds,
                                                            const Step &step)
{
    std::vector<core::StageChange> changes;
    for (const QString &id : parcelIds) {
        core::StageChange change;
        change.parcelId = toUtf8(id);
        change.to = step.to;
        change.date = toUtf8(step.date);
        change.note = toUtf8(step.note);
        change.document = toUtf8(step.document);
        change.reason = toUtf8(step.reason);
        change.acceptedNetCentiMu = step.acceptedNetCentiMu;
        changes.push_back(std::move(change));
    }
    return changes;
}

std::vector<core::ProposalChange> ProjectSession::proposalChanges(const QStringList &parcelIds,
                                                                  const Step &step)
{
    std::vector<core::ProposalChange> changes;
    for (const QString &id : parcelIds) {
        core::ProposalChange change;
        change.parcelId = toUtf8(id);
        change.to = *step.proposal;
        change.date = toUtf8(step.date);
        change.note = toUtf8(step.note);
        change.document = toUtf8(step.document);
        change.reason = toUtf8(step.reason.isEmpty() ? step.note : step.reason);
        changes.push_back(std::move(change));
    }
    return changes;
}

std::optional<core::TaskTable> ProjectSession::taskTable() const
{
    if (!mProject)
        return std::nullopt;
    auto table = core::loadTaskTable(*mProject);
    if (!table)
        return std::nullopt;
    return std::move(table).value();
}

std::int64_t ProjectSession::latestAuditId() const
{
    auto query = mProject->database().prepare("SELECT coalesce(max(id), 0) FROM audit_log");
    if (!query || !query->step().ok())
        return 0;
    return query->int64(0);
}

void ProjectSession::pushLatestChange(std::int64_t before, const QString &text)
{
    const std::int64_t after = latestAuditId();
    if (after == before) {
        // Nothing to undo (the same value again), but views may reread.
        emit changed(SessionChange{false});
        return;
    }
    auto failed = [this](const QString &message) { emit undoFailed(message); };
    // Every caller changes tasks or the plan, never a parcel row.
    mUndoStack->push(new CoreChangeCommand(*mProject, after, text, failed, false));
}

std::optional<QString> ProjectSession::setTask(const QString &villageCode,
                                               std::optional<std::int64_t> task,
                                               std::optional<QString> remarks)
{
    if (!mProject)
        return std::nullopt;
    const std::int64_t before = latestAuditId();
    std::optional<std::string> remarksText;
    if (remarks)
        remarksText = toUtf8(*remarks);
    auto status = core::setVillageTask(*mProject, 0, toUtf8(villageCode), task, remarksText);
    if (!status)
        return report::errorText(status.error());
    pushLatestChange(before, task ? tr("Set the task of %1").arg(villageCode)
                                  : tr("Set the remarks of %1").arg(villageCode));
    return std::nullopt;
}

std::optional<QString> ProjectSession::allocate(core::AllocationMethod method, std::int64_t floor)
{
    if (!mProject)
        return std::nullopt;
    const std::int64_t before = latestAuditId();
    auto applied = core::applyAllocation(*mProject, 0, method, floor);
    if (!applied)
        return report::errorText(applied.error());
    pushLatestChange(before, method == core::AllocationMethod::Proportional
                                 ? tr("Allocate the target in proportion to potential")
                                 : tr("Allocate the target with a floor per village"));
    return std::nullopt;
}

std::optional<core::Plan> ProjectSession::plan() const
{
    if (!mProject)
        return std::nullopt;
    auto plan = core::loadPlan(*mProject);
    if (!plan)
        return std::nullopt;
    return std::move(plan).value();
}

std::optional<QString> ProjectSession::savePlan(const core::Plan &plan)
{
    if (!mProject)
        return std::nullopt;
    const std::int64_t before = latestAuditId();
    auto status = core::savePlan(*mProject, plan);
    if (!status)
        return report::errorText(status.error());
    // The target is also the project's setting, shown in the title and the status line.
    if (auto reloaded = mProject->reload(); !reloaded)
        return report::errorText(reloaded.error());
    pushLatestChange(before, tr("Edit the work plan"));
    return std::nullopt;
}

std::optional<QString> ProjectSession::importTasks(const QString &path)
{
    if (!mProject)
        return std::nullopt;
    const std::int64_t before = latestAuditId();
    auto imported = core::importVillageTasks(*mProject, toUtf8(path));
    if (!imported)
        return report::errorText(imported.error());
    pushLatestChange(before, tr("Read the tasks from %1").arg(QFileInfo(path).fileName()));
    return std::nullopt;
}

}  // namespace gengbao::app
