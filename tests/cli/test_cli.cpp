// SPDX-License-Identifier: GPL-3.0-or-later
// gengbao-cli as a script uses it: the contract of `new`, `import`, `screen`, `runs`,
// `export parcels` and `sample`.
#include "../support/testfiles.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

using namespace gengbao::test;
using json = nlohmann::json;

namespace {

const std::string kCli = std::string(GENGBAO_BIN_DIR) + "/gengbao-cli";
const std::string kSampleShp = std::string(GENGBAO_SOURCE_DIR) + "/data/sample/potential_2023.shp";

CommandResult cli(const std::string &arguments)
{
    return runCommand("'" + kCli + "' " + arguments);
}

std::string firstLine(const std::string &text)
{
    return text.substr(0, text.find('\n'));
}

}  // namespace

TEST_CASE("cli new then import then export parcels as JSON", "[cli]")
{
    TempDir dir;
    const std::string project = dir.file("峨溶 2023.gpkg");
    const auto created =
        cli("new '" + project + "' --town 峨溶镇 --year 2023 --target 465.17 --crs EPSG:4545");
    INFO(created.err);
    REQUIRE(created.status == 0);
    CHECK(json::parse(created.out).at("crs") == "EPSG:4545");

    const auto imported =
        cli("import '" + project + "' '" + kSampleShp + "' --batch 首批 --source county");
    INFO(imported.err);
    REQUIRE(imported.status == 0);
    CHECK(imported.err.empty());
    const auto summary = json::parse(imported.out);
    CHECK(summary.at("read") == 386);
    CHECK(summary.at("imported") == 386);
    CHECK(summary.at("duplicates") == 0);
    CHECK(summary.at("rejected") == 0);
    CHECK(summary.at("encoding") == "GB18030");

    const auto exported = cli("export '" + project + "' parcels --format json");
    REQUIRE(exported.status == 0);
    const auto parcels = json::parse(exported.out);
    REQUIRE(parcels.is_array());
    REQUIRE(parcels.size() == 386);
    const auto &first = parcels.at(0);
    for (const char *key : {"id", "village", "village_code", "batch", "source", "area_m2",
                            "tbmj_m2", "gross_mu", "net_mu", "stage", "slope_deg", "slope_source",
                            "redline_overlap_m2", "eligible", "reasons"}) {
        INFO(key);
        CHECK(first.contains(key));
    }
    CHECK(first.at("id") == "500241202300010001");  // the BSM
    CHECK(first.at("village") == "峨溶居委会");
    CHECK(first.at("village_code") == "500241111001");
    CHECK(first.at("batch") == "首批");
    CHECK(first.at("source") == "county");
    CHECK(first.at("stage") == "candidate");
    for (const char *key :
         {"slope_deg", "slope_source", "redline_overlap_m2", "eligible", "reasons"})
        CHECK(first.at(key).is_null());
    // TBMJ 2392.48 m² is the gross area: 2392.48 × 0.0015 = 3.58872 mu, unrounded; no KCXS, so
    // net = gross.
    CHECK(first.at("tbmj_m2") == 2392.48);
    CHECK(first.at("gross_mu").get<double>() == Approx(3.58872).epsilon(1e-14));
    CHECK(first.at("net_mu") == first.at("gross_mu"));
    CHECK(first.at("area_m2").get<double>() == Approx(2392.48).margin(0.05));

    // Importing the same file again duplicates nothing.
    const auto again = cli("import '" + project + "' '" + kSampleShp + "'");
    REQUIRE(again.status == 0);
    CHECK(json::parse(again.out).at("duplicates") == 386);
    CHECK(json::parse(again.out).at("batch_id").is_null());
}

