// SPDX-License-Identifier: GPL-3.0-or-later
#include "openfiles.h"

#include <sys/stat.h>

#include <mutex>
#include <vector>

namespace gengbao::core {

namespace {

// One entry per open connection: the GUI's and each worker's connection to one file count
// separately, so the file stays registered until the last of them closes.
std::mutex gMutex;
std::vector<FileIdentity> gOpen;

bool isRegistered(const FileIdentity &file)
{
    std::lock_guard lock(gMutex);
    for (const FileIdentity &open : gOpen) {
        if (open == file)
            return true;
    }
    return false;
}

bool endsWith(const std::string &text, const std::string &suffix)
{
    return text.size() > suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::optional<FileIdentity> fileIdentity(const std::string &path)
{
    struct stat info = {};
    if (::stat(path.c_str(), &info) != 0)
        return std::nullopt;
    return FileIdentity{static_cast<std::uint64_t>(info.st_dev),
                        static_cast<std::uint64_t>(info.st_ino)};
}

namespace openfiles {

void add(const FileIdentity &file)
{
    std::lock_guard lock(gMutex);
    gOpen.push_back(file);
}

void remove(const FileIdentity &file)
{
    std::lock_guard lock(gMutex);
    for (auto it = gOpen.begin(); it != gOpen.end(); ++it) {
        if (*it == file) {
            gOpen.erase(it);
            return;
        }
    }
}

bool isOpenProjectFile(const std::string &path)
{
    if (auto file = fileIdentity(path); file && isRegistered(*file))
        return true;
    // SQLite's companion files carry the locks of WAL mode (-shm) or the rollback journal.
    for (const char *suffix : {"-wal", "-shm", "-journal"}) {
        if (!endsWith(path, suffix))
            continue;
        const std::string database = path.substr(0, path.size() - std::string(suffix).size());
        if (auto file = fileIdentity(database); file && isRegistered(*file))
            return true;
    }
    return false;
}

}  // namespace openfiles

Status refuseOpenProjectFile(const std::string &path)
{
    if (!openfiles::isOpenProjectFile(path))
        return Status::success();
    return makeError(ErrorCode::IsOpenProject, path,
                     "is the project file that is open (or one of its companion files), not a "
                     "file to read from; choose the county's file");
}

}  // namespace gengbao::core
