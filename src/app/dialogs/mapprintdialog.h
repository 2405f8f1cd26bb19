// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <report/mapsheet.h>

#include <QDialog>
#include <QString>

#include <memory>
#include <utility>
#include <vector>

namespace Ui {
class MapPrintDialog;
}

namespace gengbao::app {

// Asks what map sheet to print or export: the town or one village, what the parcels are
// coloured by, the paper (A4 or A3) and its orientation, and a title (the sheet's default when
// left empty). The last choice is remembered. The layout is ui/mapprintdialog.ui.
class MapPrintDialog : public QDialog
{
    Q_OBJECT

public:
    // villages: (code or name, name) pairs, in the order to offer them.
    MapPrintDialog(const std::vector<std::pair<QString, QString>> &villages,
                   report::ColourBy colourBy, QWidget *parent = nullptr);
    ~MapPrintDialog() override;

    // The sheet's options (fonts and date left to the caller).
    report::MapSheetOptions options() const;
    void setVillage(const QString &codeOrName);  // empty: the town

    void accept() override;

private:
    std::unique_ptr<Ui::MapPrintDialog> mUi;
};

}  // namespace gengbao::app
