// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/issue.h"
#include "../base/progress.h"
#include "../base/result.h"
#include "../db/gpkg.h"
#include "mapdata.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace gengbao::core {

class Database;
class Project;

// Reference layers kept in the project (schema v5) so that the map can draw them without the
// original files: the constraint layers of the latest screening (stored by screenParcels in its
// own transaction, replacing the earlier copy of the same kind) and layers the officer imports,
// such as village boundaries. A GeoPackage feature table, so QGIS shows them too.
struct ReferenceLayerRequest
{
    std::string path;
    std::string layerName;  // empty: the file's only polygon layer
    // "village" for village boundaries, else a constraint kind ("redline", ...); stored as
    // reasonForKind(kind), so a red line named 生态保护红线 (as screening names it) is "redline".
    std::string kind;
    std::string name;        // empty: the file name without its extension
    std::string labelField;  // for "village": the field with the village name (found when empty)
    std::string user;        // default: the login name
};

struct ReferenceLayerInfo
{
    std::int64_t id = 0;
    std::string kind, name, sourcePath, importedAt;
    std::int64_t featureCount = 0;
    std::string sourceLayer, sha256;
    std::vector<Issue> issues;  // features repaired or skipped by the import (not stored)
};

// Imports a polygon layer, reprojected to the project CRS, replacing an earlier layer of the same
// kind. Bad files are refused with one line naming the file; nothing changes. One transaction.
Result<ReferenceLayerInfo>
importReferenceLayer(Project &project, const ReferenceLayerRequest &request, Progress &progress);
Result<std::vector<ReferenceLayerInfo>> listReferenceLayers(Project &project);
// The stored layers as map layers (for loadMapData), in the order they were stored.
Result<std::vector<MapLayer>> loadReferenceLayers(Project &project);

// A layer's features ready to store, as screening has its constraint layers: GeoPackage
// geometries (MultiPolygon, project CRS) with their envelopes, and a label per feature or none.
struct ReferenceLayerFeatures
{
    std::string kind, name, sourcePath, sourceLayer, sha256;
    std::span<const std::vector<unsigned char>> blobs;
    std::span<const gpkg::Envelope> envelopes;
    std::span<const std::string> labels;  // empty, or one per feature
};
// Stores the layers inside the caller's transaction, replacing every stored layer of their kinds
// (two layers of one kind given together are both kept). Returns the new layers' ids, in order.
Result<std::vector<std::int64_t>>
replaceReferenceLayers(Database &db, std::span<const ReferenceLayerFeatures> layers,
                       const std::string &user);

}  // namespace gengbao::core
