// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"

namespace gengbao::core {

class Database;

// One user action = one transaction. BEGIN IMMEDIATE takes the write lock at once, so a second
// writer fails here rather than half-way. The destructor rolls back unless commit() succeeded,
// so an early return or an exception leaves the file as it was.
class Transaction
{
public:
    static Result<Transaction> begin(Database &database);

    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&) = delete;
    ~Transaction();

    Status commit();

private:
    explicit Transaction(Database &database)
        : mDatabase(&database)
    {}
    Database *mDatabase;
    bool mOpen = true;
};

}  // namespace gengbao::core
