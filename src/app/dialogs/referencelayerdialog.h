// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/ops/referencelayers.h>

#include <QDialog>

#include <memory>

namespace Ui {
class ReferenceLayerDialog;
}

namespace gengbao::app {

// Asks for a reference layer to keep in the project and draw on the map: the file, its kind
// (village boundaries, the ecological red line or another constraint layer, named as screening
// names them), a name and, for village boundaries, the field with the village names. The layout
// is ui/referencelayerdialog.ui.
class ReferenceLayerDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ReferenceLayerDialog(QWidget *parent = nullptr);
    ~ReferenceLayerDialog() override;

    core::ReferenceLayerRequest request() const;
    void setPath(const QString &path);
    // "village", "redline" or another constraint's kind (such as 永久基本农田).
    void setKind(const QString &kind);

    void accept() override;

private:
    void kindChosen();
    void choosePath();
    std::unique_ptr<Ui::ReferenceLayerDialog> mUi;
};

}  // namespace gengbao::app
