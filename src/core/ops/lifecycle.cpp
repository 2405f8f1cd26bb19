// SPDX-License-Identifier: GPL-3.0-or-later
#include "lifecycle.h"

#include "../base/clock.h"
#include "../base/strings.h"
#include "../base/units.h"
#include "../db/statement.h"
#include "../db/transaction.h"
#include "../project.h"
#include "audit.h"
#include "plans.h"

#include <set>

namespace gengbao::core {

namespace {

using json = nlohmann::ordered_json;

// The parcel columns a change touches, as the audit log records them.
struct ParcelState
{
    std::int64_t fid = 0;
    std::string parcelId;
    Stage stage = Stage::Candidate;
    std::optional<std::int64_t> acceptedNet;
    std::optional<Proposal> proposal;
    std::optional<std::string> proposalReason;
    std::optional<bool> eligible;
    std::string lastDate;  // of its latest recorded step, "" when none

    json toJson() const
    {
        json out;
        out["stage"] = std::string(stageName(stage));
        out["accepted_net_cmu"] = acceptedNet ? json(*acceptedNet) : json(nullptr);
        out["proposal"] = proposal ? json(std::string(proposalName(*proposal))) : json(nullptr);
        out["proposal_reason"] = proposalReason ? json(*proposalReason) : json(nullptr);
        return out;
    }
};

Result<ParcelState> readParcel(Database &db, const std::string &parcelId)
{
    auto query =
        db.prepare("SELECT fid, stage, accepted_net_cmu, proposal, proposal_reason, eligible, "
                   "(SELECT max(occurred_on) FROM stage_history h WHERE h.parcel_fid = p.fid) "
                   "FROM parcels p WHERE parcel_id = ?");
    if (!query)
        return query.error();
    query->bind(1, parcelId);
    auto row = query->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::InvalidArgument, db.path(),
                         "has no parcel " + parcelId +
                             " (the ids are those export parcels prints)");
    ParcelState state;
    state.fid = query->int64(0);
    state.parcelId = parcelId;
    state.stage = parseStage(query->text(1)).value_or(Stage::Candidate);
    state.acceptedNet = query->optionalInt64(2);
    if (auto proposal = query->optionalText(3))
        state.proposal = parseProposal(*proposal);
    state.proposalReason = query->optionalText(4);
    if (auto eligible = query->optionalInt64(5))
        state.eligible = *eligible != 0;
    state.lastDate = query->optionalText(6).value_or("");
    return state;
}

Status writeParcelState(Database &db, std::int64_t fid, const json &state)
{
    auto update = db.prepare("UPDATE parcels SET stage = ?1, accepted_net_cmu = ?2, proposal = ?3, "
                             "proposal_reason = ?4 WHERE fid = ?5");
    if (!update)
        return update.error();
    update->bind(1, state.at("stage").get<std::string>());
    if (state.at("accepted_net_cmu").is_null())
        update->bindNull(2);
    else
        update->bind(2, state.at("accepted_net_cmu").get<std::int64_t>());
    for (int index : {3, 4}) {
        const json &value = state.at(index == 3 ? "proposal" : "proposal_reason");
        if (value.is_null())
            update->bindNull(index);
        else
            update->bind(index, value.get<std::string>());
    }
    update->bind(5, fid);
    return update->run();
}

// The parcel columns of a recorded state, without the history that came with it.
json parcelColumns(json state)
{
    state.erase("history");
    return state;
}

Result<std::int64_t> insertHistory(Database &db, std::int64_t fid, const json &history)
{
    auto insert = db.prepare(
        "INSERT INTO stage_history (parcel_fid, kind, from_state, to_state, occurred_on, "
        "recorded_at, recorded_by, note, document, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9, ?10)");
    if (!insert)
        return insert.error();
    insert->bind(1, fid);
    int index = 2;
    for (const char *key : {"kind", "from", "to", "occurred_on", "recorded_at", "recorded_by",
                            "note", "document", "reason"})
        insert->bind(index++, history.at(key).get<std::string>());
    GENGBAO_TRY(insert->run());
    return db.lastInsertRowId();
}

Status deleteHistory(Database &db, std::int64_t id)
{
    auto remove = db.prepare("DELETE FROM stage_history WHERE id = ?");
    if (!remove)
        return remove.error();
    remove->bind(1, id);
    return remove->run();
}

// The date of a step: today by default, a real date, not in the future, not before the parcel's
// previous step.
Result<std::string> stepDate(const std::string &given, const ParcelState &parcel)
{
    const std::string date = given.empty() ? today() : given;
    if (!isCalendarDate(date))
        return makeError(ErrorCode::InvalidArgument, {},
                         "the date '" + date + "' is not a date (YYYY-MM-DD)");
    if (date > today())
        return makeError(ErrorCode::InvalidArgument, {},
                         "the date " + date + " is in the future (today is " + today() + ")");
    if (!parcel.lastDate.empty() && date < parcel.lastDate)
        return makeError(ErrorCode::InvalidArgument, {},
                         "the date " + date + " is before the parcel's previous step on " +
                             parcel.lastDate);
    return date;
}

Error refused(const ParcelState &parcel, const std::string &why)
{
    return makeError(ErrorCode::InvalidArgument, {}, "parcel " + parcel.parcelId + ": " + why);
}

// A step's history row as the audit log keeps it (and stage_history stores it).
json historyOf(const char *kind, std::string_view from, std::string_view to,
               const std::string &date, const std::string &user, const std::string &note,
               const std::string &document, const std::string &reason)
{
    return {{"kind", kind},        {"from", std::string(from)}, {"to", std::string(to)},
            {"occurred_on", date}, {"recorded_at", utcNow()},   {"recorded_by", user},
            {"note", note},        {"document", document},      {"reason", reason}};
}

// A step worked out and checked against the parcel's state, not yet written.
struct PlannedStep
{
    ParcelState parcel;
    json newState;  // the parcel columns after the step
    json history;   // its stage_history row
};

// Writes a planned step's columns and history row; the new state with its history (and the
// row's id), as the audit log records it.
Result<json> writeStep(Database &db, const PlannedStep &step)
{
    GENGBAO_TRY(writeParcelState(db, step.parcel.fid, step.newState));
    auto historyId = insertHistory(db, step.parcel.fid, step.history);
    if (!historyId)
        return historyId.error();
    json state = step.newState;
    state["history"] = step.history;
    state["history"]["id"] = *historyId;
    return state;
}

// Task rows as the audit log records them: [{program_id, village_code, task_cmu, remarks}],
// with task_cmu null for a village that had no row.
Status restoreTasks(Database &db, const json &rows)
{
    for (const json &row : rows) {
        const std::int64_t program = row.at("program_id").get<std::int64_t>();
        const std::string code = row.at("village_code").get<std::string>();
        if (row.at("task_cmu").is_null()) {
            auto remove =
                db.prepare("DELETE FROM village_tasks WHERE program_id = ? AND village_code = ?");
            if (!remove)
                return remove.error();
            remove->bind(1, program).bind(2, code);
            GENGBAO_TRY(remove->run());
            continue;
        }
        auto write = db.prepare(
            "INSERT INTO village_tasks (program_id, village_code, task_cmu, remarks) "
            "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(program_id, village_code) DO UPDATE SET "
            "task_cmu = excluded.task_cmu, remarks = excluded.remarks");
        if (!write)
            return write.error();
        write->bind(1, program).bind(2, code).bind(3, row.at("task_cmu").get<std::int64_t>());
        write->bind(4, row.at("remarks").get<std::string>());
        GENGBAO_TRY(write->run());
    }
    return Status::success();
}

Result<json> currentTasks(Database &db, const json &rows)
{
    // The rows of one entry all belong to one program.
    std::vector<std::string> codes;
    for (const json &row : rows)
        codes.push_back(row.at("village_code").get<std::string>());
    const std::int64_t program =
        rows.empty() ? 0 : rows.front().at("program_id").get<std::int64_t>();
    return recordedTasks(db, program, codes);
}

bool sameTasks(const json &a, const json &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].at("task_cmu") != b[i].at("task_cmu"))
            return false;
        if (!a[i].at("task_cmu").is_null() && a[i].at("remarks") != b[i].at("remarks"))
            return false;
    }
    return true;
}

