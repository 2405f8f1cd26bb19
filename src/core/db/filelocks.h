// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/openfiles.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gengbao::core {

// One POSIX lock on a file, from Linux's /proc/locks.
struct FileLock
{
    int pid = 0;
    bool exclusive = false;  // a WRITE lock
    std::int64_t start = 0;
    std::int64_t end = -1;  // -1: to the end of the file
};

// The POSIX locks that processes hold on a file (blocked requests are not locks). Empty where
// /proc/locks cannot be read.
std::vector<FileLock> posixLocksOn(const FileIdentity &file);

// Another program that has a project open: SQLite holds a lock on the file, or on its -shm file
// in WAL mode, for as long as a connection is open.
struct LockHolder
{
    int pid = 0;
    std::string program;   // "gengbao-cli import", "qgis", ...
    bool writing = false;  // holds the write lock (WAL_WRITE_LOCK, or RESERVED and above)
};

// Every other process with a lock on the database file or its -shm file, writers first.
std::vector<LockHolder> otherProgramsUsing(const std::string &databasePath);

// "gengbao-cli import (process 1234), qgis (process 99)".
std::string describeHolders(const std::vector<LockHolder> &holders);

}  // namespace gengbao::core
