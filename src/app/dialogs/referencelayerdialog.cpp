// SPDX-License-Identifier: GPL-3.0-or-later
#include "referencelayerdialog.h"

#include "../session/strings.h"
#include "filedialogs.h"
#include "ui_referencelayerdialog.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>

namespace gengbao::app {

namespace {

const QString kVillage = QStringLiteral("village");
const QString kRedLine = QStringLiteral("redline");
const QString kOther = QStringLiteral("other");

}  // namespace

ReferenceLayerDialog::ReferenceLayerDialog(QWidget *parent)
    : QDialog(parent)
    , mUi(std::make_unique<Ui::ReferenceLayerDialog>())
{
    mUi->setupUi(this);
    mUi->kindCombo->addItem(tr("Village boundaries"), kVillage);
    mUi->kindCombo->addItem(tr("Ecological red line"), kRedLine);
    mUi->kindCombo->addItem(tr("Other constraint layer"), kOther);
    // The other layers of domain.md §3.3, as the screening dialog offers them; the officer may
    // type another kind.
    mUi->constraintCombo->addItems({QStringLiteral("城镇开发边界"), QStringLiteral("河湖管理范围"),
                                    QStringLiteral("自然保护地"),
                                    QStringLiteral("饮用水水源一级保护区"),
                                    QStringLiteral("永久基本农田")});
    connect(mUi->kindCombo, &QComboBox::currentIndexChanged, this,
            &ReferenceLayerDialog::kindChosen);
    connect(mUi->browseButton, &QPushButton::clicked, this, &ReferenceLayerDialog::choosePath);
    connect(mUi->buttonBox, &QDialogButtonBox::accepted, this, &ReferenceLayerDialog::accept);
    kindChosen();
}

ReferenceLayerDialog::~ReferenceLayerDialog() = default;

void ReferenceLayerDialog::kindChosen()
{
    const QString kind = mUi->kindCombo->currentData().toString();
    mUi->constraintCombo->setEnabled(kind == kOther);
    mUi->constraintLabel->setEnabled(kind == kOther);
    mUi->labelFieldEdit->setEnabled(kind == kVillage);
    mUi->labelFieldLabel->setEnabled(kind == kVillage);
}

void ReferenceLayerDialog::choosePath()
{
    QSettings settings;
    const QString start = mUi->fileEdit->text().isEmpty()
                              ? settings.value(QStringLiteral("lastDirectory")).toString()
                              : mUi->fileEdit->text();
    const QString path = FileDialogs::getOpenFileName(
        this, tr("Choose a Reference Layer"), start,
        tr("Polygon layers (*.shp *.gpkg *.geojson *.json);;All files (*)"));
    if (!path.isEmpty())
        setPath(path);
}

void ReferenceLayerDialog::setPath(const QString &path)
{
    mUi->fileEdit->setText(path);
}

void ReferenceLayerDialog::setKind(const QString &kind)
{
    if (kind == kVillage || kind == kRedLine) {
        mUi->kindCombo->setCurrentIndex(mUi->kindCombo->findData(kind));
        return;
    }
    mUi->kindCombo->setCurrentIndex(mUi->kindCombo->findData(kOther));
    mUi->constraintCombo->setCurrentText(kind);
}

core::ReferenceLayerRequest ReferenceLayerDialog::request() const
{
    core::ReferenceLayerRequest request;
    request.path = toUtf8(mUi->fileEdit->text().trimmed());
    const QString kind = mUi->kindCombo->currentData().toString();
    request.kind = toUtf8(kind == kOther ? mUi->constraintCombo->currentText().trimmed() : kind);
    request.name = toUtf8(mUi->nameEdit->text().trimmed());
    if (kind == kVillage)
        request.labelField = toUtf8(mUi->labelFieldEdit->text().trimmed());
    return request;
}

void ReferenceLayerDialog::accept()
{
    const QString path = mUi->fileEdit->text().trimmed();
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        QMessageBox::warning(this, tr("Import Reference Layer"),
                             tr("Choose the file of the layer."));
        return;
    }
    if (mUi->kindCombo->currentData().toString() == kOther &&
        mUi->constraintCombo->currentText().trimmed().isEmpty()) {
        QMessageBox::warning(this, tr("Import Reference Layer"),
                             tr("Say what kind of constraint the layer is."));
        return;
    }
    QSettings().setValue(QStringLiteral("lastDirectory"), QFileInfo(path).absolutePath());
    QDialog::accept();
}

}  // namespace gengbao::app
