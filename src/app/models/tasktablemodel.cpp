// SPDX-License-Identifier: GPL-3.0-or-later
#include "tasktablemodel.h"

#include "../session/strings.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace gengbao::app {

namespace {

QString mu(std::int64_t centiMu)
{
    return toQString(core::formatMu(centiMu));
}

}  // namespace

TaskTableModel::TaskTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TaskTableModel::setTable(core::TaskTable table)
{
    beginResetModel();
    mTable = std::move(table);
    endResetModel();
}

int TaskTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(mTable.villages.size()) + 1;  // + 合计
}

int TaskTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const int row = index.row();
    const int column = index.column();
    if (isTotalRow(row)) {
        if (role == Qt::FontRole) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        if (role != Qt::DisplayRole)
            return {};
        std::int64_t selected = 0, approved = 0, shortfall = 0;
        for (const core::VillageTask &village : mTable.villages) {
            selected += village.selected;
            approved += village.approved;
            shortfall += village.shortfall;
        }
        switch (column) {
        case Number:
            return tr("Total");
        case Potential:
            return mu(mTable.potentialTotal);
        case Task:
            return mu(mTable.taskTotal);
        case Shortfall:
            return mu(shortfall);
        case Selected:
            return mu(selected);
        case Approved:
            return mu(approved);
        default:
            return {};
        }
    }
    const core::VillageTask &village = mTable.villages[std::size_t(row)];
    if (role == Qt::BackgroundRole && village.shortfall > 0 &&
        (column == Task || column == Shortfall))
        return QBrush(QColor(255, 235, 200));  // above the village's potential
    if (role == Qt::ToolTipRole && village.shortfall > 0)
        return tr("The task is %1 mu above the village's eligible potential: the village must add "
                  "parcels of its own.")
            .arg(mu(village.shortfall));
    if (role == Qt::TextAlignmentRole && column != Village && column != Remarks)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::EditRole && column == Task)
        return double(village.task) / 100.0;
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (column) {
    case Number:
        return row + 1;
    case Village:
        return toQString(village.name);
    case Potential:
        return mu(village.potential);
    case Task:
        return mu(village.task);
    case Shortfall:
        return village.shortfall > 0 ? mu(village.shortfall) : QString();
    case Selected:
        return mu(village.selected);
    case Approved:
        return mu(village.approved);
    case Remarks:
        return toQString(village.remarks);
    default:
        return {};
    }
}

bool TaskTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || isTotalRow(index.row()) || !mEdit)
        return false;
    const core::VillageTask &village = mTable.villages[std::size_t(index.row())];
    const QString code = toQString(village.code);
    if (index.column() == Task) {
        auto task = core::parseCentiMu(toUtf8(value.toString().trimmed()));
        if (!task)
            return false;
        return mEdit(code, *task, std::nullopt);
    }
    if (index.column() == Remarks)
        return mEdit(code, std::nullopt, value.toString());
    return false;
}

Qt::ItemFlags TaskTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && !isTotalRow(index.row()) &&
        (index.column() == Task || index.column() == Remarks))
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant TaskTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number:
        return tr("No.");
    case Village:
        return tr("Village");
    case Potential:
        return tr("Potential (mu)");
    case Task:
        return tr("Task (mu)");
    case Shortfall:
        return tr("Shortfall (mu)");
    case Selected:
        return tr("Selected (mu)");
    case Approved:
        return tr("Approved (mu)");
    case Remarks:
        return tr("Remarks");
    default:
        return {};
    }
}

}  // namespace gengbao::app
