// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The town's work plan (工作方案, architecture.md "The domain model"): programs with targets,
// phases, deadlines and rules, and the town's indicators. Rules are data with the seed plan
// (峨溶镇 2023) as the default.
namespace gengbao::core {

// Program kinds of the seed plans; a plan may hold any other kind by name.
inline constexpr const char *kProgramRestoration = "restoration";  // 耕地恢复补足

struct Phase
{
    std::string name;      // 图斑选址
    std::string startsOn;  // ISO dates
    std::string endsOn;
};

// When parcels must have reached a stage (e.g. planted by 7/20).
struct Deadline
{
    std::string stage;  // selected, planted, evidence_submitted, approved
    std::string dueOn;  // ISO date
    std::string label;  // 完成验收调查举证
};

// The rules of a program, with the 峨溶镇 2023 plan's values as defaults. Money in fen per mu.
struct ProgramRules
{
    double maxSlopeDeg = 25.0;
    bool allowTerraces = false;
    double overlapToleranceM2 = 1.0;
    std::int64_t subsidyFenPerMu = 60000;          // 600 yuan per mu of net area
    std::string subsidyBasis = "net";              // net or gross area
    std::int64_t completionRewardFenPerMu = 2000;  // 20 yuan per mu to villages meeting the task
    std::string completionRewardBasis = "task";    // task or completed area
    std::int64_t excessRewardFenPerMu = 5000;      // 50 yuan per mu above the task
    std::string completionArea = "net";            // which area counts toward the task
};

struct Program
{
    std::int64_t id = 0;
    std::string kind = kProgramRestoration;
    std::string name;                         // 耕地恢复补足
    std::optional<double> targetMu;           // an area target, 2 decimals
    std::optional<std::int64_t> targetCount;  // or a count (parcels, cases)
    std::string annexTitle;                   // 峨溶镇2023年耕地恢复补足任务分解表
    std::vector<Phase> phases;
    std::vector<Deadline> deadlines;
    ProgramRules rules;
};

// A town indicator such as 耕地保有量 ≥ 32202 mu.
struct Indicator
{
    std::string name;
    std::string comparison = ">=";
    double value = 0.0;
    std::string unit = "亩";
};

struct Plan
{
    std::int64_t id = 0;
    std::string town;
    std::string county;
    int year = 0;
    std::string title;         // 峨溶镇2023年耕地恢复补足工作方案
    std::string documentDate;  // ISO date
    std::string issuer;        // 秀山土家族苗族自治县峨溶镇人民政府
    std::vector<Program> programs;
    std::vector<Indicator> indicators;

    // The restoration program (the first of its kind), or null.
    const Program *restoration() const;
    Program *restoration();
};

// A plan shaped like the 峨溶镇 2023 plan for any town, year and target: one restoration program,
// its four phases and four deadlines moved to the year, and the default rules.
Plan defaultPlan(const std::string &town, const std::string &county, int year, double targetMu);

// Checks what a stored plan must satisfy (dates, targets, rule values); one line per problem.
Status validatePlan(const Plan &plan);

// Allocation of a target among villages, in hundredths of a mu (exact integers).
enum class AllocationMethod { Proportional, FloorProportional };

struct Allocation
{
    std::vector<std::int64_t> tasks;    // per village, in the order given
    std::vector<std::string> warnings;  // e.g. the target exceeds the total potential
};

// Splits target among villages by their potential (both in 0.01 mu): proportionally, or a floor
// for every village plus the rest proportionally to the potential above the floor. Rounded by the
// largest-remainder method, so the tasks add up to the target exactly; never negative. Refuses a
// floor that the target cannot give every village, and an empty village list.
Result<Allocation> allocate(const std::vector<std::int64_t> &potentials, std::int64_t target,
                            AllocationMethod method, std::int64_t floor = 0);

}  // namespace gengbao::core
