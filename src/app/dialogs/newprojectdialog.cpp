// SPDX-License-Identifier: GPL-3.0-or-later
#include "newprojectdialog.h"

#include "../session/strings.h"
#include "filedialogs.h"
#include "ui_newprojectdialog.h"

#include <core/geo/crs.h>
#include <core/ops/importparcels.h>
#include <report/errortext.h>

#include <QDate>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>

namespace gengbao::app {

namespace {

std::optional<int> epsgOf(const QString &text)
{
    QString code = text.trimmed();
    if (code.startsWith(QStringLiteral("EPSG:"), Qt::CaseInsensitive))
        code = code.mid(5);
    bool ok = false;
    const int epsg = code.toInt(&ok);
    return ok ? std::optional<int>(epsg) : std::nullopt;
}

}  // namespace

NewProjectDialog::NewProjectDialog(QWidget *parent)
    : QDialog(parent)
    , mUi(std::make_unique<Ui::NewProjectDialog>())
{
    mUi->setupUi(this);
    mUi->yearSpin->setValue(QDate::currentDate().year());
    connect(mUi->buttonBox, &QDialogButtonBox::accepted, this, &NewProjectDialog::check);
    connect(mUi->browseButton, &QPushButton::clicked, this, &NewProjectDialog::chooseFirstFile);
    connect(mUi->firstFileEdit, &QLineEdit::editingFinished, this, &NewProjectDialog::proposeCrs);
}

QString NewProjectDialog::firstFile() const
{
    return mUi->firstFileEdit->text().trimmed();
}

void NewProjectDialog::chooseFirstFile()
{
    const QString path =
        FileDialogs::getOpenFileName(this, tr("The County's Parcels"),
                                     QSettings().value(QStringLiteral("lastDirectory")).toString(),
                                     tr("Parcels (*.shp *.gpkg *.geojson *.json)"));
    if (path.isEmpty())
        return;
    mUi->firstFileEdit->setText(path);
    proposeCrs();
}

void NewProjectDialog::proposeCrs()
{
    const QString path = firstFile();
    if (path.isEmpty()) {
        mUi->crsNoteLabel->clear();
        return;
    }
    const auto epsg = core::proposeProjectCrs(toUtf8(path));
    if (!epsg) {
        mUi->crsNoteLabel->setText(report::errorText(epsg.error()));
        return;
    }
    mUi->crsEdit->setText(QStringLiteral("EPSG:%1").arg(epsg.value()));
    mUi->crsNoteLabel->setText(
        tr("Proposed from the file: the CGCS2000 3-degree zone nearest the parcels."));
    adjustSize();  // room for the note
}

NewProjectDialog::~NewProjectDialog() = default;

core::ProjectSettings NewProjectDialog::settings() const
{
    core::ProjectSettings settings;
    settings.town = toUtf8(mUi->townEdit->text().trimmed());
    settings.county = toUtf8(mUi->countyEdit->text().trimmed());
    settings.year = mUi->yearSpin->value();
    settings.targetMu = mUi->targetSpin->value();
    settings.crsEpsg = epsgOf(mUi->crsEdit->text());
    return settings;
}

void NewProjectDialog::check()
{
    if (!firstFile().isEmpty() && !QFileInfo::exists(firstFile())) {
        QMessageBox::warning(this, windowTitle(), tr("%1 does not exist.").arg(firstFile()));
        return;
    }
    if (mUi->townEdit->text().trimmed().isEmpty()) {
        QMessageBox::warning(this, windowTitle(), tr("The town's name is needed."));
        return;
    }
    if (!mUi->crsEdit->text().trimmed().isEmpty()) {
        const auto epsg = epsgOf(mUi->crsEdit->text());
        const auto valid = epsg ? core::crs::checkProjectCrs(*epsg) : core::Status();
        if (!epsg || !valid) {
            QMessageBox::warning(this, windowTitle(),
                                 tr("The coordinate system must be a projected EPSG code in "
                                    "metres, such as EPSG:4545."));
            return;
        }
    }
    accept();
}

}  // namespace gengbao::app
