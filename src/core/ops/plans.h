// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"
#include "../domain/plan.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gengbao::core {

class Database;
class Project;

// The project's plan. A project that never stored one has the default plan of its town, year and
// target (defaultPlan); it is stored the first time anything of it is edited.
Result<Plan> loadPlan(Project &project);
// Replaces the stored plan (programs, phases, rules, indicators) in one transaction; village tasks
// of programs that remain are kept. The restoration target is also the project's town target.
Status savePlan(Project &project, const Plan &plan);

// One row of a program's village task table (任务分解表). Areas in hundredths of a mu: printed
// figures are exact integers, and every total is the sum of the printed rows.
struct VillageTask
{
    std::string code;  // 12 digits
    std::string name;
    std::vector<std::int64_t> potentialByBatch;  // gross area of eligible parcels, per batch
    std::int64_t potential = 0;                  // the sum of the printed batch figures
    std::int64_t task = 0;                       // 0 until set
    bool taskSet = false;
    std::string remarks;
    std::int64_t shortfall = 0;  // task above potential: parcels the village must add itself
    // Net area (accepted when recorded, else expected) of parcels selected or beyond, and of
    // approved parcels.
    std::int64_t selected = 0;
    std::int64_t approved = 0;
};

struct TaskTable
{
    Program program;
    std::vector<std::int64_t> batchIds;
    std::vector<std::string> batchLabels;
    std::vector<VillageTask> villages;  // by village code
    std::int64_t potentialTotal = 0;
    std::int64_t taskTotal = 0;
    std::int64_t target = 0;      // the program's target in 0.01 mu
    std::int64_t difference = 0;  // taskTotal - target: shown, not enforced
    bool screened = false;        // false: no parcel has a verdict yet, so no potential
    std::int64_t parcelsWithoutVillage = 0;
};

// programId 0: the restoration program.
Result<TaskTable> loadTaskTable(Project &project, std::int64_t programId = 0);

// Sets one village's task (0.01 mu, 0 to kMaxAreaCentiMu) and, when given, its remarks (kept
// verbatim but for blanks at their ends). village is a 12-digit code or a village name.
Status setVillageTask(Project &project, std::int64_t programId, const std::string &village,
                      std::optional<std::int64_t> task, std::optional<std::string> remarks);
// The 12-digit code of a village of the project given by its code or its name (when no other
// village has it); the error lists the project's villages.
Result<std::string> resolveVillage(Database &db, const std::string &village);

// Several at once, in one transaction: all or none.
struct TaskUpdate
{
    std::string village;  // code or name
    std::optional<std::int64_t> task;
    std::optional<std::string> remarks;
};
Status setVillageTasks(Project &project, std::int64_t programId,
                       const std::vector<TaskUpdate> &updates);

// The plan as the audit log records it, and back; and the stored plan replaced by one of them
// inside the caller's transaction (the undo and redo of a plan edit).
nlohmann::ordered_json planToJson(const Plan &plan);
Plan planFromJson(const nlohmann::ordered_json &value);
Result<nlohmann::ordered_json> storedPlanJson(Project &project);
Status replaceStoredPlan(Project &project, const nlohmann::ordered_json &plan);

// The task rows of some villages as the audit log records them: [{program_id, village_code,
// task_cmu (null: no row), remarks}], in the order given.
Result<nlohmann::ordered_json> recordedTasks(Database &db, std::int64_t programId,
                                             const std::vector<std::string> &codes);

// Proposes tasks for every village of the table from their potentials (preview), or applies them
// in one transaction.
struct AllocationPreview
{
    std::vector<std::string> codes;
    std::vector<std::string> names;
    std::vector<std::int64_t> potentials;
    Allocation allocation;
};
Result<AllocationPreview> proposeAllocation(Project &project, std::int64_t programId,
                                            AllocationMethod method, std::int64_t floor);
Result<AllocationPreview> applyAllocation(Project &project, std::int64_t programId,
                                          AllocationMethod method, std::int64_t floor);

// 0.01 mu from a number of mu given by a person or a file ("115.17", 110): parseAreaCentiMu
// (units.h): digits with at most 2 decimals, no sign, exponent or separator, at most kMaxAreaMu.
Result<std::int64_t> parseCentiMu(const std::string &text);
// "115.17", "110", "17.5": two decimals with trailing zeros dropped, as the seed plan prints.
std::string formatMu(std::int64_t centiMu);

}  // namespace gengbao::core
