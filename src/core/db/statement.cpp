// SPDX-License-Identifier: GPL-3.0-or-later
#include "statement.h"

#include "database.h"

#include <sqlite3.h>

namespace gengbao::core {

void Statement::Finalizer::operator()(sqlite3_stmt *statement) const
{
    sqlite3_finalize(statement);
}

Statement::Statement(sqlite3_stmt *statement, const Database *database)
    : mStatement(statement)
    , mDatabase(database)
{}

Statement &Statement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(mStatement.get(), index, value);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    sqlite3_bind_double(mStatement.get(), index, value);
    return *this;
}

Statement &Statement::bind(int index, std::string_view text)
{
    sqlite3_bind_text64(mStatement.get(), index, text.data(), text.size(), SQLITE_TRANSIENT,
                        SQLITE_UTF8);
    return *this;
}

Statement &Statement::bindBlob(int index, const void *data, std::size_t size)
{
    sqlite3_bind_blob64(mStatement.get(), index, data, size, SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(mStatement.get(), index);
    return *this;
}

Result<bool> Statement::step()
{
    const int rc = sqlite3_step(mStatement.get());
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    Error error = mDatabase->errorFor(rc);
    sqlite3_reset(mStatement.get());
    return error;
}

Status Statement::run()
{
    auto stepped = step();
    reset();
    if (!stepped)
        return stepped.error();
    return Status::success();
}

void Statement::reset()
{
    sqlite3_reset(mStatement.get());
    sqlite3_clear_bindings(mStatement.get());
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(mStatement.get(), column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const
{
    return sqlite3_column_int64(mStatement.get(), column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(mStatement.get(), column);
}

std::string Statement::text(int column) const
{
    const auto *data = sqlite3_column_text(mStatement.get(), column);
    const int size = sqlite3_column_bytes(mStatement.get(), column);
    return data ? std::string(reinterpret_cast<const char *>(data), size) : std::string();
}

std::optional<std::int64_t> Statement::optionalInt64(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return int64(column);
}

std::optional<double> Statement::optionalReal(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return real(column);
}

std::optional<std::string> Statement::optionalText(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return text(column);
}

std::vector<unsigned char> Statement::blob(int column) const
{
    const auto *data =
        static_cast<const unsigned char *>(sqlite3_column_blob(mStatement.get(), column));
    const int size = sqlite3_column_bytes(mStatement.get(), column);
    return data ? std::vector<unsigned char>(data, data + size) : std::vector<unsigned char>();
}

int Statement::columnCount() const
{
    return sqlite3_column_count(mStatement.get());
}

}  // namespace gengbao::core
