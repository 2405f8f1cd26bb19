// SPDX-License-Identifier: GPL-3.0-or-later
#include "advancedialog.h"

#include "../models/parceltablemodel.h"
#include "ui_advancedialog.h"

#include <QDate>

#include <cmath>
#include <report/vocabulary.h>

namespace gengbao::app {

namespace {
// Combo data: a stage's number, or this plus a proposal decision's number.
constexpr int kProposalBase = 100;
}  // namespace

AdvanceDialog::AdvanceDialog(int parcelCount, QWidget *parent)
    : QDialog(parent)
    , mUi(std::make_unique<Ui::AdvanceDialog>())
{
    mUi->setupUi(this);
    mUi->summaryLabel->setText(tr("%n selected parcel(s) take this step.", nullptr, parcelCount));
    for (const core::Stage stage :
         {core::Stage::Selected, core::Stage::Restoring, core::Stage::Planted,
          core::Stage::EvidenceSubmitted, core::Stage::Verified, core::Stage::Approved,
          core::Stage::Rejected, core::Stage::Withdrawn}) {
        const std::string name(core::stageName(stage));
        mUi->stageCombo->addItem(report::stageLabel(name), static_cast<int>(stage));
    }
    // A village's own parcel is decided first: the town reviews it, the county approves it.
    mUi->stageCombo->insertSeparator(mUi->stageCombo->count());
    for (const core::Proposal decision :
         {core::Proposal::Reviewed, core::Proposal::Approved, core::Proposal::Rejected}) {
        const std::string name(core::proposalName(decision));
        mUi->stageCombo->addItem(report::proposalLabel(name),
                                 kProposalBase + static_cast<int>(decision));
    }
    mUi->dateEdit->setMaximumDate(QDate::currentDate());  // never in the future
    mUi->dateEdit->setDate(QDate::currentDate());
    connect(mUi->stageCombo, &QComboBox::currentIndexChanged, this, &AdvanceDialog::stageChosen);
    stageChosen();
}

AdvanceDialog::~AdvanceDialog() = default;

void AdvanceDialog::stageChosen()
{
    const int chosen = mUi->stageCombo->currentData().toInt();
    const bool approval = chosen == static_cast<int>(core::Stage::Approved);
    mUi->acceptedCheck->setEnabled(approval);
    if (!approval)
        mUi->acceptedCheck->setChecked(false);
}

ProjectSession::Step AdvanceDialog::step() const
{
    ProjectSession::Step step;
    const int chosen = mUi->stageCombo->currentData().toInt();
    if (chosen >= kProposalBase)
        step.proposal = static_cast<core::Proposal>(chosen - kProposalBase);
    else
        step.to = static_cast<core::Stage>(chosen);
    step.date = mUi->dateEdit->date().toString(Qt::ISODate);
    step.note = mUi->noteEdit->text().trimmed();
    step.document = mUi->documentEdit->text().trimmed();
    if (mUi->acceptedCheck->isChecked())
        step.acceptedNetCentiMu = std::llround(mUi->acceptedSpin->value() * 100.0);
    return step;
}

}  // namespace gengbao::app
