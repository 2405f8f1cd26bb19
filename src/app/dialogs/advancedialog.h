// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../session/projectsession.h"

#include <QDialog>

#include <memory>

namespace Ui {
class AdvanceDialog;
}

namespace gengbao::app {

// Asks for a stage step of the selected parcels: the stage, its date (today by default, never
// in the future), a document or evidence number, a note (the reason of a rejection) and, at
// approval, the accepted net area. The layout is ui/advancedialog.ui.
class AdvanceDialog : public QDialog
{
    Q_OBJECT

public:
    AdvanceDialog(int parcelCount, QWidget *parent = nullptr);
    ~AdvanceDialog() override;

    ProjectSession::Step step() const;

private:
    void stageChosen();
    std::unique_ptr<Ui::AdvanceDialog> mUi;
};

}  // namespace gengbao::app
