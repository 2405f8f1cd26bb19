// SPDX-License-Identifier: GPL-3.0-or-later
#include "screeningdialog.h"

#include "../session/strings.h"
#include "filedialogs.h"
#include "ui_screeningdialog.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QSettings>

namespace gengbao::app {

namespace {

enum Column { Kind, Action, File };

QStringList knownKinds()
{
    // The layers of domain.md §3.3; the officer may type another kind.
    return {QStringLiteral("生态保护红线"),         QStringLiteral("城镇开发边界"),
            QStringLiteral("河湖管理范围"),         QStringLiteral("自然保护地"),
            QStringLiteral("饮用水水源一级保护区"), QStringLiteral("永久基本农田")};
}

}  // namespace

ScreeningDialog::ScreeningDialog(const core::ProgramRules &planRules, QWidget *parent)
    : QDialog(parent)
    , mUi(std::make_unique<Ui::ScreeningDialog>())
{
    mUi->setupUi(this);
    mUi->constraintTable->setColumnCount(3);
    mUi->constraintTable->setHorizontalHeaderLabels({tr("Kind"), tr("Action"), tr("File")});
    mUi->constraintTable->horizontalHeader()->setStretchLastSection(true);
    mUi->constraintTable->verticalHeader()->hide();
    mUi->maxSlopeSpin->setValue(planRules.maxSlopeDeg);
    mUi->terracesCheck->setChecked(planRules.allowTerraces);
    mUi->toleranceSpin->setValue(planRules.overlapToleranceM2);
    connect(mUi->demBrowse, &QPushButton::clicked, this, &ScreeningDialog::chooseDem);
    connect(mUi->addConstraint, &QPushButton::clicked, this, &ScreeningDialog::chooseConstraint);
    connect(mUi->removeConstraint, &QPushButton::clicked, this,
            [this] { mUi->constraintTable->removeRow(mUi->constraintTable->currentRow()); });
    // The inputs of the last screening, which a rescreen usually repeats.
    QSettings settings;
    mUi->demEdit->setText(settings.value(QStringLiteral("screening/dem")).toString());
    const QStringList layers = settings.value(QStringLiteral("screening/layers")).toStringList();
    for (int i = 0; i + 2 < layers.size(); i += 3)
        addConstraint(layers[i + 2], layers[i], layers[i + 1] == QStringLiteral("exclude"));
}

ScreeningDialog::~ScreeningDialog() = default;

void ScreeningDialog::addConstraint(const QString &path, const QString &kind, bool exclude)
{
    const int row = mUi->constraintTable->rowCount();
    mUi->constraintTable->insertRow(row);
    auto *kindBox = new QComboBox(mUi->constraintTable);
    kindBox->setEditable(true);
    kindBox->addItems(knownKinds());
    kindBox->setCurrentText(kind);
    mUi->constraintTable->setCellWidget(row, Kind, kindBox);
    auto *actionBox = new QComboBox(mUi->constraintTable);
    actionBox->addItem(tr("Exclude"), QStringLiteral("exclude"));
    actionBox->addItem(tr("Flag only"), QStringLiteral("flag"));
    actionBox->setCurrentIndex(exclude ? 0 : 1);
    mUi->constraintTable->setCellWidget(row, Action, actionBox);
    mUi->constraintTable->setItem(row, File, new QTableWidgetItem(path));
}

void ScreeningDialog::chooseDem()
{
    const QString path =
        FileDialogs::getOpenFileName(this, tr("Choose the DEM"), mUi->demEdit->text(),
                                     tr("Rasters (*.tif *.tiff *.img *.vrt);;All files (*)"));
    if (!path.isEmpty())
        mUi->demEdit->setText(path);
}

void ScreeningDialog::chooseConstraint()
{
    const QString path =
        FileDialogs::getOpenFileName(this, tr("Choose a Constraint Layer"), QString(),
                                     tr("Polygon layers (*.shp *.gpkg *.geojson *.json)"));
    if (!path.isEmpty())
        addConstraint(
            path, mUi->constraintTable->rowCount() == 0 ? knownKinds().front() : knownKinds().at(1),
            true);
}

core::ScreeningRequest ScreeningDialog::request() const
{
    core::ScreeningRequest request;
    const QString dem = mUi->demEdit->text().trimmed();
    if (!dem.isEmpty())
        request.demPath = toUtf8(dem);
    for (int row = 0; row < mUi->constraintTable->rowCount(); ++row) {
        core::ConstraintSpec spec;
        spec.path = toUtf8(mUi->constraintTable->item(row, File)->text());
        spec.kind = toUtf8(static_cast<QComboBox *>(mUi->constraintTable->cellWidget(row, Kind))
                               ->currentText()
                               .trimmed());
        spec.action = static_cast<QComboBox *>(mUi->constraintTable->cellWidget(row, Action))
                                  ->currentData()
                                  .toString() == QStringLiteral("flag")
                          ? core::ConstraintAction::Flag
                          : core::ConstraintAction::Exclude;
        request.constraints.push_back(std::move(spec));
    }
    request.rules.maxSlopeDeg = mUi->maxSlopeSpin->value();
    request.rules.allowTerraces = mUi->terracesCheck->isChecked();
    request.rules.overlapToleranceM2 = mUi->toleranceSpin->value();
    return request;
}

void ScreeningDialog::accept()
{
    QSettings settings;
    settings.setValue(QStringLiteral("screening/dem"), mUi->demEdit->text().trimmed());
    QStringList layers;
    for (const core::ConstraintSpec &spec : request().constraints)
        layers << toQString(spec.kind)
               << (spec.action == core::ConstraintAction::Flag ? QStringLiteral("flag")
                                                               : QStringLiteral("exclude"))
               << toQString(spec.path);
    settings.setValue(QStringLiteral("screening/layers"), layers);
    QDialog::accept();
}

}  // namespace gengbao::app
