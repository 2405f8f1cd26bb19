// SPDX-License-Identifier: GPL-3.0-or-later
#include "corechangecommand.h"

#include <core/ops/lifecycle.h>
#include <report/errortext.h>

namespace gengbao::app {

CoreChangeCommand::CoreChangeCommand(core::Project &project, std::int64_t auditId,
                                     const QString &text,
                                     std::function<void(const QString &)> failed,
                                     bool touchesParcels, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , mProject(project)
    , mAuditId(auditId)
    , mFailed(std::move(failed))
    , mTouchesParcels(touchesParcels)
{}

void CoreChangeCommand::undo()
{
    auto undone = core::undoChange(mProject, mAuditId);
    if (!undone) {
        mFailed(report::errorText(undone.error()));
        return;
    }
    mUndoId = *undone;
}

void CoreChangeCommand::redo()
{
    if (mFirstRedo) {
        mFirstRedo = false;
        return;
    }
    auto redone = core::redoChange(mProject, mUndoId);
    if (!redone) {
        mFailed(report::errorText(redone.error()));
        return;
    }
    mAuditId = *redone;
}

}  // namespace gengbao::app
