// SPDX-License-Identifier: GPL-3.0-or-later
#include "mapdata.h"

#include "../db/database.h"
#include "../db/gpkg.h"
#include "../db/statement.h"
#include "../geo/crs.h"
#include "../geo/dem.h"
#include "../geo/handles.h"
#include "../project.h"
#include "referencelayers.h"
#include "screenparcels.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_utils.h>
#include <gdalwarper.h>
#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>

namespace gengbao::core {

namespace {

// Rings of a WKB geometry, read straight from the bytes: the parcels are 2D MultiPolygons in
// little-endian WKB, and walking them is several times faster than building OGR or GEOS objects
// only to copy their coordinates out again. Polygons anywhere in the geometry (a polygon, a
// multipolygon, a collection) give their rings; points and lines are skipped. The rings are kept
// here until the geometry has been read to its end, so that a geometry this reader cannot
// handle leaves nothing behind in the set being built.
class WkbRings
{
public:
    enum class Outcome { Read, Unsupported, Damaged };

    Outcome read(std::span<const unsigned char> wkb)
    {
        mBytes = wkb;
        mPos = 0;
        mXy.clear();
        mRingSizes.clear();
        return geometry(0);
    }

    void addTo(PolygonSet::Builder &builder) const
    {
        std::size_t offset = 0;
        for (std::size_t size : mRingSizes) {
            builder.addRing(std::span<const double>(mXy.data() + offset, 2 * size));
            offset += 2 * size;
        }
    }

private:
    static constexpr int kMaxDepth = 8;  // collections in collections: more is not a parcel

    bool need(std::size_t bytes) const { return bytes <= mBytes.size() - mPos; }

    bool readU32(bool littleEndian, std::uint32_t &value)
    {
        if (!need(4))
            return false;
        std::memcpy(&value, mBytes.data() + mPos, 4);
        if (!littleEndian)
            value = __builtin_bswap32(value);
        mPos += 4;
        return true;
    }

    double readDouble(bool littleEndian)
    {
        std::uint64_t bits = 0;
        std::memcpy(&bits, mBytes.data() + mPos, 8);
        if (!littleEndian)
            bits = __builtin_bswap64(bits);
        mPos += 8;
        return std::bit_cast<double>(bits);
    }

    // Reads `count` points of `dims` ordinates and keeps their x and y.
    bool readPoints(bool littleEndian, std::uint32_t count, unsigned dims)
    {
        const std::size_t bytes = std::size_t(count) * dims * 8;
        if (!need(bytes))
            return false;
        const std::size_t first = mXy.size();
        mXy.resize(first + 2 * std::size_t(count));
        if (littleEndian && dims == 2) {
            std::memcpy(mXy.data() + first, mBytes.data() + mPos, bytes);
            mPos += bytes;
        } else {
            for (std::uint32_t i = 0; i < count; ++i) {
                mXy[first + 2 * i] = readDouble(littleEndian);
                mXy[first + 2 * i + 1] = readDouble(littleEndian);
                mPos += (dims - 2) * 8;
            }
        }
        return true;
    }

