// SPDX-License-Identifier: GPL-3.0-or-later
#include "villagetaskfile.h"

#include "../base/csv.h"
#include "../base/openfiles.h"
#include "../base/strings.h"
#include "../base/units.h"
#include "../db/statement.h"
#include "../geo/handles.h"
#include "../project.h"
#include "plans.h"

#include <cpl_conv.h>
#include <cpl_minixml.h>
#include <cpl_string.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace gengbao::core {

namespace {

namespace fs = std::filesystem;

// ---- What a cell holds --------------------------------------------------------------------
//
// GDAL reads every cell as text (FIELD_TYPES=STRING), which is what the names and remarks need,
// but then a TRUE cell arrives as "1" and 50% as "0.5": read as tasks, 1.00 and 0.50 mu. The
// cell's own type says what it is, so the XLSX and ODS files are read a second time for it.

enum class CellKind { Text, Number, Boolean, Date, Percent, Error };

// By (sheet row from 1, column from 0): GDAL's feature id is the sheet row and its field index
// the column, with HEADERS=DISABLE (checked by the tests). Text cells are not listed.
using CellKinds = std::map<std::pair<std::int64_t, int>, CellKind>;

struct XmlTree
{
    CPLXMLTreeCloser root{nullptr};
    CPLXMLNode *top = nullptr;  // the document element, past <?xml ...?>
};

XmlTree readXml(const std::string &file, const char *element)
{
    XmlTree tree;
    CplErrorCapture quiet;  // a missing part is an answer (no styles), not an error to print
    tree.root.reset(CPLParseXMLFile(file.c_str()));
    if (tree.root)
        tree.top = CPLGetXMLNode(tree.root.get(), (std::string("=") + element).c_str());
    return tree;
}

std::string zipMember(const std::string &archive, const std::string &member)
{
    return "/vsizip/{" + archive + "}/" + member;
}

bool isElement(const CPLXMLNode *node, const char *name)
{
    return node->eType == CXT_Element && std::string_view(node->pszValue) == name;
}

// An attribute's value, "" when it is absent.
std::string_view attribute(const CPLXMLNode *node, const char *name)
{
    return CPLGetXMLValue(node, name, "");
}

// A small non-negative index attribute (a style, a format id); 0 when absent or not one.
int number(std::string_view text)
{
    return static_cast<int>(
        std::min<std::int64_t>(parsePositiveInteger(text).value_or(0), 1 << 30));
}

// ---- XLSX ----

// The first sheet's part, as GDAL's layer 0: the first <sheet> of the workbook, through its
// relationship. Empty when the workbook does not say.
std::string firstSheetPart(const std::string &path)
{
    const XmlTree workbook = readXml(zipMember(path, "xl/workbook.xml"), "workbook");
    const CPLXMLNode *sheets = workbook.top ? CPLGetXMLNode(workbook.top, "sheets") : nullptr;
    const CPLXMLNode *sheet = sheets ? CPLGetXMLNode(sheets, "sheet") : nullptr;
    const std::string_view id = sheet ? attribute(sheet, "r:id") : std::string_view();
    if (id.empty())
        return {};
    const XmlTree rels = readXml(zipMember(path, "xl/_rels/workbook.xml.rels"), "Relationships");
    for (const CPLXMLNode *node = rels.top ? rels.top->psChild : nullptr; node;
         node = node->psNext) {
        if (!isElement(node, "Relationship") || attribute(node, "Id") != id)
            continue;
        const std::string target(attribute(node, "Target"));
        return target.rfind('/', 0) == 0 ? target.substr(1) : "xl/" + target;
    }
    return {};
}

// Whether an Excel number format shows a date or time, or a percentage. Quoted text, escaped
// characters, padding and [colour] or [$-804] sections say nothing of the kind; what is left
// holds y, m, d, h or s for a date and % for a percentage.
CellKind kindOfFormatCode(const std::string &code)
{
    bool date = false, percent = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"') {
            i = code.find('"', i + 1);
            if (i == std::string::npos)
                break;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else if (c == '[') {
            const std::size_t close = code.find(']', i);
            const std::string inside = code.substr(i + 1, close - i - 1);
            date |= !inside.empty() && std::string("hHmMsS").find(inside[0]) != std::string::npos;
            i = close == std::string::npos ? code.size() : close;
        } else if (c == '%') {
            percent = true;
        } else if (std::string("yYmMdDhHsS").find(c) != std::string::npos) {
            date = true;
        }
    }
    return date ? CellKind::Date : percent ? CellKind::Percent : CellKind::Number;
}

