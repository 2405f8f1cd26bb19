// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/result.h"
#include "db/database.h"

#include <memory>
#include <optional>
#include <string>

namespace gengbao::core {

struct ProjectSettings
{
    std::string town;
    std::string county;
    int year = 0;
    double targetMu = 0.0;       // the town's restoration target
    std::optional<int> crsEpsg;  // chosen from the first imported file when not given
};

// A project file: one SQLite file that is also a GeoPackage. Project checks the schema version on
// open (refusing newer files, migrating older ones) and is the entry point of every operation.
// One instance per thread: the GUI owns one; a worker opens its own on the same path.
class Project
{
public:
    // Creates a new file; refuses to overwrite an existing one.
    static Result<std::unique_ptr<Project>> create(const std::string &path,
                                                   const ProjectSettings &settings);
    static Result<std::unique_ptr<Project>> open(const std::string &path);

    Database &database() { return mDatabase; }
    const std::string &path() const { return mDatabase.path(); }
    const ProjectSettings &settings() const { return mSettings; }

    // Sets the project CRS once, inside the caller's transaction (the first import does this);
    // settings() shows it after the caller commits and calls reload().
    Status setCrs(int epsg);
    // Re-reads the settings from the file (after another connection changed them).
    Status reload();

    // Writes everything this project holds to a new file (SQLite's VACUUM INTO: one consistent
    // snapshot, through this connection, so it works even when the open file was deleted or
    // replaced under its name). Refuses an existing target; nothing is left of a failed copy.
    Status saveCopy(const std::string &target);

    // Deletes a project file with its WAL and shared-memory files (no Project may have it open).
    static void removeFiles(const std::string &path);

private:
    explicit Project(Database database)
        : mDatabase(std::move(database))
    {}
    // Everything a new file holds: the schema and the settings, in one transaction.
    Status initialise(const ProjectSettings &settings);
    Status writeSetting(const char *key, const std::string &value);

    Database mDatabase;
    ProjectSettings mSettings;
};

}  // namespace gengbao::core
