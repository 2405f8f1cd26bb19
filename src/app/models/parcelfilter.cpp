// SPDX-License-Identifier: GPL-3.0-or-later
#include "parcelfilter.h"

#include "../session/strings.h"
#include "parceltablemodel.h"

#include <algorithm>

namespace gengbao::app {

ParcelFilter::ParcelFilter(ParcelTableModel *model, QObject *parent)
    : QSortFilterProxyModel(parent)
    , mModel(model)
{
    setSourceModel(model);
}

void ParcelFilter::setVillageCode(const QString &code)
{
    mVillageCode = toUtf8(code);
    invalidate();  // a full rebuild: far quicker than a diff when thousands of rows change
}

void ParcelFilter::setStage(const QString &stage)
{
    mStage = toUtf8(stage);
    invalidate();  // a full rebuild: far quicker than a diff when thousands of rows change
}

void ParcelFilter::setVerdict(Verdict verdict)
{
    mVerdict = verdict;
    invalidate();  // a full rebuild: far quicker than a diff when thousands of rows change
}

void ParcelFilter::setText(const QString &text)
{
    mText = text.trimmed();
    invalidate();  // a full rebuild: far quicker than a diff when thousands of rows change
}

void ParcelFilter::setReason(const QString &reason)
{
    mReason = toUtf8(reason);
    invalidate();
}

void ParcelFilter::setBatchId(std::int64_t batchId)
{
    mBatchId = batchId;
    invalidate();
}

void ParcelFilter::setSource(const QString &source)
{
    mSource = toUtf8(source);
    invalidate();
}

bool ParcelFilter::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const auto &rows = mModel->rows();
    const core::ParcelRow &a = rows[std::size_t(left.row())];
    const core::ParcelRow &b = rows[std::size_t(right.row())];
    switch (left.column()) {
    case ParcelTableModel::Village:
        return a.village < b.village;
    case ParcelTableModel::LandClass:
        return a.dlmc.value_or("") < b.dlmc.value_or("");
    case ParcelTableModel::GrossMu:
        return a.grossMu < b.grossMu;
    case ParcelTableModel::NetMu:
        return a.netMu < b.netMu;
    case ParcelTableModel::SlopeDeg:
        return a.slopeDeg.value_or(-1.0) < b.slopeDeg.value_or(-1.0);
    case ParcelTableModel::Verdict:
        return a.eligible.has_value() != b.eligible.has_value() ? !a.eligible.has_value()
                                                                : a.eligible < b.eligible;
    case ParcelTableModel::Stage:
        return a.stage < b.stage;
    case ParcelTableModel::Batch:
        return a.batchId < b.batchId;
    default:
        return a.id < b.id;
    }
}

bool ParcelFilter::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const auto &rows = mModel->rows();
    if (sourceRow < 0 || sourceRow >= int(rows.size()))
        return false;
    const core::ParcelRow &row = rows[std::size_t(sourceRow)];
    if (!mVillageCode.empty() && (!row.villageCode || *row.villageCode != mVillageCode))
        return false;
    if (!mStage.empty() && row.stage != mStage)
        return false;
    if (mBatchId != 0 && row.batchId != mBatchId)
        return false;
    if (!mSource.empty() && row.source != mSource)
        return false;
    if (!mReason.empty()) {
        const auto &reasons = row.reasons;
        if (!reasons || std::find(reasons->begin(), reasons->end(), mReason) == reasons->end())
            return false;
    }
    switch (mVerdict) {
    case Verdict::Eligible:
        if (row.eligible != true)
            return false;
        break;
    case Verdict::Excluded:
        if (row.eligible != false)
            return false;
        break;
    case Verdict::NotScreened:
        if (row.eligible.has_value())
            return false;
        break;
    case Verdict::Any:
        break;
    }
    if (mText.isEmpty())
        return true;
    for (const std::string *field : {&row.id, &row.village, &row.batch}) {
        if (toQString(*field).contains(mText, Qt::CaseInsensitive))
            return true;
    }
    return row.dlmc && toQString(*row.dlmc).contains(mText, Qt::CaseInsensitive);
}

}  // namespace gengbao::app
