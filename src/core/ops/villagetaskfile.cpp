// SPDX-License-Identifier: GPL-3.0-or-later
#include "villagetaskfile.h"

#include "../base/strings.h"
#include "../db/statement.h"
#include "../geo/handles.h"
#include "../project.h"
#include "plans.h"

#include <cpl_string.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace gengbao::core {

namespace {

namespace fs = std::filesystem;

std::string trim(std::string text)
{
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && blank(text.back()))
        text.pop_back();
    std::size_t start = 0;
    while (start < text.size() && blank(text[start]))
        ++start;
    // A full-width space (U+3000) pads Chinese headings such as "村  居".
    std::string out;
    for (std::size_t i = start; i < text.size(); ++i) {
        if (text.compare(i, 3, "\xE3\x80\x80") == 0) {
            i += 2;
            continue;
        }
        if (text[i] != ' ')
            out += text[i];
    }
    return out;
}

// The headings the exported file has, and the usual alternatives.
int columnOf(const std::vector<std::string> &cells, std::initializer_list<const char *> names)
{
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string cell = toUpperAscii(trim(cells[i]));
        for (const char *name : names) {
            if (cell == toUpperAscii(name))
                return static_cast<int>(i);
        }
    }
    return -1;
}

// A task from a cell: "115.17", or a computed 115.17000000000002 that is 2 decimals in truth.
std::optional<std::int64_t> taskOf(const std::string &text, std::string &why)
{
    if (auto exact = parseCentiMu(text))
        return *exact;
    char *end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(value)) {
        why = "task '" + text + "' is not a number";
        return std::nullopt;
    }
    if (value < 0) {
        why = "task " + text + " is negative";
        return std::nullopt;
    }
    const double hundredths = value * 100.0;
    if (std::fabs(hundredths - std::round(hundredths)) > 1e-6) {
        why = "task " + text + " has more than 2 decimals";
        return std::nullopt;
    }
    return static_cast<std::int64_t>(std::llround(hundredths));
}

struct Row
{
    std::int64_t number;
    std::vector<std::string> cells;
};

Result<std::vector<Row>> readRows(const std::string &path)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        return makeError(ErrorCode::FileNotFound, path, "no such file");
    const std::string extension = toUpperAscii(fs::path(path).extension().string());
    CPLStringList options;
    const char *driver = nullptr;
    if (extension == ".XLSX" || extension == ".ODS") {
        driver = extension == ".XLSX" ? "XLSX" : "ODS";
        options.SetNameValue("HEADERS", "DISABLE");
        options.SetNameValue("FIELD_TYPES", "STRING");
    } else if (extension == ".CSV") {
        driver = "CSV";
        options.SetNameValue("HEADERS", "NO");
    } else {
        return makeError(ErrorCode::UnsupportedFormat, path,
                         "unsupported file type (expected .xlsx, .ods or .csv)");
    }
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
    std::vector<Row> rows;
    for (FeaturePtr feature(OGR_L_GetNextFeature(layer)); feature;
         feature.reset(OGR_L_GetNextFeature(layer))) {
        Row row{OGR_F_GetFID(feature.get()), {}};
        const int count = OGR_F_GetFieldCount(feature.get());
        for (int i = 0; i < count; ++i)
            row.cells.emplace_back(OGR_F_IsFieldSetAndNotNull(feature.get(), i)
                                       ? OGR_F_GetFieldAsString(feature.get(), i)
                                       : "");
        rows.push_back(std::move(row));
    }
    if (capture.hasFailure())
        return makeError(ErrorCode::Damaged, path, "is damaged: " + capture.lastFailure());
    return rows;
}

}  // namespace

