// SPDX-License-Identifier: GPL-3.0-or-later
// Year-end payouts: the arithmetic in fen against hand calculations, and the capital numerals
// (大写) against examples written out by the rules payment documents follow.
#include "../support/testfiles.h"

#include <core/domain/money.h>
#include <core/ops/lifecycle.h>
#include <core/ops/payouts.h>
#include <core/ops/plans.h>
#include <core/ops/screenparcels.h>

#include <catch2/catch.hpp>

#include <map>

using namespace gengbao;
using namespace gengbao::test;

TEST_CASE("capital numerals for amounts", "[core][money]")
{
    const std::vector<std::pair<std::int64_t, std::string>> examples = {
        {12345678, "壹拾贰万叁仟肆佰伍拾陆元柒角捌分"},  // the example
        {0, "零元整"},
        {100, "壹元整"},
        {50, "伍角整"},
        {5, "伍分"},
        {105, "壹元零伍分"},
        {1000, "壹拾元整"},
        {10010, "壹佰元壹角整"},
        {100500, "壹仟零伍元整"},
        {105000, "壹仟零伍拾元整"},
        {60000, "陆佰元整"},
        {10500000, "壹拾万伍仟元整"},
        {100010000, "壹佰万零壹佰元整"},  // a zero at the 万 boundary
        {1000100000, "壹仟万壹仟元整"},   // no zero: the lower group has its thousands
        {1000000001, "壹仟万元零壹分"},
        {10000000000, "壹亿元整"},
        {10000000100, "壹亿零壹元整"},  // a whole empty 万 group: one zero
        {10001000000, "壹亿零壹万元整"},
        {12030405060, "壹亿贰仟零叁拾万肆仟零伍拾元陆角整"},
    };
    for (const auto &[fen, words] : examples) {
        INFO(fen);
        CHECK(core::chineseCapitalAmount(fen) == words);
    }
}

TEST_CASE("amounts are the printed area times the rate, half a fen up", "[core][money]")
{
    CHECK(core::amountFen(351, 60000) == 210600);  // 3.51 mu x 600 yuan = 2106.00
    CHECK(core::amountFen(1, 50) == 1);            // 0.01 mu x 0.50 yuan = 0.5 fen -> 1 fen
    CHECK(core::amountFen(1, 49) == 0);            // 0.49 fen -> 0
    CHECK(core::amountFen(3, 150) == 5);           // 4.5 fen -> 5
    CHECK(core::amountFen(0, 60000) == 0);
    CHECK(core::formatYuan(12345678) == "123456.78");
    CHECK(core::formatYuan(5) == "0.05");
}

