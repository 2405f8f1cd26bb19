// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <cstdint>
#include <optional>
#include <string>

namespace gengbao::core {

// A file as the kernel knows it: device and inode. Two paths name the same file when these
// agree; a file replaced under its name (mv other.gpkg P.gpkg) has another inode.
struct FileIdentity
{
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    bool operator==(const FileIdentity &) const = default;
};

// stat() only: never opens the file (see below for why that matters).
std::optional<FileIdentity> fileIdentity(const std::string &path);

// The project files this process has open through SQLite.
//
// On Linux, closing *any* descriptor of a file drops every POSIX lock the process holds on it,
// SQLite's included ("How To Corrupt An SQLite Database File", §2.2). A std::ifstream, a GDAL
// open or a file dialog sniffing the file's type would then let another process believe it is
// the project's last user: it checkpoints and deletes the WAL and -shm files under our live
// connection, and both sides' later changes are lost. So nothing in the process opens a project
// file other than through SQLite while it is open: every reader of a file the officer chose asks
// refuseOpenProjectFile() first.
namespace openfiles {
void add(const FileIdentity &file);
void remove(const FileIdentity &file);
// The project itself, or its -wal, -shm or -journal file, is open in this process.
bool isOpenProjectFile(const std::string &path);
}  // namespace openfiles

// An Error naming the file when it is a project this process has open (or one of its companion
// files); success otherwise, including for a file that does not exist.
Status refuseOpenProjectFile(const std::string &path);

}  // namespace gengbao::core
