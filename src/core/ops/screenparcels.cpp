// SPDX-License-Identifier: GPL-3.0-or-later
#include "screenparcels.h"

#include "../base/checksum.h"
#include "../base/clock.h"
#include "../db/statement.h"
#include "../geo/coverage.h"
#include "../geo/crs.h"
#include "../geo/dem.h"
#include "../project.h"
#include "parcelgeometry.h"
#include "referencelayers.h"
#include "screeningstore.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <filesystem>
#include <future>
#include <limits>
#include <mutex>
#include <new>
#include <thread>

namespace gengbao::core {

namespace {

// Parcels are screened in groups that share one DEM window: tiles of this many cells a side,
// each read once. A window stays a few MB, whatever the DEM's size.
constexpr int kTileCells = 512;
// Without a DEM the groups are squares of this many metres, for the constraint layers' sake.
constexpr double kTileMetres = 2560.0;
// A group's window above this many cells (a huge parcel) is read parcel by parcel instead.
constexpr std::int64_t kMaxWindowCells = 4096LL * 4096LL;
// A parcel covering more DEM cells than this (after clipping to the DEM) gets no DEM evidence:
// its grid and window would take 128 MiB each. 10 km², the largest parcel an import admits, is
// 400,000 cells of a 5 m DEM.
constexpr std::int64_t kMaxParcelCells = CoverageGrid::kDefaultMaxCells;
// GDAL's block cache while screening: each window is read once, so a small cache is enough.
constexpr std::int64_t kGdalCacheBytes = 128LL << 20;
// A coverage fraction below this is rounding, not a cell the parcel touches (for the maximum).
constexpr double kTouchFraction = 1e-9;

// A parcel as screening needs it.
struct ParcelInput
{
    std::int64_t fid = 0;
    std::string parcelId;
    std::vector<unsigned char> wkb;
    gpkg::Envelope envelope;
    double areaM2 = 0.0;
    std::optional<double> attributeDeg;
    std::optional<int> attributeGrade;
    bool terrace = false;
};

// Every parcel, or only those of `fids` (in that order).
Result<std::vector<ParcelInput>> loadParcels(Database &db, const std::vector<std::int64_t> *fids)
{
    auto query = db.prepare("SELECT fid, parcel_id, geom, area_m2, slope_attr_deg, gdpdjb, pdjb, "
                            "gdlx FROM parcels " +
                            std::string(fids ? "WHERE fid = ?" : "ORDER BY fid"));
    if (!query)
        return query.error();
    std::vector<ParcelInput> parcels;
    const auto readRow = [&parcels, &db](Statement &row) -> Status {
        ParcelInput parcel;
        parcel.fid = row.int64(0);
        parcel.parcelId = row.text(1);
        const std::vector<unsigned char> blob = row.blob(2);
        auto decoded = gpkg::decodeGeometry(blob);
        if (!decoded || decoded->empty)
            return makeError(ErrorCode::Database, db.path(),
                             "parcel " + parcel.parcelId + " has a damaged geometry");
        parcel.wkb.assign(decoded->wkb.begin(), decoded->wkb.end());
        parcel.envelope = decoded->envelope;
        parcel.areaM2 = row.real(3);
        parcel.attributeDeg = row.optionalReal(4);
        // GDPDJB first: it is the 耕地 slope grade; PDJB comes from the slope map (domain §1.3).
        for (int column : {5, 6}) {
            if (auto text = row.optionalText(column)) {
                if (auto grade = parseSlopeGrade(*text)) {
                    parcel.attributeGrade = grade;
                    break;
                }
            }
        }
        parcel.terrace = row.optionalText(7).value_or("") == "TT";
        parcels.push_back(std::move(parcel));
        return Status::success();
    };
    if (!fids) {
        GENGBAO_TRY(query->forEachRow(readRow));
        return parcels;
    }
    for (const std::int64_t fid : *fids) {
        query->bind(1, fid);
        const std::size_t before = parcels.size();
        GENGBAO_TRY(query->forEachRow(readRow));
        query->reset();
        if (parcels.size() == before)
            return makeError(ErrorCode::InvalidArgument, db.path(),
                             "has no parcel with fid " + std::to_string(fid));
    }
    return parcels;
}

// What one thread needs, none of it shared: a GEOS context, a DEM handle, a transformation to
// the DEM's CRS, a PROJ context for areas and its own view of every constraint layer.
struct Worker
{
    GeosContext geos;
    GEOSWKBReader *reader = nullptr;
    GEOSWKBWriter *writer = nullptr;
    std::optional<GeodesicArea> area;
    TransformPtr toDem;
    DatasetPtr dem;
    std::vector<std::unique_ptr<ConstraintIndex>> constraints;
    // DEM cells read with elevations no terrain has (taken as nodata), and the furthest out.
    std::int64_t implausibleCells = 0;
    double mostImplausibleMetres = 0.0;

