// SPDX-License-Identifier: GPL-3.0-or-later
#include "importparcels.h"

#include "../base/strings.h"
#include "../base/units.h"
#include "../db/gpkg.h"
#include "../db/statement.h"
#include "../db/transaction.h"
#include "../domain/village.h"
#include "../geo/crs.h"
#include "../geo/geodesicarea.h"
#include "../geo/geoscontext.h"
#include "../io/fieldmapping.h"
#include "../io/parcelreader.h"
#include "../project.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <future>
#include <thread>
#include <unordered_set>

namespace gengbao::core {

namespace {

using json = nlohmann::ordered_json;

constexpr std::size_t kChunkSize = 2048;
// Two parcels without BSM are the same when their vertices agree within 5 cm (survey precision;
// a reprojection round trip moves vertices by far less).
constexpr double kSameGeometryTolerance = 0.05;

// Per-thread tools for the geometry stage: each worker has its own GEOS context, OGR
// transformation and PROJ context (none of them may be shared between threads).
struct Worker
{
    GeosContext geos;
    TransformPtr toProject;  // null when the source is already in the project CRS
    std::optional<GeodesicArea> area;
    GEOSWKBReader *reader = nullptr;
    GEOSWKBWriter *writer = nullptr;

    Worker() = default;
    Worker(const Worker &) = delete;
    ~Worker()
    {
        if (reader)
            GEOSWKBReader_destroy_r(geos.handle(), reader);
        if (writer)
            GEOSWKBWriter_destroy_r(geos.handle(), writer);
    }
};

// A feature after the geometry stage: rejected with a reason, or ready to insert.
struct Processed
{
    bool rejected = false;
    std::string code;    // rejection code
    std::string detail;  // rejection reason
    bool repaired = false;
    std::string repairDetail;
    std::vector<unsigned char> blob;
    gpkg::Envelope envelope;
    double areaM2 = 0.0;
};

std::string textOf(const json &value)
{
    if (value.is_string())
        return std::string(trimmed(value.get_ref<const std::string &>()));
    if (value.is_number_integer())
        return std::to_string(value.get<std::int64_t>());
    if (value.is_number_float()) {
        const double number = value.get<double>();
        char text[64];
        if (std::fabs(number) < 1e15 && number == std::floor(number))
            std::snprintf(text, sizeof text, "%.0f", number);
        else
            std::snprintf(text, sizeof text, "%.15g", number);
        return text;
    }
    return {};
}

// The polygonal part of a repaired geometry (MakeValid may add lines or points), or null.
GeosGeometry polygonalPart(GEOSContextHandle_t context, GeosGeometry geometry)
{
    const int type = GEOSGeomTypeId_r(context, geometry.get());
    if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON)
        return geometry;
    if (type != GEOS_GEOMETRYCOLLECTION)
        return {};
    std::vector<GEOSGeometry *> polygons;
    const int count = GEOSGetNumGeometries_r(context, geometry.get());
    for (int i = 0; i < count; ++i) {
        const GEOSGeometry *part = GEOSGetGeometryN_r(context, geometry.get(), i);
        const int partType = GEOSGeomTypeId_r(context, part);
        if (partType == GEOS_POLYGON) {
            polygons.push_back(GEOSGeom_clone_r(context, part));
        } else if (partType == GEOS_MULTIPOLYGON) {
            const int subCount = GEOSGetNumGeometries_r(context, part);
            for (int k = 0; k < subCount; ++k)
                polygons.push_back(GEOSGeom_clone_r(context, GEOSGetGeometryN_r(context, part, k)));
        }
    }
    if (polygons.empty())
        return {};
    GeosGeometry collection(context,
                            GEOSGeom_createCollection_r(context, GEOS_MULTIPOLYGON, polygons.data(),
                                                        static_cast<unsigned>(polygons.size())));
    // Parts of one repaired ring may touch along an edge; union makes them one valid polygon.
    return GeosGeometry(context, GEOSUnaryUnion_r(context, collection.get()));
}

GeosGeometry asMultiPolygon(GEOSContextHandle_t context, GeosGeometry geometry)
{
    if (GEOSGeomTypeId_r(context, geometry.get()) == GEOS_MULTIPOLYGON)
        return geometry;
    GEOSGeometry *part = geometry.release();
    return GeosGeometry(context, GEOSGeom_createCollection_r(context, GEOS_MULTIPOLYGON, &part, 1));
}

Processed processGeometry(const RawFeature &raw, Worker &worker, int projectEpsg)
{
    Processed out;
    const auto reject = [&out](std::string code, std::string detail) {
        out.rejected = true;
        out.code = std::move(code);
        out.detail = std::move(detail);
        return out;
    };
    if (raw.wkb.empty())
        return reject("no_geometry", "has no geometry");
    const GEOSContextHandle_t context = worker.geos.handle();
    GeosGeometry geos;
    if (!worker.toProject) {
        // Already in the project CRS: GEOS reads the source WKB as it is.
        geos = GeosGeometry(context, GEOSWKBReader_read_r(context, worker.reader, raw.wkb.data(),
                                                          raw.wkb.size()));
        const int type = geos ? GEOSGeomTypeId_r(context, geos.get()) : -1;
        if (geos && type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON)
            return reject("not_polygon", "is a " + raw.geometryTypeName + ", not a polygon");
    } else {
        OGRGeometryH created = nullptr;
        if (OGR_G_CreateFromWkb(raw.wkb.data(), nullptr, &created,
                                static_cast<int>(raw.wkb.size())) != OGRERR_NONE) {
            return reject("bad_geometry", "has a geometry that cannot be decoded");
        }
        OgrGeometryPtr geometry(created);
        const auto type = wkbFlatten(OGR_G_GetGeometryType(geometry.get()));
        if (type != wkbPolygon && type != wkbMultiPolygon)
            return reject("not_polygon", "is a " + raw.geometryTypeName + ", not a polygon");
        if (OGR_G_Transform(geometry.get(), worker.toProject.get()) != OGRERR_NONE) {
            return reject("transform_failed",
                          "cannot be transformed to EPSG:" + std::to_string(projectEpsg));
        }
        std::vector<unsigned char> wkb(static_cast<std::size_t>(OGR_G_WkbSize(geometry.get())));
        OGR_G_ExportToWkb(geometry.get(), wkbNDR, wkb.data());
        geos = GeosGeometry(context,
                            GEOSWKBReader_read_r(context, worker.reader, wkb.data(), wkb.size()));
    }
    if (!geos)
        return reject("bad_geometry",
                      "has a geometry GEOS cannot read: " + worker.geos.lastError());
    if (GEOSisValid_r(context, geos.get()) != 1) {
        char *reason = GEOSisValidReason_r(context, geos.get());
        const std::string why = reason ? reason : "invalid";
        GEOSFree_r(context, reason);
        GeosGeometry fixed(context, GEOSMakeValid_r(context, geos.get()));
        geos = fixed ? polygonalPart(context, std::move(fixed)) : GeosGeometry();
        if (!geos || GEOSisEmpty_r(context, geos.get()) == 1)
            return reject("unrepairable", "has an invalid geometry (" + why +
                                              ") that has no polygonal part once repaired");
        out.repaired = true;
        out.repairDetail = "invalid geometry (" + why + ") repaired with GEOS MakeValid";
    }
    geos = asMultiPolygon(context, std::move(geos));
    out.areaM2 = worker.area->area(context, geos.get());
    if (!(out.areaM2 > 0.0))
        return reject("zero_area", "has a polygon without area");
    GEOSGeom_getXMin_r(context, geos.get(), &out.envelope.minX);
    GEOSGeom_getXMax_r(context, geos.get(), &out.envelope.maxX);
    GEOSGeom_getYMin_r(context, geos.get(), &out.envelope.minY);
    GEOSGeom_getYMax_r(context, geos.get(), &out.envelope.maxY);
    std::size_t size = 0;
    unsigned char *written = GEOSWKBWriter_write_r(context, worker.writer, geos.get(), &size);
    out.blob = gpkg::encodeGeometry(projectEpsg, out.envelope,
                                    std::span<const unsigned char>(written, size));
    GEOSFree_r(context, written);
    return out;
}

// The mapped 三调 fields of one feature.
struct StandardValues
{
    std::array<std::string, kStandardFieldCount> text;
    const std::string &operator[](StandardField f) const
    {
        return text[static_cast<std::size_t>(f)];
    }
};

StandardValues standardValues(const RawFeature &raw, const FieldMapping &mapping)
{
    StandardValues values;
    auto it = raw.attributes.begin();
    std::vector<const json *> byIndex;
    byIndex.reserve(raw.attributes.size());
    for (; it != raw.attributes.end(); ++it)
        byIndex.push_back(&it.value());
    for (std::size_t f = 0; f < kStandardFieldCount; ++f) {
        const int index = mapping.sourceIndex[f];
        if (index >= 0 && static_cast<std::size_t>(index) < byIndex.size())
            values.text[f] = textOf(*byIndex[static_cast<std::size_t>(index)]);
    }
    return values;
}

// A chunk of features with their geometry stage done, or the read error that ended it.
struct Chunk
{
    std::vector<RawFeature> features;
    std::vector<Processed> processed;
    std::vector<StandardValues> values;     // the mapped fields of each feature
    std::vector<std::string> attributes;    // each feature's original attributes as JSON text
    bool last = false;  // the reader is at its end
    std::optional<Error> error;
};

// Runs body(workerIndex, item) over [0, count) on every worker, one of them this thread.
// Exceptions are caught at the thread edge and rethrown here.
template <typename Body>
void forEachInParallel(std::size_t count, std::vector<std::unique_ptr<Worker>> &workers, Body body)
{
    const std::size_t threads = std::min(workers.size(), std::max<std::size_t>(1, count / 64));
    std::vector<std::exception_ptr> errors(threads);
    const auto run = [&](std::size_t w) {
        try {
            CplErrorCapture quiet;  // GDAL messages of this thread go nowhere
            for (std::size_t i = w; i < count; i += threads)
                body(*workers[w], i);
        } catch (...) {
            errors[w] = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t w = 1; w < threads; ++w)
        pool.emplace_back(run, w);
    run(0);
    for (auto &thread : pool)
        thread.join();
    for (auto &error : errors) {
        if (error)
            std::rethrow_exception(error);
    }
}

std::string loginName()
{
    for (const char *variable : {"GENGBAO_USER", "USER", "LOGNAME", "USERNAME"}) {
        if (const char *value = std::getenv(variable); value && *value)
            return value;
    }
    return "unknown";
}

// Parcels already in the project, to skip duplicates: by BSM, and by geometry for parcels
// without one (through the GeoPackage R-tree, then the Hausdorff distance of the two).
class DuplicateFinder
{
public:
    static Result<DuplicateFinder> create(Database &db)
    {
        DuplicateFinder finder;
        auto bsms = db.prepare("SELECT bsm, parcel_id FROM parcels WHERE bsm IS NOT NULL");
        if (!bsms)
            return bsms.error();
        for (;;) {
            auto row = bsms->step();
            if (!row)
                return row.error();
            if (!*row)
                break;
            finder.mBsm.emplace(bsms->text(0));
        }
        auto candidates = db.prepare(
            "SELECT p.parcel_id, p.geom FROM rtree_parcels_geom r JOIN parcels p ON p.fid = r.id "
            "WHERE r.minx BETWEEN ?1 AND ?2 AND r.maxx BETWEEN ?3 AND ?4 "
            "AND r.miny BETWEEN ?5 AND ?6 AND r.maxy BETWEEN ?7 AND ?8");
        if (!candidates)
            return candidates.error();
        finder.mCandidates.emplace(std::move(candidates).value());
        return finder;
    }

    bool hasBsm(const std::string &bsm) const { return mBsm.count(bsm) > 0; }
    void addBsm(const std::string &bsm) { mBsm.insert(bsm); }

    // The parcel id of an existing parcel with the same geometry, if any.
    Result<std::optional<std::string>> sameGeometry(const Processed &parcel)
    {
        // The R-tree keeps 32-bit floats rounded outwards (0.25 m steps at northing 3e6), so the
        // candidate window is a metre wider; the distance test below decides.
        const double t = kSameGeometryTolerance + 1.0;
        const gpkg::Envelope &e = parcel.envelope;
        Statement &query = *mCandidates;
        query.bind(1, e.minX - t).bind(2, e.minX + t).bind(3, e.maxX - t).bind(4, e.maxX + t);
        query.bind(5, e.minY - t).bind(6, e.minY + t).bind(7, e.maxY - t).bind(8, e.maxY + t);
        std::optional<std::string> match;
        GeosGeometry mine;
        for (;;) {
            auto row = query.step();
            if (!row) {
                query.reset();
                return row.error();
            }
            if (!*row)
                break;
            if (!mine)
                mine = geometryOf(parcel.blob);
            const auto blob = query.blob(1);
            GeosGeometry theirs = geometryOf(blob);
            // Hausdorff, not EqualsExact: reprojection can move a tie between two vertices'
            // x and change where a normalised ring starts.
            double distance = 0.0;
            if (mine && theirs &&
                GEOSHausdorffDistance_r(mContext.handle(), mine.get(), theirs.get(), &distance) ==
                    1 &&
                distance <= kSameGeometryTolerance) {
                match = query.text(0);
                break;
            }
        }
        query.reset();
        return match;
    }

private:
    DuplicateFinder()
        : mReader(GEOSWKBReader_create_r(mContext.handle()), ReaderDeleter{&mContext})
    {}
    GeosGeometry geometryOf(const std::vector<unsigned char> &blob)
    {
        auto decoded = gpkg::decodeGeometry(blob);
        if (!decoded)
            return {};
        GeosGeometry geometry(mContext.handle(),
                              GEOSWKBReader_read_r(mContext.handle(), mReader.get(),
                                                   decoded->wkb.data(), decoded->wkb.size()));
        return geometry;
    }
    struct ReaderDeleter
    {
        GeosContext *context;
        void operator()(GEOSWKBReader *reader) const
        {
            GEOSWKBReader_destroy_r(context->handle(), reader);
        }
    };

    std::unordered_set<std::string> mBsm;
    std::optional<Statement> mCandidates;
    // Declared before the reader that uses it; heap-allocated so moves keep its address.
    std::unique_ptr<GeosContext> mContextOwner = std::make_unique<GeosContext>();
    GeosContext &mContext = *mContextOwner;
    std::unique_ptr<GEOSWKBReader, ReaderDeleter> mReader;
};

// Writes parcels, villages and issues of one batch with prepared statements.
class BatchWriter
{
public:
    static Result<BatchWriter> create(Database &db, std::int64_t batchId, ParcelSource source)
    {
        BatchWriter writer;
        writer.mBatchId = batchId;
        writer.mSource = std::string(sourceName(source));
        auto parcel = db.prepare(
            "INSERT INTO parcels (geom, parcel_id, batch_id, source, source_fid, bsm, tbybh, tbbh, "
            "dlbm, dlmc, zldwdm, zldwmc, village_code, qsdwdm, qsdwmc, tbmj_m2, kcxs, gdlx, "
            "gdpdjb, "
            "pdjb, slope_attr_deg, zzsxdm, bz, area_m2, gross_m2, net_m2, gross_mu, net_mu, "
            "area_mismatch, repaired, stage, attributes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
            "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, "
            "?26, ?27, ?28, ?29, ?30, ?31, ?32)");
        auto village =
            db.prepare("INSERT INTO villages (code, name, name_is_exact) VALUES (?1, ?2, ?3) "
                       "ON CONFLICT(code) DO UPDATE SET name = excluded.name, name_is_exact = 1 "
                       "WHERE excluded.name_is_exact = 1 AND villages.name_is_exact = 0");
        auto issue = db.prepare("INSERT INTO import_issues (batch_id, source_fid, parcel_id, "
                                "severity, code, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        for (auto *statement : {&parcel, &village, &issue}) {
            if (!*statement)
                return statement->error();
        }
        writer.mParcel.emplace(std::move(parcel).value());
        writer.mVillage.emplace(std::move(village).value());
        writer.mIssue.emplace(std::move(issue).value());
        return writer;
    }

    Status ensureVillage(const std::string &code, const std::string &name, bool exact)
    {
        const std::string key = code + (exact ? "!" : "");
        if (!mVillagesDone.insert(key).second)
            return Status::success();
        mVillage->bind(1, code).bind(2, name.empty() ? code : name).bind(3, exact ? 1 : 0);
        return mVillage->run();
    }

    Status writeIssue(const Issue &issue)
    {
        Statement &s = *mIssue;
        s.bind(1, mBatchId);
        if (issue.sourceFid >= 0)
            s.bind(2, issue.sourceFid);
        if (!issue.parcelId.empty())
            s.bind(3, issue.parcelId);
        s.bind(4, severityName(issue.severity)).bind(5, issue.code).bind(6, issue.detail);
        return s.run();
    }

    Statement &parcel() { return *mParcel; }
    const std::string &source() const { return mSource; }
    std::int64_t batchId() const { return mBatchId; }

private:
    BatchWriter() = default;
    std::int64_t mBatchId = 0;
    std::string mSource;
    std::optional<Statement> mParcel, mVillage, mIssue;
    std::unordered_set<std::string> mVillagesDone;
};

void bindOptionalText(Statement &statement, int index, const std::string &text)
{
    if (text.empty())
        statement.bindNull(index);
    else
        statement.bind(index, text);
}

std::string formatArea(double squareMetres)
{
    char text[48];
    std::snprintf(text, sizeof text, "%.2f m²", squareMetres);
    return text;
}

// Where the data lies, in CGCS2000 longitude/latitude: the centre of the layer's extent.
std::optional<std::pair<double, double>> extentCentreLonLat(const LayerInfo &info,
                                                            OGRSpatialReferenceH source)
{
    auto geographic = crs::fromEpsg(crs::kCgcs2000Geographic);
    if (!geographic)
        return std::nullopt;
    CplErrorCapture quiet;
    TransformPtr transform(OCTNewCoordinateTransformation(source, geographic->get()));
    if (!transform)
        return std::nullopt;
    double x = (info.extent.MinX + info.extent.MaxX) / 2.0;
    double y = (info.extent.MinY + info.extent.MaxY) / 2.0;
    if (!OCTTransform(transform.get(), 1, &x, &y, nullptr))
        return std::nullopt;
    return std::make_pair(x, y);
}

}  // namespace

Result<ImportSummary> importParcels(Project &project, const ImportRequest &request,
                                    Progress &progress)
{
    try {
        progress.report(0.0, "opening");
        ReaderOptions options{request.path, request.layer, request.encoding, request.sourceEpsg};
        auto opened = ParcelReader::open(options);
        if (!opened)
            return opened.error();
        ParcelReader &reader = **opened;
        const LayerInfo &info = reader.info();
        auto mapping = mapFields(info.fieldNames, request.fieldOverrides);
        if (!mapping) {
            Error error = mapping.error();
            error.file = request.path;
            return error;
        }

        ImportSummary summary;
        summary.file = request.path;
        summary.layer = info.layerName;
        summary.encoding = info.encoding;
        summary.encodingOrigin = info.encodingOrigin;
        summary.sourceCrs = info.crsDescription;
        summary.batchLabel = request.batchLabel.empty()
                                 ? std::filesystem::path(request.path).stem().string()
                                 : request.batchLabel;
        const auto addIssue = [&summary](Issue::Severity severity, std::string code,
                                         std::int64_t fid, std::string parcelId,
                                         std::string detail) {
            summary.issues.push_back(
                Issue{severity, std::move(code), fid, std::move(parcelId), std::move(detail)});
        };

        // Where the data lies decides the project CRS on the first import, and checks the source.
        const auto centre = extentCentreLonLat(info, reader.sourceSrs());
        if (info.crsFromCoordinates) {
            addIssue(Issue::Severity::Warning, "crs_from_coordinates", -1, {},
                     "the file has no .prj; its 8-digit eastings identify " + info.crsDescription +
                         " (CGCS2000 Gauss-Kruger with zone prefix): check this is right");
        }
        if (centre) {
            const auto [lon, lat] = *centre;
            if (lon < 73.0 || lon > 136.0 || lat < 3.0 || lat > 54.0) {
                char text[160];
                std::snprintf(text, sizeof text,
                              "the data lies at %.3f°E %.3f°N, outside China: check its CRS (%s)",
                              lon, lat, info.crsDescription.c_str());
                addIssue(Issue::Severity::Warning, "crs_suspect", -1, {}, text);
            }
            int err = OGRERR_NONE;
            const char *projection = OSRGetAttrValue(reader.sourceSrs(), "PROJECTION", 0);
            const double meridian =
                OSRGetProjParm(reader.sourceSrs(), SRS_PP_CENTRAL_MERIDIAN, 0.0, &err);
            if (projection &&
                std::string(projection).find("Transverse_Mercator") != std::string::npos &&
                err == OGRERR_NONE && std::fabs(lon - meridian) > 2.0) {
                char text[200];
                std::snprintf(text, sizeof text,
                              "the data lies at %.3f°E, %.1f° from the central meridian %.0f°E of "
                              "its CRS (%s): a mistyped zone?",
                              lon, std::fabs(lon - meridian), meridian,
                              info.crsDescription.c_str());
                addIssue(Issue::Severity::Warning, "crs_suspect", -1, {}, text);
            }
        }
        int projectEpsg = 0;
        if (project.settings().crsEpsg) {
            projectEpsg = *project.settings().crsEpsg;
        } else if (centre) {
            projectEpsg = crs::nearestGaussKrugerEpsg(centre->first);
            summary.projectCrsChosen = true;
        } else {
            return makeError(ErrorCode::BadCrs, request.path,
                             "its coordinates cannot be placed on the earth; check its CRS");
        }
        summary.projectEpsg = projectEpsg;
        auto projectSrs = crs::fromEpsg(projectEpsg);
        if (!projectSrs)
            return projectSrs.error();

        // One set of geometry tools per core.
        const std::size_t threadCount =
            std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
        std::vector<std::unique_ptr<Worker>> workers;
        const bool sameCrs = crs::isEpsg(reader.sourceSrs(), projectEpsg);
        for (std::size_t i = 0; i < threadCount; ++i) {
            auto worker = std::make_unique<Worker>();
            if (!sameCrs) {
                CplErrorCapture capture;
                worker->toProject.reset(
                    OCTNewCoordinateTransformation(reader.sourceSrs(), projectSrs->get()));
                if (!worker->toProject)
                    return makeError(ErrorCode::BadCrs, request.path,
                                     "no transformation from " + info.crsDescription +
                                         " to EPSG:" + std::to_string(projectEpsg));
            }
            auto area = GeodesicArea::create(projectEpsg);
            if (!area)
                return area.error();
            worker->area.emplace(std::move(area).value());
            worker->reader = GEOSWKBReader_create_r(worker->geos.handle());
            worker->writer = GEOSWKBWriter_create_r(worker->geos.handle());
            GEOSWKBWriter_setByteOrder_r(worker->geos.handle(), worker->writer, GEOS_WKB_NDR);
            GEOSWKBWriter_setOutputDimension_r(worker->geos.handle(), worker->writer, 2);
            workers.push_back(std::move(worker));
        }

        Database &db = project.database();
        auto transaction = Transaction::begin(db);
        if (!transaction)
            return transaction.error();
        if (summary.projectCrsChosen)
            GENGBAO_TRY(project.setCrs(projectEpsg));

        auto insertBatch = db.prepare(
            "INSERT INTO batches (label, source, file_name, layer_name, encoding, encoding_origin, "
            "source_crs, imported_at, imported_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
            "strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?8)");
        if (!insertBatch)
            return insertBatch.error();
        insertBatch->bind(1, summary.batchLabel).bind(2, sourceName(request.source));
        insertBatch->bind(3, std::filesystem::path(request.path).filename().string());
        insertBatch->bind(4, info.layerName).bind(5, info.encoding).bind(6, info.encodingOrigin);
        insertBatch->bind(7, info.crsDescription);
        insertBatch->bind(8, request.user.empty() ? loginName() : request.user);
        GENGBAO_TRY(insertBatch->run());
        const std::int64_t batchId = db.lastInsertRowId();

        auto duplicates = DuplicateFinder::create(db);
        if (!duplicates)
            return duplicates.error();
        auto writer = BatchWriter::create(db, batchId, request.source);
        if (!writer)
            return writer.error();

        auto rtree = gpkg::RtreeBulkInsert::begin(db, "parcels", "geom");
        if (!rtree)
            return rtree.error();

        // Two stages overlap: a helper thread reads chunk k+1 and runs its geometry on every
        // core while this thread inserts chunk k (SQLite stays on this thread).
        const FieldMapping &fields = *mapping;
        const auto prepareChunk = [&reader, &workers, &fields, projectEpsg]() {
            Chunk chunk;
            while (chunk.features.size() < kChunkSize) {
                RawFeature feature;
                auto more = reader.next(feature);
                if (!more) {
                    chunk.error = more.error();
                    return chunk;
                }
                if (!*more) {
                    chunk.last = true;
                    break;
                }
                chunk.features.push_back(std::move(feature));
            }
            const std::size_t count = chunk.features.size();
            chunk.processed.resize(count);
            chunk.values.resize(count);
            chunk.attributes.resize(count);
            forEachInParallel(count, workers, [&](Worker &worker, std::size_t i) {
                chunk.processed[i] = processGeometry(chunk.features[i], worker, projectEpsg);
                chunk.values[i] = standardValues(chunk.features[i], fields);
                chunk.attributes[i] = chunk.features[i].attributes.dump();
            });
            return chunk;
        };
        ImportCounts &counts = summary.counts;
        // Declared after everything prepareChunk uses: its destructor waits for the thread.
        std::future<Chunk> nextChunk = std::async(std::launch::async, prepareChunk);
        for (;;) {
            Chunk chunk = nextChunk.get();
            if (chunk.error)
                return *chunk.error;
            if (!chunk.last)
                nextChunk = std::async(std::launch::async, prepareChunk);

            for (std::size_t i = 0; i < chunk.features.size(); ++i) {
                const RawFeature &raw = chunk.features[i];
                Processed &geometry = chunk.processed[i];
                ++counts.read;
                if (geometry.rejected) {
                    ++counts.rejected;
                    addIssue(Issue::Severity::Error, geometry.code, raw.fid, {},
                             "feature " + std::to_string(raw.fid) + " " + geometry.detail);
                    continue;
                }
                const StandardValues &values = chunk.values[i];
                const std::string &bsm = values[StandardField::BSM];
                if (!bsm.empty()) {
                    if (duplicates->hasBsm(bsm)) {
                        ++counts.duplicates;
                        addIssue(Issue::Severity::Info, "duplicate", raw.fid, bsm,
                                 "feature " + std::to_string(raw.fid) + ": BSM " + bsm +
                                     " is already in the project; skipped");
                        continue;
                    }
                } else {
                    auto same = duplicates->sameGeometry(geometry);
                    if (!same)
                        return same.error();
                    if (*same) {
                        ++counts.duplicates;
                        addIssue(Issue::Severity::Info, "duplicate", raw.fid, **same,
                                 "feature " + std::to_string(raw.fid) +
                                     " has the same geometry as parcel " + **same + "; skipped");
                        continue;
                    }
                }
                const std::string parcelId =
                    !bsm.empty() ? bsm
                                 : "B" + std::to_string(batchId) + "-" + std::to_string(raw.fid);

                // Areas: TBMJ is authoritative; the computed ellipsoidal area checks it.
                std::optional<double> tbmj;
                const std::string &tbmjText = values[StandardField::TBMJ];
                if (!tbmjText.empty()) {
                    tbmj = parseNumber(tbmjText);
                    if (!tbmj || *tbmj <= 0.0) {
                        addIssue(Issue::Severity::Warning, "bad_tbmj", raw.fid, parcelId,
                                 "TBMJ '" + tbmjText +
                                     "' is not a positive area; the computed area is used");
                        tbmj.reset();
                    }
                }
                bool mismatch = false;
                if (tbmj) {
                    const double difference = std::fabs(*tbmj - geometry.areaM2) / geometry.areaM2;
                    if (difference > kAreaMismatchTolerance) {
                        mismatch = true;
                        char text[256];
                        std::snprintf(text, sizeof text,
                                      "TBMJ %s differs from the computed ellipsoidal area %s by "
                                      "%.2f %% (over 0.1 %%): check the CRS or the geometry",
                                      formatArea(*tbmj).c_str(),
                                      formatArea(geometry.areaM2).c_str(), difference * 100.0);
                        addIssue(Issue::Severity::Warning, "area_mismatch", raw.fid, parcelId,
                                 text);
                    }
                }
                std::optional<double> kcxs;
                if (const std::string &kcxsText = values[StandardField::KCXS]; !kcxsText.empty()) {
                    kcxs = parseNumber(kcxsText);
                    if (!kcxs || *kcxs < 0.0 || *kcxs >= 1.0) {
                        addIssue(Issue::Severity::Warning, "bad_kcxs", raw.fid, parcelId,
                                 "KCXS '" + kcxsText +
                                     "' is not a coefficient between 0 and 1; ignored");
                        kcxs.reset();
                    }
                }
                std::optional<double> slope;
                if (const std::string &slopeText = values[StandardField::Slope];
                    !slopeText.empty()) {
                    slope = parseNumber(slopeText);
                    if (!slope || *slope < 0.0 || *slope > 90.0) {
                        addIssue(Issue::Severity::Warning, "bad_slope", raw.fid, parcelId,
                                 "slope '" + slopeText + "' is not an angle in degrees; ignored");
                        slope.reset();
                    }
                }
                const double gross = tbmj.value_or(geometry.areaM2);
                const double net = netSquareMetres(gross, kcxs);

                const std::string &zldwdm = values[StandardField::ZLDWDM];
                const auto villageCode = villageCodeFromZldwdm(zldwdm);
                if (villageCode) {
                    GENGBAO_TRY(writer->ensureVillage(*villageCode, values[StandardField::ZLDWMC],
                                                      isVillageLevelCode(zldwdm)));
                } else {
                    addIssue(Issue::Severity::Warning, "no_village", raw.fid, parcelId,
                             zldwdm.empty()
                                 ? std::string("has no ZLDWDM village code")
                                 : "ZLDWDM '" + zldwdm + "' is not a 12-, 16- or 19-digit code");
                }
                if (geometry.repaired) {
                    ++counts.repaired;
                    addIssue(Issue::Severity::Warning, "repaired", raw.fid, parcelId,
                             "feature " + std::to_string(raw.fid) + ": " + geometry.repairDetail);
                }

                Statement &insert = writer->parcel();
                insert.bindBlob(1, geometry.blob.data(), geometry.blob.size());
                insert.bind(2, parcelId)
                    .bind(3, batchId)
                    .bind(4, writer->source())
                    .bind(5, raw.fid);
                bindOptionalText(insert, 6, bsm);
                bindOptionalText(insert, 7, values[StandardField::TBYBH]);
                bindOptionalText(insert, 8, values[StandardField::TBBH]);
                bindOptionalText(insert, 9, values[StandardField::DLBM]);
                bindOptionalText(insert, 10, values[StandardField::DLMC]);
                bindOptionalText(insert, 11, zldwdm);
                bindOptionalText(insert, 12, values[StandardField::ZLDWMC]);
                insert.bind(13, villageCode);
                bindOptionalText(insert, 14, values[StandardField::QSDWDM]);
                bindOptionalText(insert, 15, values[StandardField::QSDWMC]);
                insert.bind(16, tbmj).bind(17, kcxs);
                bindOptionalText(insert, 18, values[StandardField::GDLX]);
                bindOptionalText(insert, 19, values[StandardField::GDPDJB]);
                bindOptionalText(insert, 20, values[StandardField::PDJB]);
                insert.bind(21, slope);
                bindOptionalText(insert, 22, values[StandardField::ZZSXDM]);
                bindOptionalText(insert, 23, values[StandardField::BZ]);
                insert.bind(24, geometry.areaM2).bind(25, gross).bind(26, net);
                insert.bind(27, squareMetresToMu(gross)).bind(28, squareMetresToMu(net));
                insert.bind(29, mismatch ? 1 : 0).bind(30, geometry.repaired ? 1 : 0);
                insert.bind(31, kStageCandidate).bind(32, chunk.attributes[i]);
                GENGBAO_TRY(insert.run());
                GENGBAO_TRY(rtree->add(db.lastInsertRowId(), geometry.envelope));
                if (!bsm.empty())
                    duplicates->addBsm(bsm);
                ++counts.imported;
            }
            if (chunk.last)
                break;
            if (progress.cancelled())
                return makeError(ErrorCode::Cancelled, request.path,
                                 "import cancelled; nothing was imported");
            progress.report(info.featureCount > 0
                                ? std::min(1.0, double(counts.read) / double(info.featureCount))
                                : 1.0,
                            "importing");
        }

        if (counts.imported == 0) {
            // Nothing new: leave the project exactly as it was (the transaction rolls back).
            summary.batchId = 0;
            summary.projectCrsChosen = false;
            summary.projectEpsg = project.settings().crsEpsg.value_or(0);
            return summary;
        }
        GENGBAO_TRY(rtree->finish());
        for (const Issue &issue : summary.issues)
            GENGBAO_TRY(writer->writeIssue(issue));
        auto updateBatch = db.prepare(
            "UPDATE batches SET read_count = ?1, imported_count = ?2, repaired_count = ?3, "
            "duplicate_count = ?4, rejected_count = ?5 WHERE id = ?6");
        if (!updateBatch)
            return updateBatch.error();
        updateBatch->bind(1, counts.read).bind(2, counts.imported).bind(3, counts.repaired);
        updateBatch->bind(4, counts.duplicates).bind(5, counts.rejected).bind(6, batchId);
        GENGBAO_TRY(updateBatch->run());
        GENGBAO_TRY(gpkg::refreshExtent(db, "parcels"));
        GENGBAO_TRY(transaction->commit());
        GENGBAO_TRY(project.reload());
        summary.batchId = batchId;
        progress.report(1.0, "done");
        return summary;
    } catch (const std::exception &exception) {
        return makeError(ErrorCode::Io, request.path,
                         std::string("import failed: ") + exception.what());
    }
}

}  // namespace gengbao::core