    Outcome geometry(int depth)
    {
        if (depth > kMaxDepth)
            return Outcome::Unsupported;
        if (!need(1))
            return Outcome::Damaged;
        const unsigned char order = mBytes[mPos++];
        if (order > 1)
            return Outcome::Damaged;
        const bool littleEndian = order == 1;
        std::uint32_t type = 0;
        if (!readU32(littleEndian, type))
            return Outcome::Damaged;
        // ISO WKB says Z and M in the thousands (1003 a polygon Z); PostGIS's extended WKB in
        // the high bits, with an optional SRID.
        bool hasZ = (type & 0x80000000u) != 0;
        bool hasM = (type & 0x40000000u) != 0;
        if ((type & 0x20000000u) != 0) {
            if (!need(4))
                return Outcome::Damaged;
            mPos += 4;
        }
        type &= 0x0FFFFFFFu;
        const std::uint32_t isoDims = type / 1000;
        if (isoDims > 3)
            return Outcome::Unsupported;
        hasZ = hasZ || isoDims == 1 || isoDims == 3;
        hasM = hasM || isoDims == 2 || isoDims == 3;
        const unsigned dims = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
        std::uint32_t count = 0;
        switch (type % 1000) {
        case 1:  // point
            if (!need(dims * 8))
                return Outcome::Damaged;
            mPos += dims * 8;
            return Outcome::Read;
        case 2:  // line string
            if (!readU32(littleEndian, count) || !need(std::size_t(count) * dims * 8))
                return Outcome::Damaged;
            mPos += std::size_t(count) * dims * 8;
            return Outcome::Read;
        case 3:  // polygon
            if (!readU32(littleEndian, count))
                return Outcome::Damaged;
            for (std::uint32_t ring = 0; ring < count; ++ring) {
                std::uint32_t points = 0;
                if (!readU32(littleEndian, points) || !readPoints(littleEndian, points, dims))
                    return Outcome::Damaged;
                if (points > 0)
                    mRingSizes.push_back(points);
            }
            return Outcome::Read;
        case 4:  // multi point, multi line string, multi polygon, collection
        case 5:
        case 6:
        case 7:
            if (!readU32(littleEndian, count))
                return Outcome::Damaged;
            for (std::uint32_t part = 0; part < count; ++part) {
                const Outcome outcome = geometry(depth + 1);
                if (outcome != Outcome::Read)
                    return outcome;
            }
            return Outcome::Read;
        default:  // curves, surfaces, TINs: OGR linearises them first
            return Outcome::Unsupported;
        }
    }

