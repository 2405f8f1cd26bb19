// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"

#include <filesystem>
#include <optional>
#include <string>

// Whole-file checks of a shapefile before OGR reads it: GDAL reports a missing .dbf or a
// truncated .shp in different ways (sometimes only as NULL geometries part-way through), so the
// headers' own sizes and record counts are checked against the files first.
namespace gengbao::core::shapefile {

// X.cpg, X.CPG, ... next to X.shp, if present.
std::optional<std::filesystem::path> companionPath(const std::string &shpPath,
                                                   const char *extension);

// The .shx and .dbf exist; no file is shorter than its header says; .shx and .dbf agree on the
// number of records.
Status checkFiles(const std::string &shpPath);

}  // namespace gengbao::core::shapefile