// Switches one parcel from the recorded state `from` to `to`, after checking that it is still
// at `from`. Undo (removeHistory) takes the step's history row away; redo writes it again as a
// new row. The state written, as the audit log records it.
Result<json> switchParcel(Database &db, const std::string &parcelId, const json &from,
                          const json &to, bool removeHistory)
{
    auto parcel = readParcel(db, parcelId);
    if (!parcel)
        return parcel.error();
    if (parcel->toJson() != parcelColumns(from))
        return makeError(ErrorCode::InvalidArgument, db.path(),
                         "was changed since (parcel " + parcelId +
                             "); undo the later changes first");
    if (removeHistory) {
        GENGBAO_TRY(deleteHistory(db, from.at("history").at("id").get<std::int64_t>()));
        GENGBAO_TRY(writeParcelState(db, parcel->fid, parcelColumns(to)));
        return parcelColumns(to);
    }
    json history = to.at("history");
    history.erase("id");
    return writeStep(db, PlannedStep{*parcel, parcelColumns(to), std::move(history)});
}

bool isManyParcels(const std::string &action)
{
    return action == "advance_many" || action == "review_many";
}

// Puts the target of an entry from `from` back to `to` (old and new of the entry, or the other
// way round), after checking that it is still at `from`.
Result<std::int64_t> switchState(Project &project, const AuditEntry &entry, const json &from,
                                 const json &to, const std::string &user, const std::string &action,
                                 std::int64_t undoes, bool removeHistory)
{
    Database &db = project.database();
    const std::string changedSince =
        "was changed since (" + entry.target + "); undo the later changes first";
    if (entry.action == "save_plan") {
        auto current = storedPlanJson(project);
        if (!current)
            return current.error();
        if (*current != from)
            return makeError(ErrorCode::InvalidArgument, db.path(), changedSince);
        GENGBAO_TRY(replaceStoredPlan(project, to));
        return appendAudit(db, user, action, entry.target, from, to, undoes);
    }
    if (entry.action == "set_task") {
        auto current = currentTasks(db, from);
        if (!current)
            return current.error();
        if (!sameTasks(*current, from))
            return makeError(ErrorCode::InvalidArgument, db.path(), changedSince);
        GENGBAO_TRY(restoreTasks(db, to));
        return appendAudit(db, user, action, entry.target, from, to, undoes);
    }
    if (isManyParcels(entry.action)) {
        // [{parcel_id, state}] in both values, one element per parcel, in the same order.
        if (!from.is_array() || !to.is_array() || from.size() != to.size())
            return makeError(ErrorCode::Damaged, db.path(),
                             "audit entry " + std::to_string(undoes) + " is damaged");
        json before = json::array(), written = json::array();
        for (std::size_t i = 0; i < from.size(); ++i) {
            const std::string parcelId = from[i].at("parcel_id").get<std::string>();
            auto state =
                switchParcel(db, parcelId, from[i].at("state"), to[i].at("state"), removeHistory);
            if (!state)
                return state.error();
            before.push_back(
                {{"parcel_id", parcelId}, {"state", parcelColumns(from[i].at("state"))}});
            written.push_back({{"parcel_id", parcelId}, {"state", *state}});
        }
        return appendAudit(db, user, action, entry.target, before, written, undoes);
    }
    const std::string parcelId = entry.target.substr(std::string("parcel ").size());
    auto state = switchParcel(db, parcelId, from, to, removeHistory);
    if (!state)
        return state.error();
    return appendAudit(db, user, action, entry.target, parcelColumns(from), *state, undoes);
}