    Worker() = default;
    Worker(const Worker &) = delete;
    ~Worker()
    {
        constraints.clear();  // before the context they live in
        if (reader)
            GEOSWKBReader_destroy_r(geos.handle(), reader);
        if (writer)
            GEOSWKBWriter_destroy_r(geos.handle(), writer);
    }
};

// The inputs every worker reads and nobody changes while they run.
struct Inputs
{
    const ScreeningRequest *request = nullptr;
    std::string projectPath;
    int projectEpsg = 0;
    // Where a parcel's vertices may lie; a parcel with one outside has a damaged geometry.
    const crs::PlausibleExtent *vertexExtent = nullptr;
    const DemRaster *dem = nullptr;
    const std::vector<ConstraintPieces> *constraints = nullptr;
};

// What an exception says, in words an officer can act on.
std::string exceptionText(const std::exception &exception)
{
    if (dynamic_cast<const std::bad_alloc *>(&exception))
        return "out of memory (std::bad_alloc)";
    return exception.what();
}

Result<std::unique_ptr<Worker>> makeWorker(const Inputs &inputs)
{
    auto worker = std::make_unique<Worker>();
    const GEOSContextHandle_t context = worker->geos.handle();
    worker->reader = GEOSWKBReader_create_r(context);
    worker->writer = GEOSWKBWriter_create_r(context);
    GEOSWKBWriter_setByteOrder_r(context, worker->writer, GEOS_WKB_NDR);
    GEOSWKBWriter_setOutputDimension_r(context, worker->writer, 2);
    auto area = GeodesicArea::create(inputs.projectEpsg);
    if (!area)
        return area.error();
    worker->area.emplace(std::move(area).value());
    if (inputs.dem) {
        auto handle = inputs.dem->openHandle();
        if (!handle)
            return handle.error();
        worker->dem = std::move(handle).value();
        if (!crs::isEpsg(inputs.dem->srs(), inputs.projectEpsg)) {
            auto project = crs::fromEpsg(inputs.projectEpsg);
            if (!project)
                return project.error();
            CplErrorCapture capture;
            worker->toDem.reset(OCTNewCoordinateTransformation(project->get(), inputs.dem->srs()));
            if (!worker->toDem)
                return makeError(
                    ErrorCode::BadCrs, inputs.dem->path(),
                    "its CRS (" + inputs.dem->crsDescription() +
                        ") cannot be reached from EPSG:" + std::to_string(inputs.projectEpsg));
        }
    }
    for (const ConstraintPieces &pieces : *inputs.constraints)
        worker->constraints.push_back(std::make_unique<ConstraintIndex>(pieces, context));
    return worker;
}

// The rings of a (Multi)Polygon in DEM pixel coordinates. A vertex the transformation to the
// DEM's CRS cannot take is NaN, so that the coverage grid knows the parcel cannot be placed
// (dropping the ring instead would turn a parcel into its holes).
std::vector<PixelRing> pixelRings(GEOSContextHandle_t context, const GEOSGeometry *geometry,
                                  OGRCoordinateTransformationH toDem, const DemRaster &dem)
{
    std::vector<PixelRing> rings;
    std::vector<int> transformed;
    const auto addRing = [&](const GEOSGeometry *ring, bool hole) {
        const GEOSCoordSequence *sequence = GEOSGeom_getCoordSeq_r(context, ring);
        unsigned int size = 0;
        GEOSCoordSeq_getSize_r(context, sequence, &size);
        PixelRing out;
        out.hole = hole;
        out.x.resize(size);
        out.y.resize(size);
        GEOSCoordSeq_copyToArrays_r(context, sequence, out.x.data(), out.y.data(), nullptr,
                                    nullptr);
        if (toDem && size > 0) {
            transformed.assign(size, FALSE);
            if (!OCTTransformEx(toDem, static_cast<int>(size), out.x.data(), out.y.data(), nullptr,
                                transformed.data()))
                transformed.assign(size, FALSE);
            for (unsigned int i = 0; i < size; ++i) {
                if (!transformed[i])
                    out.x[i] = out.y[i] = std::numeric_limits<double>::quiet_NaN();
            }
        }
        for (unsigned int i = 0; i < size; ++i)
            dem.toPixel(out.x[i], out.y[i], out.x[i], out.y[i]);
        rings.push_back(std::move(out));
    };
    const int parts = GEOSGetNumGeometries_r(context, geometry);
    for (int p = 0; p < parts; ++p) {
        const GEOSGeometry *polygon = GEOSGetGeometryN_r(context, geometry, p);
        addRing(GEOSGetExteriorRing_r(context, polygon), false);
        const int holes = GEOSGetNumInteriorRings_r(context, polygon);
        for (int h = 0; h < holes; ++h)
            addRing(GEOSGetInteriorRingN_r(context, polygon, h), true);
    }
    return rings;
}

struct SlopeStats
{
    std::optional<double> mean, max, steepShare;
    double coverage = 0.0;  // share of the parcel on valid cells
};

// Coverage-weighted statistics of the slope under one parcel (exactextract's mean and max).
SlopeStats slopeStats(const CoverageGrid &grid, const ElevationWindow &window, double limit)
{
    SlopeStats stats;
    double valid = 0.0, weighted = 0.0, steep = 0.0;
    double maximum = -1.0;
    for (int r = 0; r < grid.rows(); ++r) {
        for (int c = 0; c < grid.cols(); ++c) {
            const double fraction = grid.fraction(c, r);
            if (fraction <= 0.0)
                continue;
            const double slope = window.slopeDegrees(grid.col0() + c, grid.row0() + r);
            if (std::isnan(slope))
                continue;
            valid += fraction;
            weighted += fraction * slope;
            if (slope > limit)
                steep += fraction;
            if (fraction > kTouchFraction)
                maximum = std::max(maximum, slope);
        }
    }
    if (valid > 0.0) {
        stats.mean = weighted / valid;
        stats.max = maximum >= 0.0 ? maximum : *stats.mean;
        stats.steepShare = steep / valid;
        // Over the parcel's whole area: the part beyond the DEM was clipped off the grid.
        const double area = grid.ringsArea();
        stats.coverage = area > 0.0 ? std::min(1.0, valid / area) : 0.0;
    }
    return stats;
}

CellWindow gridWindow(const CoverageGrid &grid)
{
    return CellWindow{grid.col0(), grid.row0(), grid.cols(), grid.rows()};
}

// Screens one group of parcels (one DEM tile) on one worker. A parcel with a damaged geometry (a
// vertex that is not a finite number or lies outside the project CRS's area of use, as an older
// project file or a drawn proposal may hold) is never eligible: its slope is unknown and so are
// its overlaps; an issue names it.
class GroupScreener
{
public:
    // issues: one slot per parcel, filled for the parcels of this worker's groups only.
    GroupScreener(const Inputs &inputs, Worker &worker, std::vector<std::optional<Issue>> &issues)
        : mInputs(inputs)
        , mWorker(worker)
        , mContext(worker.geos.handle())
        , mIssues(issues)
    {}

