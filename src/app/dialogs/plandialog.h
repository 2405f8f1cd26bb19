// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/domain/plan.h>

#include <QDialog>

#include <memory>

namespace Ui {
class PlanDialog;
}

namespace gengbao::app {

// Edits the town's work plan: title and target, the restoration program's phases and deadlines,
// its rules (slope limit, tolerances, subsidy and reward rates) and the town's indicators. What the
// officer enters is checked by core::validatePlan before the dialog closes, so Save never writes a
// plan that core would refuse. The layout is ui/plandialog.ui.
class PlanDialog : public QDialog
{
    Q_OBJECT

public:
    PlanDialog(const core::Plan &plan, QWidget *parent = nullptr);
    ~PlanDialog() override;

    // The plan as edited (other programs, ids and fields not shown are kept as they were).
    core::Plan plan() const;

private:
    void show(const core::Plan &plan);
    void addPhaseRow(const core::Phase &phase);
    void addDeadlineRow(const core::Deadline &deadline);
    void addIndicatorRow(const core::Indicator &indicator);
    void saveIfValid();

    core::Plan mOriginal;
    std::unique_ptr<Ui::PlanDialog> mUi;
};

}  // namespace gengbao::app
