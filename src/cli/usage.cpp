// SPDX-License-Identifier: GPL-3.0-or-later
#include "usage.h"

#include <algorithm>
#include <vector>

namespace gengbao::cli {

namespace {

struct Form
{
    const char *commands;  // the command word, or several as "undo|redo"
    const char *text;      // its lines as --help prints them
};

// In the order --help lists them: the year's work from a new project to the payouts, then the
// map.
const std::vector<Form> &forms()
{
    static const std::vector<Form> table = {
        {"new",
         R"(  new PROJECT.gpkg --town NAME --year YYYY --target MU [--county NAME] [--crs EPSG:NNNN]
      Create a project file (a GeoPackage). Without --crs, the first import chooses the
      CGCS2000 3-degree Gauss-Kruger zone nearest the data. MU: mu with at most 2 decimals.
)"},
        {"import",
         R"(  import PROJECT.gpkg FILE [--layer NAME] [--batch LABEL] [--source county|village]
      [--encoding NAME] [--source-crs EPSG:NNNN] [--map FIELD=SOURCE_FIELD ...]
      Import candidate parcels (.shp, .gpkg, .geojson) as one batch. Prints a JSON summary.
)"},
        {"screen",
         R"(  screen PROJECT.gpkg [--redline FILE[:LAYER] ...] [--constraint KIND=FILE[:LAYER] ...]
      [--flag KIND=FILE[:LAYER] ...] [--dem FILE] [--max-slope DEG] [--tolerance M2]
      [--allow-terraces]
      Screen every parcel: slope above the limit (the plan's, 25° by default; from the DEM,
      else the parcel's slope grade), the ecological red line and other constraint layers (--constraint
      excludes, --flag only marks). Records the run; prints a JSON summary.
)"},
        {"runs", R"(  runs PROJECT.gpkg
      List the screening runs with their inputs, rules and counts (JSON).
)"},
        {"set-task", R"(  set-task PROJECT.gpkg VILLAGE MU [--remarks TEXT]
      Set a village's restoration task (VILLAGE: its name or 12-digit code; MU: 2 decimals).
)"},
        {"allocate",
         R"(  allocate PROJECT.gpkg --method proportional|floor-proportional [--floor MU] [--dry-run]
      Split the town target among the villages by eligible potential (exact to 0.01 mu; the
      tasks add up to the target). --dry-run only shows the proposal.
)"},
        {"print",
         R"(  print annex|payouts PROJECT.gpkg -o OUT.pdf [--text-font F] [--title-font F] [--heading-font F]
      Print the task breakdown annex (任务分解表) or the subsidy statement to PDF in the
      official layout (GB/T 9704).
)"},
        {"export", R"(  export PROJECT.gpkg payouts --format json|csv|xlsx [-o OUT]
      The year-end subsidy statement, exact to the fen, with the total in capital numerals.
)"},
        {"advance",
         R"(  advance PROJECT.gpkg PARCEL_ID STAGE [--date YYYY-MM-DD] [--note TEXT] [--doc NUMBER]
      [--reason TEXT] [--accepted-net-mu MU]
      Move a parcel to its next stage: selected, restoring, planted, evidence_submitted,
      verified, approved; rejected (with --reason) and back to restoring or planted; withdrawn.
)"},
        {"review",
         R"(  review PROJECT.gpkg PARCEL_ID reviewed|approved|rejected [--date D] [--doc NUMBER] [--reason T]
      A village proposal's review by the town, approval by the county, or rejection.
)"},
        {"report", R"(  report progress PROJECT.gpkg [--as-of DATE] --format json|csv
      Per village the net area per stage against the task and what is overdue; per parcel its
      overdue stages.
)"},
        {"audit", R"(  audit PROJECT.gpkg [--format json|csv]
      The audit log: every change, who, when, old and new value.
)"},
        {"undo|redo", R"(  undo|redo PROJECT.gpkg AUDIT_ID
      Undo a change (or redo an undo) by its audit log entry.
)"},
        {"export", R"(  export PROJECT.gpkg villages --format json|csv|xlsx [-o OUT]
      The village task table: potential, task, shortfall, remarks (XLSX: formatted for WPS
      and Excel, and readable back with import-tasks).
)"},
        {"import-tasks", R"(  import-tasks PROJECT.gpkg TASKS.xlsx|.csv|.ods
      Read edited tasks and remarks back; any bad row refuses the whole file.
)"},
        {"export", R"(  export PROJECT.gpkg parcels --format json|csv [-o OUT]
      Write every parcel with its areas, stage and screening verdict.
)"},
        {"export", R"(  export PROJECT.gpkg screening [--run N] --format json|csv [-o OUT]
      Write a screening run's per-parcel results (the current run unless --run N).
)"},
        {"render",
         R"(  render PROJECT.gpkg [--village NAME] [--colour-by eligibility|stage|village] --size WxH -o OUT.png
      Render the map view to an image; prints the render time in milliseconds on stderr.
)"},
        {"print",
         R"(  print map PROJECT.gpkg [--village NAME] [--paper A4|A3] [--orientation landscape|portrait]
      [--colour-by eligibility|stage|village] -o OUT.pdf
      Print a map sheet (title, legend, scale bar, north arrow, date) to PDF.
)"},
        {"add-layer",
         R"(  add-layer PROJECT.gpkg FILE[:LAYER] --kind village|redline|KIND [--name NAME] [--label-field F]
      Keep a reference layer in the project for the map (village boundaries, constraint layers).
)"},
        {"layers", R"(  layers PROJECT.gpkg
      List the project's reference layers (JSON).
)"},
        {"propose", R"(  propose PROJECT.gpkg --village VILLAGE --wkt 'POLYGON((...))' [--note TEXT]
      Add a polygon (project CRS) as a village proposal; it is screened with the current run's
      rules and inputs. Prints a JSON summary.
)"},
        {"sample", R"(  sample OUT.gpkg
      Write the bundled sample project (峨溶镇 2023).
)"},
    };
    return table;
}

// "undo|redo" -> undo, redo.
std::vector<std::string_view> commandsOf(const Form &form)
{
    std::vector<std::string_view> commands;
    std::string_view list = form.commands;
    for (std::size_t bar = list.find('|'); bar != std::string_view::npos; bar = list.find('|')) {
        commands.push_back(list.substr(0, bar));
        list.remove_prefix(bar + 1);
    }
    commands.push_back(list);
    return commands;
}

bool names(const Form &form, std::string_view command)
{
    const auto commands = commandsOf(form);
    return std::find(commands.begin(), commands.end(), command) != commands.end();
}

}  // namespace

std::string fullUsage()
{
    std::string text = "usage: gengbao-cli COMMAND ...\n\n";
    for (const Form &form : forms())
        text += form.text;
    return text + "  --version, --help\n";
}

std::optional<std::string> commandUsage(std::string_view command)
{
    std::string text;
    for (const Form &form : forms()) {
        if (names(form, command))
            text += form.text;
    }
    if (text.empty())
        return std::nullopt;
    return "usage:\n" + text + "gengbao-cli --help lists every command\n";
}

std::string commandNames()
{
    std::vector<std::string_view> seen;
    for (const Form &form : forms()) {
        for (const std::string_view command : commandsOf(form)) {
            if (std::find(seen.begin(), seen.end(), command) == seen.end())
                seen.push_back(command);
        }
    }
    std::string text;
    for (const std::string_view name : seen)
        text += (text.empty() ? "" : ", ") + std::string(name);
    return text;
}

}  // namespace gengbao::cli