TEST_CASE("cli export parcels as CSV to a file", "[cli]")
{
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    REQUIRE(cli("new " + project + " --town 峨溶镇 --year 2023 --target 465.17").status == 0);
    REQUIRE(cli("import " + project + " '" + kSampleShp + "'").status == 0);
    const std::string out = dir.file("parcels.csv");
    const auto exported = cli("export " + project + " parcels --format csv -o " + out);
    REQUIRE(exported.status == 0);
    CHECK(exported.out.empty());
    const auto rows = parseCsv(readFile(out));
    REQUIRE(rows.size() == 387);
    const auto &header = rows[0];
    const auto column = [&header](const std::string &name) {
        const auto it = std::find(header.begin(), header.end(), name);
        REQUIRE(it != header.end());
        return static_cast<std::size_t>(it - header.begin());
    };
    CHECK(rows[1][column("id")] == "500241202300010001");
    CHECK(rows[1][column("village")] == "峨溶居委会");
    CHECK(rows[1][column("stage")] == "candidate");
    CHECK(rows[1][column("eligible")].empty());
    CHECK(std::stod(rows[1][column("gross_mu")]) == Approx(3.58872).epsilon(1e-14));
    CHECK_FALSE(std::filesystem::exists(out + ".part"));
}

TEST_CASE("cli errors are one line naming the file with a non-zero status", "[cli]")
{
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    REQUIRE(cli("new " + project + " --town 峨溶镇 --year 2023 --target 465.17").status == 0);

    const auto exists = cli("new " + project + " --town 峨溶镇 --year 2023 --target 1");
    CHECK(exists.status == 1);
    CHECK(firstLine(exists.err).rfind(project + ":", 0) == 0);

    const auto missingFile = cli("import " + project + " " + dir.file("nowhere.shp"));
    CHECK(missingFile.status == 1);
    CHECK(firstLine(missingFile.err) == dir.file("nowhere.shp") + ": no such file");

    const auto missingProject = cli("export " + dir.file("none.gpkg") + " parcels --format json");
    CHECK(missingProject.status == 1);
    CHECK(firstLine(missingProject.err).rfind(dir.file("none.gpkg") + ":", 0) == 0);

    const auto badFormat = cli("export " + project + " parcels --format xml");
    CHECK(badFormat.status == 2);
    CHECK(firstLine(badFormat.err).find("--format") != std::string::npos);

    const auto usage = cli("new " + dir.file("q.gpkg") + " --year 2023 --target 1");
    CHECK(usage.status == 2);
    CHECK(firstLine(usage.err).find("--town") != std::string::npos);

    const auto unknown = cli("frobnicate");
    CHECK(unknown.status == 2);

    // A file whose every feature is refused is an error for a script.
    VectorSpec spec;
    spec.driver = "GeoJSON";
    spec.geometryType = 0;
    spec.fields = surveyFields();
    spec.features = {surveyFeature("POINT (588000 3154000)", "1", "", "", std::nullopt)};
    writeVector(dir.file("points.geojson"), spec);
    const auto allRejected = cli("import " + project + " " + dir.file("points.geojson"));
    CHECK(allRejected.status == 1);
    CHECK(firstLine(allRejected.err).rfind(dir.file("points.geojson") + ":", 0) == 0);
    CHECK(json::parse(cli("export " + project + " parcels").out).empty());
}

TEST_CASE("cli sample writes the bundled 峨溶镇 project", "[cli]")
{
    TempDir dir;
    const auto sample = cli("sample " + dir.file("sample.gpkg"));
    INFO(sample.err);
    REQUIRE(sample.status == 0);
    CHECK(json::parse(sample.out).at("parcels").at("imported") == 386);
    CHECK(json::parse(sample.out).at("screening").at("eligible") == 351);
    const auto again = cli("sample " + dir.file("sample.gpkg"));
    CHECK(again.status == 1);
    CHECK(firstLine(again.err).find("already exists") != std::string::npos);
}

