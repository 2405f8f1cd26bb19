// SPDX-License-Identifier: GPL-3.0-or-later
#include "constraintlayer.h"

#include "../geo/crs.h"
#include "../io/parcelreader.h"
#include "parcelgeometry.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>

namespace gengbao::core {

namespace {

// The grid: about this many cells across the layer's extent, none smaller than kMinCellSize.
// At county scale (50 km) a cell is about 200 m: a parcel meets one to four of them, and a cell
// holds tens of the red line's vertices.
constexpr double kCellsAcross = 256.0;
constexpr double kMinCellSize = 20.0;

// A cell wholly inside the layer is recognised by its clipped area; the rest of a float
// comparison's worth is rounding.
constexpr double kWholeCellTolerance = 1e-9;

struct GridCell
{
    bool whole = false;
    std::vector<GeosGeometry> parts;  // from one or more features
};

// Cuts polygons along a square grid by recursive quartering: each level clips only what the
// level above kept, so a 200k-vertex ring costs a few passes over its vertices, not one per cell.
class GridCutter
{
public:
    GridCutter(GEOSContextHandle_t context, double originX, double originY, double cellSize,
               int span)
        : mContext(context)
        , mOriginX(originX)
        , mOriginY(originY)
        , mCellSize(cellSize)
        , mSpan(span)
    {}

    void cut(GeosGeometry geometry) { cutNode(std::move(geometry), 0, 0, mSpan); }

    std::unordered_map<std::int64_t, GridCell> &cells() { return mCells; }
    std::int64_t key(int ix, int iy) const { return std::int64_t(iy) * mSpan + ix; }
    void cellBounds(std::int64_t key, double &x0, double &y0, double &x1, double &y1) const
    {
        const int ix = static_cast<int>(key % mSpan);
        const int iy = static_cast<int>(key / mSpan);
        bounds(ix, iy, 1, x0, y0, x1, y1);
    }

private:
    void bounds(int ix, int iy, int span, double &x0, double &y0, double &x1, double &y1) const
    {
        x0 = mOriginX + ix * mCellSize;
        y0 = mOriginY + iy * mCellSize;
        x1 = mOriginX + (ix + span) * mCellSize;
        y1 = mOriginY + (iy + span) * mCellSize;
    }

    void cutNode(GeosGeometry geometry, int ix, int iy, int span)
    {
        if (span == 1) {
            GridCell &cell = mCells[key(ix, iy)];
            if (!cell.whole)
                cell.parts.push_back(std::move(geometry));
            return;
        }
        double gx0 = 0, gy0 = 0, gx1 = 0, gy1 = 0;
        GEOSGeom_getXMin_r(mContext, geometry.get(), &gx0);
        GEOSGeom_getYMin_r(mContext, geometry.get(), &gy0);
        GEOSGeom_getXMax_r(mContext, geometry.get(), &gx1);
        GEOSGeom_getYMax_r(mContext, geometry.get(), &gy1);
        const int half = span / 2;
        for (int dy = 0; dy < 2; ++dy) {
            for (int dx = 0; dx < 2; ++dx) {
                const int cx = ix + dx * half;
                const int cy = iy + dy * half;
                double x0, y0, x1, y1;
                bounds(cx, cy, half, x0, y0, x1, y1);
                if (gx1 <= x0 || gx0 >= x1 || gy1 <= y0 || gy0 >= y1)
                    continue;
                GeosGeometry clipped(mContext,
                                     GEOSClipByRect_r(mContext, geometry.get(), x0, y0, x1, y1));
                if (!clipped || GEOSisEmpty_r(mContext, clipped.get()) == 1)
                    continue;
                double area = 0.0;
                GEOSArea_r(mContext, clipped.get(), &area);
                if (area <= 0.0)
                    continue;  // the layer only touches this quarter along a line
                const double quarterArea = (x1 - x0) * (y1 - y0);
                if (area >= quarterArea * (1.0 - kWholeCellTolerance)) {
                    markWhole(cx, cy, half);
                    continue;
                }
                cutNode(std::move(clipped), cx, cy, half);
            }
        }
    }

    void markWhole(int ix, int iy, int span)
    {
        for (int y = iy; y < iy + span; ++y) {
            for (int x = ix; x < ix + span; ++x) {
                GridCell &cell = mCells[key(x, y)];
                cell.whole = true;
                cell.parts.clear();
            }
        }
    }