// The built-in formats of ECMA-376 §18.8.30 that are dates or times (27 to 36 and 50 to 58 are
// the East Asian date formats a Chinese Excel uses), and the two percentages.
CellKind kindOfBuiltinFormat(int id)
{
    if (id == 9 || id == 10)
        return CellKind::Percent;
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
        (id >= 50 && id <= 58) || (id >= 71 && id <= 81))
        return CellKind::Date;
    return CellKind::Number;
}

// What a number shows as, by the cell's style index (its s attribute).
std::vector<CellKind> numberKindsByStyle(const std::string &path)
{
    const XmlTree styles = readXml(zipMember(path, "xl/styles.xml"), "styleSheet");
    if (!styles.top)
        return {};
    std::map<int, std::string> customFormats;
    if (const CPLXMLNode *formats = CPLGetXMLNode(styles.top, "numFmts")) {
        for (const CPLXMLNode *node = formats->psChild; node; node = node->psNext) {
            if (isElement(node, "numFmt"))
                customFormats[number(attribute(node, "numFmtId"))] =
                    std::string(attribute(node, "formatCode"));
        }
    }
    std::vector<CellKind> kinds;
    if (const CPLXMLNode *xfs = CPLGetXMLNode(styles.top, "cellXfs")) {
        for (const CPLXMLNode *node = xfs->psChild; node; node = node->psNext) {
            if (!isElement(node, "xf"))
                continue;
            const int id = number(attribute(node, "numFmtId"));
            const auto custom = customFormats.find(id);
            kinds.push_back(custom != customFormats.end() ? kindOfFormatCode(custom->second)
                                                          : kindOfBuiltinFormat(id));
        }
    }
    return kinds;
}

// "B4" -> column 1, row 4; false when it is not a cell reference.
bool parseCellReference(std::string_view reference, int &column, std::int64_t &row)
{
    std::size_t i = 0;
    int letters = 0;
    for (; i < reference.size() && i < 3 && reference[i] >= 'A' && reference[i] <= 'Z'; ++i)
        letters = letters * 26 + (reference[i] - 'A' + 1);
    const auto number = parsePositiveInteger(reference.substr(i));
    if (letters == 0 || !number)
        return false;
    column = letters - 1;
    row = *number;
    return true;
}

CellKind kindOfXlsxCell(const CPLXMLNode *cell, const std::vector<CellKind> &byStyle)
{
    const std::string_view type = attribute(cell, "t");
    if (type == "b")
        return CellKind::Boolean;
    if (type == "e")
        return CellKind::Error;
    if (type == "d")
        return CellKind::Date;
    if (!type.empty() && type != "n")
        return CellKind::Text;  // s, str, inlineStr
    const std::size_t style = static_cast<std::size_t>(number(attribute(cell, "s")));
    return style < byStyle.size() ? byStyle[style] : CellKind::Number;
}

CellKinds xlsxCellKinds(const std::string &path)
{
    CellKinds kinds;
    const std::string part = firstSheetPart(path);
    if (part.empty())
        return kinds;
    const std::vector<CellKind> byStyle = numberKindsByStyle(path);
    const XmlTree sheet = readXml(zipMember(path, part), "worksheet");
    const CPLXMLNode *data = sheet.top ? CPLGetXMLNode(sheet.top, "sheetData") : nullptr;
    std::int64_t rowNumber = 0;
    for (const CPLXMLNode *row = data ? data->psChild : nullptr; row; row = row->psNext) {
        if (!isElement(row, "row"))
            continue;
        // r is optional in the format: then rows and cells follow one another.
        rowNumber = parsePositiveInteger(attribute(row, "r")).value_or(rowNumber + 1);
        int column = -1;
        for (const CPLXMLNode *cell = row->psChild; cell; cell = cell->psNext) {
            if (!isElement(cell, "c"))
                continue;
            std::int64_t cellRow = rowNumber;
            if (!parseCellReference(attribute(cell, "r"), column, cellRow))
                ++column;
            const CellKind kind = kindOfXlsxCell(cell, byStyle);
            if (kind != CellKind::Text)
                kinds[{rowNumber, column}] = kind;
        }
    }
    return kinds;
}