    std::span<const unsigned char> mBytes;
    std::size_t mPos = 0;
    std::vector<double> mXy;
    std::vector<std::size_t> mRingSizes;
};

// The rings of a geometry WkbRings does not walk (a curve polygon), linearised by OGR.
WkbRings::Outcome readThroughOgr(std::span<const unsigned char> wkb, WkbRings &rings)
{
    OGRGeometryH raw = nullptr;
    if (OGR_G_CreateFromWkb(wkb.data(), nullptr, &raw, static_cast<int>(wkb.size())) != OGRERR_NONE)
        return WkbRings::Outcome::Damaged;
    OgrGeometryPtr geometry(raw);
    OgrGeometryPtr linear(OGR_G_GetLinearGeometry(geometry.get(), 0.0, nullptr));
    if (!linear)
        return WkbRings::Outcome::Damaged;
    OGR_G_FlattenTo2D(linear.get());
    std::vector<unsigned char> flat(static_cast<std::size_t>(OGR_G_WkbSize(linear.get())));
    if (OGR_G_ExportToIsoWkb(linear.get(), wkbNDR, flat.data()) != OGRERR_NONE)
        return WkbRings::Outcome::Damaged;
    const WkbRings::Outcome outcome = rings.read(flat);
    return outcome == WkbRings::Outcome::Read ? outcome : WkbRings::Outcome::Damaged;
}

struct StatementFinalizer
{
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};
using RawStatement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// Every parcel's rings in fid order. The blobs are read in place through the raw SQLite API:
// Statement::blob copies each into a new vector, 100k allocations that buy nothing here.
Status readParcels(Project &project, MapData &map, Progress &progress)
{
    Database &db = project.database();
    std::int64_t total = 0;
    {
        auto count = db.prepare("SELECT count(*) FROM parcels");
        if (!count)
            return count.error();
        auto row = count->step();
        if (!row)
            return row.error();
        total = *row ? count->int64(0) : 0;
    }
    sqlite3_stmt *raw = nullptr;
    static constexpr std::string_view kSql = "SELECT fid, geom FROM parcels ORDER BY fid";
    if (sqlite3_prepare_v2(db.handle(), kSql.data(), static_cast<int>(kSql.size()), &raw,
                           nullptr) != SQLITE_OK)
        return db.lastError();
    RawStatement select(raw);

    PolygonSet::Builder builder;
    // A parcel has about 10 to 30 vertices; reserving for 16 saves most regrowth.
    builder.reserve(static_cast<std::size_t>(total), static_cast<std::size_t>(total) * 16);
    map.fids.reserve(static_cast<std::size_t>(total));
    WkbRings rings;
    for (;;) {
        const int step = sqlite3_step(select.get());
        if (step == SQLITE_DONE)
            break;
        if (step != SQLITE_ROW)
            return db.lastError();
        const std::int64_t fid = sqlite3_column_int64(select.get(), 0);
        const auto *data = static_cast<const unsigned char *>(sqlite3_column_blob(select.get(), 1));
        const int size = sqlite3_column_bytes(select.get(), 1);
        builder.beginItem();
        if (data && size > 0) {
            auto decoded = gpkg::decodeGeometry({data, static_cast<std::size_t>(size)});
            if (!decoded)
                return makeError(ErrorCode::Damaged, project.path(),
                                 "parcel geometry is damaged: " + decoded.error().detail, fid);
            if (!decoded->empty) {
                WkbRings::Outcome outcome = rings.read(decoded->wkb);
                if (outcome == WkbRings::Outcome::Unsupported)
                    outcome = readThroughOgr(decoded->wkb, rings);
                if (outcome != WkbRings::Outcome::Read)
                    return makeError(ErrorCode::Damaged, project.path(),
                                     "parcel geometry is damaged (not readable as WKB)", fid);
                rings.addTo(builder);
            }
        }
        builder.endItem();
        map.fids.push_back(fid);
        if (map.fids.size() % 8192 == 0) {
            if (progress.cancelled())
                return makeError(ErrorCode::Cancelled, project.path(), "map loading cancelled");
            progress.report(0.8 * double(map.fids.size()) /
                                double(std::max<std::int64_t>(total, 1)),
                            "reading parcels");
        }
    }
    map.parcels = std::make_shared<const PolygonSet>(std::move(builder).build());
    return Status::success();
}

// The DEM of the current (latest) screening run, when it used one.
Result<std::optional<std::string>> currentRunDem(Project &project)
{
    auto runs = listScreeningRuns(project);
    if (!runs)
        return runs.error();
    if (runs->empty())
        return std::optional<std::string>();
    for (const ScreeningInput &input : runs->back().inputs) {
        if (input.role == "dem")
            return std::optional<std::string>(input.path);
    }
    return std::optional<std::string>();
}

struct WarpOptionsDeleter
{
    void operator()(GDALWarpAppOptions *options) const { GDALWarpAppOptionsFree(options); }
};
struct DemOptionsDeleter
{
    void operator()(GDALDEMProcessingOptions *options) const
    {
        GDALDEMProcessingOptionsFree(options);
    }
};
struct TransformerDeleter
{
    void operator()(void *transformer) const { GDALDestroyGenImgProjTransformer(transformer); }
};

int CPL_STDCALL gdalProgress(double, const char *, void *data)
{
    return static_cast<Progress *>(data)->cancelled() ? FALSE : TRUE;
}

// GDAL's utilities take argv-style option lists.
std::vector<char *> argv(std::vector<std::string> &arguments)
{
    std::vector<char *> pointers;
    for (std::string &argument : arguments)
        pointers.push_back(argument.data());
    pointers.push_back(nullptr);
    return pointers;
}

std::string number(double value)
{
    char text[64];
    CPLsnprintf(text, sizeof text, "%.17g", value);
    return text;
}

// A hillshade of the DEM over the map's extent, in the project CRS: GDALWarp (average, so that a
// fine DEM shrinks without aliasing) to at most maxPixels on the longer side, and never finer
// than the DEM itself, then `gdaldem hillshade`. nullopt when the DEM does not reach the map.
Result<std::optional<Hillshade>> computeHillshade(const DemRaster &dem, int epsg,
                                                  const Box &mapExtent, int maxPixels,
                                                  Progress &progress)
{
    CplErrorCapture capture;
    // The warp reads every block of the DEM once; GDAL's default cache (5 % of RAM) would keep
    // a county DEM's hundreds of MB until the dataset closes, on top of the map's own memory.
    // With 16 MB here and a 16 MB warp buffer (-wm) a 9500 x 9500 DEM warps as fast as with 64
    // and 64, and the peak is about 85 MB lower (docs/performance.md "Map data and index").
    const GdalCacheLimit cacheLimit(16LL << 20);
    const auto failed = [&](const std::string &what) {
        std::string detail = "cannot make a hillshade (" + what + ")";
        if (capture.hasFailure())
            detail += ": " + capture.lastFailure();
        return makeError(ErrorCode::NotReadableAs, dem.path(), detail);
    };
    auto source = dem.openHandle();
    if (!source)
        return source.error();
    auto target = crs::fromEpsg(epsg);
    if (!target)
        return target.error();
    char *wktRaw = nullptr;
    if (OSRExportToWkt(target->get(), &wktRaw) != OGRERR_NONE)
        return failed("project CRS");
    const std::string wkt = wktRaw;
    CPLFree(wktRaw);

    // The DEM's footprint and natural cell size in the project CRS.
    std::vector<std::string> transformerArguments = {"DST_SRS=" + wkt};
    std::unique_ptr<void, TransformerDeleter> transformer(GDALCreateGenImgProjTransformer2(
        source->get(), nullptr, argv(transformerArguments).data()));
    if (!transformer)
        return failed("no transformation to the project CRS");
    double geoTransform[6] = {};
    double footprint[4] = {};  // min x, min y, max x, max y
    int columns = 0, rows = 0;
    if (GDALSuggestedWarpOutput2(source->get(), GDALGenImgProjTransform, transformer.get(),
                                 geoTransform, &columns, &rows, footprint, 0) != CE_None)
        return failed("no footprint in the project CRS");
    transformer.reset();

    // Only the part under the map (with a margin, so a zoomed-out view is not cut at the
    // parcels' edge) is worth pixels: a county DEM under one town would waste most of them.
    const double margin = 0.1 * std::max(mapExtent.width(), mapExtent.height());
    const Box wanted = mapExtent.grown(margin);
    const Box area{std::max(footprint[0], wanted.minX), std::max(footprint[1], wanted.minY),
                   std::min(footprint[2], wanted.maxX), std::min(footprint[3], wanted.maxY)};
    if (mapExtent.empty() || area.empty() || area.width() <= 0 || area.height() <= 0)
        return std::optional<Hillshade>();
    const double cell = std::max(std::fabs(geoTransform[1]), std::fabs(geoTransform[5]));
    const double longer = std::max(area.width(), area.height());
    const double pixelSize = std::max(cell, longer / std::max(maxPixels, 1));
    // Rounded down, so that a pixel is never smaller than pixelSize.
    const int width = std::max(1, static_cast<int>(area.width() / pixelSize));
    const int height = std::max(1, static_cast<int>(area.height() / pixelSize));

    // Cells outside the DEM and its own nodata become -32768 and so nodata of the hillshade
    // (0); without a target nodata they would be 0 m and draw a cliff along the DEM's edge.
    std::vector<std::string> warpArguments = {"-of",        "MEM",     "-t_srs", wkt,
                                              "-r",         "average", "-ot",    "Float32",
                                              "-dstnodata", "-32768",  "-wm",    "16"};
    warpArguments.insert(warpArguments.end(), {"-te", number(area.minX), number(area.minY),
                                               number(area.maxX), number(area.maxY)});
    warpArguments.insert(warpArguments.end(),
                         {"-ts", std::to_string(width), std::to_string(height)});
    std::unique_ptr<GDALWarpAppOptions, WarpOptionsDeleter> warpOptions(
        GDALWarpAppOptionsNew(argv(warpArguments).data(), nullptr));
    if (!warpOptions)
        return failed("warp options");
    GDALWarpAppOptionsSetProgress(warpOptions.get(), gdalProgress, &progress);
    GDALDatasetH sources[] = {source->get()};
    int usageError = FALSE;
    DatasetPtr warped(GDALWarp("", nullptr, 1, sources, warpOptions.get(), &usageError));
    if (progress.cancelled())
        return makeError(ErrorCode::Cancelled, dem.path(), "map loading cancelled");
    if (!warped)
        return failed("resampling");
    source->reset();

    // -s: metres per horizontal unit (the project CRS is in metres); -z: metres per stored
    // elevation unit (a DEM in feet, or packed integers).
    std::vector<std::string> shadeArguments = {"-of", "MEM", "-compute_edges",           "-s",
                                               "1",   "-z",  number(dem.verticalScale())};
    std::unique_ptr<GDALDEMProcessingOptions, DemOptionsDeleter> shadeOptions(
        GDALDEMProcessingOptionsNew(argv(shadeArguments).data(), nullptr));
    if (!shadeOptions)
        return failed("hillshade options");
    DatasetPtr shaded(
        GDALDEMProcessing("", warped.get(), "hillshade", nullptr, shadeOptions.get(), &usageError));
    if (!shaded)
        return failed("hillshade");

    Hillshade hillshade;
    hillshade.width = GDALGetRasterXSize(shaded.get());
    hillshade.height = GDALGetRasterYSize(shaded.get());
    hillshade.grey.resize(std::size_t(hillshade.width) * std::size_t(hillshade.height));
    if (GDALRasterIO(GDALGetRasterBand(shaded.get(), 1), GF_Read, 0, 0, hillshade.width,
                     hillshade.height, hillshade.grey.data(), hillshade.width, hillshade.height,
                     GDT_Byte, 0, 0) != CE_None)
        return failed("reading the hillshade");
    double shadedTransform[6] = {};
    GDALGetGeoTransform(shaded.get(), shadedTransform);
    hillshade.extent = {
        shadedTransform[0], shadedTransform[3] + hillshade.height * shadedTransform[5],
        shadedTransform[0] + hillshade.width * shadedTransform[1], shadedTransform[3]};
    return std::optional<Hillshade>(std::move(hillshade));
}

double squared(double value)
{
    return value * value;
}

// True when the segment (ax, ay)-(bx, by) has a point in the box (Liang-Barsky clipping).
bool segmentTouchesBox(double ax, double ay, double bx, double by, const Box &box)
{
    double t0 = 0.0, t1 = 1.0;
    const double dx = bx - ax, dy = by - ay;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {ax - box.minX, box.maxX - ax, ay - box.minY, box.maxY - ay};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0.0) {
            if (q[i] < 0.0)
                return false;  // parallel to this edge and outside it
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0.0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return false;
    }
    return true;
}

bool itemTouchesBox(const PolygonSet &set, std::size_t item, const Box &box)
{
    for (std::uint32_t ring = set.ringBegin(item); ring < set.ringEnd(item); ++ring) {
        const std::span<const double> xy = set.ringXY(ring);
        const std::size_t n = xy.size() / 2;
        for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
            if (segmentTouchesBox(xy[2 * j], xy[2 * j + 1], xy[2 * i], xy[2 * i + 1], box))
                return true;
        }
    }
    // No edge reaches the box: it lies wholly inside the polygon or wholly outside.
    return set.contains(item, box.minX, box.minY);
}

}  // namespace

