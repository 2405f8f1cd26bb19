// SPDX-License-Identifier: GPL-3.0-or-later
// gengbao-cli and what an officer types or a file holds (issue 13, items 4 to 6 and 9): numbers
// that are not numbers are refused and nothing changes; remarks survive a round trip through
// XLSX and CSV verbatim; CSV cells a spreadsheet would evaluate are neutralised in every export
// and read back verbatim; a usage error prints that command's usage only.
#include "../support/testfiles.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace gengbao::test;
using json = nlohmann::json;

namespace {

const std::string kCli = std::string(GENGBAO_BIN_DIR) + "/gengbao-cli";

// One shell word, whatever it holds (quotes, tabs, '=', spaces).
std::string word(const std::string &text)
{
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

CommandResult cli(const std::vector<std::string> &arguments, const std::string &environment = {})
{
    std::string line = environment + (environment.empty() ? "" : " ") + word(kCli);
    for (const std::string &argument : arguments)
        line += " " + word(argument);
    return runCommand(line);
}

std::vector<std::string> lines(const std::string &text)
{
    std::vector<std::string> out;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);)
        out.push_back(line);
    return out;
}

bool isNumber(const std::string &cell)
{
    if (cell.empty())
        return false;
    std::size_t used = 0;
    try {
        std::stod(cell, &used);
    } catch (const std::exception &) {
        return false;
    }
    return used == cell.size();
}

// A cell Excel or WPS would evaluate: begins with = + - @ (or their full-width forms), a tab or
// CR, and is not a number.
bool isLiveFormula(const std::string &cell)
{
    if (cell.empty() || isNumber(cell))
        return false;
    if (std::string("=+-@\t\r").find(cell[0]) != std::string::npos)
        return true;
    for (const char *wide : {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"}) {
        if (cell.rfind(wide, 0) == 0)
            return true;
    }
    return false;
}

std::vector<std::string> cellsOf(const std::string &csvText)
{
    std::vector<std::string> cells;
    for (const auto &row : parseCsv(csvText))
        cells.insert(cells.end(), row.begin(), row.end());
    return cells;
}

bool contains(const std::vector<std::string> &cells, const std::string &cell)
{
    return std::find(cells.begin(), cells.end(), cell) != cells.end();
}

std::size_t auditCount(const std::string &project)
{
    const auto audit = cli({"audit", project});
    REQUIRE(audit.status == 0);
    return json::parse(audit.out).size();
}

std::string villagesJson(const std::string &project)
{
    const auto exported = cli({"export", project, "villages", "--format", "json"});
    REQUIRE(exported.status == 0);
    return exported.out;
}

void writeText(const std::string &path, const std::string &text)
{
    std::ofstream file(path, std::ios::binary);
    file << text;
}

}  // namespace

TEST_CASE("cli new refuses a target, a year or a CRS that is not one, and creates no file",
          "[cli][numbers]")
{
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    for (const std::string target :
         {"inf", "nan", "-1", "1e9", "abc", "0x10", "1000001", "", " 12", "465.175", "TRUE"}) {
        INFO("--target '" << target << "'");
        const auto made =
            cli({"new", project, "--town", "峨溶镇", "--year", "2023", "--target", target});
        CHECK(made.status == 2);
        CHECK(lines(made.err).at(0).rfind("gengbao-cli: --target", 0) == 0);
        CHECK_FALSE(std::filesystem::exists(project));
    }
    const auto inf = cli({"new", project, "--town", "峨溶镇", "--year", "2023", "--target", "inf"});
    CHECK(lines(inf.err).at(0) == "gengbao-cli: --target: 'inf' is not an area in mu (a decimal "
                                  "number with at most 2 places, e.g. 58.40)");
    const auto huge =
        cli({"new", project, "--town", "峨溶镇", "--year", "2023", "--target", "1e9"});
    CHECK(lines(huge.err).at(0).find("'1e9' is not an area in mu") != std::string::npos);
    const auto over =
        cli({"new", project, "--town", "峨溶镇", "--year", "2023", "--target", "1000001"});
    CHECK(lines(over.err).at(0).find("is more than 1000000 mu") != std::string::npos);
    for (const std::string year : {"2023.0", "+2023", "0x7E7", "1999", "2101", "", "二〇二三"}) {
        INFO("--year '" << year << "'");
        CHECK(cli({"new", project, "--town", "峨溶镇", "--year", year, "--target", "1"}).status ==
              2);
        CHECK_FALSE(std::filesystem::exists(project));
    }
    for (const std::string crs : {"EPSG:+4545", "EPSG: 4545", "-4545", "4545.0", "EPSG:0"}) {
        INFO("--crs '" << crs << "'");
        CHECK(cli({"new", project, "--town", "峨溶镇", "--year", "2023", "--target", "1", "--crs",
                   crs})
                  .status == 2);
        CHECK_FALSE(std::filesystem::exists(project));
    }
    const auto made =
        cli({"new", project, "--town", "峨溶镇", "--year", "2023", "--target", "465.17"});
    REQUIRE(made.status == 0);
    CHECK(json::parse(made.out).at("target_mu") == 465.17);
}

