// SPDX-License-Identifier: GPL-3.0-or-later
#include "plan.h"

#include "../base/clock.h"
#include "../base/strings.h"
#include "../base/units.h"
#include "lifecycle.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace gengbao::core {

namespace {

// Products of a target and a potential in 0.01 mu can pass 2^63; GCC's 128-bit integer holds them.
__extension__ typedef __int128 Wide;

std::string dateIn(int year, const char *monthDay)
{
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%s", year, monthDay);
    return text;
}

std::string mu(std::int64_t centiMu)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", double(centiMu) / 100.0);
    return text;
}

// floor(total · weight_i / Σ weight) for each i, then one more hundredth for the largest
// remainders until the shares add up to total (ties: the larger weight, then the earlier village).
std::vector<std::int64_t> largestRemainder(std::int64_t total,
                                           const std::vector<std::int64_t> &weights)
{
    const std::size_t n = weights.size();
    const Wide sum = std::accumulate(weights.begin(), weights.end(), Wide(0));
    std::vector<std::int64_t> shares(n, 0);
    std::vector<Wide> remainders(n, 0);
    std::int64_t given = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Wide product = Wide(total) * weights[i];
        shares[i] = static_cast<std::int64_t>(product / sum);
        remainders[i] = product % sum;
        given += shares[i];
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (remainders[a] != remainders[b])
            return remainders[a] > remainders[b];
        return weights[a] > weights[b];
    });
    for (std::size_t k = 0; given < total; ++k, ++given)
        ++shares[order[k % n]];
    return shares;
}

// Bounds a stored plan keeps to, as the plan dialog's fields do: beyond them a value is a slip of
// the keyboard, and every product of them stays inside int64 (amountFen).
constexpr std::int64_t kMaxCount = 1'000'000;             // parcels or cases of a program
constexpr double kMaxToleranceM2 = 10'000.0;              // 1 ha of sliver overlap
constexpr std::int64_t kMaxFenPerMu = 1'000'000LL * 100;  // 1,000,000 yuan per mu

// Why an area target cannot be stored, or "": it is a finite 0 to kMaxAreaMu mu with at most
// 2 decimals (std::isfinite first: inf passes a plain >= 0).
std::string targetProblem(double targetMu)
{
    if (!std::isfinite(targetMu))
        return "the target is not a number of mu";
    if (targetMu < 0.0)
        return "the target cannot be negative";
    if (targetMu > double(kMaxAreaMu))
        return "the target " + mu(roundToScaled(targetMu, 2)) + " mu is more than " +
               std::to_string(kMaxAreaMu) + " mu, beyond any town's task";
    if (std::fabs(targetMu * 100.0 - std::nearbyint(targetMu * 100.0)) > 1e-6)
        return "the target has more than 2 decimal places (areas are kept to 0.01 mu)";
    return {};
}

}  // namespace

const Program *Plan::restoration() const
{
    for (const Program &program : programs) {
        if (program.kind == kProgramRestoration)
            return &program;
    }
    return nullptr;
}

Program *Plan::restoration()
{
    return const_cast<Program *>(static_cast<const Plan *>(this)->restoration());
}

Plan defaultPlan(const std::string &town, const std::string &county, int year, double targetMu)
{
    Plan plan;
    plan.town = town;
    plan.county = county;
    plan.year = year;
    const std::string prefix = town + std::to_string(year) + "年";
    plan.title = prefix + "耕地恢复补足工作方案";
    plan.issuer = county.empty() ? town + "人民政府" : county + town + "人民政府";
    Program restoration;
    restoration.name = "耕地恢复补足";
    restoration.targetMu = roundDecimal(targetMu, 2);
    restoration.annexTitle = prefix + "耕地恢复补足任务分解表";
    // The 峨溶镇 2023 plan's section 五.
    restoration.phases = {{"前期准备", dateIn(year, "04-13"), dateIn(year, "04-14")},
                          {"图斑选址", dateIn(year, "04-15"), dateIn(year, "04-20")},
                          {"实施与种植", dateIn(year, "04-21"), dateIn(year, "07-20")},
                          {"调查举证", dateIn(year, "07-21"), dateIn(year, "11-30")}};
    restoration.deadlines = {{"selected", dateIn(year, "04-20"), "确定恢复图斑位置"},
                             {"planted", dateIn(year, "07-20"), "完成恢复与种植"},
                             {"evidence_submitted", dateIn(year, "10-21"), "完成验收调查举证"},
                             {"approved", dateIn(year, "11-30"), "调查举证通过市上审核"}};
    plan.programs.push_back(std::move(restoration));
    return plan;
}

