// SPDX-License-Identifier: GPL-3.0-or-later
// The map's geometry snapshot at county scale (architecture.md "The map canvas", item 9): how
// long loadMapData takes, how much memory the PolygonSet and its index hold, and the packed
// Hilbert R-tree against GEOS's STRtree (insertion then build, as QGIS's benchmarkBulkLoad
// compares bulk loading with insertion), for building and for the queries the map makes.
//
//   build/bin/gengbao_index_bench [PROJECT.gpkg] [RUNS]    (default /tmp/s100/base.gpkg, 7)
//
// The project is copied to a temporary folder first: opening it may migrate its schema.
#include <core/geo/geoscontext.h>
#include <core/geo/packedrtree.h>
#include <core/ops/mapdata.h>
#include <core/ops/screenparcels.h>
#include <core/project.h>

#include <gdal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

using namespace gengbao;

namespace {

// Wall and CPU time of one piece of work, in milliseconds. The CPU time (of the whole process;
// the work here is single-threaded) shows the cost even when other programs share the cores.
struct Timing
{
    double wallMs = 0;
    double cpuMs = 0;
    // Per item, in microseconds.
    Timing perItemUs(std::size_t count) const
    {
        return {wallMs * 1000.0 / count, cpuMs * 1000.0 / count};
    }
};

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Runs `work` `runs` times; the medians of its wall and CPU times.
Timing timed(int runs, const std::function<void()> &work)
{
    std::vector<double> wall, cpu;
    for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        const std::clock_t cpuStart = std::clock();
        work();
        cpu.push_back(1000.0 * double(std::clock() - cpuStart) / CLOCKS_PER_SEC);
        wall.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
    }
    return {median(wall), median(cpu)};
}

// The resident set of this process in MB (Linux), now ("VmRSS:") or at its peak ("VmHWM:"), to
// put the structures' own count in context.
double residentMb(const std::string &field = "VmRSS:")
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field, 0) == 0)
            return std::stod(line.substr(field.size())) / 1024.0;
    }
    return 0.0;
}

void row(const std::string &what, Timing timing, const char *unit)
{
    std::printf("| %-58s | %9.2f %-2s | %9.2f %-2s |\n", what.c_str(), timing.wallMs, unit,
                timing.cpuMs, unit);
}

void row(const std::string &what, double value, const char *unit)
{
    std::printf("| %-58s | %9.2f %-2s | %12s |\n", what.c_str(), value, unit, "");
}

// GEOS's STRtree over the same boxes, filled one rectangle geometry at a time (GEOS indexes
// geometries, so each box becomes one), built by its first query.
class GeosBoxTree
{
public:
    GeosBoxTree(GEOSContextHandle_t context, std::span<const core::Box> boxes)
        : mContext(context)
        , mTree(GEOSSTRtree_create_r(context, 10))
    {
        mShapes.reserve(boxes.size());
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            const core::Box &b = boxes[i];
            if (b.empty())
                continue;
            mShapes.emplace_back(
                context, GEOSGeom_createRectangle_r(context, b.minX, b.minY, b.maxX, b.maxY));
            GEOSSTRtree_insert_r(context, mTree, mShapes.back().get(),
                                 reinterpret_cast<void *>(static_cast<std::uintptr_t>(i)));
        }
    }
    ~GeosBoxTree() { GEOSSTRtree_destroy_r(mContext, mTree); }
    GeosBoxTree(const GeosBoxTree &) = delete;
    GeosBoxTree &operator=(const GeosBoxTree &) = delete;

    std::size_t query(const core::Box &box) const
    {
        core::GeosGeometry window(
            mContext, GEOSGeom_createRectangle_r(mContext, box.minX, box.minY, box.maxX, box.maxY));
        std::size_t count = 0;
        GEOSSTRtree_query_r(
            mContext, mTree, window.get(),
            [](void *, void *data) { ++*static_cast<std::size_t *>(data); }, &count);
        return count;
    }

private:
    GEOSContextHandle_t mContext;
    GEOSSTRtree *mTree;
    std::vector<core::GeosGeometry> mShapes;
};

}  // namespace