TEST_CASE("cli refuses areas, dates, ids and limits that are not what they say, changing nothing",
          "[cli][numbers]")
{
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    REQUIRE(cli({"sample", project}).status == 0);
    const std::string id = "500241202300010001";
    REQUIRE(cli({"advance", project, id, "selected", "--date", "2023-04-18"}).status == 0);
    const std::size_t entries = auditCount(project);
    const std::string bytes = readFile(project);
    const auto refused = [&](const std::vector<std::string> &arguments, const std::string &first) {
        const auto result = cli(arguments);
        INFO(result.err);
        CHECK(result.status == 2);
        CHECK(lines(result.err).at(0) == first);
    };
    const std::string form = "(a decimal number with at most 2 places, e.g. 58.40)";

    refused({"set-task", project, "黄瓜村", "1e2"},
            "gengbao-cli: MU: '1e2' is not an area in mu " + form);
    refused({"set-task", project, "黄瓜村", "inf"},
            "gengbao-cli: MU: 'inf' is not an area in mu " + form);
    refused({"set-task", project, "黄瓜村", "TRUE"},
            "gengbao-cli: MU: 'TRUE' is not an area in mu " + form);
    refused({"set-task", project, "黄瓜村", "12.345"},
            "gengbao-cli: MU: '12.345' has more than 2 decimal places (areas are kept to 0.01 mu)");
    refused({"set-task", project, "黄瓜村", "1000000.01"},
            "gengbao-cli: MU: '1000000.01' is more than 1000000 mu, beyond any town's task (a "
            "slip of the keyboard?)");
    refused({"allocate", project, "--method", "floor-proportional", "--floor", "nan"},
            "gengbao-cli: --floor: 'nan' is not an area in mu " + form);

    refused({"advance", project, id, "restoring", "--date", ""},
            "gengbao-cli: --date is a date YYYY-MM-DD that is on the calendar, not ''");
    refused({"advance", project, id, "restoring", "--date=", "--note", "x"},
            "gengbao-cli: --date is a date YYYY-MM-DD that is on the calendar, not ''");
    refused({"advance", project, id, "restoring", "--date", "2023-02-30"},
            "gengbao-cli: --date is a date YYYY-MM-DD that is on the calendar, not '2023-02-30'");
    refused({"advance", project, id, "restoring", "--date", "2023- 5-01"},
            "gengbao-cli: --date is a date YYYY-MM-DD that is on the calendar, not '2023- 5-01'");
    refused({"advance", project, id, "approved", "--accepted-net-mu", "-0"},
            "gengbao-cli: --accepted-net-mu: '-0' is not an area in mu " + form);
    refused({"review", project, id, "reviewed", "--date", ""},
            "gengbao-cli: --date is a date YYYY-MM-DD that is on the calendar, not ''");
    refused({"report", "progress", project, "--as-of", ""},
            "gengbao-cli: --as-of is a date YYYY-MM-DD that is on the calendar, not ''");
    refused({"report", "progress", project, "--as-of", "2023-02-29"},
            "gengbao-cli: --as-of is a date YYYY-MM-DD that is on the calendar, not '2023-02-29'");

    for (const std::string audit : {" 1", "+1", "0x1", "1e0", "0", "-1", "1.0", ""}) {
        INFO("AUDIT_ID '" << audit << "'");
        const auto undone = cli({"undo", project, audit});
        CHECK(undone.status == 2);
        CHECK(lines(undone.err).at(0) ==
              "gengbao-cli: AUDIT_ID is the number of an audit log entry (see gengbao-cli audit), "
              "not '" +
                  audit + "'");
    }
    refused({"export", project, "screening", "--run", "+1"},
            "gengbao-cli: --run is a run number (see gengbao-cli runs), not '+1'");
    for (const std::string slope : {"inf", "nan", "1e1", "-5", "90", "0", "0x10"}) {
        INFO("--max-slope '" << slope << "'");
        CHECK(cli({"screen", project, "--max-slope", slope}).status == 2);
    }
    for (const std::string tolerance : {"nan", "inf", "-1", "10001", "1e3"}) {
        INFO("--tolerance '" << tolerance << "'");
        CHECK(cli({"screen", project, "--tolerance", tolerance}).status == 2);
    }
    for (const std::string size : {"+10x10", "0x10", "10x0", "10x 10", "1e3x10", "16385x10"}) {
        INFO("--size '" << size << "'");
        CHECK(cli({"render", project, "--size", size, "-o", dir.file("m.png")}).status == 2);
    }

    CHECK(readFile(project) == bytes);  // byte for byte: nothing was written
    CHECK(auditCount(project) == entries);
    CHECK_FALSE(std::filesystem::exists(dir.file("m.png")));
}

