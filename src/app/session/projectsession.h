// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/domain/lifecycle.h>
#include <core/ops/drawnparcel.h>
#include <core/ops/exportparcels.h>
#include <core/ops/lifecycle.h>
#include <core/ops/plans.h>
#include <core/project.h>

#include <QObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QTimer;
class QUndoStack;
class QWidget;

namespace gengbao::app {

// What a change touched, so that a view reloads only what it shows (issue 14, item 4, its first
// step): a change of tasks or of the plan leaves every parcel row as it was.
struct SessionChange
{
    bool parcels = true;  // the parcel rows were reloaded: table, map and details follow
};

// The one change hub of the window (architecture.md): it owns the open project, turns every edit
// into a core operation pushed on the undo stack, and says `changed` afterwards so that every
// view reloads what it shows. Views never write to the project themselves. GUI thread only.
class ProjectSession : public QObject
{
    Q_OBJECT

public:
    explicit ProjectSession(QObject *parent = nullptr);
    ~ProjectSession() override;

    // Opens a project; on failure keeps the current one and returns the translated message.
    std::optional<QString> open(const QString &path);
    core::Project *project() const { return mProject.get(); }
    QUndoStack *undoStack() const { return mUndoStack; }

    // The parcels as the tables show them, loaded again after every change.
    const std::vector<core::ParcelRow> &rows() const { return *mRows; }
    // The same rows, shared (the table model holds them too: 100k rows are ~100 MB, kept once).
    std::shared_ptr<const std::vector<core::ParcelRow>> sharedRows() const { return mRows; }

    // One step for each parcel, as one undoable command ("Advance 3 parcels to 已选定"). Returns
    // the messages of the parcels that refused the step (the others moved).
    struct Step
    {
        core::Stage to = core::Stage::Selected;
        // Set for a village proposal's review (town), approval (county) or rejection: then the
        // step is a proposal decision and `to` is not used.
        std::optional<core::Proposal> proposal;
        QString date;  // YYYY-MM-DD
        QString note;
        QString document;
        QString reason;
        std::optional<std::int64_t> acceptedNetCentiMu;
    };
    QStringList advance(const QStringList &parcelIds, const Step &step);

    // The restoration program's village task table.
    std::optional<core::TaskTable> taskTable() const;
    // A village's task and/or remarks, as an undoable command; the message when refused.
    std::optional<QString> setTask(const QString &villageCode, std::optional<std::int64_t> task,
                                   std::optional<QString> remarks);
    // Applies an allocation proposal, as one undoable command; the message when refused.
    std::optional<QString> allocate(core::AllocationMethod method, std::int64_t floor);
    // The town's work plan (the default one until first edited), and its edit as one undoable
    // command; the message when refused.
    std::optional<core::Plan> plan() const;
    std::optional<QString> savePlan(const core::Plan &plan);
    // Reads the project again after work done on another connection (an import, a screening).
    void refresh();
    // Reads an edited task spreadsheet back, as one undoable command.
    std::optional<QString> importTasks(const QString &path);

    // A parcel drawn on the map, added as a village proposal and screened with the current run
    // (core::proposeDrawnParcel, on a worker with a progress dialog over `parent`). Not undoable:
    // like an import it is no core ChangeSet, so nothing goes on the undo stack; the audit log
    // keeps it. On success the project is read again (its geometry changed) and the new parcel
    // becomes the selection.
    struct Proposed
    {
        std::optional<core::DrawnParcelResult> result;
        QString error;  // when there is no result
    };
    Proposed proposeDrawnParcel(const core::DrawnParcel &parcel, QWidget *parent);

    // Counts the changes of what the map draws from geometry (parcels added, reference layers
    // stored): opening a project, an import, a screening, a drawn proposal. A stage step, an
    // undo or a task edit leave it as it is, so the map restyles without reloading its snapshot.
    std::uint64_t geometryVersion() const { return mGeometryVersion; }

    // Watches the open file (every two seconds, and when called): a change committed by another
    // program (the CLI, a second window) is read in; a file deleted or replaced under its name
    // is reported once through fileLost, after which every write is refused by the core; a
    // checkpoint that a reader held up is finished.
    void checkProjectFile();
    // The open file was deleted or replaced: what is open now lives only in this window.
    bool fileLost() const { return mFileLost; }
    // Writes the open project to a new file (also after fileLost: it copies through the open
    // connection); the message when refused.
    std::optional<QString> saveCopy(const QString &path);

    // The parcels selected in the table and on the map: one selection, by fid (sorted, unique).
    const std::vector<std::int64_t> &selection() const { return mSelection; }
    // Emits selectionChanged when the set differs; fids the project does not have are dropped.
    void setSelection(std::vector<std::int64_t> fids);

signals:
    // The project was opened or changed (or an edit undone): reload what you show of what it
    // touched.
    void changed(const gengbao::app::SessionChange &change);
    // The shared selection changed (from the table, the map or a reload that dropped parcels).
    void selectionChanged();
    // An undo or redo was refused by the project (the parcel changed since): the message.
    void undoFailed(const QString &message);
    // The open file was deleted, moved or replaced by another file (see checkProjectFile).
    void projectFileLost(const QString &path);

private:
    void reload();
    // The step as core changes, one per parcel.
    static std::vector<core::StageChange> stageChanges(const QStringList &parcelIds,
                                                       const Step &step);
    static std::vector<core::ProposalChange> proposalChanges(const QStringList &parcelIds,
                                                             const Step &step);
    // Pushes the change the project just logged (if it logged one) as an undoable command.
    void pushLatestChange(std::int64_t before, const QString &text);
    std::int64_t latestAuditId() const;

    // Drops selected fids that are no longer rows; true when it dropped any.
    bool pruneSelection();

    std::unique_ptr<core::Project> mProject;
    std::shared_ptr<const std::vector<core::ParcelRow>> mRows =
        std::make_shared<const std::vector<core::ParcelRow>>();
    QUndoStack *mUndoStack = nullptr;
    std::uint64_t mGeometryVersion = 0;
    std::vector<std::int64_t> mSelection;
    QTimer *mFileWatch = nullptr;
    // PRAGMA data_version when the rows were last read: another connection's commit moves it.
    std::int64_t mSeenDataVersion = -1;
    int mUndoIndex = 0;  // the undo stack's index before its latest move
    bool mFileLost = false;
};

}  // namespace gengbao::app
