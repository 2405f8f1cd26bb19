// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/ops/exportparcels.h>

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace gengbao::app {

// The parcels of the open project as a table. Holds the rows in memory (100k rows fit in tens of
// MB); ParcelIdRole gives the stable parcel id, never a row number. GUI thread only.
class ParcelTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Id,
        Village,
        LandClass,
        GrossMu,
        NetMu,
        SlopeDeg,
        Verdict,
        Stage,
        Batch,
        ColumnCount
    };
    static constexpr int ParcelIdRole = Qt::UserRole;

    explicit ParcelTableModel(QObject *parent = nullptr);

    // Shares the session's rows rather than copying them.
    void setRows(std::shared_ptr<const std::vector<core::ParcelRow>> rows);
    const std::vector<core::ParcelRow> &rows() const { return *mRows; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The stage column: the stage, or the proposal's state while the county has not approved it.
    static QString stageText(const core::ParcelRow &row);
    // The screening verdict in words: eligible, not screened, or the reasons for exclusion.
    static QString verdictText(const core::ParcelRow &row);
    // A reason or flag code in words ("slope" -> 坡度超限); a layer's kind stays as typed.
    static QString reasonName(const std::string &code);

private:
    std::shared_ptr<const std::vector<core::ParcelRow>> mRows =
        std::make_shared<const std::vector<core::ParcelRow>>();
};

}  // namespace gengbao::app
