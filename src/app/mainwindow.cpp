// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "models/parceltablemodel.h"
#include "session/strings.h"

#include <core/ops/exportparcels.h>
#include <core/ops/plans.h>
#include <report/errortext.h>

#include <QDir>
#include <QPrintDialog>
#include <QPrinter>

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>

namespace gengbao::app {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , mModel(new ParcelTableModel(this))
    , mProxy(new QSortFilterProxyModel(this))
    , mTable(new QTableView(this))
    , mStatusLabel(new QLabel(this))
{
    mProxy->setSourceModel(mModel);
    mProxy->setSortRole(Qt::UserRole + 1);
    mTable->setModel(mProxy);
    mTable->setSortingEnabled(true);
    mTable->sortByColumn(ParcelTableModel::Id, Qt::AscendingOrder);  // import order, not reversed
    mTable->verticalHeader()->hide();
    mTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mTable->setAlternatingRowColors(true);
    mTable->horizontalHeader()->setStretchLastSection(true);
    mTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    setCentralWidget(mTable);
    statusBar()->addWidget(mStatusLabel);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *openAction = fileMenu->addAction(tr("&Open Project..."));
    openAction->setShortcut(QKeySequence::Open);
    connect(openAction, &QAction::triggered, this, &MainWindow::chooseAndOpenProject);
    fileMenu->addSeparator();
    mPrintAnnexAction = fileMenu->addAction(tr("&Print Task Annex..."));
    mPrintAnnexAction->setShortcut(QKeySequence::Print);
    connect(mPrintAnnexAction, &QAction::triggered, this, &MainWindow::printAnnex);
    mAnnexPdfAction = fileMenu->addAction(tr("Export Task Annex as &PDF..."));
    connect(mAnnexPdfAction, &QAction::triggered, this, &MainWindow::exportAnnexPdf);
    fileMenu->addSeparator();
    QAction *quitAction = fileMenu->addAction(tr("&Quit"));
    quitAction->setShortcut(QKeySequence::Quit);
    connect(quitAction, &QAction::triggered, qApp, &QApplication::quit);

    resize(1100, 700);
    updateTitle();
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::chooseAndOpenProject()
{
    QSettings settings;
    const QString start = settings.value(QStringLiteral("lastDirectory")).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), start,
                                                      tr("Gengbao projects (*.gpkg)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastDirectory"), QFileInfo(path).absolutePath());
    openProject(path);
}

bool MainWindow::openProject(const QString &path)
{
    auto project = core::Project::open(toUtf8(path));
    if (!project) {
        QMessageBox::warning(this, tr("Cannot open project"), report::errorText(project.error()));
        return false;
    }
    auto rows = core::loadParcelRows(**project);
    if (!rows) {
        QMessageBox::warning(this, tr("Cannot open project"), report::errorText(rows.error()));
        return false;
    }
    mProject = std::move(project).value();
    mModel->setRows(std::move(rows).value());
    mTable->resizeColumnsToContents();
    updateTitle();
    updateStatus();
    return true;
}

std::optional<report::OfficialDocument> MainWindow::annex()
{
    auto table = core::loadTaskTable(*mProject);
    if (!table) {
        QMessageBox::warning(this, tr("Cannot print the annex"), report::errorText(table.error()));
        return std::nullopt;
    }
    return report::annexFromTable(*table);
}

report::DocumentFonts MainWindow::documentFonts() const
{
    // The officer's choice (settings fonts/text, fonts/title, fonts/heading) goes first; the
    // fallbacks stay behind it.
    QSettings settings;
    report::DocumentFonts fonts;
    report::DocumentFonts::prefer(fonts.text,
                                  settings.value(QStringLiteral("fonts/text")).toString());
    report::DocumentFonts::prefer(fonts.title,
                                  settings.value(QStringLiteral("fonts/title")).toString());
    report::DocumentFonts::prefer(fonts.heading,
                                  settings.value(QStringLiteral("fonts/heading")).toString());
    return fonts;
}

void MainWindow::printAnnex()
{
    const auto document = annex();
    if (!document)
        return;
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(document->title);
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (auto printed = report::paintDocument(*document, printer, documentFonts()); !printed)
        QMessageBox::warning(this, tr("Cannot print the annex"),
                             report::errorText(printed.error()));
}

void MainWindow::exportAnnexPdf()
{
    const auto document = annex();
    if (!document)
        return;
    QSettings settings;
    const QString start = settings.value(QStringLiteral("lastDirectory")).toString();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Task Annex as PDF"),
        QDir(start).filePath(document->title + QStringLiteral(".pdf")), tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    if (auto written = report::writeDocumentPdf(*document, path, documentFonts()); !written)
        QMessageBox::warning(this, tr("Cannot print the annex"),
                             report::errorText(written.error()));
}

void MainWindow::updateTitle()
{
    mPrintAnnexAction->setEnabled(mProject != nullptr);
    mAnnexPdfAction->setEnabled(mProject != nullptr);
    if (!mProject) {
        setWindowTitle(tr("Gengbao"));
        return;
    }
    const core::ProjectSettings &settings = mProject->settings();
    setWindowTitle(tr("%1 %2 - %3 - Gengbao")
                       .arg(toQString(settings.town))
                       .arg(settings.year)
                       .arg(QFileInfo(toQString(mProject->path())).fileName()));
}

void MainWindow::updateStatus()
{
    if (!mProject) {
        mStatusLabel->setText(tr("Open a project with File > Open Project."));
        return;
    }
    double grossMu = 0.0, eligibleMu = 0.0;
    int eligible = 0;
    bool screened = false;
    for (const core::ParcelRow &row : mModel->rows()) {
        grossMu += row.grossMu;  // sum unrounded, round the total once
        screened = screened || row.eligible.has_value();
        if (row.eligible.value_or(false)) {
            ++eligible;
            eligibleMu += row.grossMu;
        }
    }
    QString text = tr("Parcels: %1, gross area %2 mu; town target %3 mu")
                       .arg(mModel->rows().size())
                       .arg(QString::number(grossMu, 'f', 2))
                       .arg(QString::number(mProject->settings().targetMu, 'f', 2));
    if (screened)
        text += tr("; eligible: %1 parcels, %2 mu")
                    .arg(eligible)
                    .arg(QString::number(eligibleMu, 'f', 2));
    mStatusLabel->setText(text);
}

}  // namespace gengbao::app
