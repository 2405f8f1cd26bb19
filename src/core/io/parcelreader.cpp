// SPDX-License-Identifier: GPL-3.0-or-later
#include "parcelreader.h"

#include "../base/openfiles.h"
#include "../base/strings.h"
#include "../geo/crs.h"
#include "shapefilecheck.h"

#include <cpl_string.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <vector>

namespace gengbao::core {

namespace {

namespace fs = std::filesystem;

struct Format
{
    const char *driver;
    const char *label;
};

std::optional<Format> formatForExtension(const std::string &path)
{
    std::string extension = toUpperAscii(fs::path(path).extension().string());
    if (extension == ".SHP")
        return Format{"ESRI Shapefile", "ESRI Shapefile"};
    if (extension == ".GPKG")
        return Format{"GPKG", "GeoPackage"};
    if (extension == ".GEOJSON" || extension == ".JSON")
        return Format{"GeoJSON", "GeoJSON"};
    return std::nullopt;
}

double median(std::vector<double> &values)
{
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

bool isPolygonal(OGRwkbGeometryType type)
{
    switch (wkbFlatten(type)) {
    case wkbPolygon:
    case wkbMultiPolygon:
    case wkbCurvePolygon:
    case wkbMultiSurface:
        return true;
    default:
        return false;
    }
}

bool isMixed(OGRwkbGeometryType type)
{
    const auto flat = wkbFlatten(type);
    return flat == wkbUnknown || flat == wkbGeometryCollection;
}

const char *kindOf(OGRwkbGeometryType type)
{
    switch (wkbFlatten(type)) {
    case wkbPoint:
    case wkbMultiPoint:
        return "point";
    case wkbLineString:
    case wkbMultiLineString:
    case wkbCircularString:
    case wkbCompoundCurve:
    case wkbMultiCurve:
        return "line";
    case wkbNone:
        return "table without geometry";
    default:
        return OGRGeometryTypeToName(type);
    }
}

std::string readSmallFile(const fs::path &path)
{
    std::ifstream file(path, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    return content;
}

}  // namespace

ParcelReader::~ParcelReader() = default;

Result<std::unique_ptr<ParcelReader>> ParcelReader::open(const ReaderOptions &options)
{
    const std::string &path = options.path;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        return makeError(ErrorCode::FileNotFound, path, "no such file");
    if (fs::is_directory(status))
        return makeError(ErrorCode::NotAFile, path, "is a folder, not a file");
    GENGBAO_TRY(refuseOpenProjectFile(path));
    if (::access(path.c_str(), R_OK) != 0)
        return makeError(ErrorCode::NotAFile, path, "cannot be read (permission denied?)");
    const auto format = formatForExtension(path);
    if (!format) {
        return makeError(ErrorCode::UnsupportedFormat, path,
                         "unsupported file type (expected .shp, .gpkg, .geojson or .json)");
    }
    const bool shapefile = std::string(format->driver) == "ESRI Shapefile";
    if (shapefile)
        GENGBAO_TRY(shapefile::checkFiles(path));

    std::unique_ptr<ParcelReader> reader(new ParcelReader);
    reader->mPath = path;
    reader->mInfo.driver = format->driver;
    reader->mRole = options.role;
    reader->mReadAttributes = options.readAttributes;

    const char *drivers[] = {format->driver, nullptr};
    CPLStringList openOptions;
    if (shapefile)
        openOptions.SetNameValue("ENCODING", "");  // raw bytes: we decode
    {
        CplErrorCapture capture;
        reader->mDataset.reset(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers,
                                          openOptions.List(), nullptr));
        if (!reader->mDataset) {
            std::string detail = std::string("is not a readable ") + format->label + " file";
            if (capture.hasFailure())
                detail += " (" + capture.lastFailure() + ")";
            return makeError(ErrorCode::NotReadableAs, path, detail);
        }
    }
    GENGBAO_TRY(reader->chooseLayer(options));
    GENGBAO_TRY(reader->checkGeometryType());
    {
        CplErrorCapture capture;
        reader->mInfo.featureCount = OGR_L_GetFeatureCount(reader->mLayer, TRUE);
        if (capture.hasFailure())
            return makeError(ErrorCode::Damaged, path, "cannot be read: " + capture.lastFailure());
    }
    if (reader->mInfo.featureCount <= 0)
        return makeError(ErrorCode::EmptyLayer, path,
                         "layer '" + reader->mInfo.layerName + "' has no features");
    GENGBAO_TRY(reader->detectEncoding(options));
    GENGBAO_TRY(reader->detectCrs(options));
    OGR_L_ResetReading(reader->mLayer);
    return reader;
}

Status ParcelReader::chooseLayer(const ReaderOptions &options)
{
    GDALDatasetH dataset = mDataset.get();
    const int layerCount = GDALDatasetGetLayerCount(dataset);
    std::vector<std::string> names;
    for (int i = 0; i < layerCount; ++i)
        names.emplace_back(OGR_L_GetName(GDALDatasetGetLayer(dataset, i)));
    const auto list = [&names] {
        std::string joined;
        for (const auto &name : names)
            joined += (joined.empty() ? "" : ", ") + name;
        return joined;
    };
    if (layerCount == 0)
        return makeError(ErrorCode::EmptyLayer, mPath, "contains no layers");
    if (options.layer) {
        mLayer = GDALDatasetGetLayerByName(dataset, options.layer->c_str());
        if (!mLayer)
            return makeError(ErrorCode::NoSuchLayer, mPath,
                             "has no layer '" + *options.layer + "' (layers: " + list() + ")");
    } else if (layerCount == 1) {
        mLayer = GDALDatasetGetLayer(dataset, 0);
    } else {
        std::vector<OGRLayerH> polygonLayers;
        for (int i = 0; i < layerCount; ++i) {
            OGRLayerH layer = GDALDatasetGetLayer(dataset, i);
            if (isPolygonal(OGR_L_GetGeomType(layer)))
                polygonLayers.push_back(layer);
        }
        if (polygonLayers.empty())
            return makeError(ErrorCode::NotPolygonLayer, mPath,
                             "has no polygon layer (layers: " + list() + "); " + options.role +
                                 " must be polygons");
        if (polygonLayers.size() > 1)
            return makeError(ErrorCode::AmbiguousLayer, mPath,
                             "has several polygon layers (" + list() + "); choose one with " +
                                 options.layerHint);
        mLayer = polygonLayers.front();
    }
    mInfo.layerName = OGR_L_GetName(mLayer);
    return Status::success();
}

Status ParcelReader::checkGeometryType()
{
    const OGRwkbGeometryType type = OGR_L_GetGeomType(mLayer);
    if (isPolygonal(type) || isMixed(type))
        return Status::success();  // mixed layers are checked feature by feature
    return makeError(ErrorCode::NotPolygonLayer, mPath,
                     "layer '" + mInfo.layerName + "' is a " + kindOf(type) + " layer; " + mRole +
                         " must be polygons");
}

Status ParcelReader::detectEncoding(const ReaderOptions &options)
{
    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(mLayer);
    const int fieldCount = OGR_FD_GetFieldCount(definition);
    std::string encodingName;
    if (mInfo.driver != "ESRI Shapefile") {
        encodingName = encoding::kUtf8;  // GeoPackage and GeoJSON are UTF-8 by definition
        mInfo.encodingOrigin = "format";
    } else if (options.encoding) {
        auto normalised = encoding::normalise(*options.encoding);
        if (!normalised) {
            Error error = normalised.error();
            error.file = mPath;
            return error;
        }
        encodingName = *normalised;
        mInfo.encodingOrigin = "override";
    } else {
        const auto companion = shapefile::companionPath(mPath, ".cpg");
        std::optional<std::string> fromCpg;
        if (companion)
            fromCpg = encoding::fromCpg(readSmallFile(*companion));
        if (fromCpg) {
            encodingName = *fromCpg;
            mInfo.encodingOrigin = "cpg";
        } else if (const auto dbf = shapefile::companionPath(mPath, ".dbf")) {
            if (const auto ldid = encoding::readLanguageDriver(dbf->string())) {
                if (auto named = encoding::fromLanguageDriver(*ldid)) {
                    encodingName = *named;
                    mInfo.encodingOrigin = "dbf language byte";
                }
            }
        }
        if (encodingName.empty()) {
            // Strict UTF-8 over every string value and field name; any failure means GBK/GB18030.
            bool allUtf8 = true;
            // A value cut mid-character at its end still counts as UTF-8 (decode() drops the cut).
            const auto utf8 = [](const char *text) {
                return checkUtf8(text) != Utf8Check::Invalid;
            };
            for (int i = 0; i < fieldCount && allUtf8; ++i)
                allUtf8 = utf8(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, i)));
            std::vector<int> stringFields;
            for (int i = 0; i < fieldCount; ++i) {
                if (OGR_Fld_GetType(OGR_FD_GetFieldDefn(definition, i)) == OFTString)
                    stringFields.push_back(i);
            }
            if (allUtf8 && !stringFields.empty()) {
                const char *ignored[] = {"OGR_GEOMETRY", nullptr};
                OGR_L_SetIgnoredFields(mLayer, ignored);
                OGR_L_ResetReading(mLayer);
                CplErrorCapture quiet;
                for (FeaturePtr feature(OGR_L_GetNextFeature(mLayer)); feature && allUtf8;
                     feature.reset(OGR_L_GetNextFeature(mLayer))) {
                    for (int i : stringFields) {
                        if (OGR_F_IsFieldSetAndNotNull(feature.get(), i) &&
                            !utf8(OGR_F_GetFieldAsString(feature.get(), i))) {
                            allUtf8 = false;
                            break;
                        }
                    }
                }
                OGR_L_SetIgnoredFields(mLayer, nullptr);
            }
            encodingName = allUtf8 ? encoding::kUtf8 : encoding::kChinese;
            mInfo.encodingOrigin = "detected";
        }
    }
    auto decoder = TextDecoder::create(encodingName);
    if (!decoder) {
        Error error = decoder.error();
        error.file = mPath;
        return error;
    }
    mDecoder.emplace(std::move(decoder).value());
    mInfo.encoding = encodingName;

