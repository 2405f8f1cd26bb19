// SPDX-License-Identifier: GPL-3.0-or-later
#include "arguments.h"
#include "commands.h"
#include "output.h"

#include <core/base/strings.h>
#include <core/project.h>

#include <iostream>

namespace gengbao::cli {

int runNew(const std::vector<std::string> &args)
{
    const Arguments arguments(args, {"--town", "--county", "--year", "--target", "--crs"}, {});
    const std::string &path = arguments.required(0, "PROJECT.gpkg");
    arguments.expectPositionalCount(1);

    core::ProjectSettings settings;
    settings.town = arguments.value("--town").value_or("");
    settings.county = arguments.value("--county").value_or("");
    if (settings.town.empty())
        throw UsageError("--town is required");
    const auto year = core::parseNumber(arguments.value("--year").value_or(""));
    if (!year || *year != static_cast<int>(*year))
        throw UsageError("--year needs a year such as 2023");
    settings.year = static_cast<int>(*year);
    const auto target = core::parseNumber(arguments.value("--target").value_or(""));
    if (!target || *target < 0)
        throw UsageError("--target needs the town's restoration target in mu, e.g. 465.17");
    settings.targetMu = *target;
    if (const auto crs = arguments.value("--crs")) {
        settings.crsEpsg = parseEpsg(*crs);
        if (!settings.crsEpsg)
            throw UsageError("--crs needs an EPSG code such as EPSG:4545");
    }

    auto project = core::Project::create(path, settings);
    if (!project)
        return fail(project.error());
    const core::ProjectSettings &saved = (*project)->settings();
    nlohmann::ordered_json out;
    out["project"] = path;
    out["town"] = saved.town;
    out["county"] = saved.county;
    out["year"] = saved.year;
    out["target_mu"] = saved.targetMu;
    out["crs"] =
        saved.crsEpsg ? nlohmann::ordered_json("EPSG:" + std::to_string(*saved.crsEpsg)) : nullptr;
    std::cout << out.dump(2) << "\n";
    return 0;
}

}  // namespace gengbao::cli
