// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/domain/plan.h>

#include <QDialog>

#include <memory>

namespace Ui {
class AllocationDialog;
}

namespace gengbao::core {
class Project;
}

namespace gengbao::app {

// Previews an allocation of the town target (proportional, or a floor per village plus the rest
// by potential) before the officer applies it; the preview is core::proposeAllocation, so what is
// shown is exactly what Apply writes. The layout is ui/allocationdialog.ui.
class AllocationDialog : public QDialog
{
    Q_OBJECT

public:
    AllocationDialog(core::Project &project, QWidget *parent = nullptr);
    ~AllocationDialog() override;

    core::AllocationMethod method() const;
    std::int64_t floor() const;  // 0.01 mu

private:
    void preview();
    core::Project &mProject;
    std::unique_ptr<Ui::AllocationDialog> mUi;
};

}  // namespace gengbao::app
