// SPDX-License-Identifier: GPL-3.0-or-later
// import-tasks (issue 13, items 4 and 5): a spreadsheet's task cell is an area in mu or the whole
// file is refused with a message per row, and nothing changes; remarks come back verbatim. The
// XLSX and ODS files are made here byte for byte (the zip through GDAL's /vsizip/), so that they
// hold what Excel, WPS and LibreOffice write and GDAL's writer cannot: a TRUE in a column of
// numbers, a date or a percentage cell, an error cell, inline strings with spaces.
#include "../support/testfiles.h"

#include <core/base/units.h>
#include <core/geo/handles.h>
#include <core/ops/audit.h>
#include <core/ops/plans.h>
#include <core/ops/sampleproject.h>
#include <core/ops/villagetaskfile.h>

#include <catch2/catch.hpp>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <utility>
#include <vector>

using namespace gengbao;
using namespace gengbao::test;

namespace {

// What an import must leave alone when it refuses a file: every task and remark, and the log.
struct TaskState
{
    std::vector<std::pair<std::int64_t, std::string>> tasks;
    std::size_t auditEntries = 0;
    bool operator==(const TaskState &other) const
    {
        return tasks == other.tasks && auditEntries == other.auditEntries;
    }
};

TaskState stateOf(core::Project &project)
{
    TaskState state;
    auto table = core::loadTaskTable(project);
    REQUIRE(table.ok());
    for (const auto &village : table->villages)
        state.tasks.emplace_back(village.task, village.remarks);
    auto log = core::readAuditLog(project);
    REQUIRE(log.ok());
    state.auditEntries = log->size();
    return state;
}

const core::VillageTask &village(core::Project &project, const std::string &name,
                                 core::TaskTable &table)
{
    auto loaded = core::loadTaskTable(project);
    REQUIRE(loaded.ok());
    table = std::move(loaded).value();
    for (const auto &item : table.villages) {
        if (item.name == name)
            return item;
    }
    FAIL("no village " << name);
    return table.villages.front();
}

void writeZip(const std::string &path,
              const std::vector<std::pair<std::string, std::string>> &parts)
{
    for (const auto &[name, content] : parts) {
        VSILFILE *file = VSIFOpenL(("/vsizip/" + path + "/" + name).c_str(), "wb");
        REQUIRE(file != nullptr);
        REQUIRE(VSIFWriteL(content.data(), 1, content.size(), file) == content.size());
        VSIFCloseL(file);
    }
}

std::string escaped(const std::string &text)
{
    std::string out;
    for (char c : text) {
        if (c == '&')
            out += "&amp;";
        else if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else
            out += c;
    }
    return out;
}

// One cell of a hand-made sheet, as Excel stores it.
struct XCell
{
    enum Type { Text, Number, Boolean, Error, Formula, Empty } type = Text;
    std::string value;
    int style = 0;  // index into the cellXfs below
};
XCell text(const std::string &value)
{
    return {XCell::Text, value, 0};
}
XCell number(const std::string &value, int style = 0)
{
    return {XCell::Number, value, style};
}

// Styles: 0 General, 1 a date (built-in 14), 2 a percentage (built-in 9), 3 a custom date
// (yyyy年m月d日), 4 a custom percentage (0.0%), 5 two decimals (built-in 2), 6 a custom number
// with a quoted unit ("0.00 "亩"": not a date, though it holds no digit placeholder letters).
constexpr const char *kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.0%"/><numFmt numFmtId="166" formatCode="0.00&quot; 亩 mu ds&quot;"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId="9" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>)";

std::string columnName(std::size_t column)
{
    return std::string(1, static_cast<char>('A' + column));
}

std::string cellXml(const XCell &cell, const std::string &reference)
{
    const std::string r = "<c r=\"" + reference + "\" s=\"" + std::to_string(cell.style) + "\"";
    switch (cell.type) {
    case XCell::Text:
        return r + " t=\"inlineStr\"><is><t xml:space=\"preserve\">" + escaped(cell.value) +
               "</t></is></c>";
    case XCell::Number:
        return r + "><v>" + cell.value + "</v></c>";
    case XCell::Boolean:
        return r + " t=\"b\"><v>" + cell.value + "</v></c>";
    case XCell::Error:
        return r + " t=\"e\"><v>" + escaped(cell.value) + "</v></c>";
    case XCell::Formula:  // value: "formula|cached number"
        return r + "><f>" + escaped(cell.value.substr(0, cell.value.find('|'))) + "</f><v>" +
               cell.value.substr(cell.value.find('|') + 1) + "</v></c>";
    case XCell::Empty:
        break;
    }
    return {};
}

void writeXlsx(const std::string &path, const std::vector<std::vector<XCell>> &rows)
{
    std::string sheet = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::string number = std::to_string(r + 1);
        sheet += "<row r=\"" + number + "\">";
        for (std::size_t c = 0; c < rows[r].size(); ++c)
            sheet += cellXml(rows[r][c], columnName(c) + number);
        sheet += "</row>";
    }
    sheet += "</sheetData></worksheet>";
    const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    writeZip(
        path,
        {{"[Content_Types].xml",
          R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>)"},
         {"_rels/.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"" +
              rel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
         {"xl/workbook.xml",
          "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
          "xmlns:r=\"" +
              rel +
              "\"><sheets><sheet name=\"任务\" sheetId=\"1\" r:id=\"rId3\"/></sheets></workbook>"},
         {"xl/_rels/workbook.xml.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId2\" Type=\"" +
              rel + "/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId3\" Type=\"" + rel +
              "/worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/></Relationships>"},
         {"xl/styles.xml", kStyles},
         {"xl/worksheets/sheet1.xml", sheet}});
}

core::Error refusal(core::Project &project, const std::string &path)
{
    auto imported = core::importVillageTasks(project, path);
    REQUIRE_FALSE(imported.ok());
    return imported.error();
}

const std::string kAreaForm = "(a decimal number with at most 2 places, e.g. 58.40)";

}  // namespace

