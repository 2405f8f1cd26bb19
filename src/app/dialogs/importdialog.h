// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/ops/importparcels.h>

#include <QDialog>

#include <memory>
#include <vector>

namespace Ui {
class ImportDialog;
}

namespace gengbao::app {

// Collects the files to import (several at once, added or dropped), the batch label, the source
// (county or village) and an encoding override. The layout is ui/importdialog.ui.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(QWidget *parent = nullptr);
    ~ImportDialog() override;

    void addFile(const QString &path);
    std::vector<core::ImportRequest> requests() const;  // one per file

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    std::unique_ptr<Ui::ImportDialog> mUi;
};

}  // namespace gengbao::app