TEST_CASE("cli usage errors print the command's usage, not every command", "[cli][usage]")
{
    TempDir dir;
    const auto missing = cli({"set-task", dir.file("p.gpkg"), "黄瓜村"});
    CHECK(missing.status == 2);
    CHECK(missing.out.empty());
    CHECK(lines(missing.err) ==
          std::vector<std::string>{
              "gengbao-cli: missing MU",
              "usage:", "  set-task PROJECT.gpkg VILLAGE MU [--remarks TEXT]",
              "      Set a village's restoration task (VILLAGE: its name or 12-digit code; MU: 2 "
              "decimals).",
              "gengbao-cli --help lists every command"});

    // export has four forms; all four, and nothing else.
    const auto exported = cli({"export", dir.file("p.gpkg"), "things"});
    CHECK(exported.status == 2);
    const auto exportLines = lines(exported.err);
    CHECK(exportLines.at(0) == "gengbao-cli: unknown export 'things' (known: parcels, villages, "
                               "screening, payouts)");
    CHECK(std::count_if(exportLines.begin(), exportLines.end(), [](const std::string &line) {
              return line.rfind("  export PROJECT.gpkg ", 0) == 0;
          }) == 4);
    CHECK(exportLines.size() < 15);
    CHECK(exported.err.find("set-task") == std::string::npos);

    const auto unknown = cli({"frobnicate"});
    CHECK(unknown.status == 2);
    const auto unknownLines = lines(unknown.err);
    REQUIRE(unknownLines.size() == 3);
    CHECK(unknownLines[0] == "gengbao-cli: unknown command 'frobnicate'");
    CHECK(unknownLines[1] ==
          "commands: new, import, screen, runs, set-task, allocate, print, export, advance, "
          "review, report, audit, undo, redo, import-tasks, render, add-layer, layers, propose, "
          "sample");

    const auto none = cli({});
    CHECK(none.status == 2);
    CHECK(lines(none.err).size() == 3);

    // --help prints every form once, on stdout; COMMAND --help and help COMMAND that one.
    const auto help = cli({"--help"});
    CHECK(help.status == 0);
    CHECK(help.err.empty());
    for (const char *form :
         {"  new PROJECT.gpkg", "  import PROJECT.gpkg", "  screen PROJECT.gpkg",
          "  set-task PROJECT.gpkg", "  undo|redo PROJECT.gpkg", "  import-tasks PROJECT.gpkg",
          "  sample OUT.gpkg", "  print map", "  --version, --help"}) {
        INFO(form);
        CHECK(help.out.find(form) != std::string::npos);
    }
    CHECK(lines(help.out).size() > 50);
    const auto own = cli({"undo", "--help"});
    CHECK(own.status == 0);
    CHECK(lines(own.out).at(1) == "  undo|redo PROJECT.gpkg AUDIT_ID");
    CHECK(cli({"help", "redo"}).out == own.out);
}

