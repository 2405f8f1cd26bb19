// SPDX-License-Identifier: GPL-3.0-or-later
#include "transaction.h"

#include "database.h"

#include <sqlite3.h>

namespace gengbao::core {

Result<Transaction> Transaction::begin(Database &database)
{
    // Refused before anything is written, with the reason an officer can act on.
    if (database.hasMoved())
        return makeError(ErrorCode::FileMoved, database.path(),
                         "was deleted, moved or replaced by another file while it was open; "
                         "nothing was written, so that no change lands where nobody will find "
                         "it. Open the project again where it is now");
    if (database.readOnly())
        return database.errorFor(SQLITE_READONLY);
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
    if (!status.ok())
        return status;  // still open (a full disk): the destructor rolls it back
    mOpen = false;
    // One user action, one transaction: afterwards the project file alone holds it.
    (void)mDatabase->checkpoint();
    return status;
}

}  // namespace gengbao::core
