// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sessionview.h"

class QLabel;
class QTableView;

namespace gengbao::app {

class ProjectSession;
class TaskTableModel;

// The village task table (任务分解表): editable tasks and remarks (each edit undoable), the 合计
// row, the difference from the town target and each village's shortfall highlighted; an
// allocation with preview; print preview and PDF of the annex; the XLSX for editing outside.
class VillageTasksView : public SessionView
{
    Q_OBJECT

public:
    explicit VillageTasksView(ProjectSession &session, QWidget *parent = nullptr);

    TaskTableModel *model() const { return mModel; }

private:
    void reload() override;
    void allocate();
    void printPreview();
    void exportXlsx();
    void importXlsx();

    TaskTableModel *mModel = nullptr;
    QTableView *mTable = nullptr;
    QLabel *mSummary = nullptr;
};

}  // namespace gengbao::app
