// SPDX-License-Identifier: GPL-3.0-or-later
#include "drawnparceldialog.h"

#include "ui_drawnparceldialog.h"

#include <QPushButton>

#include <algorithm>

namespace gengbao::app {

DrawnParcelDialog::DrawnParcelDialog(const std::vector<std::pair<QString, QString>> &villages,
                                     std::size_t vertexCount, double areaMu, QWidget *parent)
    : QDialog(parent)
    , mUi(std::make_unique<Ui::DrawnParcelDialog>())
{
    mUi->setupUi(this);
    mUi->summaryLabel->setText(tr("A parcel of %1 vertices, about %2 mu.")
                                   .arg(vertexCount)
                                   .arg(QString::number(areaMu, 'f', 2)));
    for (const auto &[code, name] : villages)
        mUi->villageCombo->addItem(name, code);
    // A proposal belongs to a village: without one there is nothing to accept.
    mUi->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!villages.empty());
}

DrawnParcelDialog::~DrawnParcelDialog() = default;

QString DrawnParcelDialog::villageCode() const
{
    return mUi->villageCombo->currentData().toString();
}

QString DrawnParcelDialog::note() const
{
    return mUi->noteEdit->text().trimmed();
}

void DrawnParcelDialog::setVillageCode(const QString &code)
{
    mUi->villageCombo->setCurrentIndex(std::max(0, mUi->villageCombo->findData(code)));
}

}  // namespace gengbao::app
