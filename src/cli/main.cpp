// SPDX-License-Identifier: GPL-3.0-or-later
// gengbao-cli: the core operations for batch work and scripts. Machine-readable output on
// stdout, one-line errors on stderr, non-zero exit status on any error.

#include "arguments.h"
#include "commands.h"

#include <gdal.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace gengbao::cli {
std::string gExecutablePath;  // for locating the bundled sample data
}

namespace {

constexpr const char *kUsage = R"(usage: gengbao-cli COMMAND ...

  new PROJECT.gpkg --town NAME --year YYYY --target MU [--county NAME] [--crs EPSG:NNNN]
      Create a project file (a GeoPackage). Without --crs, the first import chooses the
      CGCS2000 3-degree Gauss-Kruger zone nearest the data.
  import PROJECT.gpkg FILE [--layer NAME] [--batch LABEL] [--source county|village]
      [--encoding NAME] [--source-crs EPSG:NNNN] [--map FIELD=SOURCE_FIELD ...]
      Import candidate parcels (.shp, .gpkg, .geojson) as one batch. Prints a JSON summary.
  screen PROJECT.gpkg [--redline FILE[:LAYER] ...] [--constraint KIND=FILE[:LAYER] ...]
      [--flag KIND=FILE[:LAYER] ...] [--dem FILE] [--max-slope DEG] [--tolerance M2]
      [--allow-terraces]
      Screen every parcel: slope above the limit (the plan's, 25° by default; from the DEM,
      else the parcel's slope grade), the ecological red line and other constraint layers (--constraint
      excludes, --flag only marks). Records the run; prints a JSON summary.
  runs PROJECT.gpkg
      List the screening runs with their inputs, rules and counts (JSON).
  set-task PROJECT.gpkg VILLAGE MU [--remarks TEXT]
      Set a village's restoration task (VILLAGE: its name or 12-digit code; MU: 2 decimals).
  allocate PROJECT.gpkg --method proportional|floor-proportional [--floor MU] [--dry-run]
      Split the town target among the villages by eligible potential (exact to 0.01 mu; the
      tasks add up to the target). --dry-run only shows the proposal.
  print annex|payouts PROJECT.gpkg -o OUT.pdf [--text-font F] [--title-font F] [--heading-font F]
      Print the task breakdown annex (任务分解表) or the subsidy statement to PDF in the
      official layout (GB/T 9704).
  export PROJECT.gpkg payouts --format json|csv|xlsx [-o OUT]
      The year-end subsidy statement, exact to the fen, with the total in capital numerals.
  advance PROJECT.gpkg PARCEL_ID STAGE [--date YYYY-MM-DD] [--note TEXT] [--doc NUMBER]
      [--reason TEXT] [--accepted-net-mu MU]
      Move a parcel to its next stage: selected, restoring, planted, evidence_submitted,
      verified, approved; rejected (with --reason) and back to restoring or planted; withdrawn.
  review PROJECT.gpkg PARCEL_ID reviewed|approved|rejected [--date D] [--doc NUMBER] [--reason T]
      A village proposal's review by the town, approval by the county, or rejection.
  report progress PROJECT.gpkg [--as-of DATE] --format json|csv
      Per village the net area per stage against the task and what is overdue; per parcel its
      overdue stages.
  audit PROJECT.gpkg [--format json|csv]
      The audit log: every change, who, when, old and new value.
  undo|redo PROJECT.gpkg AUDIT_ID
      Undo a change (or redo an undo) by its audit log entry.
  export PROJECT.gpkg villages --format json|csv|xlsx [-o OUT]
      The village task table: potential, task, shortfall, remarks (XLSX: formatted for WPS
      and Excel, and readable back with import-tasks).
  import-tasks PROJECT.gpkg TASKS.xlsx|.csv|.ods
      Read edited tasks and remarks back; any bad row refuses the whole file.
  export PROJECT.gpkg parcels --format json|csv [-o OUT]
      Write every parcel with its areas, stage and screening verdict.
  export PROJECT.gpkg screening [--run N] --format json|csv [-o OUT]
      Write a screening run's per-parcel results (the current run unless --run N).
  render PROJECT.gpkg [--village NAME] [--colour-by eligibility|stage|village] --size WxH -o OUT.png
      Render the map view to an image; prints the render time in milliseconds on stderr.
  print map PROJECT.gpkg [--village NAME] [--paper A4|A3] [--orientation landscape|portrait]
      [--colour-by eligibility|stage|village] -o OUT.pdf
      Print a map sheet (title, legend, scale bar, north arrow, date) to PDF.
  add-layer PROJECT.gpkg FILE[:LAYER] --kind village|redline|KIND [--name NAME] [--label-field F]
      Keep a reference layer in the project for the map (village boundaries, constraint layers).
  layers PROJECT.gpkg
      List the project's reference layers (JSON).
  propose PROJECT.gpkg --village VILLAGE --wkt 'POLYGON((...))' [--note TEXT]
      Add a polygon (project CRS) as a village proposal; it is screened with the current run's
      rules and inputs. Prints a JSON summary.
  sample OUT.gpkg
      Write the bundled sample project (峨溶镇 2023).
  --version, --help
)";

}  // namespace

int main(int argc, char **argv)
{
    GDALAllRegister();
    {
        std::error_code ec;  // argv[0] may be a bare name found on PATH
        const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
        gengbao::cli::gExecutablePath = !ec ? self.string() : (argc > 0 ? argv[0] : "");
    }
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::cout << "gengbao-cli 0.1.0\n";
        return 0;
    }
    const std::string command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
        if (command == "new")
            return gengbao::cli::runNew(rest);
        if (command == "import")
            return gengbao::cli::runImport(rest);
        if (command == "export")
            return gengbao::cli::runExport(rest);
        if (command == "sample")
            return gengbao::cli::runSample(rest);
        if (command == "screen")
            return gengbao::cli::runScreen(rest);
        if (command == "runs")
            return gengbao::cli::runRuns(rest);
        if (command == "set-task")
            return gengbao::cli::runSetTask(rest);
        if (command == "allocate")
            return gengbao::cli::runAllocate(rest);
        if (command == "import-tasks")
            return gengbao::cli::runImportTasks(rest);
        if (command == "advance")
            return gengbao::cli::runAdvance(rest);
        if (command == "review")
            return gengbao::cli::runReview(rest);
        if (command == "report")
            return gengbao::cli::runReport(rest);
        if (command == "audit")
            return gengbao::cli::runAudit(rest);
        if (command == "render")
            return gengbao::cli::runRender(rest);
        if (command == "print" && !rest.empty() && rest[0] == "map")
            return gengbao::cli::runPrintMap({rest.begin() + 1, rest.end()});
        if (command == "print")
            return gengbao::cli::runPrint(rest);
        if (command == "add-layer")
            return gengbao::cli::runAddLayer(rest);
        if (command == "layers")
            return gengbao::cli::runLayers(rest);
        if (command == "propose")
            return gengbao::cli::runPropose(rest);
        if (command == "undo" || command == "redo")
            return gengbao::cli::runUndoRedo(rest, command == "undo");
        throw gengbao::cli::UsageError("unknown command '" + command + "'");
    } catch (const gengbao::cli::UsageError &error) {
        std::cerr << "gengbao-cli: " << error.what() << "\n" << kUsage;
        return 2;
    } catch (const std::exception &error) {
        std::cerr << "gengbao-cli: " << error.what() << "\n";
        return 1;
    }
}