    Status screen(const std::vector<ParcelInput> &parcels, const std::vector<std::size_t> &group,
                  std::vector<ParcelScreening> &results)
    {
        try {
            return screenGroup(parcels, group, results);
        } catch (const std::exception &exception) {
            return makeError(ErrorCode::Io, mInputs.projectPath,
                             "screening failed at parcel " + mCurrentParcel + ": " +
                                 exceptionText(exception));
        }
    }

private:
    // One parcel before its DEM cells are read.
    struct PreparedParcel
    {
        GeosGeometry geometry;
        std::optional<CoverageGrid> grid;  // with a DEM
        bool damaged = false;              // a vertex no parcel can have
    };

    Status screenGroup(const std::vector<ParcelInput> &parcels,
                       const std::vector<std::size_t> &group, std::vector<ParcelScreening> &results)
    {
        std::vector<PreparedParcel> prepared(group.size());
        CellWindow window;
        for (std::size_t k = 0; k < group.size(); ++k) {
            GENGBAO_TRY(prepare(parcels[group[k]], group[k], prepared[k]));
            const auto &grid = prepared[k].grid;
            if (grid && grid->state() == CoverageGrid::State::Covered)
                window = window.united(gridWindow(*grid));
        }
        const DemRaster *dem = mInputs.dem;
        std::optional<ElevationWindow> elevations;
        if (dem && !window.empty() && window.cellCount() <= kMaxWindowCells) {
            auto read = ElevationWindow::read(*dem, mWorker.dem.get(), window);
            if (!read)
                return read.error();
            elevations.emplace(std::move(read).value());
            noteImplausibleCells(*elevations);
        }
        for (std::size_t k = 0; k < group.size(); ++k) {
            const ParcelInput &parcel = parcels[group[k]];
            mCurrentParcel = parcel.parcelId;
            ParcelScreening &result = results[group[k]];
            result.fid = parcel.fid;
            result.parcelId = parcel.parcelId;
            if (prepared[k].damaged) {
                screenDamaged(result);
                continue;
            }
            SlopeEvidence evidence;
            evidence.attributeDeg = parcel.attributeDeg;
            evidence.attributeGrade = parcel.attributeGrade;
            evidence.terrace = parcel.terrace;
            if (dem) {
                evidence.demGiven = true;
                GENGBAO_TRY(demEvidence(*prepared[k].grid, elevations, evidence, result));
            }
            result.slope = decideSlope(evidence, mInputs.request->rules);
            GENGBAO_TRY(overlay(parcel, prepared[k].geometry.get(), result));
        }
        return Status::success();
    }

    // Reads the parcel's geometry, checks its vertices and, with a DEM, computes its coverage
    // of the DEM's cells (clipped to the DEM, never larger than kMaxParcelCells).
    Status prepare(const ParcelInput &parcel, std::size_t index, PreparedParcel &out)
    {
        mCurrentParcel = parcel.parcelId;
        out.geometry =
            GeosGeometry(mContext, GEOSWKBReader_read_r(mContext, mWorker.reader, parcel.wkb.data(),
                                                        parcel.wkb.size()));
        if (!out.geometry)
            return makeError(ErrorCode::Database, mInputs.projectPath,
                             "parcel " + parcel.parcelId + " has a geometry GEOS cannot read");
        if (const auto stray =
                findStrayVertex(mContext, out.geometry.get(), mInputs.vertexExtent)) {
            out.damaged = true;
            note(index, parcel, "implausible_geometry",
                 strayVertexDetail(*stray, mInputs.vertexExtent) +
                     ", so its slope and overlaps are unknown and it is not eligible; correct "
                     "or redraw it");
            return Status::success();
        }
        const DemRaster *dem = mInputs.dem;
        if (!dem)
            return Status::success();
        out.grid.emplace(pixelRings(mContext, out.geometry.get(), mWorker.toDem.get(), *dem),
                         dem->width(), dem->height(), kMaxParcelCells);
        if (out.grid->state() == CoverageGrid::State::NotFinite)
            note(index, parcel, "dem_unplaceable",
                 "cannot be placed on the DEM (a vertex the transformation to its CRS, " +
                     dem->crsDescription() + ", cannot take), so its DEM slope is unknown");
        if (out.grid->state() == CoverageGrid::State::TooLarge)
            note(index, parcel, "dem_too_many_cells",
                 "covers more than " + std::to_string(kMaxParcelCells) +
                     " cells of the DEM, more than screening reads for one parcel, so its DEM "
                     "slope is unknown: a damaged geometry?");
        return Status::success();
    }