Box MapData::extent() const
{
    Box all;
    if (parcels)
        all.expand(parcels->extent());
    for (const MapLayer &layer : layers) {
        if (layer.shapes)
            all.expand(layer.shapes->extent());
    }
    return all;
}

std::optional<std::size_t> MapData::itemOfFid(std::int64_t fid) const
{
    const auto found = std::lower_bound(fids.begin(), fids.end(), fid);
    if (found == fids.end() || *found != fid)
        return std::nullopt;
    return static_cast<std::size_t>(found - fids.begin());
}

Result<HillshadeResult> loadHillshade(Project &project, const Box &mapExtent,
                                      const MapDataOptions &options, Progress &progress)
{
    HillshadeResult result;
    const int epsg = project.settings().crsEpsg.value_or(0);
    auto demPath = currentRunDem(project);
    if (!demPath)
        return demPath.error();
    if (!options.hillshade || !*demPath || epsg == 0)
        return result;
    // A DEM moved or deleted since the run is no reason to refuse the map.
    std::error_code ec;
    if (!std::filesystem::is_regular_file(**demPath, ec))
        return result;
    const auto unavailable = [&result](const Error &error) {
        result.issues.push_back(
            {Issue::Severity::Warning, "hillshade_unavailable", -1, {}, error.message()});
        return result;
    };
    auto dem = DemRaster::open(**demPath);
    if (!dem)
        return unavailable(dem.error());
    auto hillshade = computeHillshade(*dem, epsg, mapExtent, options.hillshadeMaxPixels, progress);
    if (!hillshade) {
        if (hillshade.error().code == ErrorCode::Cancelled)
            return hillshade.error();
        return unavailable(hillshade.error());
    }
    result.hillshade = std::move(*hillshade);
    return result;
}

