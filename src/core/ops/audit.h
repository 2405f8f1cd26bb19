// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace gengbao::core {

class Database;
class Project;

// One entry of the audit log: who changed what, from which value to which. The log is
// append-only (triggers refuse UPDATE and DELETE); an undo is a new entry that names the entry it
// undoes.
struct AuditEntry
{
    std::int64_t id = 0;
    std::string at;  // UTC
    std::string user;
    std::string action;  // "advance", "review", "set_task", "save_plan", "screen", "undo", ...
    std::string target;  // "parcel 500241202300010001", "village 500241111203"
    nlohmann::ordered_json oldValue;
    nlohmann::ordered_json newValue;
    std::optional<std::int64_t> undoes;
};

// Appends an entry inside the caller's transaction; returns its id.
Result<std::int64_t> appendAudit(Database &db, const std::string &user, const std::string &action,
                                 const std::string &target, const nlohmann::ordered_json &oldValue,
                                 const nlohmann::ordered_json &newValue,
                                 std::optional<std::int64_t> undoes = std::nullopt);

Result<std::vector<AuditEntry>> readAuditLog(Project &project);
Result<AuditEntry> readAuditEntry(Database &db, std::int64_t id);

Status writeAuditJson(const std::vector<AuditEntry> &entries, std::ostream &out);
Status writeAuditCsv(const std::vector<AuditEntry> &entries, std::ostream &out);

}  // namespace gengbao::core
