// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/ops/importparcels.h>

#include <QDialog>

#include <map>
#include <memory>
#include <vector>

namespace Ui {
class ImportDialog;
}

namespace gengbao::app {

// Collects the files to import (several at once, added or dropped), the batch label, the source
// (county or village) and an encoding override, with a preview of the current file's first rows
// and field mapping (overridable). The layout is ui/importdialog.ui.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(QWidget *parent = nullptr);
    ~ImportDialog() override;

    void addFile(const QString &path);
    // Reads the current file's layer and first rows: the encoding found and how, the CRS, the
    // fields and which of them feed the 三调 fields (editable: the overrides of the import).
    void preview();
    std::vector<core::ImportRequest> requests() const;  // one per file

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    std::map<std::string, std::string> fieldOverrides() const;
    std::unique_ptr<Ui::ImportDialog> mUi;
    std::vector<int> mAutomatic;  // the source field each standard field maps to by itself
};

}  // namespace gengbao::app
