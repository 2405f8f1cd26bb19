// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/domain/lifecycle.h>
#include <core/ops/exportparcels.h>
#include <core/ops/lifecycle.h>
#include <core/ops/plans.h>
#include <core/project.h>

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QUndoStack;

namespace gengbao::app {

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
    const std::vector<core::ParcelRow> &rows() const { return mRows; }

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

signals:
    // The project was opened or changed (or an edit undone): reload what you show.
    void changed();
    // An undo or redo was refused by the project (the parcel changed since): the message.
    void undoFailed(const QString &message);

private:
    void reload();
    core::Result<core::ChangeResult> advanceStage(const QString &parcelId, const Step &step);
    core::Result<core::ChangeResult> decideProposal(const QString &parcelId, const Step &step);
    // Pushes the change the project just logged (if it logged one) as an undoable command.
    void pushLatestChange(std::int64_t before, const QString &text);
    std::int64_t latestAuditId() const;

    std::unique_ptr<core::Project> mProject;
    std::vector<core::ParcelRow> mRows;
    QUndoStack *mUndoStack = nullptr;
};

}  // namespace gengbao::app