    mInfo.fieldNames.clear();
    for (int i = 0; i < fieldCount; ++i) {
        auto name = decodeText(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, i)));
        if (!name) {
            return makeError(ErrorCode::UnknownEncoding, mPath,
                             "field name " + std::to_string(i + 1) + " is not valid " +
                                 encodingName + " text; choose the encoding with --encoding");
        }
        if (name->truncatedTail)
            mInfo.truncatedFieldNames.push_back(name->text);
        mInfo.fieldNames.push_back(std::move(name->text));
    }
    return Status::success();
}

Status ParcelReader::detectCrs(const ReaderOptions &options)
{
    {
        CplErrorCapture quiet;
        if (OGR_L_GetExtent(mLayer, &mInfo.extent, TRUE) != OGRERR_NONE)
            mInfo.extent = OGREnvelope{};
    }
    if (options.sourceEpsg) {
        auto srs = crs::fromEpsg(*options.sourceEpsg);
        if (!srs) {
            Error error = srs.error();
            error.file = mPath;
            return error;
        }
        mSourceSrs = std::move(srs).value();
    } else if (OGRSpatialReferenceH layerSrs = OGR_L_GetSpatialRef(mLayer)) {
        mSourceSrs = crs::cloneTraditional(layerSrs);
    } else if (auto epsg = options.crsFromCoordinates ? crs::zonePrefixedEpsgFromCoordinates(
                                                            mInfo.extent.MinX, mInfo.extent.MaxX,
                                                            mInfo.extent.MinY, mInfo.extent.MaxY)
                                                      : std::nullopt) {
        auto srs = crs::fromEpsg(*epsg);
        if (!srs)
            return srs.error();
        mSourceSrs = std::move(srs).value();
        mInfo.crsFromCoordinates = true;
    } else {
        return makeError(ErrorCode::NoCrs, mPath,
                         "has no coordinate system (no .prj file) and its coordinates do not "
                         "identify one; " +
                             options.crsHint);
    }
    if (OSRIsGeographic(mSourceSrs.get())) {
        const OGREnvelope &e = mInfo.extent;
        // One wild vertex (a bit flip, a typo) stretches the extent as much as a wrong .prj: the
        // .prj is wrong only when the features themselves lie off the globe; a single feature
        // that does is refused by the import with its own reason.
        const auto centre = (e.MinX < -180.0 || e.MaxX > 180.0 || e.MinY < -90.0 || e.MaxY > 90.0)
                                ? medianFeatureCentre()
                                : std::optional<std::pair<double, double>>(std::pair(0.0, 0.0));
        if (!centre || std::fabs(centre->first) > 180.0 || std::fabs(centre->second) > 90.0) {
            return makeError(ErrorCode::BadCrs, mPath,
                             "its CRS (" + crs::describe(mSourceSrs.get()) +
                                 ") is in degrees but its coordinates are not; the .prj is wrong");
        }
    }
    mInfo.crsDescription = crs::describe(mSourceSrs.get());
    return Status::success();
}

