// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>
#include <QString>

namespace gengbao::app {

class ParcelTableModel;

// Which parcels the table shows, in which order: by village, stage, screening verdict and a text
// that the id, the village, the land class or the batch contains. Reads the rows directly (no
// QVariant per cell), so sorting and filtering 100k rows stays quick.
class ParcelFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class Verdict { Any, Eligible, Excluded, NotScreened };

    explicit ParcelFilter(ParcelTableModel *model, QObject *parent = nullptr);

    void setVillageCode(const QString &code);  // empty: every village
    void setStage(const QString &stage);       // empty: every stage
    void setVerdict(Verdict verdict);
    void setText(const QString &text);
    void setReason(const QString &reason);  // a reason code or a layer's kind; empty: any
    void setBatchId(std::int64_t batchId);  // 0: every batch
    void setSource(const QString &source);  // "county", "village"; empty: both

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    // Compares the rows' own values, not QVariants: a sort of 100k rows makes millions of
    // comparisons.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    ParcelTableModel *mModel;
    std::string mVillageCode;
    std::string mStage;
    Verdict mVerdict = Verdict::Any;
    QString mText;
    std::string mReason;
    std::int64_t mBatchId = 0;
    std::string mSource;
};

}  // namespace gengbao::app