// What an entry records at heart: an undo and a redo stand for the change at the start of their
// chain (change, undo, redo, undo, redo, ...), which decides how to switch the target back.
Result<std::string> changeKind(Database &db, AuditEntry entry)
{
    while (entry.action == "undo" || entry.action == "redo") {
        auto previous = readAuditEntry(db, entry.undoes.value_or(0));
        if (!previous)
            return previous.error();
        entry = std::move(previous).value();
    }
    return entry.action;
}

bool undoable(const std::string &action)
{
    return action == "advance" || action == "review" || action == "set_task" ||
           action == "save_plan" || isManyParcels(action);
}

}  // namespace

Result<std::vector<HistoryEntry>> parcelHistory(Project &project, const std::string &parcelId)
{
    auto query = project.database().prepare(
        "SELECT h.kind, h.from_state, h.to_state, h.occurred_on, h.recorded_by, h.note, "
        "h.document, h.reason FROM stage_history h JOIN parcels p ON p.fid = h.parcel_fid "
        "WHERE p.parcel_id = ? ORDER BY h.id");
    if (!query)
        return query.error();
    query->bind(1, parcelId);
    std::vector<HistoryEntry> entries;
    GENGBAO_TRY(query->forEachRow([&entries](Statement &row) {
        entries.push_back({row.text(0), row.text(1), row.text(2), row.text(3), row.text(4),
                           row.text(5), row.text(6), row.text(7)});
    }));
    return entries;
}