// ---- ODS ----

CellKind kindOfOdsValueType(std::string_view type)
{
    if (type == "float" || type == "currency")
        return CellKind::Number;
    if (type == "percentage")
        return CellKind::Percent;
    if (type == "date" || type == "time")
        return CellKind::Date;
    if (type == "boolean")
        return CellKind::Boolean;
    return CellKind::Text;
}

// GDAL's ODS writer stores a boolean as a float cell whose formula is TRUE() or FALSE().
CellKind kindOfOdsCell(const CPLXMLNode *cell)
{
    const std::string formula = toUpperAscii(attribute(cell, "table:formula"));
    if (formula == "OF:=TRUE()" || formula == "OF:=FALSE()")
        return CellKind::Boolean;
    return kindOfOdsValueType(attribute(cell, "office:value-type"));
}

std::int64_t repeats(const CPLXMLNode *node, const char *name)
{
    return parsePositiveInteger(attribute(node, name)).value_or(1);
}

// The rows of a table, also inside header rows and row groups, numbered from 1 as GDAL does.
void collectOdsRows(const CPLXMLNode *parent, std::int64_t &rowNumber, CellKinds &kinds)
{
    for (const CPLXMLNode *node = parent->psChild; node; node = node->psNext) {
        if (isElement(node, "table:table-header-rows") || isElement(node, "table:table-rows") ||
            isElement(node, "table:table-row-group")) {
            collectOdsRows(node, rowNumber, kinds);
            continue;
        }
        if (!isElement(node, "table:table-row"))
            continue;
        const std::int64_t rowRepeats = repeats(node, "table:number-rows-repeated");
        int column = 0;
        for (const CPLXMLNode *cell = node->psChild; cell; cell = cell->psNext) {
            if (!isElement(cell, "table:table-cell") &&
                !isElement(cell, "table:covered-table-cell"))
                continue;
            const std::int64_t columnRepeats = repeats(cell, "table:number-columns-repeated");
            const CellKind kind = kindOfOdsCell(cell);
            // Blank cells repeat by the thousand; a typed one repeats as far as a sheet reaches.
            if (kind != CellKind::Text && rowRepeats * columnRepeats <= 100'000) {
                for (std::int64_t r = 0; r < rowRepeats; ++r)
                    for (std::int64_t c = 0; c < columnRepeats; ++c)
                        kinds[{rowNumber + 1 + r, column + static_cast<int>(c)}] = kind;
            }
            column += static_cast<int>(std::min<std::int64_t>(columnRepeats, 1 << 20));
        }
        rowNumber += rowRepeats;
    }
}

CellKinds odsCellKinds(const std::string &path)
{
    CellKinds kinds;
    const XmlTree content = readXml(zipMember(path, "content.xml"), "office:document-content");
    const CPLXMLNode *body = content.top ? CPLGetXMLNode(content.top, "office:body") : nullptr;
    const CPLXMLNode *sheet = body ? CPLGetXMLNode(body, "office:spreadsheet") : nullptr;
    const CPLXMLNode *table = sheet ? CPLGetXMLNode(sheet, "table:table") : nullptr;
    std::int64_t rowNumber = 0;
    if (table)
        collectOdsRows(table, rowNumber, kinds);
    return kinds;
}

// ---- Reading the rows ---------------------------------------------------------------------

struct Cell
{
    std::string text;  // as GDAL gives it; for a CSV, without the apostrophe our export added
    CellKind kind = CellKind::Text;
};

struct Row
{
    std::int64_t number;
    std::vector<Cell> cells;
};

enum class SheetFormat { Xlsx, Ods, Csv };

