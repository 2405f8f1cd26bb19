// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/project.h>

#include <QDialog>

#include <memory>

namespace Ui {
class NewProjectDialog;
}

namespace gengbao::app {

// A new project's settings: town, county, year, the restoration target and, optionally, the CRS
// (without one, the first imported file chooses the nearest CGCS2000 zone). The layout is
// ui/newprojectdialog.ui.
class NewProjectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewProjectDialog(QWidget *parent = nullptr);
    ~NewProjectDialog() override;

    core::ProjectSettings settings() const;

private:
    void check();
    std::unique_ptr<Ui::NewProjectDialog> mUi;
};

}  // namespace gengbao::app