Result<MapData> loadMapData(Project &project, const MapDataOptions &options, Progress &progress)
{
    MapData map;
    map.epsg = project.settings().crsEpsg.value_or(0);
    progress.report(0.0, "reading parcels");
    GENGBAO_TRY(readParcels(project, map, progress));
    progress.report(0.8, "indexing parcels");
    map.index = std::make_shared<const PackedRTree>(map.parcels->boxes());
    progress.report(0.85, "reading reference layers");
    auto layers = loadReferenceLayers(project);
    if (!layers)
        return layers.error();
    map.layers = std::move(*layers);
    if (progress.cancelled())
        return makeError(ErrorCode::Cancelled, project.path(), "map loading cancelled");
    if (options.hillshade) {
        progress.report(0.9, "computing the hillshade");
        auto hillshade = loadHillshade(project, map.extent(), options, progress);
        if (!hillshade)
            return hillshade.error();
        map.hillshade = std::move(hillshade->hillshade);
        map.issues = std::move(hillshade->issues);
    }
    progress.report(1.0, "done");
    return map;
}

std::optional<std::size_t> parcelAt(const MapData &map, double x, double y, double tolerance)
{
    if (!map.parcels || !map.index)
        return std::nullopt;
    const PolygonSet &parcels = *map.parcels;
    std::vector<std::uint32_t> candidates;
    map.index->query(Box{x, y, x, y}.grown(std::max(tolerance, 0.0)), candidates);
    std::optional<std::size_t> best;
    double bestDistance = std::numeric_limits<double>::infinity();
    double bestArea = std::numeric_limits<double>::infinity();
    for (std::uint32_t item : candidates) {
        const Box &box = parcels.bbox(item);
        const double area = box.width() * box.height();
        // Inside counts as distance 0. Parcels may overlap (a village proposal drawn over a
        // county parcel): then the smaller one wins, so that both can be picked.
        const double distance =
            parcels.contains(item, x, y) ? 0.0 : parcels.distanceToBoundary(item, x, y);
        if (distance > tolerance)
            continue;
        if (distance < bestDistance || (distance == bestDistance && area < bestArea) ||
            (distance == bestDistance && area == bestArea && best && item < *best)) {
            best = item;
            bestDistance = distance;
            bestArea = area;
        }
    }
    return best;
}