std::optional<TextDecoder::Decoded> ParcelReader::decodeText(const char *bytes)
{
    return mDecoder->decode(bytes ? std::string_view(bytes) : std::string_view());
}

std::optional<std::pair<double, double>> ParcelReader::medianFeatureCentre()
{
    if (mMedianCentre)
        return *mMedianCentre;
    CplErrorCapture quiet;
    std::vector<double> xs, ys;
    OGR_L_ResetReading(mLayer);
    for (FeaturePtr feature(OGR_L_GetNextFeature(mLayer)); feature;
         feature.reset(OGR_L_GetNextFeature(mLayer))) {
        OGRGeometryH geometry = OGR_F_GetGeometryRef(feature.get());
        if (!geometry || OGR_G_IsEmpty(geometry))
            continue;
        OGREnvelope envelope;
        OGR_G_GetEnvelope(geometry, &envelope);
        const double x = (envelope.MinX + envelope.MaxX) / 2.0;
        const double y = (envelope.MinY + envelope.MaxY) / 2.0;
        if (std::isfinite(x) && std::isfinite(y)) {
            xs.push_back(x);
            ys.push_back(y);
        }
    }
    OGR_L_ResetReading(mLayer);
    mMedianCentre.emplace();
    if (!xs.empty())
        *mMedianCentre = std::pair(median(xs), median(ys));
    return *mMedianCentre;
}