TEST_CASE("cli screen prints a summary and export parcels carries the verdict", "[cli][screening]")
{
    // The sample's generator placed 15 parcels on slopes over 25° and 20 in the red line
    // (data/sample/manifest.json); 351 remain.
    const std::string sample = std::string(GENGBAO_SOURCE_DIR) + "/data/sample/";
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    REQUIRE(cli("new " + project + " --town 峨溶镇 --year 2023 --target 465.17").status == 0);
    REQUIRE(cli("import " + project + " " + kSampleShp).status == 0);
    const auto screened = cli("screen " + project + " --redline " + sample + "redline.gpkg --dem " +
                              sample + "dem.tif");
    INFO(screened.err);
    REQUIRE(screened.status == 0);
    const json summary = json::parse(screened.out);
    CHECK(summary.at("screened") == 386);
    CHECK(summary.at("eligible") == 351);
    CHECK(summary.at("excluded").at("slope") == 15);
    CHECK(summary.at("excluded").at("redline") == 20);
    CHECK(summary.at("slope_unknown") == 0);
    CHECK(summary.at("inputs").size() == 2);

    const json parcels = json::parse(cli("export " + project + " parcels").out);
    REQUIRE(parcels.size() == 386);
    int eligible = 0, redline = 0;
    for (const auto &parcel : parcels) {
        CHECK(parcel.at("slope_deg").is_number());
        CHECK(parcel.at("slope_source") == "dem");
        CHECK(parcel.at("redline_overlap_m2").is_number());
        CHECK(parcel.at("eligible").is_boolean());
        CHECK(parcel.at("reasons").is_array());
        eligible += parcel.at("eligible").get<bool>();
        for (const auto &reason : parcel.at("reasons"))
            redline += reason == "redline";
    }
    CHECK(eligible == 351);
    CHECK(redline == 20);

    // A rescreen with a lower limit: a second run, and the first one stays listed.
    REQUIRE(cli("screen " + project + " --dem " + sample + "dem.tif --max-slope 15").status == 0);
    const json runs = json::parse(cli("runs " + project).out);
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].at("eligible") == 351);
    CHECK(runs[1].at("rules").at("max_slope_deg") == 15.0);
    // The first run's per-parcel results stay readable.
    const json first = json::parse(cli("export " + project + " screening --run 1").out);
    CHECK(first.at("run").at("eligible") == 351);
    REQUIRE(first.at("parcels").size() == 386);
    int firstEligible = 0;
    for (const auto &parcel : first.at("parcels"))
        firstEligible += parcel.at("eligible").get<bool>();
    CHECK(firstEligible == 351);
    const json current = json::parse(cli("export " + project + " screening").out);
    CHECK(current.at("run").at("run_id") == 2);
    CHECK(cli("export " + project + " screening --run 9").status == 1);
}

TEST_CASE("cli screen refuses bad input with one line and leaves the project alone",
          "[cli][screening]")
{
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    REQUIRE(cli("new " + project + " --town 峨溶镇 --year 2023 --target 465.17").status == 0);
    REQUIRE(cli("import " + project + " " + kSampleShp).status == 0);
    const auto vectorDem = cli("screen " + project + " --dem " + kSampleShp);
    CHECK(vectorDem.status == 1);
    CHECK(firstLine(vectorDem.err).rfind(kSampleShp + ":", 0) == 0);
    CHECK(vectorDem.err.find('\n') == vectorDem.err.size() - 1);  // exactly one line
    CHECK(cli("screen " + project + " --max-slope steep").status == 2);
    CHECK(cli("screen " + project + " --constraint " + kSampleShp).status == 2);  // no KIND=
    CHECK(json::parse(cli("runs " + project).out).empty());
    for (const auto &parcel : json::parse(cli("export " + project + " parcels").out))
        CHECK(parcel.at("eligible").is_null());
}

namespace {

// Runs of blanks collapsed to one space, lines without blanks at their ends.
std::vector<std::string> collapsedLines(const std::string &text)
{
    std::vector<std::string> lines;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) {
        std::string collapsed;
        for (char c : line) {
            const bool blank = c == ' ' || c == '\t' || c == '\f' || c == '\r';
            if (blank && (collapsed.empty() || collapsed.back() == ' '))
                continue;
            collapsed += blank ? ' ' : c;
        }
        while (!collapsed.empty() && collapsed.back() == ' ')
            collapsed.pop_back();
        if (!collapsed.empty())
            lines.push_back(collapsed);
    }
    return lines;
}

}  // namespace