    void note(std::size_t index, const ParcelInput &parcel, const char *code,
              const std::string &detail)
    {
        mIssues[index] = Issue{Issue::Severity::Warning, code, -1, parcel.parcelId,
                               "parcel " + parcel.parcelId + " " + detail};
    }

    void noteImplausibleCells(const ElevationWindow &window)
    {
        if (window.implausibleCells() == 0)
            return;
        mWorker.implausibleCells += window.implausibleCells();
        if (std::fabs(window.mostImplausibleMetres()) > std::fabs(mWorker.mostImplausibleMetres))
            mWorker.mostImplausibleMetres = window.mostImplausibleMetres();
    }

    // A damaged parcel: nothing is known, so it cannot be eligible.
    void screenDamaged(ParcelScreening &result)
    {
        result.slope = SlopeVerdict{};
        result.slope.unknown = true;
        result.overlapM2.assign(mInputs.constraints->size(), 0.0);
        result.verdict = decideParcel(result.slope, {}, mInputs.request->rules);
        if (!mInputs.constraints->empty()) {
            result.verdict.reasons.push_back("overlap_error");
            result.verdict.eligible = false;
        }
    }

    Status demEvidence(const CoverageGrid &grid, const std::optional<ElevationWindow> &shared,
                       SlopeEvidence &evidence, ParcelScreening &result)
    {
        if (grid.state() != CoverageGrid::State::Covered)
            return Status::success();  // outside the DEM, unplaceable or too large: unknown
        const DemRaster &dem = *mInputs.dem;
        const CellWindow own = gridWindow(grid).clippedTo(dem.width(), dem.height());
        if (own.empty())
            return Status::success();
        std::optional<ElevationWindow> single;
        if (!shared) {
            auto read = ElevationWindow::read(dem, mWorker.dem.get(), own);
            if (!read)
                return read.error();
            single.emplace(std::move(read).value());
            noteImplausibleCells(*single);
        }
        const ElevationWindow &window = shared ? *shared : *single;
        const SlopeStats stats = slopeStats(grid, window, mInputs.request->rules.maxSlopeDeg);
        evidence.demMeanDeg = stats.mean;
        evidence.demMaxDeg = stats.max;
        evidence.demShareSteeper = stats.steepShare;
        evidence.demCoverage = stats.coverage;
        result.slopeMaxDeg = stats.max;
        result.slopeSteepShare = stats.steepShare;
        if (stats.mean)
            result.demCoverage = stats.coverage;
        return Status::success();
    }

    Status overlay(const ParcelInput &parcel, const GEOSGeometry *geometry, ParcelScreening &result)
    {
        const auto &specs = *mInputs.constraints;
        const ScreeningRules &rules = mInputs.request->rules;
        std::vector<LayerOverlap> overlaps;
        std::vector<const GEOSGeometry *> excludingPieces;
        bool anyExcludingOverlap = false;
        bool failed = false;
        for (std::size_t i = 0; i < specs.size(); ++i) {
            const ConstraintSpec &spec = specs[i].spec;
            auto overlap =
                mWorker.constraints[i]->overlap(geometry, parcel.envelope, *mWorker.area);
            failed = failed || overlap.failed;
            // Never more than the parcel: the pieces are disjoint, this only absorbs rounding.
            const double overlapM2 = std::min(overlap.areaM2, parcel.areaM2);
            result.overlapM2.push_back(overlapM2);
            overlaps.push_back(LayerOverlap{spec.kind, spec.action, overlapM2});
            if (reasonForKind(spec.kind) == kReasonRedLine)
                result.redLineOverlapM2 = result.redLineOverlapM2.value_or(0.0) + overlapM2;
            if (spec.action == ConstraintAction::Exclude) {
                excludingPieces.insert(excludingPieces.end(), overlap.pieces.begin(),
                                       overlap.pieces.end());
                anyExcludingOverlap = anyExcludingOverlap || overlapM2 > rules.overlapToleranceM2;
            }
        }
        result.verdict = decideParcel(result.slope, overlaps, rules);
        if (failed) {
            // An overlap that could not be computed is not an overlap of zero.
            result.verdict.reasons.push_back("overlap_error");
            result.verdict.eligible = false;
        }
        if (anyExcludingOverlap)
            remainder(geometry, excludingPieces, result);
        return Status::success();
    }

