// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/issue.h"
#include "../base/progress.h"
#include "../base/result.h"
#include "../geo/packedrtree.h"
#include "../geo/polygonset.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gengbao::core {

class Project;

// One reference layer drawn under or over the parcels: the red line, another constraint layer, or
// the village boundaries. Geometry in the project CRS.
struct MapLayer
{
    std::int64_t id = 0;
    std::string kind;  // "redline", "town_boundary", ..., "village" for village boundaries
    std::string name;  // what the officer called it (the file's name by default)
    std::shared_ptr<const PolygonSet> shapes;
    std::vector<std::string> labels;  // per shape (village names for "village"); may be empty
};

// A hillshade of the DEM of the current screening run, resampled to the project CRS, north up.
struct Hillshade
{
    int width = 0, height = 0;
    std::vector<std::uint8_t> grey;  // row-major, top row first; 0 = no data (drawn transparent)
    Box extent;                      // the outer edges of the grid, project CRS
};

// Everything the map draws, as an immutable snapshot (architecture.md "The map canvas"). Built
// once per data version, off the GUI thread, and shared read-only with render workers.
struct MapData
{
    int epsg = 0;
    // Parcels in fid order, index-aligned with loadParcelRows() (both are ordered by fid), so a
    // map item i and table row i are the same parcel.
    std::shared_ptr<const PolygonSet> parcels;
    std::vector<std::int64_t> fids;
    std::shared_ptr<const PackedRTree> index;  // over parcels->boxes()
    std::vector<MapLayer> layers;
    std::optional<Hillshade> hillshade;
    // Problems that did not stop the load, for the UI to show: the run's DEM exists but can no
    // longer be read, so the map has no hillshade (code "hillshade_unavailable").
    std::vector<Issue> issues;

    // Parcels and layers together (the full extent of the map); empty when there is nothing.
    Box extent() const;
    std::optional<std::size_t> itemOfFid(std::int64_t fid) const;  // binary search over fids
};

struct MapDataOptions
{
    bool hillshade = true;          // compute it when the current run used a DEM that still exists
    int hillshadeMaxPixels = 2048;  // on the longer side
};

Result<MapData> loadMapData(Project &project, const MapDataOptions &options, Progress &progress);

// The hillshade step of loadMapData on its own, over mapExtent (with a margin): a caller may load
// the map with options.hillshade false, show the parcels, and add the hillshade when this returns,
// since warping a county DEM takes seconds. No hillshade and no error when the current run used
// no DEM or its file is gone; an issue when the file exists but cannot be read. Cancellable.
struct HillshadeResult
{
    std::optional<Hillshade> hillshade;
    std::vector<Issue> issues;
};
Result<HillshadeResult> loadHillshade(Project &project, const Box &mapExtent,
                                      const MapDataOptions &options, Progress &progress);

// Hit testing and snapping, in project CRS metres (the canvas converts pixels to metres).
// The parcel under (x, y): inside it, or within `tolerance` of its edge; the nearest wins.
std::optional<std::size_t> parcelAt(const MapData &map, double x, double y, double tolerance);
// Parcels whose polygon intersects the box (not only their bbox), in item order.
std::vector<std::size_t> parcelsIn(const MapData &map, const Box &box);
// The parcel vertex nearest to (x, y) within `tolerance`, for drawing village proposals.
struct MapPoint
{
    double x = 0, y = 0;
};
std::optional<MapPoint> snapToVertex(const MapData &map, double x, double y, double tolerance);

}  // namespace gengbao::core
