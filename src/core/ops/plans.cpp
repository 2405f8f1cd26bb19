// SPDX-License-Identifier: GPL-3.0-or-later
#include "plans.h"

#include "../base/clock.h"
#include "../base/strings.h"
#include "../base/units.h"
#include "../db/statement.h"
#include "../db/transaction.h"
#include "../project.h"
#include "audit.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace gengbao::core {

namespace {

using json = nlohmann::ordered_json;

json rulesJson(const ProgramRules &rules)
{
    return {{"max_slope_deg", rules.maxSlopeDeg},
            {"allow_terraces", rules.allowTerraces},
            {"overlap_tolerance_m2", rules.overlapToleranceM2},
            {"subsidy_fen_per_mu", rules.subsidyFenPerMu},
            {"subsidy_basis", rules.subsidyBasis},
            {"completion_reward_fen_per_mu", rules.completionRewardFenPerMu},
            {"completion_reward_basis", rules.completionRewardBasis},
            {"excess_reward_fen_per_mu", rules.excessRewardFenPerMu},
            {"completion_area", rules.completionArea}};
}

// Missing keys keep their defaults: a file written before a rule existed reads as the default.
ProgramRules rulesFrom(const json &value)
{
    ProgramRules rules;
    if (!value.is_object())
        return rules;
    rules.maxSlopeDeg = value.value("max_slope_deg", rules.maxSlopeDeg);
    rules.allowTerraces = value.value("allow_terraces", rules.allowTerraces);
    rules.overlapToleranceM2 = value.value("overlap_tolerance_m2", rules.overlapToleranceM2);
    rules.subsidyFenPerMu = value.value("subsidy_fen_per_mu", rules.subsidyFenPerMu);
    rules.subsidyBasis = value.value("subsidy_basis", rules.subsidyBasis);
    rules.completionRewardFenPerMu =
        value.value("completion_reward_fen_per_mu", rules.completionRewardFenPerMu);
    rules.completionRewardBasis =
        value.value("completion_reward_basis", rules.completionRewardBasis);
    rules.excessRewardFenPerMu =
        value.value("excess_reward_fen_per_mu", rules.excessRewardFenPerMu);
    rules.completionArea = value.value("completion_area", rules.completionArea);
    return rules;
}

json phasesJson(const std::vector<Phase> &phases)
{
    json list = json::array();
    for (const Phase &phase : phases)
        list.push_back(
            {{"name", phase.name}, {"starts_on", phase.startsOn}, {"ends_on", phase.endsOn}});
    return list;
}

json deadlinesJson(const std::vector<Deadline> &deadlines)
{
    json list = json::array();
    for (const Deadline &deadline : deadlines)
        list.push_back(
            {{"stage", deadline.stage}, {"due_on", deadline.dueOn}, {"label", deadline.label}});
    return list;
}

json indicatorsJson(const std::vector<Indicator> &indicators)
{
    json list = json::array();
    for (const Indicator &indicator : indicators)
        list.push_back({{"name", indicator.name},
                        {"comparison", indicator.comparison},
                        {"value", indicator.value},
                        {"unit", indicator.unit}});
    return list;
}

json planJsonOf(const Plan &plan)
{
    json programs = json::array();
    for (const Program &program : plan.programs) {
        programs.push_back(
            {{"id", program.id},
             {"kind", program.kind},
             {"name", program.name},
             {"target_mu", program.targetMu ? json(*program.targetMu) : json(nullptr)},
             {"target_count", program.targetCount ? json(*program.targetCount) : json(nullptr)},
             {"annex_title", program.annexTitle},
             {"phases", phasesJson(program.phases)},
             {"deadlines", deadlinesJson(program.deadlines)},
             {"rules", rulesJson(program.rules)}});
    }
    return {{"id", plan.id},         {"town", plan.town},
            {"county", plan.county}, {"year", plan.year},
            {"title", plan.title},   {"document_date", plan.documentDate},
            {"issuer", plan.issuer}, {"indicators", indicatorsJson(plan.indicators)},
            {"programs", programs}};
}

Result<bool> hasStoredPlan(Database &db)
{
    auto query = db.prepare("SELECT 1 FROM plans LIMIT 1");
    if (!query)
        return query.error();
    return query->step();
}

Result<Plan> readStoredPlan(Database &db)
{
    auto planQuery = db.prepare("SELECT id, town, county, year, title, document_date, issuer, "
                                "indicators FROM plans ORDER BY id LIMIT 1");
    if (!planQuery)
        return planQuery.error();
    auto row = planQuery->step();
    if (!row)
        return row.error();
    Plan plan;
    plan.id = planQuery->int64(0);
    plan.town = planQuery->text(1);
    plan.county = planQuery->optionalText(2).value_or("");
    plan.year = static_cast<int>(planQuery->int64(3));
    plan.title = planQuery->text(4);
    plan.documentDate = planQuery->optionalText(5).value_or("");
    plan.issuer = planQuery->optionalText(6).value_or("");
    for (const auto &item : json::parse(planQuery->text(7), nullptr, false)) {
        if (item.is_object())
            plan.indicators.push_back({item.value("name", ""), item.value("comparison", ">="),
                                       item.value("value", 0.0), item.value("unit", "亩")});
    }
    auto programs = db.prepare("SELECT id, kind, name, target_mu, target_count, annex_title, "
                               "phases, deadlines, rules FROM programs WHERE plan_id = ? "
                               "ORDER BY position");
    if (!programs)
        return programs.error();
    programs->bind(1, plan.id);
    GENGBAO_TRY(programs->forEachRow([&plan](Statement &q) {
        Program program;
        program.id = q.int64(0);
        program.kind = q.text(1);
        program.name = q.text(2);
        program.targetMu = q.optionalReal(3);
        program.targetCount = q.optionalInt64(4);
        program.annexTitle = q.optionalText(5).value_or("");
        for (const auto &item : json::parse(q.text(6), nullptr, false)) {
            if (item.is_object())
                program.phases.push_back({item.value("name", ""), item.value("starts_on", ""),
                                          item.value("ends_on", "")});
        }
        for (const auto &item : json::parse(q.text(7), nullptr, false)) {
            if (item.is_object())
                program.deadlines.push_back(
                    {item.value("stage", ""), item.value("due_on", ""), item.value("label", "")});
        }
        program.rules = rulesFrom(json::parse(q.text(8), nullptr, false));
        plan.programs.push_back(std::move(program));
    }));
    return plan;
}

// Writes the plan inside the caller's transaction; keeps program ids where programs remain.
Status writePlan(Project &project, Plan &plan)
{
    Database &db = project.database();
    GENGBAO_TRY(validatePlan(plan));
    if (plan.id == 0) {
        auto insert = db.prepare("INSERT INTO plans (town, county, year, title, document_date, "
                                 "issuer, indicators) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!insert)
            return insert.error();
        insert->bind(1, plan.town).bind(2, plan.county).bind(3, plan.year).bind(4, plan.title);
        insert->bind(5, plan.documentDate).bind(6, plan.issuer);
        insert->bind(7, indicatorsJson(plan.indicators).dump());
        GENGBAO_TRY(insert->run());
        plan.id = db.lastInsertRowId();
    } else {
        auto update = db.prepare("UPDATE plans SET town = ?1, county = ?2, year = ?3, title = ?4, "
                                 "document_date = ?5, issuer = ?6, indicators = ?7 WHERE id = ?8");
        if (!update)
            return update.error();
        update->bind(1, plan.town).bind(2, plan.county).bind(3, plan.year).bind(4, plan.title);
        update->bind(5, plan.documentDate).bind(6, plan.issuer);
        update->bind(7, indicatorsJson(plan.indicators).dump()).bind(8, plan.id);
        GENGBAO_TRY(update->run());
    }
    // Programs no longer in the plan go, with their tasks.
    std::string kept;
    for (const Program &program : plan.programs) {
        if (program.id > 0)
            kept += (kept.empty() ? "" : ",") + std::to_string(program.id);
    }
    GENGBAO_TRY(db.exec("DELETE FROM village_tasks WHERE program_id NOT IN (" + kept + ")"));
    GENGBAO_TRY(db.exec("DELETE FROM programs WHERE id NOT IN (" + kept + ")"));
    int position = 0;
    for (Program &program : plan.programs) {
        const bool isNew = program.id == 0;
        auto statement =
            isNew ? db.prepare("INSERT INTO programs (plan_id, position, kind, name, target_mu, "
                               "target_count, annex_title, phases, deadlines, rules) VALUES "
                               "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
                  : db.prepare("UPDATE programs SET plan_id = ?1, position = ?2, kind = ?3, "
                               "name = ?4, target_mu = ?5, target_count = ?6, annex_title = ?7, "
                               "phases = ?8, deadlines = ?9, rules = ?10 WHERE id = ?11");
        if (!statement)
            return statement.error();
        statement->bind(1, plan.id).bind(2, position++).bind(3, program.kind).bind(4, program.name);
        statement->bind(5, program.targetMu).bind(6, program.targetCount);
        statement->bind(7, program.annexTitle).bind(8, phasesJson(program.phases).dump());
        statement->bind(9, deadlinesJson(program.deadlines).dump());
        statement->bind(10, rulesJson(program.rules).dump());
        if (!isNew)
            statement->bind(11, program.id);
        GENGBAO_TRY(statement->run());
        if (isNew)
            program.id = db.lastInsertRowId();
    }
    // The restoration target is the project's town target too (the window's status line).
    if (const Program *restoration = plan.restoration(); restoration && restoration->targetMu) {
        char target[32];
        std::snprintf(target, sizeof target, "%.2f", *restoration->targetMu);
        auto meta = db.prepare("INSERT INTO gengbao_meta (key, value) VALUES ('target_mu', ?) "
                               "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        if (!meta)
            return meta.error();
        meta->bind(1, std::string(target));
        GENGBAO_TRY(meta->run());
    }
    return Status::success();
}

// The stored plan, storing the default one first (inside the caller's transaction).
Result<Plan> storedPlan(Project &project)
{
    auto has = hasStoredPlan(project.database());
    if (!has)
        return has.error();
    if (*has)
        return readStoredPlan(project.database());
    const ProjectSettings &settings = project.settings();
    Plan plan = defaultPlan(settings.town, settings.county, settings.year, settings.targetMu);
    GENGBAO_TRY(writePlan(project, plan));
    return plan;
}

Result<Program> findProgram(const Plan &plan, std::int64_t programId)
{
    for (const Program &program : plan.programs) {
        if (programId == 0 ? program.kind == kProgramRestoration : program.id == programId)
            return program;
    }
    return makeError(ErrorCode::InvalidArgument, {},
                     programId == 0 ? std::string("the plan has no restoration program")
                                    : "the plan has no program " + std::to_string(programId));
}

}  // namespace

Result<std::string> resolveVillage(Database &db, const std::string &village)
{
    const bool isCode =
        village.size() == 12 && village.find_first_not_of("0123456789") == std::string::npos;
    auto query = db.prepare(isCode ? "SELECT code FROM villages WHERE code = ?"
                                   : "SELECT code FROM villages WHERE name = ?");
    if (!query)
        return query.error();
    query->bind(1, village);
    std::vector<std::string> codes;
    GENGBAO_TRY(query->forEachRow([&codes](Statement &row) { codes.push_back(row.text(0)); }));
    if (codes.size() == 1)
        return codes.front();
    if (codes.size() > 1)
        return makeError(ErrorCode::InvalidArgument, {},
                         "several villages are named " + village + "; give the 12-digit code");
    std::string known;
    auto all = db.prepare("SELECT name FROM villages ORDER BY code");
    if (all) {
        GENGBAO_TRY(all->forEachRow(
            [&known](Statement &row) { known += (known.empty() ? "" : ", ") + row.text(0); }));
    }
    return makeError(ErrorCode::InvalidArgument, {},
                     "no village " + village + " in the project (villages: " + known + ")");
}

namespace {

Status writeTask(Database &db, std::int64_t programId, const std::string &code,
                 std::optional<std::int64_t> task, std::optional<std::string> remarks)
{
    auto statement =
        db.prepare("INSERT INTO village_tasks (program_id, village_code, task_cmu, remarks) "
                   "VALUES (?1, ?2, coalesce(?3, 0), coalesce(?4, '')) "
                   "ON CONFLICT(program_id, village_code) DO UPDATE SET "
                   "task_cmu = coalesce(?3, task_cmu), remarks = coalesce(?4, remarks)");
    if (!statement)
        return statement.error();
    statement->bind(1, programId).bind(2, code).bind(3, task).bind(4, remarks);
    return statement->run();
}

Result<AllocationPreview> allocationFor(const TaskTable &table, AllocationMethod method,
                                        std::int64_t floor)
{
    AllocationPreview preview;
    for (const VillageTask &village : table.villages) {
        preview.codes.push_back(village.code);
        preview.names.push_back(village.name);
        preview.potentials.push_back(village.potential);
    }
    if (!table.screened)
        return makeError(ErrorCode::InvalidArgument, {},
                         "no parcel has been screened yet, so no village has an eligible "
                         "potential: screen the parcels first");
    auto allocation = allocate(preview.potentials, table.target, method, floor);
    if (!allocation)
        return allocation.error();
    preview.allocation = std::move(allocation).value();
    return preview;
}

// What any caller (the CLI, the app's table, a file) may set as a task.
Status checkTask(const TaskUpdate &update)
{
    if (!update.task)
        return Status::success();
    if (*update.task < 0)
        return makeError(ErrorCode::InvalidArgument, {}, "a task cannot be negative");
    if (*update.task > kMaxAreaCentiMu)
        return makeError(ErrorCode::InvalidArgument, {},
                         "a task of " + formatMu(*update.task) + " mu is more than " +
                             std::to_string(kMaxAreaMu) + " mu, beyond any town's task");
    return Status::success();
}

// Remarks are kept as typed but for blanks at their ends, which no one sees in a cell: so an
// exported table that comes back unedited compares equal and records no change.
std::optional<std::string> trimmedRemarks(const std::optional<std::string> &remarks)
{
    if (!remarks)
        return std::nullopt;
    return std::string(trimmedText(*remarks));
}

// One audit entry for a task edit, however many villages it touched (an allocation is one
// command to undo).
Status auditTasks(Database &db, std::int64_t programId, const std::vector<std::string> &codes,
                  const json &before)
{
    auto after = recordedTasks(db, programId, codes);
    if (!after)
        return after.error();
    if (before == *after)
        return Status::success();
    const std::string target = codes.size() == 1 ? "village " + codes.front()
                                                 : "tasks of program " + std::to_string(programId);
    auto id = appendAudit(db, loginName(), "set_task", target, before, *after);
    return id ? Status::success() : Status(id.error());
}

}  // namespace

json planToJson(const Plan &plan)
{
    return planJsonOf(plan);
}

Plan planFromJson(const json &value)
{
    Plan plan;
    plan.id = value.value("id", std::int64_t(0));
    plan.town = value.value("town", "");
    plan.county = value.value("county", "");
    plan.year = value.value("year", 0);
    plan.title = value.value("title", "");
    plan.documentDate = value.value("document_date", "");
    plan.issuer = value.value("issuer", "");
    for (const auto &item : value.value("indicators", json::array()))
        plan.indicators.push_back({item.value("name", ""), item.value("comparison", ">="),
                                   item.value("value", 0.0), item.value("unit", "亩")});
    for (const auto &item : value.value("programs", json::array())) {
        Program program;
        program.id = item.value("id", std::int64_t(0));
        program.kind = item.value("kind", "");
        program.name = item.value("name", "");
        if (item.contains("target_mu") && !item["target_mu"].is_null())
            program.targetMu = item["target_mu"].get<double>();
        if (item.contains("target_count") && !item["target_count"].is_null())
            program.targetCount = item["target_count"].get<std::int64_t>();
        program.annexTitle = item.value("annex_title", "");
        for (const auto &phase : item.value("phases", json::array()))
            program.phases.push_back({phase.value("name", ""), phase.value("starts_on", ""),
                                      phase.value("ends_on", "")});
        for (const auto &deadline : item.value("deadlines", json::array()))
            program.deadlines.push_back({deadline.value("stage", ""), deadline.value("due_on", ""),
                                         deadline.value("label", "")});
        program.rules = rulesFrom(item.value("rules", json::object()));
        plan.programs.push_back(std::move(program));
    }
    return plan;
}

Result<json> storedPlanJson(Project &project)
{
    auto plan = readStoredPlan(project.database());
    if (!plan)
        return plan.error();
    return planToJson(*plan);
}

Status replaceStoredPlan(Project &project, const json &value)
{
    Plan plan = planFromJson(value);
    if (plan.id == 0) {
        // The default plan before it was first stored: its values go into the stored rows, so
        // that the programs (and their village tasks) keep their ids.
        auto stored = readStoredPlan(project.database());
        if (!stored)
            return stored.error();
        plan.id = stored->id;
        for (std::size_t i = 0; i < plan.programs.size() && i < stored->programs.size(); ++i) {
            if (plan.programs[i].id == 0 && plan.programs[i].kind == stored->programs[i].kind)
                plan.programs[i].id = stored->programs[i].id;
        }
    }
    return writePlan(project, plan);
}

Result<json> recordedTasks(Database &db, std::int64_t programId,
                           const std::vector<std::string> &codes)
{
    auto query = db.prepare(
        "SELECT task_cmu, remarks FROM village_tasks WHERE program_id = ? AND village_code = ?");
    if (!query)
        return query.error();
    json rows = json::array();
    for (const std::string &code : codes) {
        query->bind(1, programId).bind(2, code);
        auto found = query->step();
        if (!found)
            return found.error();
        json row = {{"program_id", programId}, {"village_code", code}};
        row["task_cmu"] = *found ? json(query->int64(0)) : json(nullptr);
        row["remarks"] = *found ? json(query->text(1)) : json("");
        query->reset();
        rows.push_back(std::move(row));
    }
    return rows;
}

Result<Plan> loadPlan(Project &project)
{
    auto has = hasStoredPlan(project.database());
    if (!has)
        return has.error();
    if (*has)
        return readStoredPlan(project.database());
    const ProjectSettings &settings = project.settings();
    return defaultPlan(settings.town, settings.county, settings.year, settings.targetMu);
}

Status savePlan(Project &project, const Plan &plan)
{
    auto transaction = Transaction::begin(project.database());
    if (!transaction)
        return transaction.error();
    Plan copy = plan;
    if (copy.id == 0) {
        auto has = hasStoredPlan(project.database());
        if (!has)
            return has.error();
        if (*has)
            return makeError(ErrorCode::InvalidArgument, project.path(),
                             "already has a plan; load it and change that one");
    }
    auto before = loadPlan(project);
    if (!before)
        return before.error();
    GENGBAO_TRY(writePlan(project, copy));
    auto after = readStoredPlan(project.database());
    if (!after)
        return after.error();
    auto id =
        appendAudit(project.database(), loginName(), "save_plan", "plan " + std::to_string(copy.id),
                    planToJson(*before), planToJson(*after));
    if (!id)
        return id.error();
    GENGBAO_TRY(transaction->commit());
    return project.reload();
}

Result<TaskTable> loadTaskTable(Project &project, std::int64_t programId)
{
    auto plan = loadPlan(project);
    if (!plan)
        return plan.error();
    auto program = findProgram(*plan, programId);
    if (!program)
        return program.error();
    Database &db = project.database();
    TaskTable table;
    table.program = *program;
    table.target = program->targetMu ? roundToScaled(*program->targetMu, 2) : 0;

    auto batches = db.prepare("SELECT id, label FROM batches ORDER BY id");
    if (!batches)
        return batches.error();
    std::map<std::int64_t, std::size_t> batchIndex;
    GENGBAO_TRY(batches->forEachRow([&](Statement &row) {
        batchIndex.emplace(row.int64(0), table.batchIds.size());
        table.batchIds.push_back(row.int64(0));
        table.batchLabels.push_back(row.text(1));
    }));

    auto villages = db.prepare("SELECT v.code, v.name, t.task_cmu, t.remarks FROM villages v "
                               "LEFT JOIN village_tasks t ON t.village_code = v.code AND "
                               "t.program_id = ? ORDER BY v.code");
    if (!villages)
        return villages.error();
    villages->bind(1, program->id);
    std::map<std::string, std::size_t> villageIndex;
    GENGBAO_TRY(villages->forEachRow([&](Statement &row) {
        VillageTask village;
        village.code = row.text(0);
        village.name = row.text(1);
        village.taskSet = !row.isNull(2);
        village.task = row.optionalInt64(2).value_or(0);
        village.remarks = row.optionalText(3).value_or("");
        village.potentialByBatch.assign(table.batchIds.size(), 0);
        villageIndex.emplace(village.code, table.villages.size());
        table.villages.push_back(std::move(village));
    }));

    // Unrounded gross mu of the eligible parcels per village and batch, rounded once per cell.
    auto potentials = db.prepare(
        "SELECT village_code, batch_id, sum(gross_mu) FROM parcels "
        "WHERE eligible = 1 AND village_code IS NOT NULL GROUP BY village_code, batch_id");
    if (!potentials)
        return potentials.error();
    auto counts = db.prepare("SELECT count(eligible), count(*) - count(village_code) FROM parcels");
    if (!counts)
        return counts.error();
    auto countsRow = counts->step();
    if (!countsRow)
        return countsRow.error();
    table.screened = counts->int64(0) > 0;
    table.parcelsWithoutVillage = counts->int64(1);
    GENGBAO_TRY(potentials->forEachRow([&](Statement &row) {
        const auto village = villageIndex.find(row.text(0));
        const auto batch = batchIndex.find(row.int64(1));
        if (village == villageIndex.end() || batch == batchIndex.end())
            return;
        table.villages[village->second].potentialByBatch[batch->second] =
            roundToScaled(row.real(2), 2);
    }));
    // Progress so far: each parcel's printed net area, by its current stage.
    auto progress =
        db.prepare("SELECT village_code, stage, accepted_net_cmu, net_mu FROM parcels "
                   "WHERE village_code IS NOT NULL AND stage NOT IN ('candidate', 'withdrawn')");
    if (!progress)
        return progress.error();
    GENGBAO_TRY(progress->forEachRow([&](Statement &row) {
        const auto village = villageIndex.find(row.text(0));
        if (village == villageIndex.end())
            return;
        VillageTask &task = table.villages[village->second];
        const std::int64_t net = row.optionalInt64(2).value_or(roundToScaled(row.real(3), 2));
        task.selected += net;
        if (row.text(1) == "approved")
            task.approved += net;
    }));
    for (VillageTask &village : table.villages) {
        for (const std::int64_t value : village.potentialByBatch)
            village.potential += value;
        village.shortfall = std::max<std::int64_t>(0, village.task - village.potential);
        table.potentialTotal += village.potential;
        table.taskTotal += village.task;
    }
    table.difference = table.taskTotal - table.target;
    return table;
}

Status setVillageTask(Project &project, std::int64_t programId, const std::string &village,
                      std::optional<std::int64_t> task, std::optional<std::string> remarks)
{
    return setVillageTasks(project, programId, {{village, task, std::move(remarks)}});
}

Status setVillageTasks(Project &project, std::int64_t programId,
                       const std::vector<TaskUpdate> &updates)
{
    for (const TaskUpdate &update : updates)
        GENGBAO_TRY(checkTask(update));
    Database &db = project.database();
    auto transaction = Transaction::begin(db);
    if (!transaction)
        return transaction.error();
    auto plan = storedPlan(project);
    if (!plan)
        return plan.error();
    auto program = findProgram(*plan, programId);
    if (!program)
        return program.error();
    std::vector<std::string> codes;
    for (const TaskUpdate &update : updates) {
        auto code = resolveVillage(db, update.village);
        if (!code)
            return code.error();
        codes.push_back(*code);
    }
    auto before = recordedTasks(db, program->id, codes);
    if (!before)
        return before.error();
    for (std::size_t i = 0; i < updates.size(); ++i)
        GENGBAO_TRY(writeTask(db, program->id, codes[i], updates[i].task,
                              trimmedRemarks(updates[i].remarks)));
    GENGBAO_TRY(auditTasks(db, program->id, codes, *before));
    return transaction->commit();
}

Result<AllocationPreview> proposeAllocation(Project &project, std::int64_t programId,
                                            AllocationMethod method, std::int64_t floor)
{
    auto table = loadTaskTable(project, programId);
    if (!table)
        return table.error();
    return allocationFor(*table, method, floor);
}

Result<AllocationPreview> applyAllocation(Project &project, std::int64_t programId,
                                          AllocationMethod method, std::int64_t floor)
{
    Database &db = project.database();
    auto transaction = Transaction::begin(db);
    if (!transaction)
        return transaction.error();
    auto plan = storedPlan(project);
    if (!plan)
        return plan.error();
    auto program = findProgram(*plan, programId);
    if (!program)
        return program.error();
    auto table = loadTaskTable(project, program->id);
    if (!table)
        return table.error();
    auto preview = allocationFor(*table, method, floor);
    if (!preview)
        return preview.error();
    auto before = recordedTasks(db, program->id, preview->codes);
    if (!before)
        return before.error();
    for (std::size_t i = 0; i < preview->codes.size(); ++i)
        GENGBAO_TRY(writeTask(db, program->id, preview->codes[i], preview->allocation.tasks[i],
                              std::nullopt));
    GENGBAO_TRY(auditTasks(db, program->id, preview->codes, *before));
    GENGBAO_TRY(transaction->commit());
    return preview;
}

Result<std::int64_t> parseCentiMu(const std::string &text)
{
    return parseAreaCentiMu(text);
}

std::string formatMu(std::int64_t centiMu)
{
    char text[32];
    std::snprintf(text, sizeof text, "%s%lld.%02lld", centiMu < 0 ? "-" : "",
                  static_cast<long long>(std::llabs(centiMu) / 100),
                  static_cast<long long>(std::llabs(centiMu) % 100));
    std::string out = text;
    while (out.back() == '0')
        out.pop_back();
    if (out.back() == '.')
        out.pop_back();
    return out;
}

}  // namespace gengbao::core
