// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QStringList>

#include <memory>

namespace Ui {
class ImportSummaryDialog;
}

namespace gengbao::app {

// The end of an import: the counts, and every problem; a problem about an imported parcel selects
// that parcel in the table when double-clicked. The layout is ui/importsummarydialog.ui.
class ImportSummaryDialog : public QDialog
{
    Q_OBJECT

public:
    struct Problem
    {
        QString text;
        QString parcelId;  // empty when the feature was not imported
    };
    ImportSummaryDialog(const QString &counts, const QList<Problem> &problems,
                        QWidget *parent = nullptr);
    ~ImportSummaryDialog() override;

signals:
    void parcelChosen(const QString &parcelId);

private:
    std::unique_ptr<Ui::ImportSummaryDialog> mUi;
};

}  // namespace gengbao::app
