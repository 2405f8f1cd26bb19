// SPDX-License-Identifier: GPL-3.0-or-later
#include "arguments.h"
#include "commands.h"
#include "output.h"

#include <core/ops/plans.h>
#include <core/ops/villagetaskfile.h>
#include <core/project.h>

#include <iostream>

namespace gengbao::cli {

int runSetTask(const std::vector<std::string> &args)
{
    const Arguments arguments(args, {"--remarks"}, {});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    const std::string &village = arguments.required(1, "VILLAGE (name or 12-digit code)");
    const std::string &mu = arguments.required(2, "MU");
    arguments.expectPositionalCount(3);
    const std::int64_t task = centiMuValue("MU", mu);
    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    auto status = core::setVillageTask(**project, 0, village, task, arguments.value("--remarks"));
    if (!status) {
        core::Error error = status.error();
        error.file = projectPath;
        return fail(error);
    }
    auto table = core::loadTaskTable(**project);
    if (!table)
        return fail(table.error());
    std::cout << toJson(*table).dump(2) << "\n";
    return 0;
}

int runAllocate(const std::vector<std::string> &args)
{
    const Arguments arguments(args, {"--method", "--floor"}, {"--dry-run"});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    arguments.expectPositionalCount(1);
    const std::string method = arguments.value("--method").value_or("proportional");
    core::AllocationMethod allocationMethod;
    if (method == "proportional")
        allocationMethod = core::AllocationMethod::Proportional;
    else if (method == "floor-proportional")
        allocationMethod = core::AllocationMethod::FloorProportional;
    else
        throw UsageError("--method is proportional or floor-proportional, not '" + method + "'");
    const auto floorText = arguments.value("--floor");
    if (floorText && allocationMethod != core::AllocationMethod::FloorProportional)
        throw UsageError("--floor goes with --method floor-proportional");
    if (!floorText && allocationMethod == core::AllocationMethod::FloorProportional)
        throw UsageError("--method floor-proportional needs --floor MU");
    const std::int64_t floor = floorText ? centiMuValue("--floor", *floorText) : 0;

    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    auto preview = arguments.flag("--dry-run")
                       ? core::proposeAllocation(**project, 0, allocationMethod, floor)
                       : core::applyAllocation(**project, 0, allocationMethod, floor);
    if (!preview) {
        core::Error error = preview.error();
        error.file = projectPath;
        return fail(error);
    }
    nlohmann::ordered_json out;
    out["method"] = method;
    out["applied"] = !arguments.flag("--dry-run");
    auto villages = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < preview->codes.size(); ++i) {
        villages.push_back({{"village", preview->names[i]},
                            {"village_code", preview->codes[i]},
                            {"potential_mu", muNumber(preview->potentials[i])},
                            {"task_mu", muNumber(preview->allocation.tasks[i])}});
    }
    out["villages"] = std::move(villages);
    out["warnings"] = preview->allocation.warnings;
    std::cout << out.dump(2) << "\n";
    for (const std::string &warning : preview->allocation.warnings)
        std::cerr << projectPath << ": " << warning << "\n";
    return 0;
}

int runImportTasks(const std::vector<std::string> &args)
{
    const Arguments arguments(args, {}, {});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    const std::string &file = arguments.required(1, "FILE (.xlsx, .ods or .csv)");
    arguments.expectPositionalCount(2);
    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    auto imported = core::importVillageTasks(**project, file);
    if (!imported)
        return fail(imported.error());
    auto table = core::loadTaskTable(**project);
    if (!table)
        return fail(table.error());
    std::cout << toJson(*table).dump(2) << "\n";
    return 0;
}

}  // namespace gengbao::cli
