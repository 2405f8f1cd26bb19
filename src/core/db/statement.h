// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

struct sqlite3_stmt;

namespace gengbao::core {

class Database;

// A prepared statement (RAII over sqlite3_stmt*). All text reaches SQL through bind(), never by
// splicing it into the statement: `将家村'); DROP TABLE parcels;--` is just a village name here.
// Parameter indexes start at 1, column indexes at 0, as in SQLite.
class Statement
{
public:
    Statement(Statement &&) noexcept = default;
    Statement &operator=(Statement &&) noexcept = default;

    Statement &bind(int index, std::int64_t value);
    Statement &bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, std::string_view text);
    Statement &bind(int index, const char *text) { return bind(index, std::string_view(text)); }
    Statement &bind(int index, const std::string &text)
    {
        return bind(index, std::string_view(text));
    }
    Statement &bindBlob(int index, const void *data, std::size_t size);
    Statement &bindNull(int index);
    template <typename T> Statement &bind(int index, const std::optional<T> &value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // Advances: true when a row is ready, false when done.
    Result<bool> step();
    // Runs a statement that returns no rows, then resets it for reuse.
    Status run();
    // Calls onRow(*this) for every row. onRow may return a Status; the first error, SQLite's or
    // onRow's, stops the walk and is returned.
    template <typename OnRow> Status forEachRow(OnRow onRow)
    {
        for (;;) {
            auto row = step();
            if (!row)
                return row.error();
            if (!*row)
                return Status::success();
            if constexpr (std::is_void_v<std::invoke_result_t<OnRow, Statement &>>) {
                onRow(*this);
            } else {
                Status status = onRow(*this);
                if (!status) {
                    reset();
                    return status;
                }
            }
        }
    }
    void reset();

    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<std::int64_t> optionalInt64(int column) const;
    std::optional<double> optionalReal(int column) const;
    std::optional<std::string> optionalText(int column) const;
    std::vector<unsigned char> blob(int column) const;
    int columnCount() const;

private:
    friend class Database;
    struct Finalizer
    {
        void operator()(sqlite3_stmt *statement) const;
    };
    Statement(sqlite3_stmt *statement, const Database *database);

    std::unique_ptr<sqlite3_stmt, Finalizer> mStatement;
    const Database *mDatabase = nullptr;
};

}  // namespace gengbao::core
