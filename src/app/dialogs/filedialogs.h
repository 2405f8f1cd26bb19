// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

class QFileDialog;
class QWidget;

// Every file dialog of the window, in place of QFileDialog's static functions, which read each
// listed file's first bytes to guess its type (QMimeDatabase's content match: strace shows the
// project and its -wal and -shm files opened and closed). On Linux that close drops the POSIX
// locks of the window's own SQLite connections (core/base/openfiles.h), and the CLI then
// deletes the WAL under the live project. These dialogs are Qt's own (an in-process native
// dialog sniffs files too) with icons and types taken from file names alone.
namespace gengbao::app::FileDialogs {

QString getOpenFileName(QWidget *parent, const QString &caption, const QString &directory,
                        const QString &filter);
QStringList getOpenFileNames(QWidget *parent, const QString &caption, const QString &directory,
                             const QString &filter);
// `directory` may end in a proposed file name, which the dialog then shows selected.
QString getSaveFileName(QWidget *parent, const QString &caption, const QString &directory,
                        const QString &filter);

// What the functions above do to their dialog: Qt's own, icons and types by name only.
void makeSafe(QFileDialog &dialog);

}  // namespace gengbao::app::FileDialogs
