// SPDX-License-Identifier: GPL-3.0-or-later
#include "arguments.h"
#include "commands.h"
#include "output.h"

#include <core/ops/exportparcels.h>
#include <core/project.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace gengbao::cli {

int runExport(const std::vector<std::string> &args)
{
    const Arguments arguments(args, {"--format", "-o", "--output"}, {});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    const std::string &what = arguments.required(1, "what to export (parcels)");
    arguments.expectPositionalCount(2);
    if (what != "parcels")
        throw UsageError("unknown export '" + what + "' (known: parcels)");
    const std::string format = arguments.value("--format").value_or("json");
    if (format != "json" && format != "csv")
        throw UsageError("--format is json or csv for parcels, not '" + format + "'");
    const auto output = arguments.value("-o") ? arguments.value("-o") : arguments.value("--output");

    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    auto rows = core::loadParcelRows(**project);
    if (!rows)
        return fail(rows.error());
    const auto write = [&](std::ostream &stream) {
        return format == "json" ? core::writeParcelsJson(*rows, stream)
                                : core::writeParcelsCsv(*rows, stream);
    };
    if (!output || *output == "-") {
        auto status = write(std::cout);
        return status ? 0 : fail(status.error());
    }
    // Write beside the target and rename, so a failed export never leaves half a file.
    const std::string temporary = *output + ".part";
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        if (!file)
            return fail(core::makeError(core::ErrorCode::Io, *output, "cannot be written"));
        auto status = write(file);
        file.close();
        if (!status || !file) {
            std::remove(temporary.c_str());
            return fail(core::makeError(core::ErrorCode::Io, *output, "cannot be written"));
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, *output, ec);
    if (ec) {
        std::remove(temporary.c_str());
        return fail(
            core::makeError(core::ErrorCode::Io, *output, "cannot be written: " + ec.message()));
    }
    return 0;
}

}  // namespace gengbao::cli
