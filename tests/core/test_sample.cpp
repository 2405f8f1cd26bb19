// SPDX-License-Identifier: GPL-3.0-or-later
// The bundled sample project: the 峨溶镇 2023 plan's villages, whose eligible potential equals
// the plan's 潜力图斑面积 column (seed plan 附件, totals 874.48 mu).
#include "../support/testfiles.h"

#include <core/base/units.h>
#include <core/ops/exportparcels.h>
#include <core/ops/sampleproject.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using namespace gengbao;
using namespace gengbao::test;

TEST_CASE("the sample project holds the seed plan's villages and potentials", "[core][sample]")
{
    const auto dataDir = core::locateDataDir("");
    REQUIRE(dataDir);
    TempDir dir;
    core::Progress progress;
    auto sample = core::createSampleProject(dir.file("sample.gpkg"), *dataDir, progress);
    if (!sample)
        FAIL(sample.error().message());
    CHECK(sample->parcels.counts.imported == 386);
    CHECK(sample->parcels.encoding == "GB18030");
    CHECK(sample->parcels.issues.empty());  // TBMJ agrees with the computed area everywhere

    auto project = core::Project::open(dir.file("sample.gpkg"));
    REQUIRE(project.ok());
    CHECK((*project)->settings().targetMu == 465.17);
    auto rows = core::loadParcelRows(**project);
    REQUIRE(rows.ok());

    // The generator wrote down which parcels are eligible and why the others are not; the
    // screening of the sample must find exactly that. Then sum the eligible parcels' unrounded
    // gross mu per village and round once.
    std::ifstream manifestFile(std::filesystem::path(*dataDir) / "sample" / "manifest.json");
    const auto manifest = nlohmann::json::parse(manifestFile);
    CHECK(sample->screening.eligible == 351);
    std::map<std::string, double> grossMu;
    for (const auto &row : *rows) {
        INFO(row.id);
        const auto &expected = manifest.at("parcels").at(row.id);
        const std::string status = expected.at("status");
        REQUIRE(row.eligible);
        CHECK(*row.eligible == (status == "eligible"));
        if (status == "slope")
            CHECK(row.reasons == std::vector<std::string>{"slope"});
        if (status == "red_full" || status == "red_partial")
            CHECK(row.reasons == std::vector<std::string>{"redline"});
        if (status == "red_partial")
            CHECK(*row.remainderM2 > 100.0);
        // The generator's own coverage-weighted Horn slope, to 2 decimals.
        CHECK(std::fabs(*row.slopeDeg - expected.at("dem_slope_mean").get<double>()) <= 0.0051);
        if (*row.eligible)
            grossMu[row.village] += row.grossMu;
    }
    // The seed plan's 任务分解表 (potential column), in mu.
    const std::map<std::string, double> plan = {
        {"峨溶居委会", 273.41}, {"龙塘冲村", 232.35}, {"贵凳村", 247.89}, {"黄瓜村", 12.06},
        {"三溪村", 17.64},      {"坝浪村", 31.47},    {"新场村", 17.5},   {"将家村", 42.16}};
    REQUIRE(grossMu.size() == plan.size());
    double total = 0.0;
    for (const auto &[village, mu] : plan) {
        INFO(village);
        CHECK(core::roundDecimal(grossMu[village], 2) == mu);
        total += grossMu[village];
    }
    CHECK(core::roundDecimal(total, 2) == 874.48);
}
