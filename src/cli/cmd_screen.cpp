// SPDX-License-Identifier: GPL-3.0-or-later
#include "arguments.h"
#include "commands.h"
#include "output.h"

#include <core/ops/plans.h>
#include <core/ops/screeningstore.h>
#include <core/ops/screenparcels.h>
#include <core/project.h>

#include <iostream>
#include <optional>

namespace gengbao::cli {

namespace {

void splitLayer(const std::string &text, core::ConstraintSpec &spec)
{
    FileAndLayer file = splitFileAndLayer(text);
    spec.path = std::move(file.path);
    spec.layer = std::move(file.layer);
}

// KIND=FILE[:LAYER]
core::ConstraintSpec kindAndFile(const std::string &option, const std::string &text,
                                 core::ConstraintAction action)
{
    const auto equals = text.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == text.size())
        throw UsageError(option + " needs KIND=FILE, e.g. " + option + " 城镇开发边界=czkfbj.shp");
    core::ConstraintSpec spec;
    spec.kind = text.substr(0, equals);
    spec.action = action;
    splitLayer(text.substr(equals + 1), spec);
    return spec;
}

// --max-slope: above 0° and below 90°, as the plan's rule.
std::optional<double> slopeOption(const Arguments &arguments)
{
    const auto text = arguments.value("--max-slope");
    if (!text)
        return std::nullopt;
    const char *expected = "a slope in degrees above 0 and below 90, such as 25";
    const double value = decimalValue("--max-slope", *text, expected);
    if (!(value > 0.0 && value < 90.0))
        throw UsageError(std::string("--max-slope is ") + expected + ", not '" + *text + "'");
    return value;
}

// --tolerance: 0 to 10000 m², the plan dialog's limit (beyond 1 ha an overlap is not a sliver of
// digitising).
std::optional<double> toleranceOption(const Arguments &arguments)
{
    const auto text = arguments.value("--tolerance");
    if (!text)
        return std::nullopt;
    const char *expected = "an area in m² from 0 to 10000, such as 1";
    const double value = decimalValue("--tolerance", *text, expected);
    if (value > 10'000.0)
        throw UsageError(std::string("--tolerance is ") + expected + ", not '" + *text + "'");
    return value;
}

}  // namespace

int runScreen(const std::vector<std::string> &args)
{
    const Arguments arguments(
        args, {"--redline", "--constraint", "--flag", "--dem", "--max-slope", "--tolerance"},
        {"--allow-terraces"});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    arguments.expectPositionalCount(1);
    const auto maxSlope = slopeOption(arguments);
    const auto tolerance = toleranceOption(arguments);

    core::ScreeningRequest request;
    request.demPath = arguments.value("--dem");
    for (const std::string &file : arguments.values("--redline")) {
        core::ConstraintSpec spec;
        splitLayer(file, spec);
        request.constraints.push_back(std::move(spec));
    }
    for (const std::string &text : arguments.values("--constraint"))
        request.constraints.push_back(
            kindAndFile("--constraint", text, core::ConstraintAction::Exclude));
    for (const std::string &text : arguments.values("--flag"))
        request.constraints.push_back(kindAndFile("--flag", text, core::ConstraintAction::Flag));
    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    // The plan's rules are the defaults; options override them for this run.
    auto plan = core::loadPlan(**project);
    if (!plan)
        return fail(plan.error());
    core::ProgramRules planRules;
    if (const core::Program *restoration = plan->restoration())
        planRules = restoration->rules;
    request.rules.maxSlopeDeg = maxSlope.value_or(planRules.maxSlopeDeg);
    request.rules.overlapToleranceM2 = tolerance.value_or(planRules.overlapToleranceM2);
    request.rules.allowTerraces = arguments.flag("--allow-terraces") || planRules.allowTerraces;
    TerminalProgress progress;
    auto summary = core::screenParcels(**project, request, progress);
    if (!summary)
        return fail(summary.error());
    nlohmann::ordered_json out = core::screeningSummaryJson(*summary);
    out["issues"] = toJson(summary->issues);
    std::cout << out.dump(2) << "\n";
    return 0;
}

int runRuns(const std::vector<std::string> &args)
{
    const Arguments arguments(args, {}, {});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    arguments.expectPositionalCount(1);
    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    auto runs = core::listScreeningRuns(**project);
    if (!runs)
        return fail(runs.error());
    auto out = nlohmann::ordered_json::array();
    for (const auto &run : *runs)
        out.push_back(core::screeningSummaryJson(run));
    std::cout << out.dump(2) << "\n";
    return 0;
}

}  // namespace gengbao::cli
