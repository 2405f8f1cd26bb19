// SPDX-License-Identifier: GPL-3.0-or-later
// How fast the map draws a county (issue 8: 100k parcels, a full redraw at 1920x1080 in under
// 100 ms, median): report::MapPainter::render, offscreen, at the full extent, zoomed to the largest
// village and zoomed in far enough for labels; the median of N runs (after one untimed) with the
// strips in parallel and on one thread, the peak RSS, and the snapshot's memory.
//
//   QT_QPA_PLATFORM=offscreen build/bin/gengbao_render_bench [PROJECT.gpkg] [--runs N]
//       [--size WxH] [--threads N] [--json OUT]
//
// The project is copied to a temporary folder first (opening it may migrate its schema), and
// defaults to /tmp/s100/base.gpkg. tests/bench/run_render_bench.sh prepares a screened copy and
// runs QGIS on the same file beside it.
#include <core/ops/exportparcels.h>
#include <core/ops/mapdata.h>
#include <core/project.h>
#include <report/mappainter.h>
#include <report/mapstyle.h>

#include <gdal.h>

#include <QGuiApplication>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace gengbao;
namespace fs = std::filesystem;

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

// The resident set now, from /proc/self/statm (pages), as opposed to the peak.
double currentRssMb()
{
    long pages = 0, resident = 0;
    if (FILE *statm = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(statm, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(statm);
    }
    return double(resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

// CPU time of the calling thread: with one strip the whole render runs on it, so this is the
// render's cost whatever else the machine is doing.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

struct Timing
{
    double median = 0, min = 0, max = 0;
    double cpuMedian = -1;  // one strip only
    report::PaintStats stats;
};

Timing timeRenders(const report::MapPainter &painter, const report::Viewport &view, int threads,
                   int runs)
{
    (void)painter.render(view, threads);  // untimed: first touch of the pages and the fonts
    std::vector<double> times, cpu;
    Timing timing;
    for (int run = 0; run < runs; ++run) {
        const double cpuStart = threadCpuMs();
        const report::RenderResult result = painter.render(view, threads);
        cpu.push_back(threadCpuMs() - cpuStart);
        times.push_back(result.milliseconds);
        timing.stats = result.stats;
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu.begin(), cpu.end());
    if (threads == 1)
        timing.cpuMedian = cpu[cpu.size() / 2];
    timing.median = times[times.size() / 2];
    timing.min = times.front();
    timing.max = times.back();
    return timing;
}

int usage()
{
    std::fprintf(stderr, "usage: gengbao_render_bench [PROJECT.gpkg] [--runs N] [--size WxH] "
                         "[--threads N] [--json OUT]\n");
    return 2;
}

// Removes the temporary copy on every way out.
struct TempCopy
{
    fs::path dir;
    ~TempCopy()
    {
        std::error_code ignored;
        if (!dir.empty())
            fs::remove_all(dir, ignored);
    }
};

}  // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication application(argc, argv);
    GDALAllRegister();

    std::string source = "/tmp/s100/base.gpkg";
    std::string jsonPath;
    int runs = 9;
    int threads = 0;
    int width = 1920, height = 1080;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--runs" && hasValue)
            runs = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--threads" && hasValue)
            threads = std::max(0, std::atoi(argv[++i]));
        else if (arg == "--json" && hasValue)
            jsonPath = argv[++i];
        else if (arg == "--size" && hasValue) {
            if (std::sscanf(argv[++i], "%dx%d", &width, &height) != 2 || width < 1 || height < 1)
                return usage();
        } else if (!arg.empty() && arg[0] != '-')
            source = arg;
        else
            return usage();
    }

    TempCopy copy;
    copy.dir = fs::temp_directory_path() / ("gengbao-render-bench-" + std::to_string(getpid()));
    fs::create_directories(copy.dir);
    const fs::path path = copy.dir / "project.gpkg";
    std::error_code copyError;
    fs::copy_file(source, path, copyError);
    if (copyError) {
        std::fprintf(stderr, "%s: cannot be copied (%s)\n", source.c_str(),
                     copyError.message().c_str());
        return 1;
    }
    auto project = core::Project::open(path.string());
    if (!project) {
        std::fprintf(stderr, "%s\n", project.error().message().c_str());
        return 1;
    }
    const double rssBefore = peakRssMb();
    auto loadStart = std::chrono::steady_clock::now();
    core::Progress progress;
    auto loaded = core::loadMapData(**project, core::MapDataOptions{}, progress);
    if (!loaded) {
        std::fprintf(stderr, "%s\n", loaded.error().message().c_str());
        return 1;
    }
    const double loadMs = msSince(loadStart);
    const double rssMapData = currentRssMb();
    auto data = std::make_shared<const core::MapData>(std::move(*loaded));
    loadStart = std::chrono::steady_clock::now();
    auto rows = core::loadParcelRows(**project);
    if (!rows)
        return 1;
    const double rowsMs = msSince(loadStart);
    const double rssRows = currentRssMb();
    auto styleStart = std::chrono::steady_clock::now();
    auto style = std::make_shared<const report::MapStyle>(
        report::MapStyle::build(*rows, report::ColourBy::Eligibility));
    auto labels = std::make_shared<const report::ParcelLabels>(report::ParcelLabels::build(*rows));
    const double styleMs = msSince(styleStart);
    auto scene =
        std::make_shared<const report::MapScene>(report::MapScene::make(data, style, labels));

    // The largest village by parcels, and a 1 m/px view at its centre (labels show below 2 m/px).
    std::map<std::string, std::size_t> perVillage;
    for (const core::ParcelRow &row : *rows)
        ++perVillage[row.village];
    std::string village;
    std::size_t most = 0;
    for (const auto &[name, count] : perVillage) {
        if (count > most) {
            village = name;
            most = count;
        }
    }
    const auto focus = report::findVillage(*data, *rows, village);
    if (!focus)
        return 1;
    // A village's own box when it is one (a real town's villages are a few km across); the
    // shared generator scatters every village over the whole county, so then a window of an
    // eighth of the county's width (about 6 km at 100k parcels) stands in for one.
    const core::Box county = data->extent();
    core::Box villageBox = focus->extent;
    std::string villageNote = village;
    if (villageBox.width() * villageBox.height() > 0.25 * county.width() * county.height()) {
        const double cx = 0.5 * (county.minX + county.maxX);
        const double cy = 0.5 * (county.minY + county.maxY);
        const double half = county.width() / 16;
        villageBox =
            core::Box{cx - half, cy - half * height / width, cx + half, cy + half * height / width};
        villageNote = "a window 1/8 of the county wide (" + village + " spans the county)";
    }
    const QSize size(width, height);
    const report::Viewport full = report::Viewport::fitting(county, size);
    const report::Viewport villageView = report::Viewport::fitting(villageBox, size);
    const report::Viewport close(0.5 * (villageBox.minX + villageBox.maxX),
                                 0.5 * (villageBox.minY + villageBox.maxY), 1.0, size);

    report::MapPaintOptions vectorOnly;
    vectorOnly.hillshade = false;
    const report::MapPainter withHillshade(scene);
    const report::MapPainter withoutHillshade(scene, vectorOnly);
    struct Case
    {
        const char *name;
        const report::MapPainter *painter;
        report::Viewport view;
        int threads;
    };
    const Case cases[] = {
        {"full extent", &withHillshade, full, threads},
        {"full extent, no hillshade", &withoutHillshade, full, threads},
        {"full extent, one thread", &withHillshade, full, 1},
        {"village", &withHillshade, villageView, threads},
        {"village, no hillshade", &withoutHillshade, villageView, threads},
        {"village, one thread", &withHillshade, villageView, 1},
        {"1 m/px with labels", &withHillshade, close, threads},
        {"1 m/px with labels, no hillshade", &withoutHillshade, close, threads},
    };

    const std::size_t snapshotBytes = (data->parcels ? data->parcels->memoryBytes() : 0) +
                                      (data->index ? data->index->memoryBytes() : 0) +
                                      (data->hillshade ? data->hillshade->grey.size() : 0);
    std::printf("project: %s\nparcels: %zu (%zu vertices), layers: %zu, hillshade: %s\n",
                source.c_str(), data->parcels ? data->parcels->size() : 0,
                data->parcels ? data->parcels->vertexCount() : 0, data->layers.size(),
                data->hillshade ? (std::to_string(data->hillshade->width) + "x" +
                                   std::to_string(data->hillshade->height))
                                      .c_str()
                                : "none");
    std::printf("load map data: %.0f ms, parcel rows: %.0f ms, style and labels: %.0f ms\n", loadMs,
                rowsMs, styleMs);
    std::printf("snapshot (polygons + R-tree + hillshade): %.1f MB\n",
                double(snapshotBytes) / (1024.0 * 1024.0));
    std::printf(
        "RSS: %.0f MB before loading, %.0f MB with the map data, %.0f MB with the rows too\n",
        rssBefore, rssMapData, rssRows);
    std::printf("village view: %s; largest village %zu parcels\nimage: %dx%d, runs: %d\n\n",
                villageNote.c_str(), most, width, height, runs);
    std::printf("| view | m/px | median ms | min–max ms | CPU ms | polygons | specks | labels |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    std::string json = "{\"parcels\": " + std::to_string(data->parcels->size()) +
                       ", \"width\": " + std::to_string(width) +
                       ", \"height\": " + std::to_string(height) + ", \"cases\": [";
    bool first = true;
    for (const Case &c : cases) {
        const Timing timing = timeRenders(*c.painter, c.view, c.threads, runs);
        const std::string cpu =
            timing.cpuMedian >= 0 ? std::to_string(int(std::lround(timing.cpuMedian))) : "";
        std::printf("| %s | %.2f | %.1f | %.1f–%.1f | %s | %zu | %zu | %zu |\n", c.name,
                    c.view.metresPerPixel(), timing.median, timing.min, timing.max, cpu.c_str(),
                    timing.stats.polygons, timing.stats.specks, timing.stats.labels);
        std::fflush(stdout);
        char entry[640];
        std::snprintf(entry, sizeof entry,
                      "%s{\"view\": \"%s\", \"centre_x\": %.3f, \"centre_y\": %.3f, "
                      "\"metres_per_pixel\": %.6f, \"median_ms\": %.2f, "
                      "\"min_ms\": %.2f, \"max_ms\": %.2f, \"cpu_ms\": %.2f, \"polygons\": %zu, "
                      "\"specks\": %zu, \"labels\": %zu}",
                      first ? "" : ", ", c.name, c.view.centreX(), c.view.centreY(),
                      c.view.metresPerPixel(), timing.median, timing.min, timing.max,
                      timing.cpuMedian, timing.stats.polygons, timing.stats.specks,
                      timing.stats.labels);
        json += entry;
        first = false;
    }
    const double peak = peakRssMb();
    const double now = currentRssMb();
    std::printf("\nRSS after the renders: %.0f MB; peak RSS: %.0f MB\n", now, peak);
    json += "], \"rss_mb\": " + std::to_string(now) + ", \"peak_rss_mb\": " + std::to_string(peak) +
            "}\n";
    if (!jsonPath.empty())
        std::ofstream(jsonPath) << json;
    return 0;
}
