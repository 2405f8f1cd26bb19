// SPDX-License-Identifier: GPL-3.0-or-later
// Plans and village tasks: the allocation arithmetic on awkward inputs, the plan model holding
// both seed plans, and the sample's 任务分解表 as the seed prints it.
#include "../support/testfiles.h"

#include <core/ops/plans.h>
#include <core/ops/sampleproject.h>
#include <core/ops/villagetaskfile.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <random>

using namespace gengbao;
using namespace gengbao::test;

namespace {

std::int64_t sum(const std::vector<std::int64_t> &values)
{
    return std::accumulate(values.begin(), values.end(), std::int64_t(0));
}

}  // namespace

TEST_CASE("proportional allocation by hand: 1.00 mu over potentials 1, 2 and 3",
          "[core][plan][allocation]")
{
    // Quotas 16.67, 33.33 and 50 hundredths: floors 16 + 33 + 50 = 99, and the one hundredth
    // left goes to the largest remainder (0.67): 17, 33, 50.
    auto allocation = core::allocate({100, 200, 300}, 100, core::AllocationMethod::Proportional);
    REQUIRE(allocation.ok());
    CHECK(allocation->tasks == std::vector<std::int64_t>{17, 33, 50});
    CHECK(allocation->warnings.empty());
}

TEST_CASE("allocation adds up exactly on awkward inputs", "[core][plan][allocation]")
{
    std::mt19937 random(20231117);
    for (int trial = 0; trial < 200; ++trial) {
        const int villages = 1 + static_cast<int>(random() % 150);
        std::vector<std::int64_t> potentials(villages);
        for (auto &potential : potentials)  // tiny (0.01 mu) to 5000 mu, some zero
            potential =
                random() % 7 == 0 ? 0 : std::int64_t(random() % 500000) / (1 + random() % 1000);
        const std::int64_t total = sum(potentials);
        const std::int64_t target = std::int64_t(random() % 200000);
        INFO("trial " << trial << ": " << villages << " villages, target " << target);
        auto allocation = core::allocate(potentials, target, core::AllocationMethod::Proportional);
        REQUIRE(allocation.ok());
        CHECK(sum(allocation->tasks) == target);
        CHECK(allocation->warnings.empty() == (target <= total));
        for (int i = 0; i < villages; ++i) {
            CHECK(allocation->tasks[i] >= 0);
            if (total > 0) {
                // Largest remainder: every task within one hundredth of its exact quota.
                const double quota = double(target) * double(potentials[i]) / double(total);
                CHECK(std::fabs(double(allocation->tasks[i]) - quota) < 1.0);
            }
        }
    }
}

TEST_CASE("a floor larger than some potentials goes to every village", "[core][plan][allocation]")
{
    // The seed's own shape: 30 mu to the small villages. Potentials 273.41, 232.35, 247.89,
    // 12.06, 17.64, 31.47, 17.5, 42.16; target 465.17, floor 30: 8 x 30 = 240 first, then 225.17
    // by the potential above 30 (243.41, 202.35, 217.89, 0, 0, 1.47, 0, 12.16; sum 677.28).
    const std::vector<std::int64_t> potentials = {27341, 23235, 24789, 1206,
                                                  1764,  3147,  1750,  4216};
    auto allocation =
        core::allocate(potentials, 46517, core::AllocationMethod::FloorProportional, 3000);
    REQUIRE(allocation.ok());
    CHECK(sum(allocation->tasks) == 46517);
    // 30 + 225.17 x 243.41 / 677.28 = 30 + 80.925 → 110.93 (by the largest remainder).
    CHECK(allocation->tasks[0] == 11093);
    for (int i : {3, 4, 6})
        CHECK(allocation->tasks[i] == 3000);
    for (const auto task : allocation->tasks)
        CHECK(task >= 3000);

    auto tooHigh =
        core::allocate(potentials, 46517, core::AllocationMethod::FloorProportional, 6000);
    REQUIRE_FALSE(tooHigh.ok());
    CHECK(tooHigh.error().detail.find("more than the target") != std::string::npos);
}

