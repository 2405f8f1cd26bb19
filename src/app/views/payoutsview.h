// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sessionview.h"

class QLabel;
class QTableWidget;

namespace gengbao::app {

class ProjectSession;

// The year-end subsidy statements (core::payoutStatement): per village and per parcel, the total
// in figures and in capital numerals, with print preview, PDF and XLSX.
class PayoutsView : public SessionView
{
    Q_OBJECT

public:
    explicit PayoutsView(ProjectSession &session, QWidget *parent = nullptr);

    QTableWidget *villageTable() const { return mVillages; }
    QLabel *totalLabel() const { return mTotal; }

private:
    void reload() override;
    void printPreview();
    void exportPdf();
    void exportXlsx();

    QTableWidget *mVillages = nullptr;
    QTableWidget *mParcels = nullptr;
    QLabel *mTotal = nullptr;
};

}  // namespace gengbao::app