    // The part of the parcel outside every excluding layer, when there is one worth keeping.
    void remainder(const GEOSGeometry *geometry, const std::vector<const GEOSGeometry *> &pieces,
                   ParcelScreening &result)
    {
        GeosGeometry rest(mContext, GEOSGeom_clone_r(mContext, geometry));
        for (const GEOSGeometry *piece : pieces) {
            GeosGeometry next(mContext, GEOSDifference_r(mContext, rest.get(), piece));
            if (!next)
                next = GeosGeometry(mContext,
                                    GEOSDifferencePrec_r(mContext, rest.get(), piece, 0.001));
            if (!next)
                return;  // no remainder rather than a wrong one
            rest = std::move(next);
            if (GEOSisEmpty_r(mContext, rest.get()) == 1)
                break;
        }
        const double areaM2 = GEOSisEmpty_r(mContext, rest.get()) == 1
                                  ? 0.0
                                  : mWorker.area->area(mContext, rest.get());
        result.remainderM2 = areaM2 > mInputs.request->rules.overlapToleranceM2 ? areaM2 : 0.0;
        if (!(*result.remainderM2 > 0.0))
            return;
        rest = asMultiPolygon(mContext, polygonalPart(mContext, std::move(rest)));
        gpkg::Envelope &envelope = result.remainderEnvelope;
        GEOSGeom_getXMin_r(mContext, rest.get(), &envelope.minX);
        GEOSGeom_getXMax_r(mContext, rest.get(), &envelope.maxX);
        GEOSGeom_getYMin_r(mContext, rest.get(), &envelope.minY);
        GEOSGeom_getYMax_r(mContext, rest.get(), &envelope.maxY);
        std::size_t size = 0;
        unsigned char *wkb = GEOSWKBWriter_write_r(mContext, mWorker.writer, rest.get(), &size);
        result.remainderBlob = gpkg::encodeGeometry(mInputs.projectEpsg, envelope,
                                                    std::span<const unsigned char>(wkb, size));
        GEOSFree_r(mContext, wkb);
    }

