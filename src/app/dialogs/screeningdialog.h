// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/domain/plan.h>
#include <core/ops/screenparcels.h>

#include <QDialog>

#include <memory>

namespace Ui {
class ScreeningDialog;
}

namespace gengbao::app {

// Collects a screening's inputs: the DEM, the red line and other constraint layers with their
// kind and action, the slope limit (the plan's by default), terraces and the overlap tolerance.
// The last choice is remembered. The layout is ui/screeningdialog.ui.
class ScreeningDialog : public QDialog
{
    Q_OBJECT

public:
    ScreeningDialog(const core::ProgramRules &planRules, QWidget *parent = nullptr);
    ~ScreeningDialog() override;

    core::ScreeningRequest request() const;
    // Adds a constraint layer row (also what "Add Layer..." does after its file dialog).
    void addConstraint(const QString &path, const QString &kind, bool exclude);

    void accept() override;

private:
    void chooseDem();
    void chooseConstraint();
    std::unique_ptr<Ui::ScreeningDialog> mUi;
};

}  // namespace gengbao::app
