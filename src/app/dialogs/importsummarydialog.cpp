// SPDX-License-Identifier: GPL-3.0-or-later
#include "importsummarydialog.h"

#include "ui_importsummarydialog.h"

namespace gengbao::app {

ImportSummaryDialog::ImportSummaryDialog(const QString &counts, const QList<Problem> &problems,
                                         QWidget *parent)
    : QDialog(parent)
    , mUi(std::make_unique<Ui::ImportSummaryDialog>())
{
    mUi->setupUi(this);
    mUi->countsLabel->setText(counts);
    for (const Problem &problem : problems) {
        auto *item = new QListWidgetItem(problem.text, mUi->problemList);
        item->setData(Qt::UserRole, problem.parcelId);
    }
    mUi->problemsLabel->setVisible(!problems.isEmpty());
    mUi->problemList->setVisible(!problems.isEmpty());
    connect(mUi->problemList, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        const QString id = item->data(Qt::UserRole).toString();
        if (!id.isEmpty())
            emit parcelChosen(id);
    });
}

ImportSummaryDialog::~ImportSummaryDialog() = default;

}  // namespace gengbao::app