TEST_CASE("cli print annex reproduces the seed plan's 任务分解表 row by row", "[cli][plan]")
{
    TempDir dir;
    REQUIRE(cli("sample " + dir.file("sample.gpkg")).status == 0);
    const auto printed =
        cli("print annex " + dir.file("sample.gpkg") + " -o " + dir.file("annex.pdf"));
    INFO(printed.err);
    REQUIRE(printed.status == 0);
    const auto text = runCommand("pdftotext -layout " + dir.file("annex.pdf") + " -");
    REQUIRE(text.status == 0);
    // The seed's annex (shared/docs/seeds, 峨溶镇 2023 plan), as pdftotext reads the PDF.
    const std::vector<std::string> expected = {"附件",
                                               "峨溶镇2023年耕地恢复补足任务分解表",
                                               "单位：亩",
                                               "序号 村居 潜力图斑面积 任务数 备注",
                                               "1 峨溶居委会 273.41 115.17",
                                               "2 龙塘冲村 232.35 110",
                                               "3 贵凳村 247.89 90",
                                               "4 黄瓜村 12.06 30",
                                               "5 三溪村 17.64 30",
                                               "6 坝浪村 31.47 30",
                                               "7 新场村 17.5 30",
                                               "8 将家村 42.16 30",
                                               "合计 874.48 465.17",
                                               "— 1 —"};
    CHECK(collapsedLines(text.out) == expected);
    // Every font is embedded.
    const auto fonts = runCommand("pdffonts " + dir.file("annex.pdf"));
    const auto lines = collapsedLines(fonts.out);
    REQUIRE(lines.size() > 2);
    for (std::size_t i = 2; i < lines.size(); ++i) {
        INFO(lines[i]);
        CHECK(lines[i].find("Identity-H yes") != std::string::npos);
    }
}

TEST_CASE("cli allocate and set-task keep the village table exact", "[cli][plan]")
{
    TempDir dir;
    const std::string project = dir.file("sample.gpkg");
    REQUIRE(cli("sample " + project).status == 0);
    const auto allocated = cli("allocate " + project + " --method proportional");
    INFO(allocated.err);
    REQUIRE(allocated.status == 0);
    const json villages = json::parse(cli("export " + project + " villages --format json").out);
    REQUIRE(villages.size() == 8);
    long long total = 0;
    for (const auto &village : villages) {
        for (const char *key :
             {"village", "village_code", "potential_mu", "task_mu", "selected_mu", "approved_mu"})
            CHECK(village.contains(key));
        total += std::llround(village.at("task_mu").get<double>() * 100.0);
    }
    CHECK(total == 46517);  // 465.17 mu exactly

    CHECK(cli("allocate " + project + " --method floor-proportional").status == 2);  // no --floor
    const auto floorTooHigh =
        cli("allocate " + project + " --method floor-proportional --floor 100");
    CHECK(floorTooHigh.status == 1);
    CHECK(firstLine(floorTooHigh.err).rfind(project + ":", 0) == 0);

    REQUIRE(cli("set-task " + project + " 500241111203 12.06 --remarks 按潜力").status == 0);
    const auto unknown = cli("set-task " + project + " 不存在村 10");
    CHECK(unknown.status == 1);
    CHECK(firstLine(unknown.err).find("no village 不存在村") != std::string::npos);
    CHECK(cli("set-task " + project + " 黄瓜村 1.234").status == 2);
    const auto csv = parseCsv(cli("export " + project + " villages --format csv").out);
    REQUIRE(csv.size() == 9);
    CHECK(csv[0][0] == "village");
    CHECK(csv[4][1] == "500241111203");
    CHECK(csv[4][3] == "12.06");
    CHECK(csv[4][7] == "按潜力");
}

