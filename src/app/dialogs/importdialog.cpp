// SPDX-License-Identifier: GPL-3.0-or-later
#include "importdialog.h"

#include "../session/strings.h"
#include "ui_importdialog.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QPushButton>

namespace gengbao::app {

ImportDialog::ImportDialog(QWidget *parent)
    : QDialog(parent)
    , mUi(std::make_unique<Ui::ImportDialog>())
{
    mUi->setupUi(this);
    setAcceptDrops(true);
    mUi->sourceCombo->addItem(tr("Issued by the county (潜力图斑)"), QStringLiteral("county"));
    mUi->sourceCombo->addItem(tr("Proposed by a village (村居自选)"), QStringLiteral("village"));
    mUi->encodingCombo->addItem(tr("Detect"), QString());
    mUi->encodingCombo->addItem(QStringLiteral("GBK"), QStringLiteral("GBK"));
    mUi->encodingCombo->addItem(QStringLiteral("UTF-8"), QStringLiteral("UTF-8"));
    mUi->batchEdit->setPlaceholderText(tr("The file name"));
    connect(mUi->addFiles, &QPushButton::clicked, this, [this] {
        const QStringList paths =
            QFileDialog::getOpenFileNames(this, tr("Choose Parcel Files"), QString(),
                                          tr("Parcel layers (*.shp *.gpkg *.geojson *.json)"));
        for (const QString &path : paths)
            addFile(path);
    });
    connect(mUi->removeFile, &QPushButton::clicked, this,
            [this] { delete mUi->fileList->currentItem(); });
}

ImportDialog::~ImportDialog() = default;

void ImportDialog::addFile(const QString &path)
{
    if (mUi->fileList->findItems(path, Qt::MatchExactly).isEmpty())
        mUi->fileList->addItem(path);
}

std::vector<core::ImportRequest> ImportDialog::requests() const
{
    std::vector<core::ImportRequest> requests;
    for (int i = 0; i < mUi->fileList->count(); ++i) {
        core::ImportRequest request;
        request.path = toUtf8(mUi->fileList->item(i)->text());
        request.batchLabel = toUtf8(mUi->batchEdit->text().trimmed());
        request.source = mUi->sourceCombo->currentData().toString() == QStringLiteral("village")
                             ? core::ParcelSource::Village
                             : core::ParcelSource::County;
        if (const QString encoding = mUi->encodingCombo->currentData().toString();
            !encoding.isEmpty())
            request.encoding = toUtf8(encoding);
        requests.push_back(std::move(request));
    }
    return requests;
}

void ImportDialog::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void ImportDialog::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            addFile(url.toLocalFile());
    }
}

}  // namespace gengbao::app
