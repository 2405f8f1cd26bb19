// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/issue.h"
#include "../base/result.h"
#include "../db/gpkg.h"
#include "../domain/screening.h"
#include "../geo/geodesicarea.h"
#include "../geo/geoscontext.h"
#include "../geo/handles.h"
#include "../io/parcelreader.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gengbao::core {

// A polygon layer read as it is: every feature's polygons in the project CRS, checked by
// ParcelReader and repaired by the import's geometry stage, as GeoPackage blobs. Screening cuts
// it into pieces; the project keeps it as a reference layer for the map (ops/referencelayers).
struct PolygonLayer
{
    std::string layerName;
    std::string crsDescription;
    std::int64_t featureCount = 0;                  // features read, the skipped ones included
    std::vector<std::string> files;                 // every file of the dataset, for the checksum
    std::vector<std::vector<unsigned char>> blobs;  // each kept feature, a MultiPolygon
    std::vector<gpkg::Envelope> envelopes;
    std::vector<std::string> labels;  // each kept feature's label, when a label field was chosen
    std::vector<Issue> issues;        // repaired or skipped features (the import's codes)
};

// Chooses the field whose values label the features, from what the reader found in the file;
// an empty name means no labels. Its error refuses the file.
using LabelFieldChooser = std::function<Result<std::string>(const LayerInfo &)>;

// Reads the whole layer; a layer with no usable polygon is refused. Every refusal is one line
// naming the file.
Result<PolygonLayer> readPolygonLayer(const ReaderOptions &options, int projectEpsg,
                                      const LabelFieldChooser &chooseLabelField = {});

// One constraint layer the officer chose: a polygon file in any CRS, its kind and its action.
struct ConstraintSpec
{
    std::string path;
    std::optional<std::string> layer;  // default: the file's only polygon layer
    std::string kind = std::string(kRedLineKind);
    ConstraintAction action = ConstraintAction::Exclude;
};

// A constraint layer ready for overlay, in the project CRS, cut along a square grid into small
// disjoint pieces. A red line of 200k vertices in a few rings would make every intersection walk
// the whole ring; its pieces have tens of vertices, and a cell wholly inside the layer is a
// plain rectangle, whose overlap with a parcel is one rectangle clip. Features that overlap one
// another are dissolved cell by cell, so an area is never counted twice.
struct ConstraintPieces
{
    ConstraintSpec spec;
    std::string layerName;
    std::string crsDescription;
    std::int64_t featureCount = 0;
    std::vector<std::string> files;               // every file of the dataset, for the checksum
    double cellSize = 0.0;                        // metres
    std::vector<std::vector<unsigned char>> wkb;  // each piece, WKB in the project CRS
    std::vector<gpkg::Envelope> envelopes;
    std::vector<char> wholeCell;  // the piece is its whole grid cell
    std::vector<Issue> issues;    // repaired or skipped features
    // The layer's features before cutting, which the run keeps as a reference layer for the map.
    std::vector<std::vector<unsigned char>> featureBlobs;
    std::vector<gpkg::Envelope> featureEnvelopes;
};

// Reads, checks (polygons, a CRS, not empty), reprojects, repairs and cuts one layer. Every
// refusal is one line naming the file.
Result<ConstraintPieces> loadConstraintLayer(const ConstraintSpec &spec, int projectEpsg);

// One worker's view of a constraint layer: the pieces in its own GEOS context behind an STRtree
// (GEOS geometries and trees must not be shared between threads).
class ConstraintIndex
{
public:
    ConstraintIndex(const ConstraintPieces &pieces, GEOSContextHandle_t context);
    ~ConstraintIndex();
    ConstraintIndex(const ConstraintIndex &) = delete;
    ConstraintIndex &operator=(const ConstraintIndex &) = delete;

    struct Overlap
    {
        double areaM2 = 0.0;                       // ellipsoidal, as the parcels' own areas
        std::vector<const GEOSGeometry *> pieces;  // the pieces that meet the parcel
        bool failed = false;  // GEOS could not intersect (a broken parcel geometry)
    };
    // The parcel's overlap with the layer (parcel in the project CRS).
    Overlap overlap(const GEOSGeometry *parcel, const gpkg::Envelope &envelope, GeodesicArea &area);

private:
    GEOSContextHandle_t mContext;
    std::vector<GeosGeometry> mPieces;
    std::vector<char> mWholeCell;
    std::vector<gpkg::Envelope> mEnvelopes;
    GEOSSTRtree *mTree = nullptr;
    std::vector<std::size_t> mHits;
};

}  // namespace gengbao::core