int main(int argc, char **argv)
{
    GDALAllRegister();
    const std::string source = argc > 1 ? argv[1] : "/tmp/s100/base.gpkg";
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path work =
        fs::temp_directory_path() / ("gengbao-index-bench-" + std::to_string(::getpid()));
    fs::create_directories(work, ec);
    const fs::path copy = work / "project.gpkg";
    if (!fs::copy_file(source, copy, fs::copy_options::overwrite_existing, ec)) {
        std::fprintf(stderr, "%s: cannot copy (%s)\n", source.c_str(), ec.message().c_str());
        return 1;
    }
    int status = 0;
    {
        auto project = core::Project::open(copy.string());
        if (!project) {
            std::fprintf(stderr, "%s\n", project.error().message().c_str());
            fs::remove_all(work, ec);
            return 1;
        }
        core::Progress progress;

        // loadMapData: every parcel from the file (page cache warm after the first run). The
        // previous snapshot is dropped first, so that the peak is that of one load.
        core::MapDataOptions noShade;
        noShade.hillshade = false;
        std::optional<core::MapData> map;
        const Timing load = timed(runs, [&] {
            map.reset();
            auto loaded = core::loadMapData(**project, noShade, progress);
            if (!loaded) {
                std::fprintf(stderr, "%s\n", loaded.error().message().c_str());
                std::exit(1);
            }
            map = std::move(*loaded);
        });
        const double rssAfterLoad = residentMb();
        const double peakAfterLoad = residentMb("VmHWM:");

        // The hillshade on its own, as the map adds it after showing the parcels.
        std::optional<Timing> shade;
        std::string shadeSize;
        double peakWithShade = 0;
        {
            auto first = core::loadHillshade(**project, map->extent(), {}, progress);
            if (first && first->hillshade) {
                shadeSize = std::to_string(first->hillshade->width) + " x " +
                            std::to_string(first->hillshade->height);
                first = core::HillshadeResult{};
                shade = timed(std::max(1, (runs + 1) / 2), [&] {
                    auto again = core::loadHillshade(**project, map->extent(), {}, progress);
                    (void)again;
                });
                peakWithShade = residentMb("VmHWM:");
            }
        }

        const core::PolygonSet &parcels = *map->parcels;
        const std::span<const core::Box> boxes = parcels.boxes();
        const Timing bulk = timed(runs, [&] { core::PackedRTree tree(boxes); });
        const core::PackedRTree tree(boxes);

        core::GeosContext geos;
        const Timing geosBuild = timed(runs, [&] {
            GeosBoxTree geosTree(geos.handle(), boxes);
            geosTree.query(core::Box{0, 0, 0, 0});  // the first query builds the tree
        });
        GeosBoxTree geosTree(geos.handle(), boxes);
        geosTree.query(core::Box{0, 0, 0, 0});

        // Query windows: the whole county (the map zoomed out), a village (2 km square), a street
        // (300 m), a click (2 m), at random places over the parcels' extent; the same windows
        // for both trees.
        const core::Box extent = parcels.extent();
        std::mt19937 random(20240611);
        const auto windows = [&](double side, int count) {
            std::uniform_real_distribution<double> x(extent.minX, extent.maxX - side);
            std::uniform_real_distribution<double> y(extent.minY, extent.maxY - side);
            std::vector<core::Box> list;
            for (int i = 0; i < count; ++i) {
                const double x0 = x(random), y0 = y(random);
                list.push_back({x0, y0, x0 + side, y0 + side});
            }
            return list;
        };
        struct QuerySet
        {
            const char *name;
            std::vector<core::Box> boxes;
        };
        const QuerySet querySets[] = {{"whole county", std::vector<core::Box>(20, extent)},
                                      {"village window 2 km", windows(2000, 200)},
                                      {"street window 300 m", windows(300, 1000)},
                                      {"click 2 m", windows(2, 5000)}};

        std::printf("# gengbao_index_bench: %zu parcels, %zu vertices, from %s\n", parcels.size(),
                    parcels.vertexCount(), source.c_str());
        std::printf("# medians of %d runs; query times are per query\n\n", runs);
        std::printf("| %-58s | %12s | %12s |\n", "measure", "wall", "CPU");
        std::printf("|%s|%s|%s|\n", std::string(60, '-').c_str(), std::string(14, '-').c_str(),
                    std::string(14, '-').c_str());
        row("loadMapData, no hillshade", load, "ms");
        if (shade)
            row("loadHillshade (" + shadeSize + ")", *shade, "ms");
        row("PackedRTree bulk load (Hilbert sort + levels)", bulk, "ms");
        row("GEOS STRtree: rectangles + insert + build", geosBuild, "ms");
        for (const QuerySet &set : querySets) {
            std::size_t packedHits = 0, geosHits = 0;
            std::vector<std::uint32_t> found;
            const Timing packed = timed(runs, [&] {
                packedHits = 0;
                for (const core::Box &box : set.boxes) {
                    found.clear();
                    tree.query(box, found);
                    packedHits += found.size();
                }
            });
            const Timing geosQuery = timed(runs, [&] {
                geosHits = 0;
                for (const core::Box &box : set.boxes)
                    geosHits += geosTree.query(box);
            });
            if (packedHits != geosHits) {
                std::fprintf(stderr, "%s: the trees disagree (%zu against %zu boxes)\n", set.name,
                             packedHits, geosHits);
                status = 1;
            }
            const std::string what = std::string(set.name) + ", " +
                                     std::to_string(packedHits / set.boxes.size()) + " hits";
            row("PackedRTree query, " + what, packed.perItemUs(set.boxes.size()), "us");
            row("GEOS STRtree query, " + what, geosQuery.perItemUs(set.boxes.size()), "us");
        }
        const double fidsBytes = double(map->fids.capacity() * sizeof(std::int64_t));
        row("memory: PolygonSet", parcels.memoryBytes() / 1048576.0, "MB");
        row("memory: PackedRTree", tree.memoryBytes() / 1048576.0, "MB");
        row("memory: fids", fidsBytes / 1048576.0, "MB");
        row("memory: all three, per parcel",
            (double(parcels.memoryBytes() + tree.memoryBytes()) + fidsBytes) / parcels.size(), "B");
        row("process resident set after loading (VmRSS)", rssAfterLoad, "MB");
        row("process peak resident set after loading (VmHWM)", peakAfterLoad, "MB");
        if (shade)
            row("process peak resident set after the hillshade", peakWithShade, "MB");
    }
    fs::remove_all(work, ec);
    return status;
}
