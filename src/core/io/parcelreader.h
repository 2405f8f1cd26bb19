// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"
#include "../geo/handles.h"
#include "encoding.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gengbao::core {

struct ReaderOptions
{
    std::string path;
    std::optional<std::string> layer;     // default: the only polygon layer
    std::optional<std::string> encoding;  // override; shapefiles only
    std::optional<int> sourceEpsg;        // override for a file without a usable CRS
    // How messages name the features and the ways to fix a problem: the same reader opens
    // parcels and the constraint layers of screening.
    std::string role = "parcels";
    std::string layerHint = "--layer";
    std::string crsHint = "add the .prj or give the CRS (e.g. --source-crs EPSG:4545)";
    // Read a missing CRS off 8-digit zone-prefixed eastings (parcels, with a warning). Screening
    // inputs decide exclusions and get no guess.
    bool crsFromCoordinates = true;
    bool readAttributes = true;  // false: geometries only (constraint layers)
};

// What the reader found out about the file before reading features: the import dialog's preview
// and the batch record show it.
struct LayerInfo
{
    std::string driver;  // "ESRI Shapefile", "GPKG", "GeoJSON"
    std::string layerName;
    std::int64_t featureCount = 0;
    std::vector<std::string> fieldNames;  // decoded to UTF-8
    std::string encoding;                 // iconv name, "UTF-8" for GeoPackage and GeoJSON
    std::string encodingOrigin;  // "override", "cpg", "dbf language byte", "detected", "format"
    std::string crsDescription;  // "EPSG:4545" or a name
    bool crsFromCoordinates = false;  // no .prj; zone read from 8-digit eastings
    OGREnvelope extent{};
    std::vector<std::string> truncatedFieldNames;  // names whose cut-off last character was dropped
};

// One feature as read: FID, 2D WKB in the source CRS (empty when it has no geometry) and every
// attribute verbatim, decoded to UTF-8, as an ordered JSON object.
struct RawFeature
{
    std::int64_t fid = -1;
    std::vector<unsigned char> wkb;
    std::string geometryTypeName;  // OGR's name, for messages about non-polygons
    nlohmann::ordered_json attributes;
    std::vector<std::string> truncatedFields;  // values whose cut-off last character was dropped
};

// Reads candidate parcels from a Shapefile, GeoPackage or GeoJSON through OGR. Opening does every
// whole-file check (companion files, truncation, format, layer, geometry type, emptiness,
// encoding, CRS) so that a bad file is refused before anything is written. Shapefiles are opened
// with ENCODING="" (raw bytes) and decoded here, as QGIS does, so GBK never becomes mojibake.
// Single-threaded: owned by the importing thread.
class ParcelReader
{
public:
    static Result<std::unique_ptr<ParcelReader>> open(const ReaderOptions &options);
    ~ParcelReader();

    const LayerInfo &info() const { return mInfo; }
    // The source CRS (traditional GIS axis order); never null after a successful open.
    OGRSpatialReferenceH sourceSrs() const { return mSourceSrs.get(); }

    // Every file of the dataset, sorted (a shapefile's .shp, .shx, .dbf, .prj, .cpg).
    std::vector<std::string> files() const { return datasetFiles(mDataset.get(), mPath); }

    // Reads the next feature; false at the end. A read failure (a damaged file) is an Error.
    Result<bool> next(RawFeature &feature);

    // The median of the features' envelope centres in the source CRS, for where the data lies
    // when one wild vertex (a bit flip, a typo) has stretched the layer's extent: it moves its own
    // feature's centre, never the median of them all. One extra pass over the geometries, made
    // once and kept; call it before next(). Nullopt when no feature has a finite centre.
    std::optional<std::pair<double, double>> medianFeatureCentre();

private:
    ParcelReader() = default;
    Status chooseLayer(const ReaderOptions &options);
    Status checkGeometryType();
    Status detectEncoding(const ReaderOptions &options);
    Status detectCrs(const ReaderOptions &options);
    std::optional<TextDecoder::Decoded> decodeText(const char *bytes);

    std::string mPath;
    std::string mRole;
    bool mReadAttributes = true;
    DatasetPtr mDataset;
    OGRLayerH mLayer = nullptr;
    LayerInfo mInfo;
    SrsPtr mSourceSrs;
    std::optional<TextDecoder> mDecoder;
    std::optional<std::optional<std::pair<double, double>>> mMedianCentre;  // once computed
};

}  // namespace gengbao::core
