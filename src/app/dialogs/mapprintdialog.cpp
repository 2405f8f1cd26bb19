// SPDX-License-Identifier: GPL-3.0-or-later
#include "mapprintdialog.h"

#include "../session/strings.h"
#include "ui_mapprintdialog.h"

#include <QSettings>

#include <algorithm>

namespace gengbao::app {

MapPrintDialog::MapPrintDialog(const std::vector<std::pair<QString, QString>> &villages,
                               report::ColourBy colourBy, QWidget *parent)
    : QDialog(parent)
    , mUi(std::make_unique<Ui::MapPrintDialog>())
{
    mUi->setupUi(this);
    mUi->areaCombo->addItem(tr("The whole town"), QString());
    for (const auto &[key, name] : villages)
        mUi->areaCombo->addItem(name, key);
    mUi->colourByCombo->addItem(tr("Stage"), int(report::ColourBy::Stage));
    mUi->colourByCombo->addItem(tr("Screening"), int(report::ColourBy::Eligibility));
    mUi->colourByCombo->addItem(tr("Village"), int(report::ColourBy::Village));
    mUi->colourByCombo->setCurrentIndex(std::max(0, mUi->colourByCombo->findData(int(colourBy))));
    QSettings settings;
    mUi->paperCombo->setCurrentIndex(
        settings.value(QStringLiteral("mapPrint/paper")).toString() == QStringLiteral("A3") ? 1
                                                                                            : 0);
    const bool portrait = settings.value(QStringLiteral("mapPrint/orientation")).toString() ==
                          QStringLiteral("portrait");
    mUi->portraitRadio->setChecked(portrait);
    mUi->landscapeRadio->setChecked(!portrait);
}

MapPrintDialog::~MapPrintDialog() = default;

void MapPrintDialog::setVillage(const QString &codeOrName)
{
    mUi->areaCombo->setCurrentIndex(std::max(0, mUi->areaCombo->findData(codeOrName)));
}

report::MapSheetOptions MapPrintDialog::options() const
{
    report::MapSheetOptions options;
    options.paper = mUi->paperCombo->currentIndex() == 1 ? report::Paper::A3 : report::Paper::A4;
    options.orientation =
        mUi->portraitRadio->isChecked() ? QPageLayout::Portrait : QPageLayout::Landscape;
    options.colourBy = static_cast<report::ColourBy>(mUi->colourByCombo->currentData().toInt());
    options.village = toUtf8(mUi->areaCombo->currentData().toString());
    options.title = mUi->titleEdit->text().trimmed();
    return options;
}

void MapPrintDialog::accept()
{
    QSettings settings;
    settings.setValue(QStringLiteral("mapPrint/paper"), mUi->paperCombo->currentText());
    settings.setValue(QStringLiteral("mapPrint/orientation"), mUi->portraitRadio->isChecked()
                                                                  ? QStringLiteral("portrait")
                                                                  : QStringLiteral("landscape"));
    QDialog::accept();
}

}  // namespace gengbao::app
