// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QString>

#include <memory>
#include <utility>
#include <vector>

namespace Ui {
class DrawnParcelDialog;
}

namespace gengbao::app {

// Asks which village proposes the parcel just drawn on the map, and a note. The layout is
// ui/drawnparceldialog.ui.
class DrawnParcelDialog : public QDialog
{
    Q_OBJECT

public:
    // villages: (12-digit code, name) pairs; areaMu: the drawn polygon's area, for the summary.
    DrawnParcelDialog(const std::vector<std::pair<QString, QString>> &villages,
                      std::size_t vertexCount, double areaMu, QWidget *parent = nullptr);
    ~DrawnParcelDialog() override;

    QString villageCode() const;
    QString note() const;
    void setVillageCode(const QString &code);

private:
    std::unique_ptr<Ui::DrawnParcelDialog> mUi;
};

}  // namespace gengbao::app
