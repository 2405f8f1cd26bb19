// SPDX-License-Identifier: GPL-3.0-or-later
#include "payoutsview.h"

#include "../dialogs/filedialogs.h"
#include "../dialogs/settingsdialog.h"
#include "../session/projectsession.h"
#include "../session/strings.h"

#include <core/domain/money.h>
#include <core/ops/payouts.h>
#include <report/errortext.h>
#include <report/payoutsheet.h>
#include <report/xlsxpayouts.h>

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gengbao::app {

namespace {

QString fixed(std::int64_t hundredths)
{
    return toQString(core::formatYuan(hundredths));
}

QTableWidgetItem *number(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

}  // namespace

PayoutsView::PayoutsView(ProjectSession &session, QWidget *parent)
    : SessionView(session, parent)
    , mVillages(new QTableWidget(this))
    , mParcels(new QTableWidget(this))
    , mTotal(new QLabel(this))
{
    mVillages->setObjectName(QStringLiteral("payoutVillages"));
    mVillages->setColumnCount(7);
    mVillages->setHorizontalHeaderLabels({tr("Village"), tr("Task (mu)"), tr("Approved (mu)"),
                                          tr("Subsidy (yuan)"), tr("Reward (yuan)"),
                                          tr("Total (yuan)"), tr("Task met")});
    mParcels->setColumnCount(5);
    mParcels->setHorizontalHeaderLabels({tr("Parcel ID"), tr("Village"), tr("Net area (mu)"),
                                         tr("Rate (yuan/mu)"), tr("Amount (yuan)")});
    for (QTableWidget *table : {mVillages, mParcels}) {
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->verticalHeader()->hide();
        table->horizontalHeader()->setStretchLastSection(true);
    }
    mTotal->setObjectName(QStringLiteral("payoutTotal"));
    mTotal->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QHBoxLayout;
    const auto button = [this, buttons](const QString &text, void (PayoutsView::*slot)()) {
        auto *push = new QPushButton(text, this);
        connect(push, &QPushButton::clicked, this, slot);
        buttons->addWidget(push);
    };
    button(tr("Print Pre&view..."), &PayoutsView::printPreview);
    button(tr("Export &PDF..."), &PayoutsView::exportPdf);
    button(tr("&Export XLSX..."), &PayoutsView::exportXlsx);
    buttons->addStretch();

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(mVillages);
    splitter->addWidget(mParcels);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    layout->addWidget(mTotal);
    layout->addLayout(buttons);
    reload();
}

void PayoutsView::reload()
{
    mVillages->setRowCount(0);
    mParcels->setRowCount(0);
    mTotal->clear();
    if (!mSession.project())
        return;
    auto statement = core::payoutStatement(*mSession.project());
    if (!statement) {
        mTotal->setText(report::errorText(statement.error()));
        return;
    }
    mVillages->setRowCount(int(statement->villages.size()));
    for (int row = 0; row < int(statement->villages.size()); ++row) {
        const core::VillagePayout &village = statement->villages[std::size_t(row)];
        mVillages->setItem(row, 0, new QTableWidgetItem(toQString(village.name)));
        mVillages->setItem(row, 1, number(fixed(village.task)));
        mVillages->setItem(row, 2, number(fixed(village.approved)));
        mVillages->setItem(row, 3, number(fixed(village.subsidy)));
        mVillages->setItem(row, 4, number(fixed(village.reward)));
        mVillages->setItem(row, 5, number(fixed(village.total)));
        mVillages->setItem(row, 6, new QTableWidgetItem(village.met ? tr("Yes") : tr("No")));
    }
    mParcels->setRowCount(int(statement->parcels.size()));
    for (int row = 0; row < int(statement->parcels.size()); ++row) {
        const core::ParcelPayout &parcel = statement->parcels[std::size_t(row)];
        mParcels->setItem(row, 0, new QTableWidgetItem(toQString(parcel.id)));
        mParcels->setItem(row, 1, new QTableWidgetItem(toQString(parcel.village)));
        mParcels->setItem(row, 2, number(fixed(parcel.area)));
        mParcels->setItem(row, 3, number(fixed(parcel.rate)));
        mParcels->setItem(row, 4, number(fixed(parcel.amount)));
    }
    mTotal->setText(
        tr("Total: %1 yuan (%2)").arg(fixed(statement->total), toQString(statement->totalInWords)));
    mVillages->resizeColumnsToContents();
    mParcels->resizeColumnsToContents();
}

void PayoutsView::printPreview()
{
    if (!mSession.project())
        return;
    auto statement = core::payoutStatement(*mSession.project());
    if (!statement)
        return;
    const report::OfficialDocument document = report::payoutDocument(*statement);
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(document.title);
    QPrintPreviewDialog preview(&printer, this);
    connect(&preview, &QPrintPreviewDialog::paintRequested, this, [&document](QPrinter *target) {
        (void)report::paintDocument(document, *target, SettingsDialog::documentFonts());
    });
    preview.exec();
}

void PayoutsView::exportPdf()
{
    if (!mSession.project())
        return;
    auto statement = core::payoutStatement(*mSession.project());
    if (!statement)
        return;
    const report::OfficialDocument document = report::payoutDocument(*statement);
    QSettings settings;
    const QString path =
        FileDialogs::getSaveFileName(this, tr("Export the Statement as PDF"),
                                     settings.value(QStringLiteral("lastDirectory")).toString() +
                                         QLatin1Char('/') + document.title + QStringLiteral(".pdf"),
                                     tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    if (auto written = report::writeDocumentPdf(document, path, SettingsDialog::documentFonts());
        !written)
        QMessageBox::warning(this, tr("Cannot export"), report::errorText(written.error()));
}

void PayoutsView::exportXlsx()
{
    if (!mSession.project())
        return;
    auto statement = core::payoutStatement(*mSession.project());
    if (!statement)
        return;
    QSettings settings;
    const QString path = FileDialogs::getSaveFileName(
        this, tr("Export the Statement as XLSX"),
        settings.value(QStringLiteral("lastDirectory")).toString(), tr("Excel workbooks (*.xlsx)"));
    if (path.isEmpty())
        return;
    if (auto written = report::writePayoutsXlsx(*statement, toUtf8(path)); !written)
        QMessageBox::warning(this, tr("Cannot export"), report::errorText(written.error()));
}

}  // namespace gengbao::app
