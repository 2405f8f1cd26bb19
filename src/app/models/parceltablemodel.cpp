// SPDX-License-Identifier: GPL-3.0-or-later
#include "parceltablemodel.h"

#include <report/vocabulary.h>

#include "../session/strings.h"

#include <QStringList>

namespace gengbao::app {

ParcelTableModel::ParcelTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ParcelTableModel::setRows(std::shared_ptr<const std::vector<core::ParcelRow>> rows)
{
    beginResetModel();
    mRows = std::move(rows);
    endResetModel();
}

int ParcelTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(mRows->size());
}

int ParcelTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ParcelTableModel::stageText(const core::ParcelRow &row)
{
    if (row.proposal && *row.proposal != "approved")
        return report::proposalLabel(*row.proposal);
    return report::stageLabel(row.stage);
}

QString ParcelTableModel::reasonName(const std::string &code)
{
    if (code == "slope")
        return tr("Slope over the limit");
    if (code == "redline")
        return tr("Ecological red line");
    if (code == "slope_unknown")
        return tr("Slope unknown");
    if (code == "overlap_error")
        return tr("Overlap not computable");
    if (code == "slope_disagrees")
        return tr("DEM and slope grade disagree");
    if (code == "dem_partial")
        return tr("DEM covers part only");
    if (code == "terrace")
        return tr("Terrace over the limit");
    return toQString(code);
}

QString ParcelTableModel::verdictText(const core::ParcelRow &row)
{
    if (!row.eligible)
        return tr("Not screened");
    if (*row.eligible)
        return tr("Eligible");
    QStringList reasons;
    for (const std::string &reason : row.reasons.value_or(std::vector<std::string>{}))
        reasons << reasonName(reason);
    return tr("Excluded: %1").arg(reasons.join(tr(", ")));
}

QVariant ParcelTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= static_cast<int>(mRows->size()))
        return {};
    const core::ParcelRow &row = (*mRows)[static_cast<std::size_t>(index.row())];
    if (role == ParcelIdRole)
        return toQString(row.id);
    if (role == Qt::TextAlignmentRole &&
        (index.column() == GrossMu || index.column() == NetMu || index.column() == SlopeDeg))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Id:
            return toQString(row.id);
        case Village:
            return toQString(row.village);
        case LandClass:
            return row.dlmc ? toQString(*row.dlmc) : QString();
        case GrossMu:
            return QString::number(row.grossMu, 'f', 2);  // rounded for display only
        case NetMu:
            return QString::number(row.netMu, 'f', 2);
        case SlopeDeg:
            return row.slopeDeg ? QString::number(*row.slopeDeg, 'f', 1) : QString();
        case Verdict:
            return verdictText(row);
        case Stage:
            return stageText(row);
        case Batch:
            return toQString(row.batch);
        default:
            break;
        }
    }
    if (role == Qt::UserRole + 1) {  // sort key: numbers sort as numbers
        switch (index.column()) {
        case GrossMu:
            return row.grossMu;
        case NetMu:
            return row.netMu;
        case SlopeDeg:
            return row.slopeDeg ? QVariant(*row.slopeDeg) : QVariant(-1.0);
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant ParcelTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("Parcel ID");
    case Village:
        return tr("Village");
    case LandClass:
        return tr("Land class");
    case GrossMu:
        return tr("Gross area (mu)");
    case NetMu:
        return tr("Net area (mu)");
    case SlopeDeg:
        return tr("Slope (°)");
    case Verdict:
        return tr("Screening");
    case Stage:
        return tr("Stage");
    case Batch:
        return tr("Batch");
    default:
        return {};
    }
}

}  // namespace gengbao::app