TEST_CASE("village subsidies and rewards by hand", "[core][payouts]")
{
    // Five villages; every parcel is approved with an accepted net area, so the areas are exact:
    //   A task 10.00, approved 6.00 + 5.50 = 11.50: subsidy 600 x 11.50 = 6900.00; reward
    //     20 x 10.00 + 50 x 1.50 = 275.00; total 7175.00 (exceeds)
    //   B task 5.00, approved 5.00: 3000.00 + 100.00 = 3100.00 (exactly meets)
    //   C task 8.00, approved 7.99: 4794.00, no reward (falls short by 0.01)
    //   D task 3.00, nothing approved: 0
    //   E task 0, approved 1.23: 738.00 + 20 x 0 + 50 x 1.23 = 799.50
    // Total 15868.50 = 壹万伍仟捌佰陆拾捌元伍角整.
    TempDir dir;
    VectorSpec spec;
    spec.fields = {{"BSM", FieldType::String, 18},
                   {"ZLDWDM", FieldType::String, 19},
                   {"ZLDWMC", FieldType::String, 60},
                   {"GDPDJB", FieldType::String, 2}};
    const std::vector<std::tuple<std::string, std::string, std::string, std::int64_t>> parcels = {
        {"A1", "5002411112010000000", "甲村", 600}, {"A2", "5002411112010000000", "甲村", 550},
        {"B1", "5002411112020000000", "乙村", 500}, {"C1", "5002411112030000000", "丙村", 799},
        {"D1", "5002411112040000000", "丁村", -1},  {"E1", "5002411112050000000", "戊村", 123}};
    int i = 0;
    for (const auto &[id, code, name, accepted] : parcels) {
        spec.features.push_back(
            {squareWkt(500000 + 300 * i++, 3100000, 100), {id, code, name, std::string("1")}});
    }
    writeVector(dir.file("p.shp"), spec);
    auto project = newProject(dir);
    importOk(*project, dir.file("p.shp"));
    core::Progress progress;
    REQUIRE(core::screenParcels(*project, {}, progress).ok());
    const std::map<std::string, std::int64_t> tasks = {
        {"甲村", 1000}, {"乙村", 500}, {"丙村", 800}, {"丁村", 300}, {"戊村", 0}};
    for (const auto &[village, task] : tasks)
        REQUIRE(core::setVillageTask(*project, 0, village, task, std::nullopt).ok());
    for (const auto &[id, code, name, accepted] : parcels) {
        if (accepted < 0)
            continue;
        for (const core::Stage stage :
             {core::Stage::Selected, core::Stage::Restoring, core::Stage::Planted,
              core::Stage::EvidenceSubmitted, core::Stage::Verified, core::Stage::Approved}) {
            core::StageChange change;
            change.parcelId = id;
            change.to = stage;
            change.date = "2023-09-01";
            if (stage == core::Stage::Approved)
                change.acceptedNetCentiMu = accepted;
            REQUIRE(core::advanceParcel(*project, change).ok());
        }
    }
    auto statement = core::payoutStatement(*project);
    REQUIRE(statement.ok());
    REQUIRE(statement->villages.size() == 5);
    struct Expected
    {
        std::int64_t approved, subsidy, reward, total;
        bool met;
    };
    const std::vector<Expected> expected = {{1150, 690000, 27500, 717500, true},
                                            {500, 300000, 10000, 310000, true},
                                            {799, 479400, 0, 479400, false},
                                            {0, 0, 0, 0, false},
                                            {123, 73800, 6150, 79950, true}};
    for (std::size_t v = 0; v < expected.size(); ++v) {
        const auto &village = statement->villages[v];
        INFO(village.name);
        CHECK(village.approved == expected[v].approved);
        CHECK(village.subsidy == expected[v].subsidy);
        CHECK(village.reward == expected[v].reward);
        CHECK(village.total == expected[v].total);
        CHECK(village.met == expected[v].met);
    }
    CHECK(statement->total == 1586850);
    CHECK(statement->totalInWords == "壹万伍仟捌佰陆拾捌元伍角整");
    REQUIRE(statement->parcels.size() == 5);
    CHECK(statement->parcels[1].amount == 330000);  // A2: 5.50 x 600

    // Half a fen: 1.50 yuan per mu on 0.03 mu is 4.5 fen, paid as 5; the reward basis set to the
    // completed area pays 甲村 20 x 11.50 = 230.00 instead of 200.00.
    auto plan = core::loadPlan(*project);
    plan->restoration()->rules.subsidyFenPerMu = 150;
    plan->restoration()->rules.completionRewardBasis = "completed";
    REQUIRE(core::savePlan(*project, *plan).ok());
    auto changed = core::payoutStatement(*project);
    REQUIRE(changed.ok());
    CHECK(core::amountFen(3, changed->rules.subsidyFenPerMu) == 5);
    CHECK(changed->parcels[4].amount == 185);  // E1: 1.23 x 1.50 = 1.845 yuan -> 1.85
    CHECK(changed->villages[0].completionReward == 23000);
    std::int64_t sum = 0;
    for (const auto &village : changed->villages)
        sum += village.total;
    CHECK(changed->total == sum);  // the total is the sum of the printed rows
}
