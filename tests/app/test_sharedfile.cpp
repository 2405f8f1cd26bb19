// SPDX-License-Identifier: GPL-3.0-or-later
// The window's session with gengbao-cli working on the same project, its file dialogs, and the
// file deleted or replaced under it (issue 13).
#include "../support/testfiles.h"
#include "testapplication.h"

#include <app/dialogs/filedialogs.h>
#include <app/session/projectsession.h>
#include <app/session/taskrunner.h>
#include <core/base/openfiles.h>
#include <core/db/filelocks.h>
#include <core/ops/sampleproject.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileSystemModel>
#include <QUndoStack>

#include <filesystem>
#include <unistd.h>

using namespace gengbao;
using namespace gengbao::test;
namespace fs = std::filesystem;

namespace {

const std::string kCli = std::string(GENGBAO_BIN_DIR) + "/gengbao-cli";

std::string stageIn(const app::ProjectSession &session, const std::string &parcelId)
{
    for (const core::ParcelRow &row : session.rows()) {
        if (row.id == parcelId)
            return row.stage;
    }
    return {};
}

std::string stageByCli(const std::string &path, const std::string &parcelId)
{
    const CommandResult exported =
        runCommand("'" + kCli + "' export '" + path + "' parcels --format json");
    REQUIRE(exported.status == 0);
    for (const auto &parcel : nlohmann::json::parse(exported.out)) {
        if (parcel.at("id") == parcelId)
            return parcel.at("stage");
    }
    return {};
}

// Shows a file dialog over `folder` until its list has been filled and its icons fetched.
void browse(QFileDialog &dialog, const QString &folder)
{
    dialog.setDirectory(folder);
    dialog.setViewMode(QFileDialog::Detail);
    dialog.show();
    auto *model = dialog.findChild<QFileSystemModel *>();
    REQUIRE(model);
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 1500)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    CHECK(model->rowCount(model->index(folder)) > 0);
    dialog.close();
}

}  // namespace

TEST_CASE("the window's session and the CLI write one project and see each other", "[app]")
{
    application();
    TempDir dir;
    const std::string path = sampleProjectFile(dir, "P.gpkg");
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(QString::fromStdString(path)));
    REQUIRE(holdsLockOn(path));
    const auto wal = core::fileIdentity(path + "-wal");
    const std::string first = "500241202300010001", second = "500241202300010002";

    // The CLI steps; the window sees it at its next look at the file.
    int changes = 0;
    QObject::connect(&session, &app::ProjectSession::changed, [&changes] { ++changes; });
    REQUIRE(
        runCommand("'" + kCli + "' advance '" + path + "' " + first + " selected --date 2023-03-01")
            .status == 0);
    CHECK(stageIn(session, first) == "candidate");
    session.checkProjectFile();
    CHECK(changes == 1);
    CHECK(stageIn(session, first) == "selected");
    session.checkProjectFile();  // nothing new: no reload
    CHECK(changes == 1);

    // The window steps; the CLI sees it, and the window's undo too.
    app::ProjectSession::Step step;
    step.to = core::Stage::Selected;
    step.date = QStringLiteral("2023-03-02");
    REQUIRE(session.advance({QString::fromStdString(second)}, step).isEmpty());
    CHECK(stageByCli(path, second) == "selected");
    session.undoStack()->undo();
    CHECK(stageByCli(path, second) == "candidate");
    session.undoStack()->redo();

    // A worker's connection (an import's, a screening's) opened and closed on its thread.
    const app::TaskRunner::Outcome outcome =
        app::TaskRunner::run(nullptr, QStringLiteral("worker"), [&path](core::Progress &) {
            auto project = core::Project::open(path);
            return app::TaskRunner::Outcome{project.ok(), {}};
        });
    CHECK(outcome.ok);
    CHECK(holdsLockOn(path));
    REQUIRE(runCommand("'" + kCli + "' runs '" + path + "'").status == 0);
    CHECK(core::fileIdentity(path + "-wal") == wal);
    CHECK(stageByCli(path, first) == "selected");
    CHECK(stageByCli(path, second) == "selected");
}

TEST_CASE("the window's file dialogs never open the project's files themselves", "[app]")
{
    application();
    TempDir dir;
    const std::string path = sampleProjectFile(dir, "P.gpkg");
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(QString::fromStdString(path)));
    REQUIRE(fs::exists(path + "-shm"));

    QFileDialog safe(nullptr, QStringLiteral("Choose Parcel Files"));
    app::FileDialogs::makeSafe(safe);
    browse(safe, QString::fromStdString(dir.path().string()));
    CHECK(holdsLockOn(path));

    // What Qt's own dialog does without it, on another project in a folder of its own: it reads
    // the files' first bytes for their types, and the close drops the project's locks.
    TempDir other;
    const std::string control = sampleProjectFile(other, "control.gpkg");
    auto controlProject = core::Project::open(control);
    REQUIRE(controlProject);
    REQUIRE(holdsLockOn(control));
    QFileDialog plain(nullptr, QStringLiteral("Choose Parcel Files"));
    plain.setOption(QFileDialog::DontUseNativeDialog);
    browse(plain, QString::fromStdString(other.path().string()));
    CHECK_FALSE(holdsLockOn(control));
}

TEST_CASE("the window stops writing when its file is replaced and saves what it holds", "[app]")
{
    application();
    TempDir dir;
    const std::string path = sampleProjectFile(dir, "P.gpkg");
    const std::string other = sampleProjectFile(dir, "other.gpkg");
    app::ProjectSession session;
    REQUIRE_FALSE(session.open(QString::fromStdString(path)));
    app::ProjectSession::Step step;
    step.to = core::Stage::Selected;
    step.date = QStringLiteral("2023-03-02");
    REQUIRE(session.advance({QStringLiteral("500241202300010001")}, step).isEmpty());

    QStringList lost;
    QObject::connect(&session, &app::ProjectSession::projectFileLost,
                     [&lost](const QString &file) { lost << file; });
    fs::rename(other, path);  // mv other.gpkg P.gpkg, under the open window
    session.checkProjectFile();
    REQUIRE(lost == QStringList{QString::fromStdString(path)});
    CHECK(session.fileLost());
    session.checkProjectFile();
    CHECK(lost.size() == 1);  // said once

    const QStringList refused = session.advance({QStringLiteral("500241202300010002")}, step);
    REQUIRE(refused.size() == 1);
    CHECK(refused.front().contains(QStringLiteral("deleted or replaced")));
    CHECK(stageByCli(path, "500241202300010001") == "candidate");  // the other project's

    const std::string rescued = dir.file("rescued.gpkg");
    REQUIRE_FALSE(session.saveCopy(QString::fromStdString(rescued)));
    CHECK(stageByCli(rescued, "500241202300010001") == "selected");
    CHECK(stageByCli(rescued, "500241202300010002") == "candidate");
}
