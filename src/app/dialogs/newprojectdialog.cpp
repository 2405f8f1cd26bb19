// SPDX-License-Identifier: GPL-3.0-or-later
#include "newprojectdialog.h"

#include "../session/strings.h"
#include "ui_newprojectdialog.h"

#include <core/geo/crs.h>

#include <QDate>
#include <QMessageBox>
#include <QPushButton>

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