Result<std::string> parcelAttributes(Project &project, const std::string &parcelId)
{
    auto query = project.database().prepare("SELECT attributes FROM parcels WHERE parcel_id = ?");
    if (!query)
        return query.error();
    query->bind(1, parcelId);
    auto row = query->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(ErrorCode::InvalidArgument, project.path(), "has no parcel " + parcelId);
    return query->text(0);
}

namespace {

// The reason of a rejection or withdrawal; a note alone serves as one.
std::string reasonOf(const StageChange &change)
{
    return change.reason.empty() ? change.note : change.reason;
}

// What a stage step asks, whatever the parcel: refused before anything is read.
Status checkStageArguments(const StageChange &change)
{
    if ((change.to == Stage::Rejected || change.to == Stage::Withdrawn) && reasonOf(change).empty())
        return makeError(ErrorCode::InvalidArgument, {},
                         std::string(stageName(change.to)) +
                             " needs a reason (--reason or --note)");
    if (change.acceptedNetCentiMu && change.to != Stage::Approved)
        return makeError(ErrorCode::InvalidArgument, {},
                         "the accepted net area is recorded at approval only");
    if (change.acceptedNetCentiMu && *change.acceptedNetCentiMu < 0)
        return makeError(ErrorCode::InvalidArgument, {},
                         "the accepted net area cannot be negative");
    if (change.acceptedNetCentiMu && *change.acceptedNetCentiMu > kMaxAreaCentiMu)
        return makeError(ErrorCode::InvalidArgument, {},
                         "the accepted net area " + formatMu(*change.acceptedNetCentiMu) +
                             " mu is more than " + std::to_string(kMaxAreaMu) +
                             " mu, beyond any parcel");
    return Status::success();
}

Status checkProposalArguments(const ProposalChange &change)
{
    if (change.to == Proposal::Rejected && change.reason.empty())
        return makeError(ErrorCode::InvalidArgument, {}, "a rejected proposal needs a reason");
    return Status::success();
}

std::string userOf(const std::string &given)
{
    return given.empty() ? loginName() : given;
}

// A stage step of one parcel checked against its state inside the caller's transaction (when
// two people advance the same parcel at once, the second sees the first's result).
Result<PlannedStep> planStageStep(Database &db, const StageChange &change)
{
    auto parcel = readParcel(db, change.parcelId);
    if (!parcel)
        return parcel.error();
    const std::string why =
        refusalOf(parcel->stage, change.to, ParcelStanding{parcel->eligible, parcel->proposal});
    if (!why.empty())
        return refused(*parcel, why);
    auto date = stepDate(change.date, *parcel);
    if (!date)
        return refused(*parcel, date.error().detail);
    json newState = parcel->toJson();
    newState["stage"] = std::string(stageName(change.to));
    if (change.acceptedNetCentiMu)
        newState["accepted_net_cmu"] = *change.acceptedNetCentiMu;
    json history = historyOf("stage", stageName(parcel->stage), stageName(change.to), *date,
                             userOf(change.user), change.note, change.document, reasonOf(change));
    return PlannedStep{std::move(parcel).value(), std::move(newState), std::move(history)};
}

Result<PlannedStep> planProposalStep(Database &db, const ProposalChange &change)
{
    auto parcel = readParcel(db, change.parcelId);
    if (!parcel)
        return parcel.error();
    if (!parcel->proposal)
        return refused(*parcel, "it was issued by the county, not proposed by a village");
    if (const std::string why = refusalOfProposal(*parcel->proposal, change.to); !why.empty())
        return refused(*parcel, why);
    if (change.to != Proposal::Rejected && !parcel->eligible)
        return refused(*parcel, "screen it before reviewing the proposal");
    auto date = stepDate(change.date, *parcel);
    if (!date)
        return refused(*parcel, date.error().detail);
    json newState = parcel->toJson();
    newState["proposal"] = std::string(proposalName(change.to));
    newState["proposal_reason"] =
        change.to == Proposal::Rejected ? json(change.reason) : json(nullptr);
    json history =
        historyOf("proposal", proposalName(*parcel->proposal), proposalName(change.to), *date,
                  userOf(change.user), change.note, change.document, change.reason);
    return PlannedStep{std::move(parcel).value(), std::move(newState), std::move(history)};
}

// One step on one parcel, refused as a whole when the parcel refuses it.
template <typename Change, typename Check, typename Plan>
Result<ChangeResult> applyOneStep(Project &project, const Change &change, Check check, Plan plan,
                                  const char *action, std::string (*stateOf)(const json &))
{
    GENGBAO_TRY(check(change));
    Database &db = project.database();
    auto transaction = Transaction::begin(db);
    if (!transaction)
        return transaction.error();
    auto step = plan(db, change);
    if (!step)
        return step.error();
    const json before = step->parcel.toJson();
    auto written = writeStep(db, *step);
    if (!written)
        return written.error();
    auto auditId =
        appendAudit(db, userOf(change.user), action, "parcel " + change.parcelId, before, *written);
    if (!auditId)
        return auditId.error();
    GENGBAO_TRY(transaction->commit());
    return ChangeResult{*auditId, stateOf(before), stateOf(*written)};
}

// One step on many parcels in one transaction and one audit entry (see advanceParcels).
template <typename Change, typename Check, typename Plan>
Result<BatchChangeResult> applySteps(Project &project, const std::vector<Change> &changes,
                                     Check check, Plan plan, const char *action,
                                     const char *manyAction)
{
    for (const Change &change : changes)
        GENGBAO_TRY(check(change));
    BatchChangeResult result;
    if (changes.empty())
        return result;
    Database &db = project.database();
    auto transaction = Transaction::begin(db);
    if (!transaction)
        return transaction.error();
    std::set<std::string> seen;
    json before = json::array(), after = json::array();
    for (const Change &change : changes) {
        if (!seen.insert(change.parcelId).second)
            continue;
        auto step = plan(db, change);
        if (!step) {
            // A parcel's refusal is listed; anything else (a full disk, a damaged file) stops
            // the whole step, and the transaction's rollback undoes what was written.
            if (step.error().code != ErrorCode::InvalidArgument)
                return step.error();
            result.refused.push_back({change.parcelId, step.error()});
            continue;
        }
        auto written = writeStep(db, *step);
        if (!written)
            return written.error();
        before.push_back({{"parcel_id", change.parcelId}, {"state", step->parcel.toJson()}});
        after.push_back({{"parcel_id", change.parcelId}, {"state", *written}});
        result.moved.push_back(change.parcelId);
    }
    if (result.moved.empty())
        return result;  // nothing moved: the transaction rolls back, nothing is recorded
    const std::string user = userOf(changes.front().user);
    auto auditId =
        result.moved.size() == 1
            ? appendAudit(db, user, action, "parcel " + result.moved.front(), before[0].at("state"),
                          after[0].at("state"))
            : appendAudit(db, user, manyAction, std::to_string(result.moved.size()) + " parcels",
                          before, after);
    if (!auditId)
        return auditId.error();
    GENGBAO_TRY(transaction->commit());
    result.auditId = *auditId;
    return result;
}

std::string stageOfState(const json &state)
{
    return state.at("stage").get<std::string>();
}

std::string proposalOfState(const json &state)
{
    return state.at("proposal").is_null() ? std::string() : state.at("proposal").get<std::string>();
}

}  // namespace