// GDAL's ODS driver takes its settings as configuration options, not open options, and reads
// the file when the layer is first used: they must hold while the rows are read.
class ThreadConfig
{
public:
    ThreadConfig(const char *key, const char *value)
        : mKey(key)
    {
        if (const char *old = CPLGetThreadLocalConfigOption(key, nullptr))
            mOld = old;
        CPLSetThreadLocalConfigOption(key, value);
    }
    ~ThreadConfig() { CPLSetThreadLocalConfigOption(mKey, mOld ? mOld->c_str() : nullptr); }
    ThreadConfig(const ThreadConfig &) = delete;
    ThreadConfig &operator=(const ThreadConfig &) = delete;

private:
    const char *mKey;
    std::optional<std::string> mOld;
};

Result<std::vector<Row>> readRows(const std::string &path, SheetFormat format)
{
    CPLStringList options;
    const char *driver = "CSV";
    if (format == SheetFormat::Xlsx) {
        driver = "XLSX";
        options.SetNameValue("HEADERS", "DISABLE");
        options.SetNameValue("FIELD_TYPES", "STRING");
    } else if (format == SheetFormat::Ods) {
        driver = "ODS";
    } else {
        options.SetNameValue("HEADERS", "NO");
    }
    // GDAL 3.6's XLSX and ODS drivers take these as configuration options only (the XLSX open
    // options above are for later versions). Without them a first row of text above a row with a
    // number becomes the field names, and the headings row is gone.
    const ThreadConfig xlsxHeaders("OGR_XLSX_HEADERS", "DISABLE");
    const ThreadConfig xlsxTypes("OGR_XLSX_FIELD_TYPES", "STRING");
    const ThreadConfig odsHeaders("OGR_ODS_HEADERS", "DISABLE");
    const ThreadConfig odsTypes("OGR_ODS_FIELD_TYPES", "STRING");
    const char *drivers[] = {driver, nullptr};
    CplErrorCapture capture;
    DatasetPtr dataset(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers,
                                  options.List(), nullptr));
    if (!dataset)
        return makeError(ErrorCode::NotReadableAs, path,
                         std::string("is not a readable ") + driver + " file" +
                             (capture.hasFailure() ? " (" + capture.lastFailure() + ")" : ""));
    if (GDALDatasetGetLayerCount(dataset.get()) < 1)
        return makeError(ErrorCode::EmptyLayer, path, "has no sheet");
    OGRLayerH layer = GDALDatasetGetLayer(dataset.get(), 0);  // the first sheet
    const CellKinds kinds = format == SheetFormat::Xlsx  ? xlsxCellKinds(path)
                            : format == SheetFormat::Ods ? odsCellKinds(path)
                                                         : CellKinds();
    std::vector<Row> rows;
    for (FeaturePtr feature(OGR_L_GetNextFeature(layer)); feature;
         feature.reset(OGR_L_GetNextFeature(layer))) {
        Row row{OGR_F_GetFID(feature.get()), {}};
        const int count = OGR_F_GetFieldCount(feature.get());
        for (int i = 0; i < count; ++i) {
            Cell cell;
            if (OGR_F_IsFieldSetAndNotNull(feature.get(), i))
                cell.text = OGR_F_GetFieldAsString(feature.get(), i);
            if (format == SheetFormat::Csv)
                cell.text = csv::restoredText(cell.text);
            const auto kind = kinds.find({row.number, i});
            cell.kind = kind != kinds.end() ? kind->second : CellKind::Text;
            row.cells.push_back(std::move(cell));
        }
        rows.push_back(std::move(row));
    }
    if (capture.hasFailure())
        return makeError(ErrorCode::Damaged, path, "is damaged: " + capture.lastFailure());
    return rows;
}

Result<SheetFormat> formatOf(const std::string &path)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        return makeError(ErrorCode::FileNotFound, path, "no such file");
    GENGBAO_TRY(refuseOpenProjectFile(path));  // GDAL must not open the project (openfiles.h)
    const std::string extension = toUpperAscii(fs::path(path).extension().string());
    if (extension == ".XLSX")
        return SheetFormat::Xlsx;
    if (extension == ".ODS")
        return SheetFormat::Ods;
    if (extension == ".CSV")
        return SheetFormat::Csv;
    return makeError(ErrorCode::UnsupportedFormat, path,
                     "unsupported file type (expected .xlsx, .ods or .csv)");
}

// ---- Reading a cell -----------------------------------------------------------------------

