// SPDX-License-Identifier: GPL-3.0-or-later
#include "arguments.h"
#include "commands.h"
#include "output.h"

#include <core/project.h>

#include <algorithm>
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
    const auto year = arguments.value("--year");
    if (!year)
        throw UsageError("--year is required: the plan's year, such as 2023");
    settings.year = static_cast<int>(std::min<std::int64_t>(
        positiveIntegerValue("--year", *year, "a year such as 2023"), 1'000'000));
    if (settings.year < 2000 || settings.year > 2100)
        throw UsageError("--year is a year from 2000 to 2100, not '" + *year + "'");
    const auto target = arguments.value("--target");
    if (!target)
        throw UsageError("--target is required: the town's restoration target in mu, e.g. 465.17");
    // Hundredths of a mu, exact: the nearest double to a 2-decimal figure prints as that figure.
    settings.targetMu = double(centiMuValue("--target", *target)) / 100.0;
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
