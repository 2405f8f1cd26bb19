// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/openfiles.h"
#include "../base/result.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;

namespace gengbao::core {

class Statement;

// One SQLite connection (RAII over sqlite3*). Opening sets the pragmas every Gengbao connection
// needs: foreign keys, and the GeoPackage ST_* functions that the R-tree triggers call.
// Not thread-safe: one per thread (a worker opens its own on the same path).
//
// SQLite's errors become Errors an officer can act on (errorFor): who holds a lock, a full or a
// read-only disk, a damaged file; SQLite's own words ("step:", "database is locked") stay inside.
class Database
{
public:
    enum class Mode { ReadWrite, ReadWriteCreate, ReadOnly };

    static Result<Database> open(const std::string &path, Mode mode);

    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    // Checkpoints (see checkpoint()) and closes.
    ~Database();

    Status exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);

    sqlite3 *handle() const { return mHandle.get(); }
    const std::string &path() const { return mPath; }
    std::int64_t lastInsertRowId() const;
    int changes() const;
    // The connection cannot write (a read-only file, folder or disk).
    bool readOnly() const;

    // The file this connection has open was deleted, or another file took its name (SQLite's
    // SQLITE_FCNTL_HAS_MOVED: a stat of the name against the open inode). Writing on would put
    // the changes where nobody will find them.
    bool hasMoved() const;

    // Copies everything committed from the WAL into the database file and empties the WAL, so
    // that the file alone (a copy to a USB stick, an e-mail attachment) holds every change.
    // Waits at most a moment for another program's reader; returns false when one kept part
    // of the WAL in use (the next checkpoint, or the last connection's close, completes it).
    bool checkpoint();

    // Changes when another connection commits (PRAGMA data_version): what the window polls to
    // see the CLI's work.
    std::int64_t dataVersion();

    // An Error naming this database file for SQLite result code rc (extended codes are on).
    Error errorFor(int rc) const;
    // The same, for the connection's last error.
    Error lastError() const;

private:
    struct Closer
    {
        void operator()(sqlite3 *db) const;
    };
    Database(sqlite3 *handle, std::string path);
    void close();

    std::unique_ptr<sqlite3, Closer> mHandle;
    std::string mPath;
    // Registered in openfiles while this connection is open.
    std::optional<FileIdentity> mIdentity;
};

}  // namespace gengbao::core