TEST_CASE("cli print annex runs over pages and repeats the table header", "[cli][plan]")
{
    // 30 villages: the first page holds 附件, the title and the unit on lines 1 to 4, then the
    // header and 17 rows on lines 5 to 22; the second page the header again, the other 13 rows
    // and the 合计 row.
    TempDir dir;
    VectorSpec spec;
    spec.fields = surveyFields();
    for (int village = 0; village < 30; ++village) {
        char code[32];
        std::snprintf(code, sizeof code, "5002411112%02d0000000", village);
        spec.features.push_back(surveyFeature(squareWkt(500000 + 200 * village, 3100000, 50),
                                              "B" + std::to_string(village), code,
                                              "第" + std::to_string(village + 1) + "村", 2500.0));
    }
    writeVector(dir.file("forty.shp"), spec);
    const std::string project = dir.file("p.gpkg");
    REQUIRE(
        cli("new " + project + " --town 太平镇 --year 2024 --target 1010 --crs EPSG:4545").status ==
        0);
    REQUIRE(cli("import " + project + " " + dir.file("forty.shp")).status == 0);
    const auto printed = cli("print annex " + project + " -o " + dir.file("annex.pdf"));
    REQUIRE(printed.status == 0);
    CHECK(printed.err.empty());  // no Qt notices on stderr
    const auto text = runCommand("pdftotext -layout " + dir.file("annex.pdf") + " -").out;
    const auto lines = collapsedLines(text);
    CHECK(std::count(lines.begin(), lines.end(), "序号 村居 潜力图斑面积 任务数 备注") == 2);
    CHECK(std::count(lines.begin(), lines.end(), "— 2 —") == 1);
    CHECK(std::find(lines.begin(), lines.end(), "30 第30村 0 0") != lines.end());

    CHECK(std::find(lines.begin(), lines.end(), "合计 0 0") != lines.end());
}

TEST_CASE("cli print annex gives a long remark the lines it needs", "[cli][plan]")
{
    // The remarks column is 20 mm wide: this remark wraps to three lines. Its row grows to hold
    // them (it used to keep one line's height and cut off the third line), and the rows below
    // follow it.
    TempDir dir;
    const std::string project = dir.file("sample.gpkg");
    REQUIRE(cli("sample " + project).status == 0);
    REQUIRE(
        cli("set-task " + project + " 黄瓜村 30 --remarks '国道旁荒地，由第三组负责复垦'").status ==
        0);
    REQUIRE(cli("print annex " + project + " -o " + dir.file("annex.pdf")).status == 0);
    const auto text = runCommand("pdftotext " + dir.file("annex.pdf") + " -").out;
    INFO(text);
    for (const char *part : {"国道旁", "第三组", "复垦"})
        CHECK(text.find(part) != std::string::npos);
    const auto lines =
        collapsedLines(runCommand("pdftotext -layout " + dir.file("annex.pdf") + " -").out);
    CHECK(std::find(lines.begin(), lines.end(), "5 三溪村 17.64 30") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "合计 874.48 465.17") != lines.end());
}

