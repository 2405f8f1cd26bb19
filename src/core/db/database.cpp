// SPDX-License-Identifier: GPL-3.0-or-later
#include "database.h"

#include "../base/openfiles.h"
#include "filelocks.h"
#include "gpkg.h"
#include "statement.h"

#include <sqlite3.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

namespace gengbao::core {

namespace {

// Another process (QGIS, a second Gengbao, gengbao-cli) may hold the write lock for a while.
constexpr int kBusyTimeoutMs = 5000;
// A checkpoint after a user action waits this long for another program's reader, no longer:
// the action itself is committed, and the next checkpoint finishes the copy.
constexpr int kCheckpointWaitMs = 250;

// A file: URI for sqlite3_open_v2 (SQLITE_OPEN_URI). '%', '?' and '#' would end or change the
// path; every other byte, Chinese UTF-8 included, may stand as it is.
std::string fileUri(const std::string &path, const char *query)
{
    std::string uri = "file:";
    for (const char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned char>(c));
            uri += escaped;
        } else {
            uri += c;
        }
    }
    return uri + "?" + query;
}

std::string systemError(sqlite3 *db)
{
    const int code = db ? sqlite3_system_errno(db) : 0;
    return code ? std::strerror(code) : std::string();
}

}  // namespace

void Database::Closer::operator()(sqlite3 *db) const
{
    sqlite3_close_v2(db);
}

Database::Database(sqlite3 *handle, std::string path)
    : mHandle(handle)
    , mPath(std::move(path))
{}

Database::Database(Database &&other) noexcept
    : mHandle(std::move(other.mHandle))
    , mPath(std::move(other.mPath))
    , mIdentity(std::exchange(other.mIdentity, std::nullopt))
{}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        mHandle = std::move(other.mHandle);
        mPath = std::move(other.mPath);
        mIdentity = std::exchange(other.mIdentity, std::nullopt);
    }
    return *this;
}

Database::~Database()
{
    close();
}

void Database::close()
{
    if (mHandle) {
        // The last connection's close checkpoints by itself, but the window may close while
        // the CLI still has the file open: the file alone must hold what this one committed.
        (void)checkpoint();
        mHandle.reset();
    }
    // Only now may another reader in this process open the file with a descriptor of its own.
    if (mIdentity)
        openfiles::remove(*std::exchange(mIdentity, std::nullopt));
}

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
    const auto connect = [&](const std::string &name, int openFlags) -> Result<Database> {
        sqlite3 *raw = nullptr;
        const int rc = sqlite3_open_v2(name.c_str(), &raw, openFlags, nullptr);
        Database database(raw, path);
        if (rc != SQLITE_OK) {
            if (!raw)
                return makeError(ErrorCode::Io, path, "cannot be opened: out of memory");
            return database.errorFor(rc);
        }
        sqlite3_extended_result_codes(raw, 1);
        sqlite3_busy_timeout(raw, kBusyTimeoutMs);
        gpkg::registerFunctions(raw);
        // The first read: a file that is no database, or whose -shm cannot be made, shows here.
        GENGBAO_TRY(database.exec("SELECT count(*) FROM sqlite_master"));
        return database;
    };
    auto database = connect(path, flags);
    // A read-only folder or disk (a CD, a write-protected USB stick, a share without write
    // permission): SQLite cannot create the -shm file that WAL needs even for reading, unless it
    // exists. Its immutable mode reads without one; nobody can be writing a WAL file there.
    if (!database && mode != Mode::ReadWriteCreate &&
        (database.error().code == ErrorCode::ReadOnly || database.error().code == ErrorCode::Io)) {
        auto immutable = connect(fileUri(path, "immutable=1"),
                                 SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
        if (immutable)
            database = std::move(immutable);
    }
    if (!database)
        return database.error();
    Database &db = *database;
    // Before SQLite 3.44, builds with trusted_schema=OFF refuse the R-tree triggers' functions
    // (opengeospatial/geopackage#668); our functions are innocuous, but be explicit.
    GENGBAO_TRY(db.exec("PRAGMA trusted_schema = ON"));
    GENGBAO_TRY(db.exec("PRAGMA foreign_keys = ON"));
    // WAL is switched on by Project after the schema check, so that a file of a newer version
    // is refused without a single byte written. NORMAL is durable enough with WAL.
    GENGBAO_TRY(db.exec("PRAGMA synchronous = NORMAL"));
    // Statement journals and sort files in memory: on disk they were a third of an import's time.
    GENGBAO_TRY(db.exec("PRAGMA temp_store = MEMORY"));
    db.mIdentity = fileIdentity(path);
    if (db.mIdentity)
        openfiles::add(*db.mIdentity);
    return database;
}

