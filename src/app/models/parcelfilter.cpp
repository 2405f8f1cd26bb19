// SPDX-License-Identifier: GPL-3.0-or-later
#include "parcelfilter.h"

#include "../session/strings.h"
#include "parceltablemodel.h"

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
    invalidateFilter();
}

void ParcelFilter::setStage(const QString &stage)
{
    mStage = toUtf8(stage);
    invalidateFilter();
}

void ParcelFilter::setVerdict(Verdict verdict)
{
    mVerdict = verdict;
    invalidateFilter();
}

void ParcelFilter::setText(const QString &text)
{
    mText = text.trimmed();
    invalidateFilter();
}

bool ParcelFilter::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const auto &rows = mModel->rows();
    if (sourceRow < 0 || sourceRow >= int(rows.size()))
        return false;
    const core::ParcelRow &row = rows[std::size_t(sourceRow)];
    if (!mVillageCode.empty() && row.villageCode.value_or("") != mVillageCode)
        return false;
    if (!mStage.empty() && row.stage != mStage)
        return false;
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
