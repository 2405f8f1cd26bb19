// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectsession.h"

#include "../models/parceltablemodel.h"
#include "corechangecommand.h"
#include "strings.h"

#include <core/ops/lifecycle.h>
#include <report/errortext.h>

#include <QUndoStack>

namespace gengbao::app {

ProjectSession::ProjectSession(QObject *parent)
    : QObject(parent)
    , mUndoStack(new QUndoStack(this))
{
    // An undo or redo changes the project as much as an edit does.
    connect(mUndoStack, &QUndoStack::indexChanged, this, [this] {
        reload();
        emit changed();
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
    mRows = std::move(rows).value();
    emit changed();
    return std::nullopt;
}

void ProjectSession::reload()
{
    if (!mProject)
        return;
    if (auto rows = core::loadParcelRows(*mProject))
        mRows = std::move(rows).value();
}

QStringList ProjectSession::advance(const QStringList &parcelIds, const Step &step)
{
    QStringList refusals;
    if (!mProject || parcelIds.isEmpty())
        return refusals;
    const QString stage = ParcelTableModel::stageName(std::string(core::stageName(step.to)));
    auto failed = [this](const QString &message) { emit undoFailed(message); };
    auto group = std::make_unique<QUndoCommand>();
    QStringList moved;
    for (const QString &id : parcelIds) {
        core::StageChange change;
        change.parcelId = toUtf8(id);
        change.to = step.to;
        change.date = toUtf8(step.date);
        change.note = toUtf8(step.note);
        change.document = toUtf8(step.document);
        change.reason = toUtf8(step.reason);
        change.acceptedNetCentiMu = step.acceptedNetCentiMu;
        auto done = core::advanceParcel(*mProject, change);
        if (!done) {
            refusals << report::errorText(done.error());
            continue;
        }
        new CoreChangeCommand(*mProject, done->auditId, id, failed, group.get());
        moved << id;
    }
    if (moved.isEmpty())
        return refusals;
    // Named after what moved: the undo menu reads "Undo Move 2 parcels to 已选定".
    group->setText(moved.size() == 1
                       ? tr("Move %1 to %2").arg(moved.front(), stage)
                       : tr("Move %n parcels to %1", nullptr, int(moved.size())).arg(stage));
    mUndoStack->push(group.release());  // emits indexChanged: reload and `changed`
    return refusals;
}

}  // namespace gengbao::app
