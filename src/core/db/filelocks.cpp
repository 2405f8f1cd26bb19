// SPDX-License-Identifier: GPL-3.0-or-later
#include "filelocks.h"

#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace gengbao::core {

namespace {

// SQLite's unix VFS locks these bytes (os_unix.c, wal.c): in the -shm file, byte 120 is
// WAL_WRITE_LOCK; in the database file, RESERVED and PENDING sit at 0x40000001 and 0x40000000.
constexpr std::int64_t kShmWriteLockByte = 120;
constexpr std::int64_t kPendingByte = 0x40000000;

bool parseDevice(const std::string &text, unsigned &major, unsigned &minor, std::uint64_t &inode)
{
    // "08:01:1234567": major and minor in hex, the inode in decimal.
    unsigned long long number = 0;
    if (std::sscanf(text.c_str(), "%x:%x:%llu", &major, &minor, &number) != 3)
        return false;
    inode = number;
    return true;
}

// What /proc/PID/cmdline says the program is: its name, and for our own CLI its command.
std::string programOf(int pid)
{
    // /proc files of other processes are not project files: reading them is harmless.
    std::ifstream file("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    std::vector<std::string> argv;
    std::string current;
    for (char c : content) {
        if (c == '\0') {
            argv.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty())
        argv.push_back(current);
    if (argv.empty())
        return "process " + std::to_string(pid);
    std::string name = argv[0].substr(argv[0].find_last_of('/') + 1);
    if (name == "gengbao-cli" && argv.size() > 1)
        name += " " + argv[1];
    return name;
}

}  // namespace

std::vector<FileLock> posixLocksOn(const FileIdentity &file)
{
    std::vector<FileLock> locks;
    std::ifstream table("/proc/locks");
    std::string line;
    while (std::getline(table, line)) {
        // "1: POSIX  ADVISORY  WRITE 1234 08:01:1234567 120 120"; "1: -> POSIX ..." is a waiter.
        std::istringstream fields(line);
        std::string number, kind, mode, access, pid, device, start, end;
        fields >> number >> kind;
        if (kind == "->" || kind != "POSIX")
            continue;
        if (!(fields >> mode >> access >> pid >> device >> start >> end))
            continue;
        unsigned major = 0, minor = 0;
        std::uint64_t inode = 0;
        if (!parseDevice(device, major, minor, inode) || inode != file.inode ||
            makedev(major, minor) != file.device)
            continue;
        FileLock lock;
        lock.pid = std::atoi(pid.c_str());
        lock.exclusive = access == "WRITE";
        lock.start = std::atoll(start.c_str());
        lock.end = end == "EOF" ? -1 : std::atoll(end.c_str());
        locks.push_back(lock);
    }
    return locks;
}

std::vector<LockHolder> otherProgramsUsing(const std::string &databasePath)
{
    std::vector<LockHolder> holders;
    const int self = static_cast<int>(::getpid());
    const auto note = [&](const FileLock &lock, bool writing) {
        if (lock.pid == self || lock.pid <= 0)
            return;
        auto known = std::find_if(holders.begin(), holders.end(),
                                  [&](const LockHolder &h) { return h.pid == lock.pid; });
        if (known == holders.end())
            known = holders.insert(holders.end(), LockHolder{lock.pid, programOf(lock.pid)});
        known->writing = known->writing || writing;
    };
    if (auto database = fileIdentity(databasePath)) {
        for (const FileLock &lock : posixLocksOn(*database))
            note(lock, lock.exclusive || lock.start >= kPendingByte);
    }
    if (auto shm = fileIdentity(databasePath + "-shm")) {
        for (const FileLock &lock : posixLocksOn(*shm))
            note(lock, lock.exclusive && lock.start <= kShmWriteLockByte &&
                           (lock.end < 0 || lock.end >= kShmWriteLockByte));
    }
    std::stable_partition(holders.begin(), holders.end(),
                          [](const LockHolder &holder) { return holder.writing; });
    return holders;
}

std::string describeHolders(const std::vector<LockHolder> &holders)
{
    std::string text;
    for (const LockHolder &holder : holders) {
        if (!text.empty())
            text += ", ";
        text += holder.program + " (process " + std::to_string(holder.pid) + ")";
    }
    return text;
}

}  // namespace gengbao::core
