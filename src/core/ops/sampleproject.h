// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/progress.h"
#include "../base/result.h"
#include "importparcels.h"
#include "screenparcels.h"

#include <optional>
#include <string>

namespace gengbao::core {

// The bundled sample: the 峨溶镇 2023 restoration plan of the seed (秀山县, target 465.17 mu,
// EPSG:4545) with its county-issued candidate parcels (a GBK shapefile in data/sample/),
// screened against the sample's DEM and red line: its eligible potential per village is the
// plan's 潜力图斑面积 column.
struct SampleProjectResult
{
    std::string path;
    ImportSummary parcels;
    ScreeningSummary screening;
};

// The folder holding sample/potential_2023.shp: $GENGBAO_DATA_DIR, the source tree's data/
// (for a build tree), or <bin>/../share/gengbao/data (installed).
std::optional<std::string> locateDataDir(const std::string &executablePath);

// Writes the sample project to a new file; one transaction per step, and the file is removed
// again if a step fails, so a failed run leaves nothing behind.
Result<SampleProjectResult> createSampleProject(const std::string &path, const std::string &dataDir,
                                                Progress &progress);

}  // namespace gengbao::core
