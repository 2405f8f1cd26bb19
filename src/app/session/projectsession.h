// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/domain/lifecycle.h>
#include <core/ops/exportparcels.h>
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
        QString date;  // YYYY-MM-DD
        QString note;
        QString document;
        QString reason;
        std::optional<std::int64_t> acceptedNetCentiMu;
    };
    QStringList advance(const QStringList &parcelIds, const Step &step);

signals:
    // The project was opened or changed (or an edit undone): reload what you show.
    void changed();
    // An undo or redo was refused by the project (the parcel changed since): the message.
    void undoFailed(const QString &message);

private:
    void reload();

    std::unique_ptr<core::Project> mProject;
    std::vector<core::ParcelRow> mRows;
    QUndoStack *mUndoStack = nullptr;
};

}  // namespace gengbao::app