TEST_CASE("cli remarks keep their inner spaces through XLSX and CSV, and an unedited round trip "
          "records nothing",
          "[cli][plan][taskfile]")
{
    TempDir dir;
    const std::string project = dir.file("p.gpkg");
    REQUIRE(cli({"sample", project}).status == 0);
    const std::string ideographic = "\xE3\x80\x80";
    const std::string remark = "国道旁" + ideographic + "荒地  由 第三组" + ideographic + "负责";
    REQUIRE(cli({"set-task", project, "黄瓜村", "30", "--remarks", remark}).status == 0);
    REQUIRE(cli({"set-task", project, "三溪村", "30", "--remarks", "  两端的空格" + ideographic})
                .status == 0);
    const std::string table = villagesJson(project);
    CHECK(json::parse(table).at(3).at("remarks") == remark);
    CHECK(json::parse(table).at(4).at("remarks") == "两端的空格");  // ends are not kept
    const std::size_t entries = auditCount(project);

    for (const std::string format : {"xlsx", "csv"}) {
        INFO(format);
        const std::string file = dir.file("tasks." + format);
        REQUIRE(cli({"export", project, "villages", "--format", format, "-o", file}).status == 0);
        const auto imported = cli({"import-tasks", project, file});
        INFO(imported.err);
        REQUIRE(imported.status == 0);
        CHECK(villagesJson(project) == table);
        CHECK(auditCount(project) == entries);
    }

    // A project whose villages have no task yet: the export shows 0 and reading it back is not a
    // change either.
    const std::string fresh = dir.file("fresh.gpkg");
    REQUIRE(
        cli({"new", fresh, "--town", "峨溶镇", "--year", "2023", "--target", "465.17"}).status ==
        0);
    REQUIRE(
        cli({"import", fresh, std::string(GENGBAO_SOURCE_DIR) + "/data/sample/potential_2023.shp"})
            .status == 0);
    const std::string freshTable = villagesJson(fresh);
    const std::size_t freshEntries = auditCount(fresh);
    REQUIRE(
        cli({"export", fresh, "villages", "--format", "xlsx", "-o", dir.file("f.xlsx")}).status ==
        0);
    REQUIRE(cli({"import-tasks", fresh, dir.file("f.xlsx")}).status == 0);
    CHECK(auditCount(fresh) == freshEntries);
    CHECK(villagesJson(fresh) == freshTable);
}

