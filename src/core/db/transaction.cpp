// SPDX-License-Identifier: GPL-3.0-or-later
#include "transaction.h"

#include "database.h"

namespace gengbao::core {

Result<Transaction> Transaction::begin(Database &database)
{
    GENGBAO_TRY(database.exec("BEGIN IMMEDIATE"));
    return Transaction(database);
}

Transaction::Transaction(Transaction &&other) noexcept
    : mDatabase(other.mDatabase)
    , mOpen(other.mOpen)
{
    other.mOpen = false;
}

Transaction::~Transaction()
{
    if (mOpen)
        (void)mDatabase->exec("ROLLBACK");
}

Status Transaction::commit()
{
    Status status = mDatabase->exec("COMMIT");
    if (status.ok())
        mOpen = false;
    return status;
}

}  // namespace gengbao::core