TEST_CASE("a target above the total potential is allocated with a warning",
          "[core][plan][allocation]")
{
    auto allocation = core::allocate({1000, 3000}, 10000, core::AllocationMethod::Proportional);
    REQUIRE(allocation.ok());
    CHECK(allocation->tasks == std::vector<std::int64_t>{2500, 7500});
    REQUIRE(allocation->warnings.size() == 1);
    CHECK(allocation->warnings[0].find("exceeds the total eligible potential 40.00 mu by 60.00") !=
          std::string::npos);
    // No potential at all: equal shares, still exact.
    auto none = core::allocate({0, 0, 0}, 100, core::AllocationMethod::Proportional);
    REQUIRE(none.ok());
    CHECK(sum(none->tasks) == 100);
    CHECK(core::allocate({}, 100, core::AllocationMethod::Proportional).ok() == false);
}

TEST_CASE("areas in mu are read and printed as the seed plan writes them", "[core][plan]")
{
    CHECK(*core::parseCentiMu("115.17") == 11517);
    CHECK(*core::parseCentiMu("110") == 11000);
    CHECK(*core::parseCentiMu("17.5") == 1750);
    CHECK(*core::parseCentiMu("0.010") == 1);
    CHECK_FALSE(core::parseCentiMu("1.005").ok());
    CHECK_FALSE(core::parseCentiMu("-3").ok());
    CHECK_FALSE(core::parseCentiMu("三十").ok());
    CHECK_FALSE(core::parseCentiMu("").ok());
    CHECK_FALSE(core::parseCentiMu("inf").ok());
    CHECK_FALSE(core::parseCentiMu("1e2").ok());
    CHECK_FALSE(core::parseCentiMu("1000000.01").ok());
    CHECK(*core::parseCentiMu("1000000") == 100000000);
    CHECK(core::formatMu(11517) == "115.17");
    CHECK(core::formatMu(11000) == "110");
    CHECK(core::formatMu(1750) == "17.5");
    CHECK(core::formatMu(87448) == "874.48");
    CHECK(core::formatMu(0) == "0");
}

TEST_CASE("the plan model stores and reads back the whole 太平镇 2024 plan", "[core][plan]")
{
    TempDir dir;
    auto project = newProject(dir);
    core::Plan plan;
    plan.town = "太平镇";
    plan.county = "铜梁区";
    plan.year = 2024;
    plan.title = "太平镇2024年耕地保护工作方案";
    plan.documentDate = "2024-09-10";
    plan.issuer = "重庆市铜梁区太平镇人民政府";
    plan.indicators = {{"耕地保有量", ">=", 32202, "亩"}, {"永久基本农田", ">=", 29733, "亩"}};
    core::Program restoration;
    restoration.name = "耕地恢复补足";
    restoration.targetMu = 1010;
    restoration.annexTitle = "太平镇2024年耕地恢复补足任务分解表";
    restoration.phases = {{"项目施工与种植", "2024-09-01", "2024-11-30"},
                          {"竣工验收", "2024-12-01", "2024-12-31"}};
    restoration.deadlines = {{"approved", "2024-12-31", "竣工验收"}};
    const auto program = [](std::string kind, std::string name, std::optional<double> mu,
                            std::optional<std::int64_t> count) {
        core::Program p;
        p.kind = std::move(kind);
        p.name = std::move(name);
        p.targetMu = mu;
        p.targetCount = count;
        p.deadlines = {{"planted", "2024-09-30", "复耕复种"},
                       {"evidence_submitted", "2024-10-31", "举证上传"},
                       {"verified", "2024-11-15", "镇组织核实"}};
        return p;
    };
    plan.programs = {restoration,
                     program("abandoned_land", "自然撂荒地整治", 608, std::nullopt),
                     program("structure_adjustment", "种植结构调整耕地流出整治", 65, std::nullopt),
                     program("reforestation", "不符合政策退耕还林地流出整治", 94, std::nullopt),
                     program("key_parcels", "耕地存量非粮化重点图斑核查整治", 99.3, 24),
                     program("illegal_occupation", "违法违规占用耕地整改", std::nullopt, 26)};
    plan.programs[1].rules.subsidyFenPerMu = 0;
    REQUIRE(core::savePlan(*project, plan).ok());

    auto read = core::loadPlan(*project);
    REQUIRE(read.ok());
    CHECK(read->town == "太平镇");
    CHECK(read->documentDate == "2024-09-10");
    REQUIRE(read->indicators.size() == 2);
    CHECK(read->indicators[1].name == "永久基本农田");
    CHECK(read->indicators[1].value == 29733);
    REQUIRE(read->programs.size() == 6);
    CHECK(read->restoration()->targetMu == 1010);
    CHECK(read->programs[4].targetMu == 99.3);
    CHECK(read->programs[4].targetCount == 24);
    CHECK_FALSE(read->programs[5].targetMu);
    CHECK(read->programs[5].targetCount == 26);
    CHECK(read->programs[1].rules.subsidyFenPerMu == 0);
    CHECK(read->programs[2].rules.subsidyFenPerMu == 60000);
    CHECK(read->programs[3].deadlines.at(2).stage == "verified");
    CHECK(read->restoration()->phases.at(1).endsOn == "2024-12-31");
    CHECK(project->settings().targetMu == 1010);  // the restoration target is the town's

    // A bad plan is refused and the stored one stays.
    core::Plan bad = *read;
    bad.programs[0].phases[0].endsOn = "2024-08-01";
    CHECK_FALSE(core::savePlan(*project, bad).ok());
    CHECK(core::loadPlan(*project)->restoration()->phases.at(0).endsOn == "2024-11-30");
}

