// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsdialog.h"

#include "ui_settingsdialog.h"

#include <report/officialdocument.h>

#include <QSettings>

namespace gengbao::app {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , mUi(std::make_unique<Ui::SettingsDialog>())
{
    mUi->setupUi(this);
    mUi->languageCombo->addItem(QStringLiteral("中文"), QStringLiteral("zh_CN"));
    mUi->languageCombo->addItem(QStringLiteral("English"), QStringLiteral("en"));
    QSettings settings;
    mUi->languageCombo->setCurrentIndex(std::max(
        0, mUi->languageCombo->findData(
               settings.value(QStringLiteral("language"), QStringLiteral("zh_CN")).toString())));
    // Each font box shows the chosen family, else the one printing would use today.
    const report::DocumentFonts defaults;
    const auto show = [&settings](QFontComboBox *box, const char *key,
                                  const QStringList &fallbacks) {
        const QString chosen = settings.value(QString::fromLatin1(key)).toString();
        box->setCurrentFont(QFont(chosen.isEmpty() ? report::installedFamily(fallbacks) : chosen));
    };
    show(mUi->textFont, "fonts/text", defaults.text);
    show(mUi->titleFont, "fonts/title", defaults.title);
    show(mUi->headingFont, "fonts/heading", defaults.heading);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::accept()
{
    QSettings settings;
    settings.setValue(QStringLiteral("language"), mUi->languageCombo->currentData());
    settings.setValue(QStringLiteral("fonts/text"), mUi->textFont->currentFont().family());
    settings.setValue(QStringLiteral("fonts/title"), mUi->titleFont->currentFont().family());
    settings.setValue(QStringLiteral("fonts/heading"), mUi->headingFont->currentFont().family());
    QDialog::accept();
}

report::DocumentFonts SettingsDialog::documentFonts()
{
    QSettings settings;
    report::DocumentFonts fonts;
    report::DocumentFonts::prefer(fonts.text,
                                  settings.value(QStringLiteral("fonts/text")).toString());
    report::DocumentFonts::prefer(fonts.title,
                                  settings.value(QStringLiteral("fonts/title")).toString());
    report::DocumentFonts::prefer(fonts.heading,
                                  settings.value(QStringLiteral("fonts/heading")).toString());
    return fonts;
}

}  // namespace gengbao::app