TEST_CASE("cli exports the village table as XLSX and reads an edited copy back", "[cli][plan]")
{
    // The exported sheet holds the seed's tasks; a second project with other tasks takes them
    // back from it, row by row.
    TempDir dir;
    const std::string seed = dir.file("seed.gpkg"), other = dir.file("other.gpkg");
    REQUIRE(cli("sample " + seed).status == 0);
    REQUIRE(cli("sample " + other).status == 0);
    REQUIRE(cli("export " + seed + " villages --format xlsx -o " + dir.file("t.xlsx")).status == 0);
    CHECK(cli("export " + seed + " villages --format xlsx").status == 2);  // needs -o
    const auto nowhere =
        cli("export " + seed + " villages --format xlsx -o " + dir.file("no/t.xlsx"));
    CHECK(nowhere.status == 1);
    CHECK(firstLine(nowhere.err) ==
          dir.file("no/t.xlsx") + ": cannot be written: No such file or directory");
    REQUIRE(cli("allocate " + other + " --method proportional").status == 0);
    const auto imported = cli("import-tasks " + other + " " + dir.file("t.xlsx"));
    INFO(imported.err);
    REQUIRE(imported.status == 0);
    CHECK(cli("export " + other + " villages --format csv").out ==
          cli("export " + seed + " villages --format csv").out);
    const auto text = cli("import-tasks " + other + " " + kSampleShp);
    CHECK(text.status == 1);
    CHECK(firstLine(text.err).find("unsupported file type") != std::string::npos);
}

TEST_CASE("cli advance and report progress follow a parcel to approval", "[cli][lifecycle]")
{
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    REQUIRE(cli("sample " + project).status == 0);
    const std::string id = "500241202300010001";  // 峨溶居委会, expected net 3.59 mu
    for (const std::string step :
         {"selected --date 2023-04-18", "restoring --date 2023-04-25", "planted --date 2023-07-01",
          "evidence_submitted --date 2023-08-01 --doc JZ-2023-0001", "verified --date 2023-09-01",
          "approved --date 2023-11-20 --accepted-net-mu 3.5"}) {
        const auto advanced = cli("advance " + project + " " + id + " " + step);
        INFO(step << ": " << advanced.err);
        REQUIRE(advanced.status == 0);
    }
    const auto skip = cli("advance " + project + " 500241202300010002 planted --date 2023-05-01");
    CHECK(skip.status == 1);
    CHECK(firstLine(skip.err) == project + ": parcel 500241202300010002: it is candidate: it can "
                                           "go to selected only, not to planted");
    CHECK(cli("advance " + project + " " + id + " finished").status == 2);

    const json parcels = json::parse(cli("export " + project + " parcels").out);
    const auto &parcel = parcels.at(0);
    CHECK(parcel.at("stage") == "approved");
    CHECK(parcel.at("selected_on") == "2023-04-18");
    CHECK(parcel.at("evidence_submitted_on") == "2023-08-01");
    CHECK(parcel.at("approved_on") == "2023-11-20");
    CHECK(parcel.at("accepted_net_mu") == 3.5);
    CHECK(parcels.at(1).at("selected_on").is_null());

    const json villages = json::parse(cli("export " + project + " villages").out);
    CHECK(villages.at(0).at("selected_mu") == 3.5);  // the accepted area once recorded
    CHECK(villages.at(0).at("approved_mu") == 3.5);
    CHECK(villages.at(1).at("selected_mu") == 0.0);

    // As of 10/22 the parcel had been verified: nothing overdue for it; the village is short of
    // its task at selection.
    const json progress =
        json::parse(cli("report progress " + project + " --as-of 2023-10-22 --format json").out);
    CHECK(progress.at("as_of") == "2023-10-22");
    CHECK(progress.at("villages").at(0).at("verified_mu") == 3.59);
    CHECK(progress.at("villages").at(0).at("approved_mu") == 0.0);
    CHECK(progress.at("villages").at(0).at("selection_short_mu") == 111.58);
    REQUIRE(progress.at("parcels").size() == 1);
    CHECK(progress.at("parcels").at(0).at("overdue").empty());
    const auto csv = parseCsv(cli("report progress " + project + " --format csv").out);
    CHECK(csv.at(0).at(0) == "village");
    CHECK(csv.at(1).at(1) == "500241111001");

    const json audit = json::parse(cli("audit " + project).out);
    CHECK(audit.back().at("action") == "advance");
    const auto undone =
        cli("undo " + project + " " + std::to_string(audit.back().at("id").get<int>()));
    REQUIRE(undone.status == 0);
    CHECK(json::parse(cli("export " + project + " parcels").out).at(0).at("stage") == "verified");
}