Result<TaskFileSummary> importVillageTasks(Project &project, const std::string &path,
                                           std::int64_t programId)
{
    auto rows = readRows(path);
    if (!rows)
        return rows.error();
    // The header row: the first with a village and a task heading.
    std::size_t headerIndex = rows->size();
    int villageColumn = -1, taskColumn = -1, codeColumn = -1, remarksColumn = -1;
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const auto &cells = (*rows)[i].cells;
        villageColumn = columnOf(cells, {"村居", "村居名称", "村名", "村", "village"});
        taskColumn = columnOf(cells, {"任务数", "任务", "任务面积", "task_mu", "task"});
        if (villageColumn >= 0 && taskColumn >= 0) {
            headerIndex = i;
            codeColumn = columnOf(cells, {"村居代码", "村代码", "village_code"});
            remarksColumn = columnOf(cells, {"备注", "remarks"});
            break;
        }
    }
    if (headerIndex == rows->size())
        return makeError(ErrorCode::InvalidArgument, path,
                         "has no row with the headings 村居 and 任务数 (the columns of the "
                         "exported task table)");

    Database &db = project.database();
    std::map<std::string, std::string> codeByName;
    std::map<std::string, int> nameCount;
    std::set<std::string> codes;
    {
        auto villages = db.prepare("SELECT code, name FROM villages");
        if (!villages)
            return villages.error();
        GENGBAO_TRY(villages->forEachRow([&](Statement &row) {
            codes.insert(row.text(0));
            codeByName[row.text(1)] = row.text(0);
            ++nameCount[row.text(1)];
        }));
    }
    struct Update
    {
        std::string code;
        std::int64_t task;
        std::optional<std::string> remarks;
    };
    std::vector<Update> updates;
    std::vector<std::string> problems;
    std::set<std::string> seen;
    for (std::size_t i = headerIndex + 1; i < rows->size(); ++i) {
        const Row &row = (*rows)[i];
        const auto cell = [&row](int column) {
            return column >= 0 && std::size_t(column) < row.cells.size() ? trim(row.cells[column])
                                                                         : std::string();
        };
        const std::string name = cell(villageColumn);
        const std::string code = cell(codeColumn);
        const std::string first = row.cells.empty() ? std::string() : trim(row.cells.front());
        if (first == "合计" || name == "合计")
            break;
        if (name.empty() && code.empty() && cell(taskColumn).empty())
            continue;  // a blank row
        const std::string where = "row " + std::to_string(row.number);
        std::string villageCode;
        if (!code.empty()) {
            if (!codes.count(code)) {
                problems.push_back(where + ": no village with code " + code);
                continue;
            }
            villageCode = code;
        } else if (nameCount[name] == 1) {
            villageCode = codeByName[name];
        } else {
            problems.push_back(
                where + (nameCount[name] > 1 ? ": several villages are named " : ": no village ") +
                name);
            continue;
        }
        if (!seen.insert(villageCode).second) {
            problems.push_back(where + ": " + (name.empty() ? code : name) + " is listed twice");
            continue;
        }
        std::string why;
        const auto task = taskOf(cell(taskColumn), why);
        if (!task) {
            problems.push_back(where + ": " + why);
            continue;
        }
        updates.push_back(
            {villageCode, *task,
             remarksColumn >= 0 ? std::optional<std::string>(cell(remarksColumn)) : std::nullopt});
    }
    if (!problems.empty()) {
        std::string detail = std::to_string(problems.size()) +
                             (problems.size() == 1 ? " problem" : " problems") +
                             ", nothing was changed: ";
        for (std::size_t i = 0; i < problems.size(); ++i)
            detail += (i ? "; " : "") + problems[i];
        return makeError(ErrorCode::InvalidArgument, path, detail);
    }
    if (updates.empty())
        return makeError(ErrorCode::EmptyLayer, path, "lists no village under its headings");

    std::vector<TaskUpdate> tasks;
    for (const Update &update : updates)
        tasks.push_back({update.code, update.task, update.remarks});
    if (auto status = setVillageTasks(project, programId, tasks); !status) {
        Error error = status.error();
        error.file = path;
        return error;
    }
    return TaskFileSummary{static_cast<std::int64_t>(updates.size())};
}

}  // namespace gengbao::core
