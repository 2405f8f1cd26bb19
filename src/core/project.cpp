// SPDX-License-Identifier: GPL-3.0-or-later
#include "project.h"

#include "base/openfiles.h"
#include "base/units.h"
#include "db/gpkg.h"
#include "db/migrations.h"
#include "db/statement.h"
#include "db/transaction.h"
#include "geo/crs.h"

#include <cmath>
#include <filesystem>

namespace gengbao::core {

namespace fs = std::filesystem;

namespace {

constexpr const char *kAppVersion = "0.1.0";

}  // namespace

Result<std::unique_ptr<Project>> Project::create(const std::string &path,
                                                 const ProjectSettings &settings)
{
    std::error_code ec;
    if (fs::exists(path, ec))
        return makeError(ErrorCode::ProjectExists, path, "already exists; choose a new file name");
    if (settings.town.empty())
        return makeError(ErrorCode::InvalidArgument, path, "a project needs a town name");
    if (settings.year < 2000 || settings.year > 2100)
        return makeError(ErrorCode::InvalidArgument, path,
                         "year " + std::to_string(settings.year) + " is not plausible");
    // std::isfinite first: inf and NaN pass a plain comparison the wrong way.
    if (!std::isfinite(settings.targetMu) || settings.targetMu < 0.0 ||
        settings.targetMu > double(kMaxAreaMu))
        return makeError(ErrorCode::InvalidArgument, path,
                         "the target must be an area from 0 to " + std::to_string(kMaxAreaMu) +
                             " mu");
    if (settings.crsEpsg) {
        Status crsOk = crs::checkProjectCrs(*settings.crsEpsg);
        if (!crsOk) {
            Error error = crsOk.error();
            error.file = path;
            return error;
        }
    }
    const fs::path folder =
        fs::path(path).has_parent_path() ? fs::path(path).parent_path() : fs::path(".");
    if (!fs::is_directory(folder, ec))
        return makeError(ErrorCode::FileNotFound, path,
                         "its folder " + folder.string() + " does not exist");
    auto database = Database::open(path, Database::Mode::ReadWriteCreate);
    if (!database) {
        removeFiles(path);
        return database.error();
    }
    std::unique_ptr<Project> project(new Project(std::move(database).value()));
    Status initialised = project->initialise(settings);
    if (!initialised) {
        // The file exists but is not a project: remove it, so a failed create changes nothing.
        project.reset();
        removeFiles(path);
        return initialised.error();
    }
    return project;
}

Status Project::initialise(const ProjectSettings &settings)
{
    Database &db = mDatabase;
    GENGBAO_TRY(db.exec("PRAGMA journal_mode = WAL"));
    auto transaction = Transaction::begin(db);
    if (!transaction)
        return transaction.error();
    GENGBAO_TRY(schema::create(db));
    GENGBAO_TRY(writeSetting("app_version", kAppVersion));
    GENGBAO_TRY(db.exec("INSERT INTO gengbao_meta (key, value) "
                        "VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%SZ','now'))"));
    GENGBAO_TRY(writeSetting("town", settings.town));
    GENGBAO_TRY(writeSetting("county", settings.county));
    GENGBAO_TRY(writeSetting("year", std::to_string(settings.year)));
    char target[32];
    std::snprintf(target, sizeof target, "%.2f", settings.targetMu);
    GENGBAO_TRY(writeSetting("target_mu", target));
    if (settings.crsEpsg)
        GENGBAO_TRY(setCrs(*settings.crsEpsg));
    GENGBAO_TRY(transaction->commit());
    return reload();
}

void Project::removeFiles(const std::string &path)
{
    std::error_code ec;
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(path + suffix, ec);
}

Result<std::unique_ptr<Project>> Project::open(const std::string &path)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        return makeError(ErrorCode::FileNotFound, path, "no such file");
    if (fs::is_directory(path, ec))
        return makeError(ErrorCode::NotAFile, path, "is a folder, not a project file");
    // Only SQLite reads the file: a descriptor of our own, closed again, would drop the locks
    // of every connection this process has to it (see db/openfiles.h). SQLite itself refuses a
    // file that is not a database; an empty file would pass as an empty database.
    if (fs::file_size(path, ec) == 0 && !ec)
        return makeError(ErrorCode::NotAProject, path, "is empty (0 bytes), not a Gengbao project");
    auto database = Database::open(path, Database::Mode::ReadWrite);
    if (!database)
        return database.error();
    std::unique_ptr<Project> project(new Project(std::move(database).value()));
    Database &db = project->mDatabase;
    // Check the version before anything writes: a newer file is refused untouched.
    auto version = schema::version(db);
    if (!version)
        return version.error();
    if (*version == 0)
        return makeError(ErrorCode::NotAProject, path,
                         "is a GeoPackage or SQLite file but not a Gengbao project");
    if (db.readOnly()) {
        // Reading and exporting work from a read-only folder or disk; an older file would
        // first have to be brought up to date, which writes.
        if (*version > schema::kCurrentVersion)
            GENGBAO_TRY(schema::upgrade(db));  // refuses a newer file without writing
        if (*version < schema::kCurrentVersion)
            return makeError(ErrorCode::ReadOnly, path,
                             "was made by an older Gengbao and must be updated once before it "
                             "is used, but it is read-only; copy it to a folder you can write "
                             "to");
    } else {
        GENGBAO_TRY(schema::upgrade(db));
        GENGBAO_TRY(db.exec("PRAGMA journal_mode = WAL"));
    }
    GENGBAO_TRY(project->reload());
    return project;
}