TEST_CASE("the sample's task table is the seed plan's 任务分解表", "[core][plan][sample]")
{
    const auto dataDir = core::locateDataDir("");
    REQUIRE(dataDir);
    TempDir dir;
    core::Progress progress;
    REQUIRE(core::createSampleProject(dir.file("sample.gpkg"), *dataDir, progress).ok());
    auto project = core::Project::open(dir.file("sample.gpkg"));
    REQUIRE(project.ok());
    auto table = core::loadTaskTable(**project);
    REQUIRE(table.ok());
    CHECK(table->program.annexTitle == "峨溶镇2023年耕地恢复补足任务分解表");
    const std::vector<std::tuple<std::string, std::int64_t, std::int64_t>> seed = {
        {"峨溶居委会", 27341, 11517}, {"龙塘冲村", 23235, 11000}, {"贵凳村", 24789, 9000},
        {"黄瓜村", 1206, 3000},       {"三溪村", 1764, 3000},     {"坝浪村", 3147, 3000},
        {"新场村", 1750, 3000},       {"将家村", 4216, 3000}};
    REQUIRE(table->villages.size() == seed.size());
    for (std::size_t i = 0; i < seed.size(); ++i) {
        const auto &[name, potential, task] = seed[i];
        INFO(name);
        CHECK(table->villages[i].name == name);
        CHECK(table->villages[i].potential == potential);
        CHECK(table->villages[i].task == task);
        CHECK(table->villages[i].shortfall == std::max<std::int64_t>(0, task - potential));
    }
    CHECK(table->potentialTotal == 87448);
    CHECK(table->taskTotal == 46517);
    CHECK(table->target == 46517);
    CHECK(table->difference == 0);

    // Tasks by code and by name; an unknown village changes nothing.
    REQUIRE(core::setVillageTask(**project, 0, "500241111203", 1206, std::string("自有潜力")).ok());
    auto unknown = core::setVillageTask(**project, 0, "不存在村", 100, std::nullopt);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().detail.find("黄瓜村") != std::string::npos);  // lists the villages
    table = core::loadTaskTable(**project);
    CHECK(table->villages[3].task == 1206);
    CHECK(table->villages[3].remarks == "自有潜力");
    CHECK(table->difference == 1206 - 3000);  // shown, not enforced

    auto applied = core::applyAllocation(**project, 0, core::AllocationMethod::Proportional, 0);
    REQUIRE(applied.ok());
    table = core::loadTaskTable(**project);
    CHECK(table->taskTotal == 46517);
    CHECK(table->villages[3].remarks == "自有潜力");  // allocation keeps the remarks
}

namespace {

std::vector<std::int64_t> tasksOf(core::Project &project)
{
    auto table = core::loadTaskTable(project);
    REQUIRE(table.ok());
    std::vector<std::int64_t> tasks;
    for (const auto &village : table->villages)
        tasks.push_back(village.task);
    return tasks;
}

// A spreadsheet as an officer might save it: one heading row, then the villages.
void writeSheet(const std::string &path, const std::vector<std::vector<std::string>> &rows)
{
    VectorSpec spec;
    spec.driver = path.substr(path.size() - 4) == ".csv" ? "CSV" : "XLSX";
    spec.layerName = "Sheet1";
    spec.epsg = 0;
    spec.geometryType = 100;  // wkbNone
    for (const std::string &heading : rows.front())
        spec.fields.push_back({heading, FieldType::String, 0});
    for (std::size_t i = 1; i < rows.size(); ++i) {
        TestFeature feature;
        for (const std::string &cell : rows[i])
            feature.values.push_back(cell.empty() ? FieldValue{} : FieldValue{cell});
        spec.features.push_back(feature);
    }
    writeVector(path, spec);
}

}  // namespace

