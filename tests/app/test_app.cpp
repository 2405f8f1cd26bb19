// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop window under QT_QPA_PLATFORM=offscreen: opens a project and lists its parcels.
#include "../support/testfiles.h"

#include <app/mainwindow.h>
#include <app/models/parceltablemodel.h>
#include <core/ops/sampleproject.h>

#include <catch2/catch.hpp>

#include <QApplication>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTranslator>

using namespace gengbao;
using namespace gengbao::test;

namespace {

QApplication &application()
{
    static int argc = 1;
    static char name[] = "gengbao_app_tests";
    static char *argv[] = {name, nullptr};
    static QApplication instance(argc, argv);
    return instance;
}

}  // namespace

TEST_CASE("the main window opens the sample project and lists its parcels in Chinese", "[app]")
{
    application();
    QTranslator translator;
    REQUIRE(translator.load(QStringLiteral(":/i18n/gengbao_zh_CN")));
    QApplication::installTranslator(&translator);

    TempDir dir;
    core::Progress progress;
    const auto dataDir = core::locateDataDir("");
    REQUIRE(dataDir);
    REQUIRE(core::createSampleProject(dir.file("sample.gpkg"), *dataDir, progress).ok());

    app::MainWindow window;
    REQUIRE(window.openProject(QString::fromStdString(dir.file("sample.gpkg"))));
    CHECK(window.windowTitle().contains(QStringLiteral("峨溶镇")));
    CHECK(window.windowTitle().contains(QStringLiteral("耕保")));
    auto *table = window.findChild<QTableView *>();
    REQUIRE(table);
    CHECK(table->model()->rowCount() == 386);
    CHECK(table->model()->headerData(app::ParcelTableModel::Village, Qt::Horizontal).toString() ==
          QStringLiteral("村居"));
    // Display rounds to 0.01 mu; the first parcel's TBMJ 2392.48 m² is 3.58872 mu.
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(table->model());
    REQUIRE(proxy);
    const auto *model = qobject_cast<app::ParcelTableModel *>(proxy->sourceModel());
    REQUIRE(model);
    CHECK(model->data(model->index(0, app::ParcelTableModel::GrossMu)).toString() ==
          QStringLiteral("3.59"));
    CHECK(model->data(model->index(0, app::ParcelTableModel::Stage)).toString() ==
          QStringLiteral("备选"));
    CHECK(model->data(model->index(0, 0), app::ParcelTableModel::ParcelIdRole).toString() ==
          QStringLiteral("500241202300010001"));
    QApplication::removeTranslator(&translator);
}

TEST_CASE("a project that cannot be opened keeps the window as it was", "[app]")
{
    application();
    TempDir dir;
    app::MainWindow window;
    // openProject shows a message box; under offscreen it must not block: close it at once.
    QMetaObject::invokeMethod(
        &window,
        [] {
            if (QWidget *box = QApplication::activeModalWidget())
                box->close();
        },
        Qt::QueuedConnection);
    const QString title = window.windowTitle();
    CHECK_FALSE(window.openProject(QString::fromStdString(dir.file("missing.gpkg"))));
    CHECK(window.windowTitle() == title);
}
