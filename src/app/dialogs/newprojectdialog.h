// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project.h>

#include <QDialog>

#include <memory>

namespace Ui {
class NewProjectDialog;
}

namespace gengbao::app {

// A new project's settings: town, county, year, the restoration target and the CRS, proposed from
// the county's parcels file when one is chosen (the nearest CGCS2000 zone; without a file and a
// CRS, the first import chooses it). The layout is ui/newprojectdialog.ui.
class NewProjectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewProjectDialog(QWidget *parent = nullptr);
    ~NewProjectDialog() override;

    core::ProjectSettings settings() const;
    // The county's parcels file to import once the project exists (empty: none chosen).
    QString firstFile() const;

private:
    void check();
    void chooseFirstFile();
    // Proposes the CRS the first import would choose, so the officer sees it before creating.
    void proposeCrs();
    std::unique_ptr<Ui::NewProjectDialog> mUi;
};

}  // namespace gengbao::app