    GEOSContextHandle_t mContext;
    double mOriginX, mOriginY, mCellSize;
    int mSpan;
    std::unordered_map<std::int64_t, GridCell> mCells;
};

// One cell's piece: the cell itself, its only part, or the union of overlapping features' parts,
// made valid (a rectangle clip of a valid polygon can leave a ring touching itself).
GeosGeometry pieceOf(GEOSContextHandle_t context, GridCell &cell)
{
    GeosGeometry piece;
    if (cell.parts.size() == 1) {
        piece = std::move(cell.parts.front());
    } else {
        std::vector<GEOSGeometry *> parts;
        for (GeosGeometry &part : cell.parts)
            parts.push_back(part.release());
        GeosGeometry collection(
            context, GEOSGeom_createCollection_r(context, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                 static_cast<unsigned>(parts.size())));
        piece = GeosGeometry(context, GEOSUnaryUnion_r(context, collection.get()));
    }
    if (!piece)
        return piece;
    if (GEOSisValid_r(context, piece.get()) != 1)
        piece = GeosGeometry(context, GEOSMakeValid_r(context, piece.get()));
    return piece ? polygonalPart(context, std::move(piece)) : GeosGeometry();
}

void collectHit(void *item, void *userData)
{
    static_cast<std::vector<std::size_t> *>(userData)->push_back(
        static_cast<std::size_t>(reinterpret_cast<std::uintptr_t>(item)) - 1);
}

}  // namespace

Result<PolygonLayer> readPolygonLayer(const ReaderOptions &options, int projectEpsg,
                                      const LabelFieldChooser &chooseLabelField)
{
    auto opened = ParcelReader::open(options);
    if (!opened)
        return opened.error();
    ParcelReader &reader = **opened;
    PolygonLayer out;
    out.layerName = reader.info().layerName;
    out.crsDescription = reader.info().crsDescription;
    out.files = reader.files();
    std::string labelField;
    if (chooseLabelField) {
        auto chosen = chooseLabelField(reader.info());
        if (!chosen)
            return chosen.error();
        labelField = *chosen;
    }

    auto projectSrs = crs::fromEpsg(projectEpsg);
    if (!projectSrs)
        return projectSrs.error();
    auto worker = GeometryWorker::create(reader.sourceSrs(), projectSrs->get(),
                                         crs::isEpsg(reader.sourceSrs(), projectEpsg), projectEpsg);
    if (!worker) {
        Error error = worker.error();
        error.file = options.path;
        return error;
    }
    // Every feature as a valid polygon in the project CRS (the import's own geometry stage).
    RawFeature feature;
    for (;;) {
        auto more = reader.next(feature);
        if (!more)
            return more.error();
        if (!*more)
            break;
        ++out.featureCount;
        PreparedGeometry prepared = prepareGeometry(feature, **worker, projectEpsg);
        // Only messages need this text; most features have none.
        const auto name = [&] {
            return "feature " + std::to_string(feature.fid) + " of " + options.path;
        };
        if (prepared.rejected) {
            out.issues.push_back(Issue{Issue::Severity::Warning,
                                       prepared.code,
                                       feature.fid,
                                       {},
                                       name() + " " + prepared.detail + "; skipped"});
            continue;
        }
        if (prepared.repaired) {
            out.issues.push_back(Issue{Issue::Severity::Info,
                                       "repaired",
                                       feature.fid,
                                       {},
                                       name() + ": " + prepared.repairDetail});
        }
        if (!labelField.empty()) {
            const auto value = feature.attributes.find(labelField);
            out.labels.push_back(value == feature.attributes.end() || value->is_null()
                                     ? std::string()
                                 : value->is_string() ? value->get<std::string>()
                                                      : value->dump());
        }
        out.blobs.push_back(std::move(prepared.blob));
        out.envelopes.push_back(prepared.envelope);
    }
    if (out.blobs.empty())
        return makeError(ErrorCode::EmptyLayer, options.path,
                         "layer '" + out.layerName + "' has no usable polygon");
    return out;
}

Result<ConstraintPieces> loadConstraintLayer(const ConstraintSpec &spec, int projectEpsg)
{
    ReaderOptions options;
    options.path = spec.path;
    options.layer = spec.layer;
    options.role = "constraint layers";
    options.layerHint = "FILE:LAYER";
    options.crsHint = "add its .prj (a constraint layer's CRS is never guessed)";
    options.crsFromCoordinates = false;
    options.readAttributes = false;
    auto read = readPolygonLayer(options, projectEpsg);
    if (!read)
        return read.error();
    PolygonLayer &layer = *read;
    ConstraintPieces out;
    out.spec = spec;
    out.layerName = layer.layerName;
    out.crsDescription = layer.crsDescription;
    out.featureCount = layer.featureCount;
    out.files = std::move(layer.files);  // for the run's checksum
    for (Issue &issue : layer.issues) {
        issue.code = "constraint_" + issue.code;
        out.issues.push_back(std::move(issue));
    }

    // The cutting works on GEOS geometries in a context of its own (already in the project CRS).
    auto worker = GeometryWorker::create(nullptr, nullptr, true, projectEpsg);
    if (!worker)
        return worker.error();
    const GEOSContextHandle_t context = (*worker)->geos.handle();
    std::vector<GeosGeometry> polygons;
    double minX = HUGE_VAL, minY = HUGE_VAL, maxX = -HUGE_VAL, maxY = -HUGE_VAL;
    for (std::size_t i = 0; i < layer.blobs.size(); ++i) {
        auto decoded = gpkg::decodeGeometry(layer.blobs[i]);
        if (!decoded)
            continue;
        GeosGeometry geometry(context,
                              GEOSWKBReader_read_r(context, (*worker)->reader, decoded->wkb.data(),
                                                   decoded->wkb.size()));
        if (!geometry)
            continue;
        const gpkg::Envelope &envelope = layer.envelopes[i];
        minX = std::min(minX, envelope.minX);
        minY = std::min(minY, envelope.minY);
        maxX = std::max(maxX, envelope.maxX);
        maxY = std::max(maxY, envelope.maxY);
        polygons.push_back(std::move(geometry));
    }
    out.featureBlobs = std::move(layer.blobs);
    out.featureEnvelopes = std::move(layer.envelopes);
    if (polygons.empty())
        return makeError(ErrorCode::EmptyLayer, spec.path,
                         "layer '" + out.layerName + "' has no usable polygon");

    const double side = std::max(maxX - minX, maxY - minY);
    out.cellSize = std::max(kMinCellSize, side / kCellsAcross);
    int span = 1;
    while (span * out.cellSize < side)
        span *= 2;
    GridCutter cutter(context, minX, minY, out.cellSize, span);
    for (GeosGeometry &polygon : polygons)
        cutter.cut(std::move(polygon));

    GEOSWKBWriter *writer = (*worker)->writer;
    for (auto &[key, cell] : cutter.cells()) {
        GeosGeometry piece;
        if (cell.whole) {
            double x0, y0, x1, y1;
            cutter.cellBounds(key, x0, y0, x1, y1);
            piece = GeosGeometry(context, GEOSGeom_createRectangle_r(context, x0, y0, x1, y1));
        } else {
            piece = pieceOf(context, cell);
        }
        if (!piece || GEOSisEmpty_r(context, piece.get()) == 1)
            continue;
        std::size_t size = 0;
        unsigned char *wkb = GEOSWKBWriter_write_r(context, writer, piece.get(), &size);
        out.wkb.emplace_back(wkb, wkb + size);
        GEOSFree_r(context, wkb);
        gpkg::Envelope envelope;
        GEOSGeom_getXMin_r(context, piece.get(), &envelope.minX);
        GEOSGeom_getYMin_r(context, piece.get(), &envelope.minY);
        GEOSGeom_getXMax_r(context, piece.get(), &envelope.maxX);
        GEOSGeom_getYMax_r(context, piece.get(), &envelope.maxY);
        out.envelopes.push_back(envelope);
        out.wholeCell.push_back(cell.whole ? 1 : 0);
    }
    return out;
}

ConstraintIndex::ConstraintIndex(const ConstraintPieces &pieces, GEOSContextHandle_t context)
    : mContext(context)
    , mWholeCell(pieces.wholeCell)
    , mEnvelopes(pieces.envelopes)
{
    GEOSWKBReader *reader = GEOSWKBReader_create_r(context);
    mPieces.reserve(pieces.wkb.size());
    for (const auto &wkb : pieces.wkb)
        mPieces.emplace_back(context,
                             GEOSWKBReader_read_r(context, reader, wkb.data(), wkb.size()));
    GEOSWKBReader_destroy_r(context, reader);
    mTree = GEOSSTRtree_create_r(context, 10);
    for (std::size_t i = 0; i < mPieces.size(); ++i) {
        if (mPieces[i])
            GEOSSTRtree_insert_r(context, mTree, mPieces[i].get(),
                                 reinterpret_cast<void *>(static_cast<std::uintptr_t>(i + 1)));
    }
}

ConstraintIndex::~ConstraintIndex()
{
    if (mTree)
        GEOSSTRtree_destroy_r(mContext, mTree);
}

ConstraintIndex::Overlap ConstraintIndex::overlap(const GEOSGeometry *parcel,
                                                  const gpkg::Envelope &envelope,
                                                  GeodesicArea &area)
{
    Overlap result;
    mHits.clear();
    GeosGeometry query(mContext, GEOSGeom_createRectangle_r(mContext, envelope.minX, envelope.minY,
                                                            envelope.maxX, envelope.maxY));
    GEOSSTRtree_query_r(mContext, mTree, query.get(), collectHit, &mHits);
    std::sort(mHits.begin(), mHits.end());  // the same order on every run and thread
    for (const std::size_t index : mHits) {
        const GEOSGeometry *piece = mPieces[index].get();
        GeosGeometry shared;
        if (mWholeCell[index]) {
            const gpkg::Envelope &cell = mEnvelopes[index];
            shared = GeosGeometry(mContext, GEOSClipByRect_r(mContext, parcel, cell.minX, cell.minY,
                                                             cell.maxX, cell.maxY));
        } else {
            if (GEOSIntersects_r(mContext, parcel, piece) != 1)
                continue;
            shared = GeosGeometry(mContext, GEOSIntersection_r(mContext, parcel, piece));
            if (!shared)  // a robustness failure: retry on a 1 mm grid
                shared =
                    GeosGeometry(mContext, GEOSIntersectionPrec_r(mContext, parcel, piece, 0.001));
            if (!shared) {
                result.failed = true;
                continue;
            }
        }
        if (!shared || GEOSisEmpty_r(mContext, shared.get()) == 1)
            continue;
        const double shareM2 = area.area(mContext, shared.get());
        if (shareM2 > 0.0) {
            result.areaM2 += shareM2;
            result.pieces.push_back(piece);
        }
    }
    return result;
}

}  // namespace gengbao::core