Status Database::exec(std::string_view sql)
{
    const std::string statement(sql);
    const int rc = sqlite3_exec(mHandle.get(), statement.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return errorFor(rc);
    return Status::success();
}

Result<Statement> Database::prepare(std::string_view sql)
{
    sqlite3_stmt *raw = nullptr;
    const int rc =
        sqlite3_prepare_v2(mHandle.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
    if (rc != SQLITE_OK)
        return errorFor(rc);
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

bool Database::readOnly() const
{
    return sqlite3_db_readonly(mHandle.get(), "main") == 1;
}

bool Database::hasMoved() const
{
    int moved = 0;
    if (sqlite3_file_control(mHandle.get(), "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK)
        return false;
    return moved != 0;
}

bool Database::checkpoint()
{
    sqlite3 *db = mHandle.get();
    if (!db || readOnly() || sqlite3_get_autocommit(db) == 0)
        return true;
    // TRUNCATE: copy every frame and empty the WAL. Kept from waiting by a reader, it has
    // copied what it could, as PASSIVE does, and says SQLITE_BUSY.
    sqlite3_busy_timeout(db, kCheckpointWaitMs);
    int logFrames = 0, copiedFrames = 0;
    const int rc = sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_TRUNCATE, &logFrames,
                                             &copiedFrames);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    return rc == SQLITE_OK;
}

std::int64_t Database::dataVersion()
{
    sqlite3_stmt *raw = nullptr;
    if (sqlite3_prepare_v2(mHandle.get(), "PRAGMA data_version", -1, &raw, nullptr) != SQLITE_OK)
        return -1;
    const std::int64_t version =
        sqlite3_step(raw) == SQLITE_ROW ? sqlite3_column_int64(raw, 0) : -1;
    sqlite3_finalize(raw);
    return version;
}

Error Database::lastError() const
{
    return errorFor(sqlite3_extended_errcode(mHandle.get()));
}

Error Database::errorFor(int rc) const
{
    sqlite3 *db = mHandle.get();
    const int primary = rc & 0xff;
    switch (primary) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: {
        const std::vector<LockHolder> holders = otherProgramsUsing(mPath);
        const std::string who = holders.empty()
                                    ? std::string("another program (a second Gengbao window, "
                                                  "gengbao-cli or QGIS)")
                                    : describeHolders(holders);
        return makeError(ErrorCode::Busy, mPath,
                         "is being changed by " + who + " and stayed locked for " +
                             std::to_string(kBusyTimeoutMs / 1000) +
                             " seconds; nothing was changed. Wait until it has finished (or "
                             "close it), then try again");
    }
    case SQLITE_FULL:
        return makeError(ErrorCode::DiskFull, mPath,
                         "cannot be written: the disk is full. Nothing was changed; free some "
                         "space on the disk, then try again");
    case SQLITE_READONLY:
        return makeError(ErrorCode::ReadOnly, mPath,
                         "cannot be changed: the file, its folder or its disk is read-only (a "
                         "write-protected USB stick, a CD, a share without write permission). "
                         "Nothing was changed; copy the project to a folder you can write to");
    case SQLITE_CORRUPT:
        return makeError(ErrorCode::Damaged, mPath,
                         "is damaged (its internal structure is broken); nothing was changed. "
                         "Restore the project from a backup copy");
    case SQLITE_NOTADB:
        return makeError(ErrorCode::NotAProject, mPath,
                         "is not a Gengbao project (not a GeoPackage or SQLite file)");
    case SQLITE_CANTOPEN: {
        const std::string why = systemError(db);
        return makeError(ErrorCode::Io, mPath,
                         "cannot be opened" + (why.empty() ? std::string() : " (" + why + ")"));
    }
    case SQLITE_IOERR: {
        if (db && sqlite3_system_errno(db) == ENOSPC)
            return errorFor(SQLITE_FULL);
        const std::string why = systemError(db);
        return makeError(ErrorCode::Io, mPath,
                         "could not be read or written" +
                             (why.empty() ? std::string() : " (" + why + ")") +
                             "; nothing was changed. Check the disk or USB stick, then try again");
    }
    case SQLITE_INTERRUPT:
        return makeError(ErrorCode::Cancelled, mPath, "the operation was cancelled");
    case SQLITE_NOMEM:
        return makeError(ErrorCode::Io, mPath, "not enough memory to finish; nothing was changed");
    default: {
        // A constraint or a mistake of ours: what the message says helps whoever fixes it.
        const char *message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        return makeError(ErrorCode::Database, mPath,
                         std::string("refused the change (internal error ") + std::to_string(rc) +
                             ": " + message + "); nothing was changed");
    }
    }
}

}  // namespace gengbao::core
