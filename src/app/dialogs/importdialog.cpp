// SPDX-License-Identifier: GPL-3.0-or-later
#include "importdialog.h"

#include "../session/strings.h"
#include "filedialogs.h"
#include "ui_importdialog.h"

#include <core/io/fieldmapping.h>
#include <core/io/parcelreader.h>
#include <report/errortext.h>

#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
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
            FileDialogs::getOpenFileNames(this, tr("Choose Parcel Files"), QString(),
                                          tr("Parcel layers (*.shp *.gpkg *.geojson *.json)"));
        for (const QString &path : paths)
            addFile(path);
    });
    connect(mUi->removeFile, &QPushButton::clicked, this,
            [this] { delete mUi->fileList->currentItem(); });
    connect(mUi->fileList, &QListWidget::currentRowChanged, this, &ImportDialog::preview);
    connect(mUi->encodingCombo, &QComboBox::currentIndexChanged, this, &ImportDialog::preview);
    mUi->mappingTable->setColumnCount(2);
    mUi->mappingTable->setHorizontalHeaderLabels({tr("Field"), tr("Read from")});
    mUi->mappingTable->horizontalHeader()->setStretchLastSection(true);
    mUi->mappingTable->verticalHeader()->hide();
}

void ImportDialog::preview()
{
    mUi->previewTable->clear();
    mUi->previewTable->setRowCount(0);
    mUi->previewTable->setColumnCount(0);
    mUi->mappingTable->setRowCount(0);
    mAutomatic.clear();
    QListWidgetItem *current = mUi->fileList->currentItem();
    if (!current) {
        mUi->infoLabel->clear();
        return;
    }
    core::ReaderOptions options;
    options.path = toUtf8(current->text());
    if (const QString encoding = mUi->encodingCombo->currentData().toString(); !encoding.isEmpty())
        options.encoding = toUtf8(encoding);
    auto reader = core::ParcelReader::open(options);
    if (!reader) {
        mUi->infoLabel->setText(report::errorText(reader.error()));
        return;
    }
    const core::LayerInfo &info = (*reader)->info();
    mUi->infoLabel->setText(tr("Layer %1: %2 features; encoding %3 (%4); coordinate system %5.")
                                .arg(toQString(info.layerName))
                                .arg(info.featureCount)
                                .arg(toQString(info.encoding), toQString(info.encodingOrigin),
                                     toQString(info.crsDescription)));
    QStringList fields;
    for (const std::string &name : info.fieldNames)
        fields << toQString(name);
    mUi->previewTable->setColumnCount(int(fields.size()));
    mUi->previewTable->setHorizontalHeaderLabels(fields);
    core::RawFeature feature;
    for (int row = 0; row < 5; ++row) {
        auto more = (*reader)->next(feature);
        if (!more || !*more)
            break;
        mUi->previewTable->insertRow(row);
        int column = 0;
        for (const auto &[name, value] : feature.attributes.items()) {
            const QString text = value.is_string() ? toQString(value.get<std::string>())
                                 : value.is_null() ? QString()
                                                   : toQString(value.dump());
            mUi->previewTable->setItem(row, column++, new QTableWidgetItem(text));
        }
    }
    mUi->previewTable->resizeColumnsToContents();
    // The mapping the import would use by itself, each row changeable.
    auto mapping = core::mapFields(info.fieldNames, {});
    for (std::size_t i = 0; i < core::kStandardFieldCount; ++i) {
        const auto field = static_cast<core::StandardField>(i);
        const int source = mapping ? (*mapping)[field] : -1;
        mAutomatic.push_back(source);
        mUi->mappingTable->insertRow(int(i));
        mUi->mappingTable->setItem(int(i), 0,
                                   new QTableWidgetItem(toQString(core::standardFieldName(field))));
        auto *box = new QComboBox(mUi->mappingTable);
        box->addItem(tr("(none)"), -1);
        for (int f = 0; f < fields.size(); ++f)
            box->addItem(fields[f], f);
        box->setCurrentIndex(source + 1);
        mUi->mappingTable->setCellWidget(int(i), 1, box);
    }
}

std::map<std::string, std::string> ImportDialog::fieldOverrides() const
{
    std::map<std::string, std::string> overrides;
    for (int row = 0; row < mUi->mappingTable->rowCount() && row < int(mAutomatic.size()); ++row) {
        auto *box = static_cast<QComboBox *>(mUi->mappingTable->cellWidget(row, 1));
        const int chosen = box->currentData().toInt();
        if (chosen >= 0 && chosen != mAutomatic[std::size_t(row)])
            overrides[toUtf8(mUi->mappingTable->item(row, 0)->text())] = toUtf8(box->currentText());
    }
    return overrides;
}

ImportDialog::~ImportDialog() = default;

void ImportDialog::addFile(const QString &path)
{
    if (mUi->fileList->findItems(path, Qt::MatchExactly).isEmpty())
        mUi->fileList->addItem(path);
    if (!mUi->fileList->currentItem())
        mUi->fileList->setCurrentRow(0);
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
        // The fields chosen by hand for the previewed file apply to every file of the import.
        request.fieldOverrides = fieldOverrides();
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