TEST_CASE("cli export payouts and print payouts", "[cli][payouts]")
{
    // Three approved parcels of 峨溶居委会 (expected net 3.59, 1.57 and 6.27 mu): 600 yuan per mu
    // gives 2154.00 + 942.00 + 3762.00 = 6858.00; the village is short of its task (115.17), so
    // no reward.
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    REQUIRE(cli("sample " + project).status == 0);
    for (const char *id : {"500241202300010001", "500241202300010002", "500241202300010003"}) {
        for (const char *stage :
             {"selected", "restoring", "planted", "evidence_submitted", "verified", "approved"})
            REQUIRE(
                cli("advance " + project + " " + id + " " + stage + " --date 2023-09-01").status ==
                0);
    }
    const auto exported = cli("export " + project + " payouts --format json");
    REQUIRE(exported.status == 0);
    const json payouts = json::parse(exported.out);
    REQUIRE(payouts.at("parcels").size() == 3);
    const auto &first = payouts.at("parcels").at(0);
    CHECK(first.at("id") == "500241202300010001");
    CHECK(first.at("village") == "峨溶居委会");
    CHECK(first.at("net_mu") == 3.59);
    CHECK(first.at("subsidy_yuan") == 2154.0);
    const auto &village = payouts.at("villages").at(0);
    for (const char *key : {"village", "village_code", "task_mu", "approved_mu", "subsidy_yuan",
                            "reward_yuan", "total_yuan"})
        CHECK(village.contains(key));
    CHECK(village.at("approved_mu") == 11.43);
    CHECK(village.at("subsidy_yuan") == 6858.0);
    CHECK(village.at("reward_yuan") == 0.0);
    CHECK(payouts.at("total_yuan") == 6858.0);
    CHECK(payouts.at("total_in_words") == "陆仟捌佰伍拾捌元整");
    // Two decimals in the text, as the contract says.
    CHECK(exported.out.find("\"total_yuan\": 6858.0") != std::string::npos);

    const auto csv = parseCsv(cli("export " + project + " payouts --format csv").out);
    CHECK(csv.at(0).at(0) == "village");
    CHECK(csv.at(1).at(5) == "6858.00");
    REQUIRE(cli("export " + project + " payouts --format xlsx -o " + dir.file("p.xlsx")).status ==
            0);
    const auto sheet = runCommand("ogrinfo -ro -al -q -oo HEADERS=DISABLE " + dir.file("p.xlsx"));
    CHECK(sheet.out.find("陆仟捌佰伍拾捌元整") != std::string::npos);
    CHECK(sheet.out.find("6858") != std::string::npos);

    REQUIRE(cli("print payouts " + project + " -o " + dir.file("p.pdf")).status == 0);
    const auto lines =
        collapsedLines(runCommand("pdftotext -layout " + dir.file("p.pdf") + " -").out);
    CHECK(std::find(lines.begin(), lines.end(), "峨溶镇2023年耕地恢复补足奖补资金明细表") !=
          lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "1 峨溶居委会 115.17 11.43 6858.00 0.00 6858.00") !=
          lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "合计 465.17 11.43 6858.00 0.00 6858.00") !=
          lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "大写：陆仟捌佰伍拾捌元整") != lines.end());
}

TEST_CASE("cli advance takes a rejection's reason from --note", "[cli][lifecycle]")
{
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    REQUIRE(cli("sample " + project).status == 0);
    const std::string id = "500241202300010003";
    for (const std::string step : {"selected", "restoring", "planted", "evidence_submitted"})
        REQUIRE(cli("advance " + project + " " + id + " " + step + " --date 2023-08-01").status ==
                0);
    const auto bare = cli("advance " + project + " " + id + " rejected --date 2023-08-02");
    CHECK(bare.status == 1);
    CHECK(firstLine(bare.err).find("rejected needs a reason") != std::string::npos);
    REQUIRE(cli("advance " + project + " " + id + " rejected --date 2023-08-02 --note 作物未达标")
                .status == 0);
    const json audit = json::parse(cli("audit " + project).out);
    CHECK(audit.back().at("new").at("history").at("reason") == "作物未达标");
}

