// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"

namespace gengbao::core {

class Database;

// The project file's schema. Its version lives in our own gengbao_meta table, because the
// GeoPackage owns application_id and user_version. Each version step is one forward migration;
// a file of every earlier version is kept under tests/data/schema/ and opened by a test.
namespace schema {

inline constexpr int kCurrentVersion = 5;

// Creates every table of the current version in an empty file (in the caller's transaction).
Status create(Database &db);

// The file's version: 0 when it has no gengbao_meta (not a Gengbao project).
Result<int> version(Database &db);

// Brings an older file up to kCurrentVersion in one transaction. A newer file is refused, never
// "repaired": its tables may mean things this build does not know.
Status upgrade(Database &db);

}  // namespace schema
}  // namespace gengbao::core