TEST_CASE("an exported XLSX task table reads back exactly", "[core][plan][xlsx]")
{
    TempDir dir;
    auto seed = sampleProject(dir, "seed.gpkg");
    auto table = core::loadTaskTable(*seed);
    REQUIRE(table.ok());
    // The report library writes it (libxlsxwriter); the test checks the reading side here and
    // the writing side through the CLI test of export villages.
    const std::string xlsx = dir.file("tasks.xlsx");
    writeSheet(xlsx, {{"序号", "村居", "潜力图斑面积", "任务数", "备注", "村居代码"},
                      {"1", "峨溶居委会", "273.41", "115.17", "", "500241111001"},
                      {"2", "龙塘冲村", "232.35", "110", "", "500241111201"},
                      {"3", "贵凳村", "247.89", "90", "", ""},
                      {"4", "黄瓜村", "12.06", "30", "需自选图斑", ""},
                      {"5", "三溪村", "17.64", "30.000000000000004", "", ""},
                      {"合计", "", "", "375.17", "", ""}});
    auto other = sampleProject(dir, "other.gpkg");
    REQUIRE(core::applyAllocation(*other, 0, core::AllocationMethod::Proportional, 0).ok());
    const auto before = tasksOf(*other);
    auto imported = core::importVillageTasks(*other, xlsx);
    if (!imported)
        FAIL(imported.error().message());
    CHECK(imported->updated == 5);
    const auto after = tasksOf(*other);
    CHECK(std::vector<std::int64_t>(after.begin(), after.begin() + 5) ==
          std::vector<std::int64_t>{11517, 11000, 9000, 3000, 3000});
    CHECK(std::vector<std::int64_t>(after.begin() + 5, after.end()) ==
          std::vector<std::int64_t>(before.begin() + 5, before.end()));  // unlisted: unchanged
    CHECK(core::loadTaskTable(*other)->villages[3].remarks == "需自选图斑");
}

TEST_CASE("a bad task spreadsheet is refused whole, listing its rows", "[core][plan][xlsx]")
{
    TempDir dir;
    auto project = sampleProject(dir, "p.gpkg");
    const auto before = tasksOf(*project);
    writeSheet(dir.file("bad.xlsx"), {{"村居", "任务数", "备注"},
                                      {"峨溶居委会", "100", ""},
                                      {"张家村", "10", ""},
                                      {"贵凳村", "三十", ""},
                                      {"黄瓜村", "-5", ""},
                                      {"三溪村", "1.234", ""},
                                      {"峨溶居委会", "20", ""}});
    auto bad = core::importVillageTasks(*project, dir.file("bad.xlsx"));
    REQUIRE_FALSE(bad.ok());
    const std::string message = bad.error().message();
    INFO(message);
    CHECK(message.rfind(dir.file("bad.xlsx") + ": 5 problems, nothing was changed", 0) == 0);
    for (const char *expected :
         {"row 3: no village 张家村",
          "row 4: task '三十' is not an area in mu (a decimal number with at most 2 places, e.g. "
          "58.40)",
          "row 5: task '-5' is negative; an area in mu is 0 or more",
          "row 6: task '1.234' has more than 2 decimal places (areas are kept to 0.01 mu)",
          "row 7: 峨溶居委会 is listed twice"})
        CHECK(message.find(expected) != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
    CHECK(tasksOf(*project) == before);

    writeSheet(dir.file("columns.xlsx"), {{"村居", "面积"}, {"峨溶居委会", "100"}});
    auto columns = core::importVillageTasks(*project, dir.file("columns.xlsx"));
    REQUIRE_FALSE(columns.ok());
    CHECK(columns.error().detail.find("村居 and 任务数") != std::string::npos);

    // The same columns as CSV work too.
    writeSheet(dir.file("tasks.csv"), {{"村居", "任务数"}, {"将家村", "42.16"}});
    REQUIRE(core::importVillageTasks(*project, dir.file("tasks.csv")).ok());
    CHECK(tasksOf(*project).back() == 4216);
    CHECK(core::importVillageTasks(*project, dir.file("missing.xlsx")).error().code ==
          core::ErrorCode::FileNotFound);
}