Status validatePlan(const Plan &plan)
{
    const auto fail = [](std::string detail) {
        return makeError(ErrorCode::InvalidArgument, {}, std::move(detail));
    };
    if (plan.town.empty())
        return fail("the plan needs its town");
    if (plan.year < 2000 || plan.year > 2100)
        return fail("the plan's year " + std::to_string(plan.year) + " is not plausible");
    if (!plan.documentDate.empty() && !isCalendarDate(plan.documentDate))
        return fail("the plan's date '" + plan.documentDate + "' is not a date (YYYY-MM-DD)");
    if (plan.programs.empty())
        return fail("the plan has no program");
    for (const Program &program : plan.programs) {
        const std::string name = "program " + program.name;
        if (program.name.empty())
            return fail("a program needs a name");
        if (program.targetMu) {
            if (auto problem = targetProblem(*program.targetMu); !problem.empty())
                return fail(name + ": " + problem);
        }
        if (program.targetCount && (*program.targetCount < 0 || *program.targetCount > kMaxCount))
            return fail(name + ": the target count must lie between 0 and " +
                        std::to_string(kMaxCount));
        for (const Phase &phase : program.phases) {
            if (!isCalendarDate(phase.startsOn) || !isCalendarDate(phase.endsOn))
                return fail(name + ": phase " + phase.name + " needs dates as YYYY-MM-DD");
            if (phase.endsOn < phase.startsOn)
                return fail(name + ": phase " + phase.name + " ends before it starts");
        }
        for (const Deadline &deadline : program.deadlines) {
            if (!parseStage(deadline.stage))
                return fail(name + ": a deadline names the unknown stage '" + deadline.stage + "'");
            if (!isCalendarDate(deadline.dueOn))
                return fail(name + ": the deadline for " + deadline.stage + " is not a date");
        }
        const ProgramRules &rules = program.rules;
        if (!(rules.maxSlopeDeg > 0.0 && rules.maxSlopeDeg < 90.0))
            return fail(name + ": the slope limit must lie between 0° and 90°");
        if (!(rules.overlapToleranceM2 >= 0.0 && rules.overlapToleranceM2 <= kMaxToleranceM2))
            return fail(name + ": the overlap tolerance must lie between 0 and " +
                        std::to_string(int(kMaxToleranceM2)) + " m²");
        for (const std::int64_t rate :
             {rules.subsidyFenPerMu, rules.completionRewardFenPerMu, rules.excessRewardFenPerMu}) {
            if (rate < 0 || rate > kMaxFenPerMu)
                return fail(name + ": subsidy rates must lie between 0 and " +
                            std::to_string(kMaxFenPerMu / 100) + " yuan per mu");
        }
        for (const std::string *basis : {&rules.subsidyBasis, &rules.completionArea}) {
            if (*basis != "net" && *basis != "gross")
                return fail(name + ": an area basis is net or gross, not '" + *basis + "'");
        }
        if (rules.completionRewardBasis != "task" && rules.completionRewardBasis != "completed")
            return fail(name + ": the reward basis is task or completed");
    }
    for (const Indicator &indicator : plan.indicators) {
        if (indicator.name.empty())
            return fail("an indicator needs a name");
        if (indicator.comparison != ">=" && indicator.comparison != "<=" &&
            indicator.comparison != "=")
            return fail("indicator " + indicator.name + ": the comparison is >=, <= or =, not '" +
                        indicator.comparison + "'");
        if (!std::isfinite(indicator.value))
            return fail("indicator " + indicator.name + ": the value is not a number");
    }
    return Status::success();
}

Result<Allocation> allocate(const std::vector<std::int64_t> &potentials, std::int64_t target,
                            AllocationMethod method, std::int64_t floor)
{
    const std::size_t n = potentials.size();
    if (n == 0)
        return makeError(ErrorCode::InvalidArgument, {},
                         "there are no villages to allocate to: import the parcels first");
    if (target < 0 || target > kMaxAreaCentiMu)
        return makeError(ErrorCode::InvalidArgument, {},
                         "the target must lie between 0 and " + std::to_string(kMaxAreaMu) +
                             " mu, not " + mu(target));
    if (floor < 0 || floor > kMaxAreaCentiMu)
        return makeError(ErrorCode::InvalidArgument, {},
                         "the floor must lie between 0 and " + std::to_string(kMaxAreaMu) +
                             " mu, not " + mu(floor));
    Allocation result;
    const std::int64_t total =
        std::accumulate(potentials.begin(), potentials.end(), std::int64_t(0));
    if (target > total) {
        result.warnings.push_back("the target " + mu(target) + " mu exceeds the total eligible " +
                                  "potential " + mu(total) + " mu by " + mu(target - total) +
                                  " mu: villages must add parcels of their own");
    }
    std::int64_t base = 0;
    std::vector<std::int64_t> weights(n);
    if (method == AllocationMethod::FloorProportional) {
        if (Wide(floor) * Wide(n) > target)
            return makeError(ErrorCode::InvalidArgument, {},
                             "a floor of " + mu(floor) + " mu for " + std::to_string(n) +
                                 " villages is " + mu(floor * std::int64_t(n)) +
                                 " mu, more than the target " + mu(target) + " mu");
        base = floor;
        for (std::size_t i = 0; i < n; ++i)
            weights[i] = std::max<std::int64_t>(0, potentials[i] - floor);
    } else {
        weights = potentials;
    }
    if (std::all_of(weights.begin(), weights.end(), [](std::int64_t w) { return w <= 0; })) {
        // Nothing to weigh by: the rest goes in equal shares.
        std::fill(weights.begin(), weights.end(), 1);
        result.warnings.push_back(
            "no village has potential to weigh by; the rest is split equally");
    }
    for (std::int64_t &weight : weights)
        weight = std::max<std::int64_t>(0, weight);
    const std::int64_t rest = target - base * std::int64_t(n);
    result.tasks = largestRemainder(rest, weights);
    for (std::int64_t &task : result.tasks)
        task += base;
    return result;
}

}  // namespace gengbao::core
