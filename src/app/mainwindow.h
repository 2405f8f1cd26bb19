// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project.h>
#include <report/annex.h>

#include <QMainWindow>

#include <memory>
#include <optional>

class QAction;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace gengbao::app {

class ParcelTableModel;

// The main window: opens a project and lists its parcels. Every edit is saved at once, so there is
// no Save action. The full application (import, screening, tasks, map) grows from here.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a project file; shows the error and keeps the current project on failure.
    bool openProject(const QString &path);

private:
    void chooseAndOpenProject();
    // The task breakdown annex (任务分解表) of the restoration program, to a printer or a PDF.
    void printAnnex();
    void exportAnnexPdf();
    std::optional<report::OfficialDocument> annex();
    report::DocumentFonts documentFonts() const;
    void updateTitle();
    void updateStatus();

    std::unique_ptr<core::Project> mProject;
    ParcelTableModel *mModel = nullptr;
    QSortFilterProxyModel *mProxy = nullptr;
    QTableView *mTable = nullptr;
    QLabel *mStatusLabel = nullptr;
    QAction *mPrintAnnexAction = nullptr;
    QAction *mAnnexPdfAction = nullptr;
};

}  // namespace gengbao::app
