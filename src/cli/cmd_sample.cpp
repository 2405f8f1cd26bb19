// SPDX-License-Identifier: GPL-3.0-or-later
#include "arguments.h"
#include "commands.h"
#include "output.h"

#include <core/ops/sampleproject.h>
#include <core/ops/screeningstore.h>

#include <iostream>

namespace gengbao::cli {

extern std::string gExecutablePath;

int runSample(const std::vector<std::string> &args)
{
    const Arguments arguments(args, {}, {});
    const std::string &path = arguments.required(0, "OUT.gpkg");
    arguments.expectPositionalCount(1);
    const auto dataDir = core::locateDataDir(gExecutablePath);
    if (!dataDir) {
        return fail(core::makeError(core::ErrorCode::FileNotFound, "sample/potential_2023.shp",
                                    "the bundled sample data was not found; set GENGBAO_DATA_DIR "
                                    "to the data/ folder of the source tree"));
    }
    TerminalProgress progress;
    auto sample = core::createSampleProject(path, *dataDir, progress);
    if (!sample)
        return fail(sample.error());
    nlohmann::ordered_json out;
    out["project"] = sample->path;
    out["parcels"] = toJson(sample->parcels);
    out["screening"] = core::screeningSummaryJson(sample->screening);
    std::cout << out.dump(2) << "\n";
    return 0;
}

}  // namespace gengbao::cli