// A heading or a 合计 compared without case and without any ASCII or ideographic space, so that
// "村  居" (padded to the width of a wider heading) and "Task_MU" are found.
std::string headingKey(const std::string &text)
{
    std::string key;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\xE3\x80\x80") == 0) {
            i += 2;
            continue;
        }
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n')
            key += text[i];
    }
    return toUpperAscii(key);
}

// The headings the exported file has, and the usual alternatives.
int columnOf(const std::vector<Cell> &cells, std::initializer_list<const char *> names)
{
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string cell = headingKey(cells[i].text);
        for (const char *name : names) {
            if (cell == headingKey(name))
                return static_cast<int>(i);
        }
    }
    return -1;
}

// A number printed from a binary double: so many significant digits that no person typed them
// ("115.17000000000002", "30.000000000000004").
bool looksComputed(std::string_view text)
{
    const std::size_t first = text.find_first_not_of("0.");
    if (first == std::string_view::npos)
        return false;
    std::size_t digits = 0;
    for (char c : text.substr(first))
        digits += c >= '0' && c <= '9';
    return digits >= 15;
}

std::string shownAs(const Cell &cell)
{
    if (cell.kind == CellKind::Boolean)
        return cell.text == "0" ? "FALSE" : cell.text == "1" ? "TRUE" : cell.text;
    if (cell.kind == CellKind::Percent) {
        if (const auto value = parseNumber(cell.text)) {
            char text[64];
            std::snprintf(text, sizeof text, "%.15g%%", *value * 100.0);
            return text;
        }
    }
    return cell.text;
}

const char *kindWords(CellKind kind)
{
    switch (kind) {
    case CellKind::Boolean:
        return "a true/false cell";
    case CellKind::Date:
        return "a date";
    case CellKind::Percent:
        return "a percentage";
    case CellKind::Error:
        return "an error cell";
    default:
        return "not a number";
    }
}

// A task from a cell, in 0.01 mu; why not, when not. A text cell must be written as an area in
// mu is (parseAreaCentiMu), except that a computed value such as 115.17000000000002, pasted as
// text, is the 2-decimal figure it stands for. A number cell is its value, which must be such a
// figure; booleans, dates, percentages and error cells are refused by their type.
Result<std::int64_t> taskOf(const Cell &cell)
{
    const std::string text(trimmedText(cell.text));
    const std::string shown = shownAs(cell);
    if (cell.kind != CellKind::Text && cell.kind != CellKind::Number)
        return makeError(ErrorCode::InvalidArgument, {},
                         "'" + shown + "' is " + kindWords(cell.kind) + ", not an area in mu (" +
                             kAreaForm + ")");
    if (text.empty())
        return makeError(ErrorCode::InvalidArgument, {},
                         std::string("is empty (write 0 for no task; an area in mu is ") +
                             kAreaForm + ")");
    auto exact = parseAreaCentiMu(text);
    if (exact || (cell.kind == CellKind::Text && !looksComputed(text)))
        return exact;
    const auto value = parseNumber(text);
    if (!value)
        return exact;
    return areaCentiMuOfNumber(*value, text);
}

// ---- The table ----------------------------------------------------------------------------

struct Columns
{
    std::size_t headerIndex = 0;
    int village = -1, task = -1, code = -1, remarks = -1;
};

Result<Columns> findColumns(const std::vector<Row> &rows, const std::string &path)
{
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto &cells = rows[i].cells;
        Columns columns;
        columns.village = columnOf(cells, {"村居", "村居名称", "村名", "村", "village"});
        columns.task = columnOf(cells, {"任务数", "任务", "任务面积", "task_mu", "task"});
        if (columns.village >= 0 && columns.task >= 0) {
            columns.headerIndex = i;
            columns.code = columnOf(cells, {"村居代码", "村代码", "village_code"});
            columns.remarks = columnOf(cells, {"备注", "remarks"});
            return columns;
        }
    }
    return makeError(ErrorCode::InvalidArgument, path,
                     "has no row with the headings 村居 and 任务数 (the columns of the exported "
                     "task table)");
}

struct Villages
{
    std::map<std::string, std::string> codeByName;
    std::map<std::string, int> nameCount;
    std::set<std::string> codes;
};

