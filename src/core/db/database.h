// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"

#include <memory>
#include <string>
#include <string_view>

struct sqlite3;

namespace gengbao::core {

class Statement;

// One SQLite connection (RAII over sqlite3*). Opening sets the pragmas every Gengbao connection
// needs: WAL, foreign keys, and the GeoPackage ST_* functions that the R-tree triggers call.
// Not thread-safe: one per thread (a worker opens its own on the same path).
class Database
{
public:
    enum class Mode { ReadWrite, ReadWriteCreate, ReadOnly };

    static Result<Database> open(const std::string &path, Mode mode);

    Database(Database &&) noexcept = default;
    Database &operator=(Database &&) noexcept = default;
    ~Database() = default;

    Status exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);

    sqlite3 *handle() const { return mHandle.get(); }
    const std::string &path() const { return mPath; }
    std::int64_t lastInsertRowId() const;
    int changes() const;

    // An Error naming this database file, carrying SQLite's last message.
    Error lastError(std::string_view context) const;

private:
    struct Closer
    {
        void operator()(sqlite3 *db) const;
    };
    Database(sqlite3 *handle, std::string path);

    std::unique_ptr<sqlite3, Closer> mHandle;
    std::string mPath;
};

}  // namespace gengbao::core