TEST_CASE("cli CSV exports neutralise formula cells and import-tasks reads them back verbatim",
          "[cli][csv]")
{
    // Villages whose names a spreadsheet would evaluate, a parcel id that is a formula, a remark
    // and a user name likewise; every CSV the CLI writes must carry them as text.
    TempDir dir;
    const std::vector<std::string> names = {"=1+2村", "@SUM村", "-减村", "+加村",
                                            "\xEF\xBC\x9D全角村"};
    VectorSpec spec;
    spec.fields = surveyFields();
    for (std::size_t i = 0; i < names.size(); ++i) {
        char code[32];
        std::snprintf(code, sizeof code, "5002411112%02d0000000", static_cast<int>(i % 100));
        const std::string bsm = i == 0 ? "=2+3" : "50024120230001000" + std::to_string(i);
        spec.features.push_back(
            surveyFeature(squareWkt(500100 + 150.0 * i, 3099500, 50), bsm, code, names[i], 2500.0));
    }
    writeVector(dir.file("villages.shp"), spec);
    DemSpec dem;
    dem.elevation = [](int, int) { return 300.0; };  // flat: every parcel is eligible
    writeDem(dir.file("dem.tif"), dem);
    const std::string project = dir.file("p.gpkg");
    REQUIRE(cli({"new", project, "--town", "太平镇", "--year", "2024", "--target", "10", "--crs",
                 "EPSG:4545"})
                .status == 0);
    const auto imported = cli({"import", project, dir.file("villages.shp")});
    INFO(imported.err);
    REQUIRE(imported.status == 0);
    REQUIRE(json::parse(imported.out).at("imported") == 5);
    REQUIRE(cli({"screen", project, "--dem", dir.file("dem.tif")}).status == 0);
    REQUIRE(cli({"set-task", project, "=1+2村", "5", "--remarks", "=SUM(A1:A9)"}).status == 0);
    REQUIRE(
        cli({"set-task", project, "500241111201", "5", "--remarks", "@cmd|' /C calc'!A0"}).status ==
        0);
    for (const char *stage :
         {"selected", "restoring", "planted", "evidence_submitted", "verified", "approved"})
        REQUIRE(cli({"advance", project, "=2+3", stage, "--date", "2024-05-01", "--user", "@admin"})
                    .status == 0);

    const auto csvOf = [&](const std::vector<std::string> &arguments) {
        const auto result = cli(arguments);
        INFO(result.err);
        REQUIRE(result.status == 0);
        const auto cells = cellsOf(result.out);
        for (const std::string &cell : cells) {
            INFO("cell '" << cell << "'");
            CHECK_FALSE(isLiveFormula(cell));
        }
        return cells;
    };
    const auto villages = csvOf({"export", project, "villages", "--format", "csv"});
    const auto parcels = csvOf({"export", project, "parcels", "--format", "csv"});
    const auto screening = csvOf({"export", project, "screening", "--format", "csv"});
    const auto payouts = csvOf({"export", project, "payouts", "--format", "csv"});
    const auto progress = csvOf({"report", "progress", project, "--format", "csv"});
    const auto audit = csvOf({"audit", project, "--format", "csv"});
    for (const auto *cells : {&villages, &parcels, &payouts, &progress}) {
        for (const std::string &name : names)
            CHECK(contains(*cells, "'" + name));
    }
    CHECK(contains(villages, "'=SUM(A1:A9)"));
    CHECK(contains(villages, "'@cmd|' /C calc'!A0"));
    for (const auto *cells : {&parcels, &screening, &payouts, &progress})
        CHECK(contains(*cells, "'=2+3"));
    CHECK(contains(audit, "'@admin"));
    CHECK(contains(payouts, "'=1+2村"));

    // Read back: an unedited table changes nothing; an edited one finds the villages by their
    // names as written, and the remarks are the officer's.
    const std::size_t entries = auditCount(project);
    const std::string before = villagesJson(project);
    REQUIRE(
        cli({"export", project, "villages", "--format", "csv", "-o", dir.file("v.csv")}).status ==
        0);
    REQUIRE(cli({"import-tasks", project, dir.file("v.csv")}).status == 0);
    CHECK(villagesJson(project) == before);
    CHECK(auditCount(project) == entries);
    writeText(dir.file("edited.csv"), "village,task_mu,remarks\r\n'=1+2村,2.5,'=SUM(A1:A9)\r\n"
                                      "'-减村,1,\"'+1, 改\"\r\n");
    const auto edited = cli({"import-tasks", project, dir.file("edited.csv")});
    INFO(edited.err);
    REQUIRE(edited.status == 0);
    const json table = json::parse(villagesJson(project));
    const auto row = [&table](const std::string &name) {
        for (const auto &item : table) {
            if (item.at("village") == name)
                return item;
        }
        FAIL("no village " << name);
        return json();
    };
    CHECK(row("=1+2村").at("task_mu") == 2.5);
    CHECK(row("=1+2村").at("remarks") == "=SUM(A1:A9)");
    CHECK(row("-减村").at("task_mu") == 1.0);
    CHECK(row("-减村").at("remarks") == "+1, 改");
}