Result<Villages> loadVillages(Database &db)
{
    auto query = db.prepare("SELECT code, name FROM villages");
    if (!query)
        return query.error();
    Villages villages;
    GENGBAO_TRY(query->forEachRow([&villages](Statement &row) {
        villages.codes.insert(row.text(0));
        villages.codeByName[row.text(1)] = row.text(0);
        ++villages.nameCount[row.text(1)];
    }));
    return villages;
}

// A listed village that has no task row yet and gets 0 with no remarks: the export prints it so,
// and an unedited round trip must not record a change.
bool changesNothing(const TaskTable &table, const TaskUpdate &update)
{
    for (const VillageTask &village : table.villages) {
        if (village.code == update.village)
            return !village.taskSet && update.task == 0 &&
                   (!update.remarks || update.remarks->empty());
    }
    return false;
}

std::string problemsDetail(const std::vector<std::string> &problems)
{
    std::string detail = std::to_string(problems.size()) +
                         (problems.size() == 1 ? " problem" : " problems") +
                         ", nothing was changed: ";
    for (std::size_t i = 0; i < problems.size(); ++i)
        detail += (i ? "; " : "") + problems[i];
    return detail;
}

}  // namespace

Result<TaskFileSummary> importVillageTasks(Project &project, const std::string &path,
                                           std::int64_t programId)
{
    auto format = formatOf(path);
    if (!format)
        return format.error();
    auto rows = readRows(path, *format);
    if (!rows)
        return rows.error();
    auto columns = findColumns(*rows, path);
    if (!columns)
        return columns.error();
    auto villages = loadVillages(project.database());
    if (!villages)
        return villages.error();

    std::vector<TaskUpdate> updates;
    std::vector<std::string> problems;
    std::set<std::string> seen;
    for (std::size_t i = columns->headerIndex + 1; i < rows->size(); ++i) {
        const Row &row = (*rows)[i];
        const auto cell = [&row](int column) {
            return column >= 0 && std::size_t(column) < row.cells.size() ? row.cells[column]
                                                                         : Cell();
        };
        const std::string name(trimmedText(cell(columns->village).text));
        const std::string code(trimmedText(cell(columns->code).text));
        const Cell task = cell(columns->task);
        if (headingKey(cell(0).text) == "合计" || headingKey(name) == "合计")
            break;
        if (name.empty() && code.empty() && trimmedText(task.text).empty())
            continue;  // a blank row
        const std::string where = "row " + std::to_string(row.number);
        std::string villageCode;
        if (!code.empty()) {
            if (!villages->codes.count(code)) {
                problems.push_back(where + ": no village with code " + code);
                continue;
            }
            villageCode = code;
        } else if (villages->nameCount[name] == 1) {
            villageCode = villages->codeByName[name];
        } else {
            problems.push_back(where +
                               (villages->nameCount[name] > 1 ? ": several villages are named "
                                                              : ": no village ") +
                               name);
            continue;
        }
        if (!seen.insert(villageCode).second) {
            problems.push_back(where + ": " + (name.empty() ? code : name) + " is listed twice");
            continue;
        }
        auto centiMu = taskOf(task);
        if (!centiMu) {
            problems.push_back(where + ": task " + centiMu.error().detail);
            continue;
        }
        std::optional<std::string> remarks;
        if (columns->remarks >= 0)
            remarks = std::string(trimmedText(cell(columns->remarks).text));
        updates.push_back({villageCode, *centiMu, std::move(remarks)});
    }
    if (!problems.empty())
        return makeError(ErrorCode::InvalidArgument, path, problemsDetail(problems));
    if (updates.empty())
        return makeError(ErrorCode::EmptyLayer, path, "lists no village under its headings");

    auto table = loadTaskTable(project, programId);
    if (!table)
        return table.error();
    std::vector<TaskUpdate> changes;
    for (const TaskUpdate &update : updates) {
        if (!changesNothing(*table, update))
            changes.push_back(update);
    }
    if (changes.empty())  // nothing to write: not even the default plan gets stored
        return TaskFileSummary{static_cast<std::int64_t>(updates.size())};
    if (auto status = setVillageTasks(project, programId, changes); !status) {
        Error error = status.error();
        error.file = path;
        return error;
    }
    return TaskFileSummary{static_cast<std::int64_t>(updates.size())};
}

}  // namespace gengbao::core