    const Inputs &mInputs;
    Worker &mWorker;
    GEOSContextHandle_t mContext;
    std::vector<std::optional<Issue>> &mIssues;
    std::string mCurrentParcel;  // for the message of an exception
};

// floor(value) as an index in [0, last]; NaN gives 0. Clamped as a double first: a centre at
// 1e20 or Inf must not be cast to an int it does not fit.
int clampedIndex(double value, int last)
{
    if (!(value >= 0.0))
        return 0;
    return value >= double(last) ? last : static_cast<int>(std::floor(value));
}

// Groups of parcels that share a DEM tile (or a square of the map without a DEM), in row order.
// A parcel whose centre is off the DEM (or not a number) joins the nearest edge tile's group; it
// costs its group nothing, as its coverage is clipped to the DEM.
std::vector<std::vector<std::size_t>> groupParcels(const std::vector<ParcelInput> &parcels,
                                                   const DemRaster *dem, int projectEpsg)
{
    const std::size_t count = parcels.size();
    std::vector<double> x(count), y(count);
    for (std::size_t i = 0; i < count; ++i) {
        x[i] = (parcels[i].envelope.minX + parcels[i].envelope.maxX) / 2.0;
        y[i] = (parcels[i].envelope.minY + parcels[i].envelope.maxY) / 2.0;
    }
    std::vector<std::int64_t> keys(count);
    if (dem) {
        const int tilesX = (dem->width() + kTileCells - 1) / kTileCells;
        const int tilesY = (dem->height() + kTileCells - 1) / kTileCells;
        std::vector<int> ok(count, TRUE);
        if (!crs::isEpsg(dem->srs(), projectEpsg)) {
            auto project = crs::fromEpsg(projectEpsg);
            CplErrorCapture quiet;
            TransformPtr transform(
                project ? OCTNewCoordinateTransformation(project->get(), dem->srs()) : nullptr);
            if (transform)
                OCTTransformEx(transform.get(), static_cast<int>(count), x.data(), y.data(),
                               nullptr, ok.data());
        }
        for (std::size_t i = 0; i < count; ++i) {
            double column = 0, row = 0;
            dem->toPixel(x[i], y[i], column, row);
            const int tx = ok[i] ? clampedIndex(column / kTileCells, tilesX - 1) : 0;
            const int ty = ok[i] ? clampedIndex(row / kTileCells, tilesY - 1) : 0;
            keys[i] = std::int64_t(ty) * tilesX + tx;
        }
    } else {
        // Squares within ±1.28e8 m of the origin (any projected coordinate on Earth); a damaged
        // parcel further out, or at NaN, shares an edge square.
        constexpr int half = 50'000, side = 2 * half + 1;
        for (std::size_t i = 0; i < count; ++i) {
            const int tx = clampedIndex(x[i] / kTileMetres + half, side - 1);
            const int ty = clampedIndex(y[i] / kTileMetres + half, side - 1);
            keys[i] = std::int64_t(ty) * side + tx;
        }
    }
    std::vector<std::size_t> order(count);
    for (std::size_t i = 0; i < count; ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&keys](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    std::vector<std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < count; ++i) {
        if (i == 0 || keys[order[i]] != keys[order[i - 1]])
            groups.emplace_back();
        groups.back().push_back(order[i]);
    }
    return groups;
}

bool envelopeInside(const gpkg::Envelope &envelope, const crs::PlausibleExtent &extent)
{
    return extent.contains(envelope.minX, envelope.minY) &&
           extent.contains(envelope.maxX, envelope.maxY);
}

// The DEM's footprint must meet the parcels' extent, or every parcel would be "slope unknown".
// Damaged parcels (an envelope outside the CRS's area of use) have no say: one vertex at 1e20
// would make the extent meet every DEM, or defeat its transformation.
Status checkDemCoversParcels(const DemRaster &dem, const std::vector<ParcelInput> &parcels,
                             int projectEpsg, const crs::PlausibleExtent &plausible)
{
    std::optional<gpkg::Envelope> parcelsExtent;
    for (const ParcelInput &parcel : parcels) {
        if (!envelopeInside(parcel.envelope, plausible))
            continue;
        if (!parcelsExtent) {
            parcelsExtent = parcel.envelope;
            continue;
        }
        parcelsExtent->minX = std::min(parcelsExtent->minX, parcel.envelope.minX);
        parcelsExtent->minY = std::min(parcelsExtent->minY, parcel.envelope.minY);
        parcelsExtent->maxX = std::max(parcelsExtent->maxX, parcel.envelope.maxX);
        parcelsExtent->maxY = std::max(parcelsExtent->maxY, parcel.envelope.maxY);
    }
    if (!parcelsExtent)
        return Status::success();  // every parcel is damaged: each will say so
    const gpkg::Envelope &extent = *parcelsExtent;
    double minX = extent.minX, minY = extent.minY, maxX = extent.maxX, maxY = extent.maxY;
    if (!crs::isEpsg(dem.srs(), projectEpsg)) {
        auto project = crs::fromEpsg(projectEpsg);
        if (!project)
            return project.error();
        CplErrorCapture quiet;
        TransformPtr transform(OCTNewCoordinateTransformation(project->get(), dem.srs()));
        if (!transform ||
            !OCTTransformBounds(transform.get(), extent.minX, extent.minY, extent.maxX, extent.maxY,
                                &minX, &minY, &maxX, &maxY, 21))
            return makeError(
                ErrorCode::BadCrs, dem.path(),
                "its CRS (" + dem.crsDescription() +
                    ") cannot be reached from the project's EPSG:" + std::to_string(projectEpsg));
    }
    const auto &gt = dem.geoTransform();
    const double demMinX = std::min(gt[0], gt[0] + gt[1] * dem.width());
    const double demMaxX = std::max(gt[0], gt[0] + gt[1] * dem.width());
    const double demMinY = std::min(gt[3], gt[3] + gt[5] * dem.height());
    const double demMaxY = std::max(gt[3], gt[3] + gt[5] * dem.height());
    if (maxX < demMinX || minX > demMaxX || maxY < demMinY || minY > demMaxY) {
        char text[400];
        std::snprintf(text, sizeof text,
                      "covers none of the project's %zu parcels (the DEM spans %.0f..%.0f, "
                      "%.0f..%.0f in %s; the parcels %.0f..%.0f, %.0f..%.0f): a DEM of another "
                      "area, or a wrong CRS?",
                      parcels.size(), demMinX, demMaxX, demMinY, demMaxY,
                      dem.crsDescription().c_str(), minX, maxX, minY, maxY);
        return makeError(ErrorCode::InvalidArgument, dem.path(), text);
    }
    return Status::success();
}

// Runs body(worker) on every worker, the first on this thread; the first error wins.
template <typename Body>
Status onEveryWorker(std::vector<std::unique_ptr<Worker>> &workers, const std::string &projectPath,
                     Body body)
{
    std::mutex mutex;
    std::optional<Error> firstError;
    const auto run = [&](std::size_t index) {
        Status status;
        try {
            CplErrorCapture quiet;  // GDAL messages of this thread go nowhere
            status = body(*workers[index], index);
        } catch (const std::exception &exception) {
            status = makeError(ErrorCode::Io, projectPath,
                               "screening the parcels failed: " + exceptionText(exception));
        }
        if (!status) {
            std::lock_guard lock(mutex);
            if (!firstError)
                firstError = status.error();
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < workers.size(); ++i)
        threads.emplace_back(run, i);
    run(0);
    for (auto &thread : threads)
        thread.join();
    if (firstError)
        return *firstError;
    return Status::success();
}

// One issue for the DEM cells the workers took as nodata for their implausible elevations
// (cells the check at open did not sample).
void noteImplausibleCells(const DemRaster &dem, const std::vector<std::unique_ptr<Worker>> &workers,
                          std::vector<Issue> &issues)
{
    std::int64_t cells = 0;
    double furthest = 0.0;
    for (const auto &worker : workers) {
        cells += worker->implausibleCells;
        if (std::fabs(worker->mostImplausibleMetres) > std::fabs(furthest))
            furthest = worker->mostImplausibleMetres;
    }
    if (cells == 0)
        return;
    char text[320];
    std::snprintf(text, sizeof text,
                  "%s: %lld cell reads under the parcels met elevations beyond any terrain on "
                  "Earth (up to %.6g m), taken as nodata: is the DEM's nodata value declared?",
                  dem.path().c_str(), static_cast<long long>(cells), furthest);
    issues.push_back(Issue{Issue::Severity::Warning, "dem_implausible_cells", -1, {}, text});
}

// A screening computed and not yet written: the summary (inputs with their checksums, counts),
// each parcel's result, and the constraint layers as read.
struct ComputedScreening
{
    ScreeningSummary summary;
    std::vector<ParcelScreening> results;
    std::vector<ConstraintPieces> constraints;
};

// Screens every parcel of the project, or only those of `fids`. The checks that the DEM covers
// the parcels concern a whole project; a few parcels outside it are slope_unknown, as they would
// be in a whole run.
// doing: what is under way, for the message of an exception.
Result<ComputedScreening> computeScreeningStages(Project &project, const ScreeningRequest &request,
                                                 const std::vector<std::int64_t> *fids,
                                                 Progress &progress, std::string &doing)
{
    ComputedScreening computed;
    ScreeningSummary &summary = computed.summary;
    summary.rules = request.rules;
    summary.startedAt = utcNow();
    const ScreeningRules &rules = request.rules;
    if (!(rules.maxSlopeDeg > 0.0 && rules.maxSlopeDeg < 90.0))
        return makeError(ErrorCode::InvalidArgument, {},
                         "the slope limit must lie between 0° and 90°");
    if (!(rules.overlapToleranceM2 >= 0.0))
        return makeError(ErrorCode::InvalidArgument, {},
                         "the overlap tolerance cannot be negative");
    if (!project.settings().crsEpsg)
        return makeError(ErrorCode::InvalidArgument, project.path(),
                         "has no parcels yet: import the candidate parcels before screening");
    const int projectEpsg = *project.settings().crsEpsg;
    auto vertexExtent = crs::plausibleExtent(projectEpsg);
    if (!vertexExtent)
        return vertexExtent.error();

    // Every input is opened and checked before any parcel is touched.
    progress.report(0.0, "reading inputs");
    std::optional<DemRaster> dem;
    if (request.demPath) {
        doing = "reading the DEM " + *request.demPath;
        auto opened = DemRaster::open(*request.demPath);
        if (!opened)
            return opened.error();
        dem.emplace(std::move(opened).value());
    }
    std::vector<ConstraintPieces> &constraints = computed.constraints;
    for (const ConstraintSpec &spec : request.constraints) {
        if (spec.kind.empty())
            return makeError(ErrorCode::InvalidArgument, spec.path,
                             "needs a kind (e.g. 生态保护红线)");
        doing = "reading the constraint layer " + spec.path;
        auto loaded = loadConstraintLayer(spec, projectEpsg);
        if (!loaded)
            return loaded.error();
        constraints.push_back(std::move(loaded).value());
        if (progress.cancelled())
            return makeError(ErrorCode::Cancelled, spec.path,
                             "screening cancelled; nothing was changed");
    }
    // Checksums on the side while the parcels are screened.
    std::vector<std::future<Result<FileChecksum>>> checksums;
    if (dem)
        checksums.push_back(std::async(std::launch::async, sha256OfFiles, dem->files()));
    for (const ConstraintPieces &pieces : constraints)
        checksums.push_back(std::async(std::launch::async, sha256OfFiles, pieces.files));

    doing = "reading the parcels";
    auto parcels = loadParcels(project.database(), fids);
    if (!parcels)
        return parcels.error();
    if (parcels->empty())
        return makeError(ErrorCode::InvalidArgument, project.path(),
                         "has no parcels yet: import the candidate parcels before screening");
    if (dem && !fids)
        GENGBAO_TRY(checkDemCoversParcels(*dem, *parcels, projectEpsg, *vertexExtent));

    doing = "screening the parcels";
    const GdalCacheLimit cacheLimit(kGdalCacheBytes);
    const Inputs inputs{&request,       project.path(),        projectEpsg,
                        &*vertexExtent, dem ? &*dem : nullptr, &constraints};
    const auto groups = groupParcels(*parcels, inputs.dem, projectEpsg);
    // No more workers than groups: each builds its own index of every constraint layer, which
    // a proposal's single parcel would pay four times over.
    const std::size_t threadCount =
        std::min(std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4), groups.size());
    std::vector<std::unique_ptr<Worker>> workers;
    for (std::size_t i = 0; i < threadCount; ++i) {
        auto worker = makeWorker(inputs);
        if (!worker)
            return worker.error();
        workers.push_back(std::move(worker).value());
    }

    std::vector<ParcelScreening> &results = computed.results;
    results.resize(parcels->size());
    std::vector<std::optional<Issue>> parcelIssues(parcels->size());
    std::atomic<std::size_t> nextGroup{0};
    std::atomic<std::size_t> done{0};
    std::atomic<bool> stop{false};
    const std::size_t total = parcels->size();
    GENGBAO_TRY(
        onEveryWorker(workers, project.path(), [&](Worker &worker, std::size_t index) -> Status {
            GroupScreener screener(inputs, worker, parcelIssues);
            for (;;) {
                if (stop.load() || progress.cancelled())
                    return Status::success();
                const std::size_t g = nextGroup.fetch_add(1);
                if (g >= groups.size())
                    return Status::success();
                Status status = screener.screen(*parcels, groups[g], results);
                if (!status) {
                    stop = true;
                    return status;
                }
                const std::size_t finished = done.fetch_add(groups[g].size()) + groups[g].size();
                if (index == 0)  // progress is reported from the calling thread only
                    progress.report(0.95 * double(finished) / double(total), "screening");
            }
        }));
    if (progress.cancelled())
        return makeError(ErrorCode::Cancelled, project.path(),
                         "screening cancelled; nothing was changed");

    for (const ParcelScreening &result : results)
        countScreeningResult(result, summary);
    std::size_t damaged = 0;
    for (std::optional<Issue> &issue : parcelIssues) {
        if (!issue)
            continue;
        damaged += issue->code == "implausible_geometry";
        summary.issues.push_back(std::move(*issue));
    }
    if (dem)
        noteImplausibleCells(*dem, workers, summary.issues);
    if (dem && !fids && summary.slopeFromDem == 0 && damaged < total)
        return makeError(ErrorCode::InvalidArgument, dem->path(),
                         "covers none of the project's " + std::to_string(total) +
                             " parcels with valid elevations (outside its extent or on "
                             "nodata cells)");

    // The run's record of its inputs.
    std::size_t checksumIndex = 0;
    if (dem) {
        auto checksum = checksums[checksumIndex++].get();
        if (!checksum)
            return checksum.error();
        summary.inputs.push_back(ScreeningInput{"dem",
                                                {},
                                                std::nullopt,
                                                dem->path(),
                                                {},
                                                dem->crsDescription(),
                                                -1,
                                                checksum->sizeBytes,
                                                checksum->sha256});
    }
    for (const ConstraintPieces &pieces : constraints) {
        auto checksum = checksums[checksumIndex++].get();
        if (!checksum)
            return checksum.error();
        summary.inputs.push_back(ScreeningInput{
            "constraint", pieces.spec.kind, pieces.spec.action, pieces.spec.path, pieces.layerName,
            pieces.crsDescription, pieces.featureCount, checksum->sizeBytes, checksum->sha256});
        summary.issues.insert(summary.issues.end(), pieces.issues.begin(), pieces.issues.end());
    }

    return computed;
}

Result<ComputedScreening> computeScreening(Project &project, const ScreeningRequest &request,
                                           const std::vector<std::int64_t> *fids,
                                           Progress &progress)
{
    std::string doing = "checking the request";
    try {
        return computeScreeningStages(project, request, fids, progress, doing);
    } catch (const std::exception &exception) {
        return makeError(ErrorCode::Io, project.path(),
                         "screening failed while " + doing + ": " + exceptionText(exception));
    }
}

}  // namespace

Result<ScreeningSummary> screenParcels(Project &project, const ScreeningRequest &request,
                                       Progress &progress)
{
    try {
        auto computed = computeScreening(project, request, nullptr, progress);
        if (!computed)
            return computed.error();
        ScreeningSummary &summary = computed->summary;
        // The run keeps its constraint layers as the project's reference layers, so the map
        // draws the red line without the original files. The features were read anyway; storing
        // them is a few inserts.
        std::vector<ReferenceLayerFeatures> layers;
        std::size_t input = summary.inputs.size() - computed->constraints.size();
        for (const ConstraintPieces &pieces : computed->constraints) {
            ReferenceLayerFeatures layer;
            layer.kind = pieces.spec.kind;
            layer.name = std::filesystem::path(pieces.spec.path).stem().string();
            layer.sourcePath = pieces.spec.path;
            layer.sourceLayer = pieces.layerName;
            layer.sha256 = summary.inputs[input++].sha256;
            layer.blobs = pieces.featureBlobs;
            layer.envelopes = pieces.featureEnvelopes;
            layers.push_back(std::move(layer));
        }
        progress.report(0.95, "writing");
        summary.finishedAt = utcNow();
        GENGBAO_TRY(saveScreeningRun(project.database(), *project.settings().crsEpsg,
                                     request.user.empty() ? loginName() : request.user, summary,
                                     computed->results, layers, progress));
        progress.report(1.0, "done");
        return std::move(summary);
    } catch (const std::exception &exception) {
        return makeError(ErrorCode::Io, project.path(),
                         "screening failed while recording the run: " + exceptionText(exception));
    }
}

Result<PartialScreening> screenSomeParcels(Project &project, const ScreeningRequest &request,
                                           const std::vector<std::int64_t> &fids,
                                           Progress &progress)
{
    try {
        if (fids.empty())
            return PartialScreening{};
        auto computed = computeScreening(project, request, &fids, progress);
        if (!computed)
            return computed.error();
        return PartialScreening{std::move(computed->results), std::move(computed->summary.inputs),
                                std::move(computed->summary.issues)};
    } catch (const std::exception &exception) {
        return makeError(ErrorCode::Io, project.path(),
                         "screening the proposed parcels failed: " + exceptionText(exception));
    }
}

}  // namespace gengbao::core
