// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <report/officialdocument.h>

#include <QDialog>

#include <memory>

namespace Ui {
class SettingsDialog;
}

namespace gengbao::app {

// The officer's settings, kept with QSettings: the language (Chinese by default, or English) and
// the fonts of printed documents (text, title, heading), each falling back to Noto CJK where the
// computer lacks it. The layout is ui/settingsdialog.ui.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);
    ~SettingsDialog() override;
    void accept() override;

    // The fonts of printed documents as the officer chose them, in front of the fallbacks: what
    // every print, preview and PDF of the window uses.
    static report::DocumentFonts documentFonts();

private:
    std::unique_ptr<Ui::SettingsDialog> mUi;
};

}  // namespace gengbao::app
