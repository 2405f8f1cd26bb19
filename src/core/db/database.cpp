// SPDX-License-Identifier: GPL-3.0-or-later
#include "database.h"

#include "gpkg.h"
#include "statement.h"

#include <sqlite3.h>

namespace gengbao::core {

void Database::Closer::operator()(sqlite3 *db) const
{
    sqlite3_close_v2(db);
}

Database::Database(sqlite3 *handle, std::string path)
    : mHandle(handle)
    , mPath(std::move(path))
{}

Result<Database> Database::open(const std::string &path, Mode mode)
{
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::ReadWriteCreate:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    }
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Database database(raw, path);
    if (rc != SQLITE_OK) {
        return makeError(ErrorCode::Database, path,
                         std::string("cannot open: ") +
                             (raw ? sqlite3_errmsg(raw) : "out of memory"));
    }
    sqlite3_extended_result_codes(raw, 1);
    // Another process (QGIS, a second Gengbao) may hold the write lock briefly.
    sqlite3_busy_timeout(raw, 5000);
    gpkg::registerFunctions(raw);
    // Before SQLite 3.44, builds with trusted_schema=OFF refuse the R-tree triggers' functions
    // (opengeospatial/geopackage#668); our functions are innocuous, but be explicit.
    GENGBAO_TRY(database.exec("PRAGMA trusted_schema = ON"));
    GENGBAO_TRY(database.exec("PRAGMA foreign_keys = ON"));
    // WAL is switched on by Project after the schema check, so that a file of a newer version
    // is refused without a single byte written. NORMAL is durable enough with WAL.
    GENGBAO_TRY(database.exec("PRAGMA synchronous = NORMAL"));
    // Statement journals and sort files in memory: on disk they were a third of an import's time.
    GENGBAO_TRY(database.exec("PRAGMA temp_store = MEMORY"));
    return database;
}

Status Database::exec(std::string_view sql)
{
    char *message = nullptr;
    const std::string statement(sql);
    const int rc = sqlite3_exec(mHandle.get(), statement.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string detail = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        return makeError(ErrorCode::Database, mPath, detail);
    }
    return Status::success();
}

Result<Statement> Database::prepare(std::string_view sql)
{
    sqlite3_stmt *raw = nullptr;
    const int rc =
        sqlite3_prepare_v2(mHandle.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
    if (rc != SQLITE_OK)
        return lastError("prepare");
    return Statement(raw, this);
}

std::int64_t Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(mHandle.get());
}

int Database::changes() const
{
    return sqlite3_changes(mHandle.get());
}

Error Database::lastError(std::string_view context) const
{
    std::string detail = std::string(context) + ": " + sqlite3_errmsg(mHandle.get());
    return makeError(ErrorCode::Database, mPath, std::move(detail));
}

}  // namespace gengbao::core