std::vector<std::size_t> parcelsIn(const MapData &map, const Box &box)
{
    std::vector<std::size_t> items;
    if (!map.parcels || !map.index || box.empty())
        return items;
    std::vector<std::uint32_t> candidates;
    map.index->query(box, candidates);
    for (std::uint32_t item : candidates) {
        if (itemTouchesBox(*map.parcels, item, box))
            items.push_back(item);
    }
    std::sort(items.begin(), items.end());
    return items;
}

std::optional<MapPoint> snapToVertex(const MapData &map, double x, double y, double tolerance)
{
    if (!map.parcels || !map.index || tolerance < 0)
        return std::nullopt;
    const PolygonSet &parcels = *map.parcels;
    std::vector<std::uint32_t> candidates;
    map.index->query(Box{x, y, x, y}.grown(tolerance), candidates);
    // Lowest item first, so that equal distances (a vertex shared by neighbours) always give
    // the same answer.
    std::sort(candidates.begin(), candidates.end());
    std::optional<MapPoint> best;
    double bestSquared = squared(tolerance);
    for (std::uint32_t item : candidates) {
        for (std::uint32_t ring = parcels.ringBegin(item); ring < parcels.ringEnd(item); ++ring) {
            const std::span<const double> xy = parcels.ringXY(ring);
            for (std::size_t i = 0; i + 1 < xy.size(); i += 2) {
                const double distance = squared(xy[i] - x) + squared(xy[i + 1] - y);
                if (distance < bestSquared || (!best && distance <= bestSquared)) {
                    best = MapPoint{xy[i], xy[i + 1]};
                    bestSquared = distance;
                }
            }
        }
    }
    return best;
}

}  // namespace gengbao::core
