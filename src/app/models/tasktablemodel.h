// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/ops/plans.h>

#include <QAbstractTableModel>

#include <functional>

namespace gengbao::app {

// The village task table (任务分解表) of the restoration program: one row per village and a 合计
// row. Task and remarks are editable; an edit goes to the `edit` callback (the session, which
// makes it an undoable command) and the table comes back through setTable. Tasks above a
// village's potential are highlighted with the shortfall in their tooltip.
class TaskTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Number,
        Village,
        Potential,
        Task,
        Shortfall,
        Selected,
        Approved,
        Remarks,
        ColumnCount
    };

    using EditFunction = std::function<bool(const QString &code, std::optional<std::int64_t> task,
                                            std::optional<QString> remarks)>;

    explicit TaskTableModel(QObject *parent = nullptr);

    void setTable(core::TaskTable table);
    const core::TaskTable &table() const { return mTable; }
    void setEditFunction(EditFunction edit) { mEdit = std::move(edit); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    bool isTotalRow(int row) const { return row == int(mTable.villages.size()); }

    core::TaskTable mTable;
    EditFunction mEdit;
};

}  // namespace gengbao::app
