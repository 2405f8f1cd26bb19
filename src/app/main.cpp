// SPDX-License-Identifier: GPL-3.0-or-later
// gengbao: the desktop application. Chinese by default; English by the "language" setting.

#include "mainwindow.h"

#include <gdal.h>

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Gengbao"));
    QApplication::setApplicationName(QStringLiteral("Gengbao"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    GDALAllRegister();

    // Chinese unless the officer chose English; GENGBAO_LANG overrides for tests and screenshots.
    QSettings settings;
    QString language =
        settings.value(QStringLiteral("language"), QStringLiteral("zh_CN")).toString();
    if (const QByteArray forced = qgetenv("GENGBAO_LANG"); !forced.isEmpty())
        language = QString::fromUtf8(forced);
    QTranslator appTranslator;
    QTranslator qtTranslator;
    if (language != QStringLiteral("en")) {
        if (appTranslator.load(QStringLiteral(":/i18n/gengbao_") + language))
            QApplication::installTranslator(&appTranslator);
        if (qtTranslator.load(QStringLiteral("qtbase_") + language,
                              QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QApplication::installTranslator(&qtTranslator);
        QLocale::setDefault(QLocale(language));
    }

    gengbao::app::MainWindow window;
    window.show();
    const QStringList arguments = QApplication::arguments();
    if (arguments.size() > 1)
        window.openProject(arguments.at(1));
    return QApplication::exec();
}
