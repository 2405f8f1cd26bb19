// SPDX-License-Identifier: GPL-3.0-or-later
#include "filedialogs.h"

#include <QFileDialog>
#include <QFileIconProvider>
#include <QMimeDatabase>

namespace gengbao::app::FileDialogs {

namespace {

// Icons and type names from the file name only: QFileIconProvider's own would read contents.
class NameOnlyIconProvider : public QFileIconProvider
{
public:
    QIcon icon(IconType type) const override { return QFileIconProvider::icon(type); }
    QIcon icon(const QFileInfo &info) const override
    {
        if (info.isDir())
            return QFileIconProvider::icon(Folder);
        const QIcon themed = QIcon::fromTheme(mimeTypeOf(info).iconName());
        return themed.isNull() ? QFileIconProvider::icon(File) : themed;
    }
    QString type(const QFileInfo &info) const override
    {
        if (info.isDir())
            return QFileIconProvider::type(info);
        return mimeTypeOf(info).comment();
    }

private:
    QMimeType mimeTypeOf(const QFileInfo &info) const
    {
        return mMimeTypes.mimeTypeForFile(info.fileName(), QMimeDatabase::MatchExtension);
    }
    QMimeDatabase mMimeTypes;
};

NameOnlyIconProvider &iconProvider()
{
    static NameOnlyIconProvider provider;
    return provider;
}

QStringList run(QWidget *parent, const QString &caption, const QString &directory,
                const QString &filter, QFileDialog::FileMode mode, QFileDialog::AcceptMode accept)
{
    QFileDialog dialog(parent, caption, directory, filter);
    makeSafe(dialog);
    dialog.setFileMode(mode);
    dialog.setAcceptMode(accept);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    return dialog.selectedFiles();
}

}  // namespace

void makeSafe(QFileDialog &dialog)
{
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    dialog.setIconProvider(&iconProvider());
}

QString getOpenFileName(QWidget *parent, const QString &caption, const QString &directory,
                        const QString &filter)
{
    return run(parent, caption, directory, filter, QFileDialog::ExistingFile,
               QFileDialog::AcceptOpen)
        .value(0);
}

QStringList getOpenFileNames(QWidget *parent, const QString &caption, const QString &directory,
                             const QString &filter)
{
    return run(parent, caption, directory, filter, QFileDialog::ExistingFiles,
               QFileDialog::AcceptOpen);
}

QString getSaveFileName(QWidget *parent, const QString &caption, const QString &directory,
                        const QString &filter)
{
    return run(parent, caption, directory, filter, QFileDialog::AnyFile, QFileDialog::AcceptSave)
        .value(0);
}

}  // namespace gengbao::app::FileDialogs
