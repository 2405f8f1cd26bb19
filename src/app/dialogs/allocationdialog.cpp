// SPDX-License-Identifier: GPL-3.0-or-later
#include "allocationdialog.h"

#include "../session/strings.h"
#include "ui_allocationdialog.h"

#include <core/ops/plans.h>
#include <report/errortext.h>

#include <QPushButton>

#include <cmath>

namespace gengbao::app {

AllocationDialog::AllocationDialog(core::Project &project, QWidget *parent)
    : QDialog(parent)
    , mProject(project)
    , mUi(std::make_unique<Ui::AllocationDialog>())
{
    mUi->setupUi(this);
    mUi->methodCombo->addItem(tr("In proportion to eligible potential"),
                              int(core::AllocationMethod::Proportional));
    mUi->methodCombo->addItem(tr("A floor per village, the rest by potential"),
                              int(core::AllocationMethod::FloorProportional));
    mUi->previewTable->setColumnCount(3);
    mUi->previewTable->setHorizontalHeaderLabels(
        {tr("Village"), tr("Potential (mu)"), tr("Proposed task (mu)")});
    connect(mUi->methodCombo, &QComboBox::currentIndexChanged, this, &AllocationDialog::preview);
    connect(mUi->floorSpin, &QDoubleSpinBox::valueChanged, this, &AllocationDialog::preview);
    connect(mUi->buttonBox->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &QDialog::accept);
    preview();
}

AllocationDialog::~AllocationDialog() = default;

core::AllocationMethod AllocationDialog::method() const
{
    return static_cast<core::AllocationMethod>(mUi->methodCombo->currentData().toInt());
}

std::int64_t AllocationDialog::floor() const
{
    return method() == core::AllocationMethod::FloorProportional
               ? std::llround(mUi->floorSpin->value() * 100.0)
               : 0;
}

void AllocationDialog::preview()
{
    mUi->floorSpin->setEnabled(method() == core::AllocationMethod::FloorProportional);
    auto proposal = core::proposeAllocation(mProject, 0, method(), floor());
    QPushButton *apply = mUi->buttonBox->button(QDialogButtonBox::Apply);
    if (!proposal) {
        mUi->previewTable->setRowCount(0);
        mUi->messageLabel->setText(report::errorText(proposal.error()));
        apply->setEnabled(false);
        return;
    }
    apply->setEnabled(true);
    mUi->previewTable->setRowCount(int(proposal->codes.size()));
    for (int i = 0; i < int(proposal->codes.size()); ++i) {
        const auto mu = [](std::int64_t centi) { return toQString(core::formatMu(centi)); };
        mUi->previewTable->setItem(i, 0, new QTableWidgetItem(toQString(proposal->names[i])));
        mUi->previewTable->setItem(i, 1, new QTableWidgetItem(mu(proposal->potentials[i])));
        mUi->previewTable->setItem(i, 2, new QTableWidgetItem(mu(proposal->allocation.tasks[i])));
    }
    QStringList warnings;
    for (const std::string &warning : proposal->allocation.warnings)
        warnings << toQString(warning);
    mUi->messageLabel->setText(warnings.join(QLatin1Char('\n')));
}

}  // namespace gengbao::app