Result<ChangeResult> advanceParcel(Project &project, const StageChange &change)
{
    return applyOneStep(project, change, checkStageArguments, planStageStep, "advance",
                        stageOfState);
}

Result<ChangeResult> reviewProposal(Project &project, const ProposalChange &change)
{
    return applyOneStep(project, change, checkProposalArguments, planProposalStep, "review",
                        proposalOfState);
}

Result<BatchChangeResult> advanceParcels(Project &project, const std::vector<StageChange> &changes)
{
    return applySteps(project, changes, checkStageArguments, planStageStep, "advance",
                      "advance_many");
}

Result<BatchChangeResult> reviewProposals(Project &project,
                                          const std::vector<ProposalChange> &changes)
{
    return applySteps(project, changes, checkProposalArguments, planProposalStep, "review",
                      "review_many");
}

Result<std::int64_t> undoChange(Project &project, std::int64_t auditId, const std::string &user)
{
    Database &db = project.database();
    auto transaction = Transaction::begin(db);
    if (!transaction)
        return transaction.error();
    auto entry = readAuditEntry(db, auditId);
    if (!entry)
        return entry.error();
    // An undo undoes a change or a redo of one, never another undo.
    auto kind = changeKind(db, *entry);
    if (!kind)
        return kind.error();
    if (!undoable(*kind) || entry->action == "undo")
        return makeError(ErrorCode::InvalidArgument, db.path(),
                         "audit entry " + std::to_string(auditId) + " (" + entry->action +
                             ") cannot be undone");
    AuditEntry change = *entry;
    change.action = *kind;
    auto id = switchState(project, change, entry->newValue, entry->oldValue,
                          user.empty() ? loginName() : user, "undo", auditId, true);
    if (!id)
        return id.error();
    GENGBAO_TRY(transaction->commit());
    GENGBAO_TRY(project.reload());  // a plan's target is the project's too
    return id;
}

Result<std::int64_t> redoChange(Project &project, std::int64_t auditId, const std::string &user)
{
    Database &db = project.database();
    auto transaction = Transaction::begin(db);
    if (!transaction)
        return transaction.error();
    auto undo = readAuditEntry(db, auditId);
    if (!undo)
        return undo.error();
    if (undo->action != "undo" || !undo->undoes)
        return makeError(ErrorCode::InvalidArgument, db.path(),
                         "audit entry " + std::to_string(auditId) + " is not an undo");
    auto undone = readAuditEntry(db, *undo->undoes);
    if (!undone)
        return undone.error();
    auto kind = changeKind(db, *undone);
    if (!kind)
        return kind.error();
    AuditEntry change = *undone;
    change.action = *kind;
    // From the state the undo left (its new value) to the undone change's new value.
    auto id = switchState(project, change, undo->newValue, undone->newValue,
                          user.empty() ? loginName() : user, "redo", auditId, false);
    if (!id)
        return id.error();
    GENGBAO_TRY(transaction->commit());
    GENGBAO_TRY(project.reload());
    return id;
}

}  // namespace gengbao::core
