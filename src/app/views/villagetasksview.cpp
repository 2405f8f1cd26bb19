// SPDX-License-Identifier: GPL-3.0-or-later
#include "villagetasksview.h"

#include "../dialogs/allocationdialog.h"
#include "../dialogs/filedialogs.h"
#include "../dialogs/settingsdialog.h"
#include "../models/tasktablemodel.h"
#include "../session/projectsession.h"
#include "../session/strings.h"

#include <report/annex.h>
#include <report/errortext.h>
#include <report/xlsxtasks.h>

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>

namespace gengbao::app {

VillageTasksView::VillageTasksView(ProjectSession &session, QWidget *parent)
    : SessionView(session, parent)
    , mModel(new TaskTableModel(this))
    , mTable(new QTableView(this))
    , mSummary(new QLabel(this))
{
    mTable->setObjectName(QStringLiteral("taskTable"));
    mTable->setModel(mModel);
    mTable->verticalHeader()->hide();
    mTable->horizontalHeader()->setStretchLastSection(true);
    mModel->setEditFunction([this](const QString &code, std::optional<std::int64_t> task,
                                   std::optional<QString> remarks) {
        if (const auto refused = mSession.setTask(code, task, remarks)) {
            QMessageBox::warning(this, tr("Cannot set the task"), *refused);
            return false;
        }
        return true;
    });

    auto *buttons = new QHBoxLayout;
    const auto button = [this, buttons](const QString &text, void (VillageTasksView::*slot)()) {
        auto *push = new QPushButton(text, this);
        connect(push, &QPushButton::clicked, this, slot);
        buttons->addWidget(push);
    };
    button(tr("&Allocate..."), &VillageTasksView::allocate);
    button(tr("Print Pre&view..."), &VillageTasksView::printPreview);
    button(tr("&Export XLSX..."), &VillageTasksView::exportXlsx);
    button(tr("&Import XLSX..."), &VillageTasksView::importXlsx);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(mSummary);
    layout->addWidget(mTable);
    layout->addLayout(buttons);
    reload();
}

void VillageTasksView::reload()
{
    auto table = mSession.taskTable();
    if (!table) {
        mModel->setTable({});
        mSummary->clear();
        return;
    }
    const std::int64_t difference = table->difference;
    const auto mu = [](std::int64_t centi) { return toQString(core::formatMu(centi)); };
    QString text = tr("Town target %1 mu; tasks %2 mu; eligible potential %3 mu.")
                       .arg(mu(table->target), mu(table->taskTotal), mu(table->potentialTotal));
    if (difference != 0) {
        // Shown, not enforced: the officer may still be editing.
        text +=
            QLatin1Char(' ') + (difference > 0 ? tr("The tasks exceed the target by %1 mu.")
                                               : tr("The tasks fall short of the target by %1 mu."))
                                   .arg(mu(std::llabs(difference)));
        mSummary->setStyleSheet(QStringLiteral("color: #b00020;"));
    } else {
        mSummary->setStyleSheet(QString());
    }
    mSummary->setText(text);
    mModel->setTable(std::move(table).value());
    mTable->resizeColumnsToContents();
}

void VillageTasksView::allocate()
{
    if (!mSession.project())
        return;
    AllocationDialog dialog(*mSession.project(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (const auto refused = mSession.allocate(dialog.method(), dialog.floor()))
        QMessageBox::warning(this, tr("Cannot allocate"), *refused);
}

void VillageTasksView::printPreview()
{
    const report::OfficialDocument annex = report::annexFromTable(mModel->table());
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(annex.title);
    QPrintPreviewDialog preview(&printer, this);
    connect(&preview, &QPrintPreviewDialog::paintRequested, this, [&annex](QPrinter *target) {
        (void)report::paintDocument(annex, *target, SettingsDialog::documentFonts());
    });
    preview.exec();
}

void VillageTasksView::exportXlsx()
{
    QSettings settings;
    const QString start = settings.value(QStringLiteral("lastDirectory")).toString();
    const QString path = FileDialogs::getSaveFileName(
        this, tr("Export the Task Table"),
        start + QLatin1Char('/') + toQString(mModel->table().program.annexTitle) +
            QStringLiteral(".xlsx"),
        tr("Excel workbooks (*.xlsx)"));
    if (path.isEmpty())
        return;
    if (auto written = report::writeTaskTableXlsx(mModel->table(), toUtf8(path)); !written)
        QMessageBox::warning(this, tr("Cannot export"), report::errorText(written.error()));
}

void VillageTasksView::importXlsx()
{
    if (!mSession.project())
        return;
    QSettings settings;
    const QString path = FileDialogs::getOpenFileName(
        this, tr("Read Edited Tasks"), settings.value(QStringLiteral("lastDirectory")).toString(),
        tr("Spreadsheets (*.xlsx *.ods *.csv)"));
    if (path.isEmpty())
        return;
    if (const auto refused = mSession.importTasks(path))
        QMessageBox::warning(this, tr("Cannot read the tasks"), *refused);
}

}  // namespace gengbao::app