TEST_CASE("import-tasks refuses a task cell that is not an area in mu, and changes nothing",
          "[core][plan][taskfile]")
{
    TempDir dir;
    auto project = sampleProject(dir, "p.gpkg");
    REQUIRE(core::setVillageTask(*project, 0, "黄瓜村", 3000, std::string("需自选图斑")).ok());
    const TaskState before = stateOf(*project);
    const std::string bytes = readFile(dir.file("p.gpkg"));

    // Rows 2 to 9: each of the sample's 8 villages once, each with a task that is not one.
    const std::string xlsx = dir.file("bad.xlsx");
    writeXlsx(xlsx, {{text("村居"), text("任务数"), text("备注")},
                     {text("峨溶居委会"), text("TRUE"), text("")},
                     {text("龙塘冲村"), {XCell::Boolean, "1"}, text("")},
                     {text("贵凳村"), text("0x10"), text("")},
                     {text("黄瓜村"), number("1E+308"), text("")},
                     {text("三溪村"), text("12.345"), text("")},
                     {text("坝浪村"), text("-0"), text("")},
                     {text("新场村"), text("1,000.00"), text("")},
                     {text("将家村"), number("45021", 1), text("")}});
    const core::Error error = refusal(*project, xlsx);
    const std::string message = error.message();
    INFO(message);
    CHECK(message.rfind(xlsx + ": 8 problems, nothing was changed: ", 0) == 0);
    for (const std::string &expected : std::vector<std::string>{
             "row 2: task 'TRUE' is not an area in mu " + kAreaForm,
             "row 3: task 'TRUE' is a true/false cell, not an area in mu " + kAreaForm,
             "row 4: task '0x10' is not an area in mu " + kAreaForm,
             "row 5: task '1E+308' is more than 1000000 mu, beyond any town's task (a slip of the "
             "keyboard?)",
             "row 6: task '12.345' has more than 2 decimal places (areas are kept to 0.01 mu)",
             "row 7: task '-0' is not an area in mu " + kAreaForm,
             "row 8: task '1,000.00' is not an area in mu " + kAreaForm}) {
        INFO(expected);
        CHECK(message.find(expected) != std::string::npos);
    }
    CHECK(message.find("row 9: task '") != std::string::npos);
    CHECK(message.find("' is a date, not an area in mu " + kAreaForm) != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
    CHECK(stateOf(*project) == before);
    CHECK(readFile(dir.file("p.gpkg")) == bytes);

    // More that are not tasks: percentages (built-in and custom), a custom date, an error cell,
    // an exponent typed as text, an empty task, a negative number, inf.
    const std::string more = dir.file("more.xlsx");
    writeXlsx(more, {{text("村居"), text("任务数")},
                     {text("峨溶居委会"), number("0.5", 2)},
                     {text("龙塘冲村"), number("0.125", 4)},
                     {text("贵凳村"), number("45021", 3)},
                     {text("黄瓜村"), {XCell::Error, "#DIV/0!"}},
                     {text("三溪村"), text("1e308")},
                     {text("坝浪村"), text("")},
                     {text("新场村"), number("-5")},
                     {text("将家村"), text("inf")}});
    const std::string second = refusal(*project, more).message();
    INFO(second);
    CHECK(second.rfind(more + ": 8 problems, nothing was changed: ", 0) == 0);
    for (const std::string &expected : std::vector<std::string>{
             "row 2: task '50%' is a percentage, not an area in mu " + kAreaForm,
             "row 3: task '12.5%' is a percentage, not an area in mu " + kAreaForm,
             "row 5: task '#DIV/0!' is an error cell, not an area in mu " + kAreaForm,
             "row 6: task '1e308' is not an area in mu " + kAreaForm,
             "row 7: task is empty (write 0 for no task; an area in mu is a decimal number with at "
             "most 2 places, e.g. 58.40)",
             "row 8: task '-5' is negative; an area in mu is 0 or more",
             "row 9: task 'inf' is not an area in mu " + kAreaForm}) {
        INFO(expected);
        CHECK(second.find(expected) != std::string::npos);
    }
    CHECK(second.find("row 4: task '") != std::string::npos);
    CHECK(second.find("row 4: task '45021'") == std::string::npos);  // not taken as a number
    CHECK(stateOf(*project) == before);
    CHECK(readFile(dir.file("p.gpkg")) == bytes);
}

TEST_CASE("import-tasks takes what is an area in mu, however the cell holds it",
          "[core][plan][taskfile]")
{
    TempDir dir;
    auto project = sampleProject(dir, "p.gpkg");
    const std::string ideographic = "\xE3\x80\x80";  // U+3000, 全角空格
    const std::string remark = "国道旁" + ideographic + "荒地  由 第三组" + ideographic + "负责";
    const std::string xlsx = dir.file("good.xlsx");
    writeXlsx(xlsx, {{text("村  居"), text("任务数"), text("备注")},  // a padded heading
                     {text("峨溶居委会"), text(" 12.5 ")},
                     {text("龙塘冲村"), number("58.4", 5)},
                     {text("贵凳村"), text("115.17000000000002")},  // computed, pasted as text
                     {text("黄瓜村"), number("115.17000000000002")},
                     {text("三溪村"), {XCell::Formula, "58.4+0|58.4"}},
                     {text("坝浪村"), number("-0"), text("  " + remark + ideographic + " ")},
                     {text("新场村"), number("1E+2", 6)},
                     {text("将家村"), text("0.010")}});
    auto imported = core::importVillageTasks(*project, xlsx);
    if (!imported)
        FAIL(imported.error().message());
    CHECK(imported->updated == 8);
    auto table = core::loadTaskTable(*project);
    REQUIRE(table.ok());
    std::vector<std::int64_t> tasks;
    for (const auto &item : table->villages)
        tasks.push_back(item.task);
    // In code order: 峨溶居委会, 龙塘冲村, 贵凳村, 黄瓜村, 三溪村, 坝浪村, 新场村, 将家村.
    CHECK(tasks == std::vector<std::int64_t>{1250, 5840, 11517, 11517, 5840, 0, 10000, 1});
    core::TaskTable held;
    CHECK(village(*project, "坝浪村", held).remarks == remark);  // verbatim inside, ends trimmed
}

namespace {

// A sheet written by GDAL's own driver: the villages 峨溶居委会 and 龙塘冲村 with a task column of
// the given type, set by setTask for the first and the second row.
void writeTypedSheet(const std::string &driverName, const std::string &path, OGRFieldType type,
                     OGRFieldSubType subType,
                     const std::function<void(OGRFeatureH, int field, int row)> &setTask)
{
    core::DatasetPtr dataset(GDALCreate(GDALGetDriverByName(driverName.c_str()), path.c_str(), 0, 0,
                                        0, GDT_Unknown, nullptr));
    REQUIRE(dataset);
    OGRLayerH layer = GDALDatasetCreateLayer(dataset.get(), "Sheet1", nullptr, wkbNone, nullptr);
    OGRFieldDefnH village = OGR_Fld_Create("村居", OFTString);
    OGRFieldDefnH task = OGR_Fld_Create("任务数", type);
    OGR_Fld_SetSubType(task, subType);
    for (OGRFieldDefnH field : {village, task}) {
        REQUIRE(OGR_L_CreateField(layer, field, TRUE) == OGRERR_NONE);
        OGR_Fld_Destroy(field);
    }
    const char *names[] = {"峨溶居委会", "龙塘冲村"};
    for (int row = 0; row < 2; ++row) {
        core::FeaturePtr feature(OGR_F_Create(OGR_L_GetLayerDefn(layer)));
        OGR_F_SetFieldString(feature.get(), 0, names[row]);
        setTask(feature.get(), 1, row);
        REQUIRE(OGR_L_CreateFeature(layer, feature.get()) == OGRERR_NONE);
    }
}

}  // namespace

TEST_CASE("import-tasks reads GDAL-typed boolean and date columns by their type",
          "[core][plan][taskfile]")
{
    // GDAL's XLSX writer stores an OFSTBoolean field as t="b" cells, its ODS writer as TRUE() and
    // FALSE() formulas, and both a date as a date cell; what GDAL reads back is "1", "0" or a
    // date text. None is a task.
    TempDir dir;
    auto project = sampleProject(dir, "p.gpkg");
    const TaskState before = stateOf(*project);
    for (const std::string extension : {"xlsx", "ods"}) {
        INFO(extension);
        const std::string driver = extension == "xlsx" ? "XLSX" : "ODS";
        const std::string booleans = dir.file("booleans." + extension);
        writeTypedSheet(driver, booleans, OFTInteger, OFSTBoolean,
                        [](OGRFeatureH feature, int field, int row) {
                            OGR_F_SetFieldInteger(feature, field, row == 0 ? 1 : 0);
                        });
        const std::string message = refusal(*project, booleans).message();
        INFO(message);
        CHECK(message.find(": 2 problems, nothing was changed: ") != std::string::npos);
        CHECK(message.find("row 2: task 'TRUE' is a true/false cell, not an area in mu") !=
              std::string::npos);
        CHECK(message.find("row 3: task 'FALSE' is a true/false cell, not an area in mu") !=
              std::string::npos);

        const std::string dates = dir.file("dates." + extension);
        writeTypedSheet(driver, dates, OFTDate, OFSTNone,
                        [](OGRFeatureH feature, int field, int row) {
                            OGR_F_SetFieldDateTime(feature, field, 2023, 4, 5 + row, 0, 0, 0, 0);
                        });
        const std::string dated = refusal(*project, dates).message();
        INFO(dated);
        CHECK(dated.find(": 2 problems, nothing was changed: ") != std::string::npos);
        CHECK(dated.find("row 2: task '") != std::string::npos);
        CHECK(dated.find("' is a date, not an area in mu") != std::string::npos);
        CHECK(stateOf(*project) == before);
    }
}

TEST_CASE("import-tasks reads an ODS by its cells' value types", "[core][plan][taskfile]")
{
    // As LibreOffice writes them: a boolean, a percentage, a date, a float with many digits, and
    // rows repeated (the blank row 3 stands for three rows).
    TempDir dir;
    auto project = sampleProject(dir, "p.gpkg");
    const TaskState before = stateOf(*project);
    const auto cell = [](const std::string &attributes, const std::string &shown) {
        return "<table:table-cell " + attributes + "><text:p>" + shown +
               "</text:p></table:table-cell>";
    };
    const auto row = [](const std::string &cells, int repeated = 1) {
        return std::string("<table:table-row") +
               (repeated > 1 ? " table:number-rows-repeated=\"" + std::to_string(repeated) + "\""
                             : "") +
               ">" + cells + "</table:table-row>";
    };
    const auto textCell = [&cell](const std::string &value) {
        return cell("office:value-type=\"string\"", value);
    };
    const std::string content =
        R"(<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="任务">)" +
        row(textCell("村居") + textCell("任务数")) +
        row("<table:table-cell table:number-columns-repeated=\"2\"/>", 3) +
        row(textCell("峨溶居委会") +
            cell("office:value-type=\"boolean\" office:boolean-value=\"true\"", "TRUE")) +
        row(textCell("龙塘冲村") +
            cell("office:value-type=\"percentage\" office:value=\"0.5\"", "50%")) +
        row(textCell("贵凳村") +
            cell("office:value-type=\"date\" office:date-value=\"2023-04-05\"", "2023-04-05")) +
        row(textCell("黄瓜村") +
            cell("office:value-type=\"float\" office:value=\"115.17000000000002\"", "115.17")) +
        "</table:table></office:spreadsheet></office:body></office:document-content>";
    const std::string ods = dir.file("tasks.ods");
    writeZip(ods, {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                   {"content.xml", content}});
    const std::string message = refusal(*project, ods).message();
    INFO(message);
    CHECK(message.rfind(ods + ": 3 problems, nothing was changed: ", 0) == 0);
    CHECK(message.find("row 5: task 'TRUE' is a true/false cell") != std::string::npos);
    CHECK(message.find("row 6: task '50%' is a percentage") != std::string::npos);
    CHECK(message.find("row 7: task '2023-04-05' is a date") != std::string::npos);
    CHECK(message.find("row 8") == std::string::npos);  // 115.17, computed: a task
    CHECK(stateOf(*project) == before);
}

TEST_CASE("import-tasks reads a CSV's text verbatim and takes back the export's apostrophe",
          "[core][plan][taskfile][csv]")
{
    TempDir dir;
    auto project = sampleProject(dir, "p.gpkg");
    const TaskState before = stateOf(*project);
    // A CSV where every cell is text: the same rules as a text cell of a sheet.
    const std::string bad = dir.file("bad.csv");
    {
        std::FILE *file = std::fopen(bad.c_str(), "wb");
        REQUIRE(file);
        std::fputs("村居,任务数\r\n峨溶居委会,TRUE\r\n龙塘冲村,0x10\r\n贵凳村,1e308\r\n"
                   "黄瓜村,\"1,000.00\"\r\n三溪村,'-5\r\n坝浪村,50%\r\n",
                   file);
        std::fclose(file);
    }
    const std::string message = refusal(*project, bad).message();
    INFO(message);
    CHECK(message.rfind(bad + ": 6 problems, nothing was changed: ", 0) == 0);
    for (const std::string &expected :
         std::vector<std::string>{"row 2: task 'TRUE' is not", "row 3: task '0x10' is not",
                                  "row 4: task '1e308' is not", "row 5: task '1,000.00' is not",
                                  "row 6: task '-5' is negative", "row 7: task '50%' is not"})
        CHECK(message.find(expected) != std::string::npos);
    CHECK(stateOf(*project) == before);

    // Remarks as the export writes them: neutralised, quoted where needed; inner spaces kept.
    const std::string good = dir.file("good.csv");
    {
        std::FILE *file = std::fopen(good.c_str(), "wb");
        REQUIRE(file);
        std::fputs("village,task_mu,remarks\r\n"
                   "峨溶居委会,115.17,'=SUM(A1:A9)\r\n"
                   "龙塘冲村,110,\"'-1, 由 第三组　负责\"\r\n"
                   "贵凳村,90,''@x\r\n"
                   "黄瓜村,30,'plain\r\n",
                   file);
        std::fclose(file);
    }
    auto imported = core::importVillageTasks(*project, good);
    if (!imported)
        FAIL(imported.error().message());
    core::TaskTable table;
    CHECK(village(*project, "峨溶居委会", table).remarks == "=SUM(A1:A9)");
    CHECK(village(*project, "龙塘冲村", table).remarks == "-1, 由 第三组　负责");
    CHECK(village(*project, "贵凳村", table).remarks == "'@x");
    CHECK(village(*project, "黄瓜村", table).remarks == "'plain");
    // The same file again changes nothing and records nothing.
    const TaskState after = stateOf(*project);
    REQUIRE(core::importVillageTasks(*project, good).ok());
    CHECK(stateOf(*project) == after);
}

TEST_CASE("core refuses tasks, targets and accepted areas no town could have",
          "[core][plan][numbers]")
{
    TempDir dir;
    auto project = sampleProject(dir, "p.gpkg");
    const TaskState before = stateOf(*project);
    auto over =
        core::setVillageTask(*project, 0, "黄瓜村", core::kMaxAreaCentiMu + 1, std::nullopt);
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().detail == "a task of 1000000.01 mu is more than 1000000 mu, beyond any "
                                 "town's task");
    CHECK_FALSE(core::setVillageTask(*project, 0, "黄瓜村", -1, std::nullopt).ok());
    CHECK(core::setVillageTask(*project, 0, "黄瓜村", core::kMaxAreaCentiMu, std::nullopt).ok());
    REQUIRE(core::setVillageTask(*project, 0, "黄瓜村", 3000, std::nullopt).ok());

    auto plan = core::loadPlan(*project);
    REQUIRE(plan.ok());
    for (const double target : std::vector<double>{double(INFINITY), -double(INFINITY),
                                                   std::nan(""), -1.0, 1e9, 1000000.01, 1.005}) {
        INFO(target);
        core::Plan edited = *plan;
        edited.restoration()->targetMu = target;
        CHECK_FALSE(core::validatePlan(edited).ok());
    }
    core::Plan edited = *plan;
    edited.restoration()->rules.overlapToleranceM2 = std::nan("");
    CHECK_FALSE(core::validatePlan(edited).ok());
    edited = *plan;
    edited.restoration()->rules.subsidyFenPerMu = std::int64_t(1) << 62;  // overflows amounts
    CHECK_FALSE(core::validatePlan(edited).ok());
    edited = *plan;
    edited.restoration()->phases.front().startsOn = "2023- 4-13";  // sscanf would read it
    CHECK_FALSE(core::validatePlan(edited).ok());
    CHECK(core::validatePlan(*plan).ok());

    CHECK_FALSE(
        core::allocate({100, 200}, core::kMaxAreaCentiMu + 1, core::AllocationMethod::Proportional)
            .ok());
    CHECK_FALSE(core::allocate({100, 200}, 300, core::AllocationMethod::FloorProportional,
                               core::kMaxAreaCentiMu + 1)
                    .ok());
    CHECK(stateOf(*project).tasks == before.tasks);
}
