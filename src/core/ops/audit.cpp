// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit.h"

#include "../base/clock.h"
#include "../base/csv.h"
#include "../db/database.h"
#include "../db/statement.h"
#include "../project.h"

namespace gengbao::core {

namespace {

using json = nlohmann::ordered_json;

AuditEntry entryOf(Statement &row)
{
    AuditEntry entry;
    entry.id = row.int64(0);
    entry.at = row.text(1);
    entry.user = row.text(2);
    entry.action = row.text(3);
    entry.target = row.text(4);
    entry.oldValue = json::parse(row.optionalText(5).value_or("null"), nullptr, false);
    entry.newValue = json::parse(row.optionalText(6).value_or("null"), nullptr, false);
    entry.undoes = row.optionalInt64(7);
    return entry;
}

constexpr const char *kSelect =
    "SELECT id, at, user, action, target, old_value, new_value, undoes FROM audit_log";

json entryJson(const AuditEntry &entry)
{
    json out;
    out["id"] = entry.id;
    out["at"] = entry.at;
    out["user"] = entry.user;
    out["action"] = entry.action;
    out["target"] = entry.target;
    out["old"] = entry.oldValue;
    out["new"] = entry.newValue;
    out["undoes"] = entry.undoes ? json(*entry.undoes) : json(nullptr);
    return out;
}

}  // namespace

Result<std::int64_t> appendAudit(Database &db, const std::string &user, const std::string &action,
                                 const std::string &target, const json &oldValue,
                                 const json &newValue, std::optional<std::int64_t> undoes)
{
    auto insert = db.prepare("INSERT INTO audit_log (at, user, action, target, old_value, "
                             "new_value, undoes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!insert)
        return insert.error();
    insert->bind(1, utcNow()).bind(2, user.empty() ? loginName() : user).bind(3, action);
    insert->bind(4, target).bind(5, oldValue.dump()).bind(6, newValue.dump()).bind(7, undoes);
    GENGBAO_TRY(insert->run());
    return db.lastInsertRowId();
}

Result<std::vector<AuditEntry>> readAuditLog(Project &project)
{
    auto query = project.database().prepare(std::string(kSelect) + " ORDER BY id");
    if (!query)
        return query.error();
    std::vector<AuditEntry> entries;
    GENGBAO_TRY(query->forEachRow([&entries](Statement &row) { entries.push_back(entryOf(row)); }));
    return entries;
}

Result<AuditEntry> readAuditEntry(Database &db, std::int64_t id)
{
    auto query = db.prepare(std::string(kSelect) + " WHERE id = ?");
    if (!query)
        return query.error();
    query->bind(1, id);
    auto row = query->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::InvalidArgument, db.path(),
                         "has no audit entry " + std::to_string(id));
    return entryOf(*query);
}

Status writeAuditJson(const std::vector<AuditEntry> &entries, std::ostream &out)
{
    json list = json::array();
    for (const AuditEntry &entry : entries)
        list.push_back(entryJson(entry));
    out << list.dump(2) << '\n';
    return out ? Status::success() : makeError(ErrorCode::Io, {}, "cannot write the output");
}

Status writeAuditCsv(const std::vector<AuditEntry> &entries, std::ostream &out)
{
    out << "id,at,user,action,target,old,new,undoes\r\n";
    for (const AuditEntry &entry : entries) {
        out << entry.id << ',' << entry.at << ',' << csv::field(entry.user) << ',' << entry.action
            << ',' << csv::field(entry.target) << ',' << csv::field(entry.oldValue.dump()) << ','
            << csv::field(entry.newValue.dump()) << ','
            << (entry.undoes ? std::to_string(*entry.undoes) : std::string()) << "\r\n";
    }
    return out ? Status::success() : makeError(ErrorCode::Io, {}, "cannot write the output");
}

}  // namespace gengbao::core
