// SPDX-License-Identifier: GPL-3.0-or-later
#include "arguments.h"
#include "commands.h"
#include "output.h"

#include <core/ops/importparcels.h>
#include <core/project.h>

#include <iostream>

namespace gengbao::cli {

int runImport(const std::vector<std::string> &args)
{
    const Arguments arguments(
        args, {"--layer", "--batch", "--source", "--encoding", "--source-crs", "--map"}, {});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    const std::string &file = arguments.required(1, "FILE to import");
    arguments.expectPositionalCount(2);

    core::ImportRequest request;
    request.path = file;
    request.layer = arguments.value("--layer");
    request.batchLabel = arguments.value("--batch").value_or("");
    request.encoding = arguments.value("--encoding");
    if (const auto source = arguments.value("--source")) {
        const auto parsed = core::parseSource(*source);
        if (!parsed)
            throw UsageError("--source is county or village, not '" + *source + "'");
        request.source = *parsed;
    }
    if (const auto crs = arguments.value("--source-crs")) {
        request.sourceEpsg = parseEpsg(*crs);
        if (!request.sourceEpsg)
            throw UsageError("--source-crs needs an EPSG code such as EPSG:4545");
    }
    for (const std::string &mapping : arguments.values("--map")) {
        const auto equals = mapping.find('=');
        if (equals == std::string::npos || equals == 0 || equals + 1 == mapping.size())
            throw UsageError("--map needs FIELD=SOURCE_FIELD, e.g. --map TBMJ=MJ");
        request.fieldOverrides[mapping.substr(0, equals)] = mapping.substr(equals + 1);
    }

    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    TerminalProgress progress;
    auto summary = core::importParcels(**project, request, progress);
    if (!summary)
        return fail(summary.error());
    std::cout << toJson(*summary).dump(2) << "\n";
    if (summary->counts.imported == 0 && summary->counts.rejected > 0) {
        // Every feature was refused: that is an error for a script, with the first reason.
        std::string first;
        for (const auto &issue : summary->issues) {
            if (issue.severity == core::Issue::Severity::Error) {
                first = issue.detail;
                break;
            }
        }
        return fail(core::makeError(core::ErrorCode::Damaged, file,
                                    "none of its " + std::to_string(summary->counts.read) +
                                        " features could be imported (" + first + ")"));
    }
    return 0;
}

}  // namespace gengbao::cli