Status Project::saveCopy(const std::string &target)
{
    std::error_code ec;
    if (fs::exists(target, ec))
        return makeError(ErrorCode::ProjectExists, target,
                         "already exists; choose a new file name");
    if (openfiles::isOpenProjectFile(target))
        return makeError(ErrorCode::IsOpenProject, target, "is a project that is open");
    // Written beside the target under another name and renamed at the end, so that a full disk
    // or a crash never leaves a file that looks like a finished copy.
    const std::string partial = target + ".partial";
    removeFiles(partial);
    auto vacuum = mDatabase.prepare("VACUUM INTO ?");
    if (!vacuum)
        return vacuum.error();
    vacuum->bind(1, partial);
    if (Status copied = vacuum->run(); !copied) {
        removeFiles(partial);
        Error error = copied.error();
        error.file = target;
        return error;
    }
    fs::rename(partial, target, ec);
    if (ec) {
        removeFiles(partial);
        return makeError(ErrorCode::Io, target, "cannot be written: " + ec.message());
    }
    return Status::success();
}

Status Project::writeSetting(const char *key, const std::string &value)
{
    auto statement = mDatabase.prepare("INSERT INTO gengbao_meta (key, value) VALUES (?, ?) "
                                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!statement)
        return statement.error();
    statement->bind(1, key).bind(2, value);
    return statement->run();
}

Status Project::setCrs(int epsg)
{
    GENGBAO_TRY(crs::checkProjectCrs(epsg));
    for (const char *table : {"parcels", "screening_remainders", "reference_features"})
        GENGBAO_TRY(gpkg::setFeatureTableSrs(mDatabase, table, epsg));
    // mSettings is refreshed by reload() once the caller's transaction has committed.
    return writeSetting("crs_epsg", std::to_string(epsg));
}

Status Project::reload()
{
    auto query = mDatabase.prepare("SELECT key, value FROM gengbao_meta");
    if (!query)
        return query.error();
    ProjectSettings settings;
    GENGBAO_TRY(query->forEachRow([&](Statement &row) -> Status {
        const std::string key = row.text(0);
        const std::string value = row.text(1);
        try {
            if (key == "town")
                settings.town = value;
            else if (key == "county")
                settings.county = value;
            else if (key == "year")
                settings.year = std::stoi(value);
            else if (key == "target_mu")
                settings.targetMu = std::stod(value);
            else if (key == "crs_epsg" && !value.empty())
                settings.crsEpsg = std::stoi(value);
        } catch (...) {
            return makeError(ErrorCode::NotAProject, path(), "setting '" + key + "' is damaged");
        }
        return Status::success();
    }));
    mSettings = settings;
    return Status::success();
}

}  // namespace gengbao::core
