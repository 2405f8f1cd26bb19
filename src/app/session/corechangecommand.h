// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QUndoCommand>

#include <cstdint>
#include <functional>

namespace gengbao::core {
class Project;
}

namespace gengbao::app {

// A core change already applied (its audit entry id known) as an undoable command: undo calls
// core::undoChange, redo core::redoChange on the undo's entry, so the project and its audit log
// stay the single truth and every undo is itself logged. Several changes made as one (a step
// on many parcels) are children of a plain QUndoCommand, which undoes them last first. A refused
// undo or redo (the parcel was changed meanwhile) leaves the project as it is and is reported
// through `failed`.
class CoreChangeCommand : public QUndoCommand
{
public:
    // touchesParcels: false for a change of tasks or of the plan, which leaves every parcel row
    // as it is, so the session need not reload them (ProjectSession::changed).
    CoreChangeCommand(core::Project &project, std::int64_t auditId, const QString &text,
                      std::function<void(const QString &)> failed, bool touchesParcels = true,
                      QUndoCommand *parent = nullptr);

    bool touchesParcels() const { return mTouchesParcels; }

    void undo() override;
    void redo() override;

private:
    core::Project &mProject;
    std::int64_t mAuditId;     // the entry of the change or of its latest redo
    std::int64_t mUndoId = 0;  // the entry of its latest undo
    bool mFirstRedo = true;    // QUndoStack::push calls redo; the change is already done
    std::function<void(const QString &)> mFailed;
    bool mTouchesParcels = true;
};

}  // namespace gengbao::app