TEST_CASE("cli add-layer, layers and propose", "[cli][layers]")
{
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    REQUIRE(cli("sample " + project).status == 0);
    // The sample's screening kept its red line (3 features of redline.gpkg) for the map.
    json layers = json::parse(cli("layers " + project).out);
    REQUIRE(layers.size() == 1);
    CHECK(layers.at(0).at("kind") == "redline");
    CHECK(layers.at(0).at("features") == 3);

    const std::string villages = std::string(GENGBAO_SOURCE_DIR) + "/data/sample/villages.gpkg";
    const auto added = cli("add-layer " + project + " " + villages + ":cjdcq --kind village");
    INFO(added.err);
    REQUIRE(added.status == 0);
    const json layer = json::parse(added.out);
    CHECK(layer.at("kind") == "village");
    CHECK(layer.at("name") == "villages");
    CHECK(layer.at("layer") == "cjdcq");
    CHECK(layer.at("features") == 8);
    CHECK(layer.at("issues").empty());
    layers = json::parse(cli("layers " + project).out);
    REQUIRE(layers.size() == 2);
    CHECK(layers.at(1).at("id") == layer.at("id"));
    const auto labels = runCommand("sqlite3 " + project +
                                   " \"SELECT label FROM reference_features WHERE layer_id = " +
                                   layer.at("id").dump() + " ORDER BY fid LIMIT 1\"");
    CHECK(labels.out == "峨溶居委会\n");  // the ZLDWMC field, found by itself

    const auto noKind = cli("add-layer " + project + " " + villages);
    CHECK(noKind.status == 2);
    const auto notPolygons =
        cli("add-layer " + project + " " + kSampleShp + ":nope --kind village");
    CHECK(notPolygons.status == 1);
    CHECK(firstLine(notPolygons.err).rfind(kSampleShp, 0) == 0);

    // Inside a red-line polygon of the sample (20 m × 20 m), and on an eligible parcel's ground.
    const auto inside = cli("propose " + project +
                            " --village 龙塘冲村 --note 自报 --wkt 'POLYGON((585870 3154760, "
                            "585890 3154760, 585890 3154780, 585870 3154780, 585870 3154760))'");
    INFO(inside.err);
    REQUIRE(inside.status == 0);
    const json excluded = json::parse(inside.out);
    CHECK(excluded.at("proposal") == "proposed");
    CHECK(excluded.at("screened") == true);
    CHECK(excluded.at("eligible") == false);
    CHECK(excluded.at("reasons") == json::array({"redline"}));
    // 400 m² on the plane, 86 km east of the central meridian (scale 1.00009): 399.93 m².
    CHECK(excluded.at("area_m2") == 399.93);
    const auto outside = cli("propose " + project +
                             " --village 500241111201 --wkt 'POLYGON((587440 3155810, 587450 "
                             "3155810, 587450 3155820, 587440 3155820, 587440 3155810))'");
    REQUIRE(outside.status == 0);
    CHECK(json::parse(outside.out).at("eligible") == true);
    const json runs = json::parse(cli("runs " + project).out);
    CHECK(runs.back().at("screened") == 388);  // the sample's 386 and the two proposals

    const auto crossing = cli("propose " + project +
                              " --village 龙塘冲村 --wkt 'POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))'");
    CHECK(crossing.status == 1);
    CHECK(firstLine(crossing.err).find("Self-intersection") != std::string::npos);
    CHECK(cli("propose " + project + " --village 龙塘冲村").status == 2);
    CHECK(cli("propose " + project + " --village 龙塘冲村 --wkt 'POINT(1 2)'").status == 2);
    const json parcels = json::parse(cli("export " + project + " parcels --format json").out);
    CHECK(parcels.size() == 388);
}
