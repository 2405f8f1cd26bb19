// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sessionview.h"

class QChartView;
class QLabel;
class QTableWidget;

namespace gengbao::app {

class ProjectSession;

// Progress against the plan as of today: per village the net area that reached each stage
// against its task (a bar for the approved share) and the parcels overdue per stage; a chart of
// the approved area over time against the town target and the approval deadline.
class ProgressView : public SessionView
{
    Q_OBJECT

public:
    explicit ProgressView(ProjectSession &session, QWidget *parent = nullptr);

    QTableWidget *villageTable() const { return mVillages; }

private:
    void reload() override;
    void reloadChart();

    QTableWidget *mVillages = nullptr;
    QChartView *mChart = nullptr;
    QLabel *mAsOf = nullptr;
};

}  // namespace gengbao::app