Result<bool> ParcelReader::next(RawFeature &feature)
{
    CplErrorCapture capture;
    FeaturePtr ogrFeature(OGR_L_GetNextFeature(mLayer));
    if (capture.hasFailure()) {
        return makeError(ErrorCode::Damaged, mPath, "is damaged: " + capture.lastFailure());
    }
    if (!ogrFeature)
        return false;
    feature.fid = OGR_F_GetFID(ogrFeature.get());
    feature.wkb.clear();
    feature.geometryTypeName.clear();
    if (OGRGeometryH geometry = OGR_F_GetGeometryRef(ogrFeature.get())) {
        OgrGeometryPtr linear;
        if (OGR_G_HasCurveGeometry(geometry, TRUE))
            linear.reset(OGR_G_GetLinearGeometry(geometry, 0, nullptr));
        OGRGeometryH flat = linear ? linear.get() : geometry;
        if (OGR_G_Is3D(flat) || OGR_G_IsMeasured(flat)) {
            OGR_G_FlattenTo2D(flat);
            OGR_G_SetMeasured(flat, FALSE);
        }
        feature.geometryTypeName = OGR_G_GetGeometryName(flat);
        if (!OGR_G_IsEmpty(flat)) {
            feature.wkb.resize(static_cast<std::size_t>(OGR_G_WkbSize(flat)));
            OGR_G_ExportToWkb(flat, wkbNDR, feature.wkb.data());
        }
    }
    feature.attributes = nlohmann::ordered_json::object();
    feature.truncatedFields.clear();
    if (!mReadAttributes)
        return true;
    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(mLayer);
    const int fieldCount = OGR_FD_GetFieldCount(definition);
    for (int i = 0; i < fieldCount; ++i) {
        const std::string &name = mInfo.fieldNames[static_cast<std::size_t>(i)];
        if (!OGR_F_IsFieldSetAndNotNull(ogrFeature.get(), i)) {
            feature.attributes[name] = nullptr;
            continue;
        }
        switch (OGR_Fld_GetType(OGR_FD_GetFieldDefn(definition, i))) {
        case OFTInteger:
            feature.attributes[name] = OGR_F_GetFieldAsInteger(ogrFeature.get(), i);
            break;
        case OFTInteger64:
            feature.attributes[name] =
                static_cast<std::int64_t>(OGR_F_GetFieldAsInteger64(ogrFeature.get(), i));
            break;
        case OFTReal:
            feature.attributes[name] = OGR_F_GetFieldAsDouble(ogrFeature.get(), i);
            break;
        case OFTString: {
            auto text = decodeText(OGR_F_GetFieldAsString(ogrFeature.get(), i));
            if (!text) {
                return makeError(ErrorCode::UnknownEncoding, mPath,
                                 "field " + name + " of feature " + std::to_string(feature.fid) +
                                     " is not valid " + mInfo.encoding +
                                     " text; choose the encoding with --encoding");
            }
            if (text->truncatedTail)
                feature.truncatedFields.push_back(name);
            feature.attributes[name] = std::move(text->text);
            break;
        }
        default:
            feature.attributes[name] = std::string(OGR_F_GetFieldAsString(ogrFeature.get(), i));
            break;
        }
    }
    return true;
}

}  // namespace gengbao::core
