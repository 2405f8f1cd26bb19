// SPDX-License-Identifier: GPL-3.0-or-later
#include "importparcels.h"

#include "../base/clock.h"
#include "../db/statement.h"
#include "../db/transaction.h"
#include "../geo/crs.h"
#include "../io/fieldmapping.h"
#include "../io/parcelreader.h"
#include "../project.h"
#include "audit.h"
#include "batchwriter.h"
#include "parcelgeometry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <future>
#include <thread>

namespace gengbao::core {

namespace {

constexpr std::size_t kChunkSize = 2048;

// A chunk of features after the geometry stage, or the read error that ended it.
struct Chunk
{
    std::vector<RawFeature> features;
    std::vector<PreparedGeometry> prepared;
    std::vector<MappedValues> values;     // the mapped fields of each feature
    std::vector<std::string> attributes;  // each feature's original attributes as JSON text
    bool last = false;                    // the reader is at its end
    std::optional<Error> error;
};

// Runs body(workerIndex, item) over [0, count) on every worker, one of them this thread.
// Exceptions are caught at the thread edge and rethrown here.
template <typename Body>
void forEachInParallel(std::size_t count, std::vector<std::unique_ptr<GeometryWorker>> &workers,
                       Body body)
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

// A layer extent wider than this many degrees either way is not believed as the data's place:
// a town's or a county's parcels span a degree or two (the largest western counties five or
// six), so a wider extent holds a vertex far out of place.
constexpr double kMaxBelievedExtentDeg = 6.0;

using LonLat = std::pair<double, double>;

TransformPtr toCgcs2000Geographic(OGRSpatialReferenceH source)
{
    auto geographic = crs::fromEpsg(crs::kCgcs2000Geographic);
    if (!geographic)
        return nullptr;
    CplErrorCapture quiet;
    return TransformPtr(OCTNewCoordinateTransformation(source, geographic->get()));
}

std::optional<LonLat> toLonLat(OGRCoordinateTransformationH transform, double x, double y)
{
    int ok = FALSE;
    if (!std::isfinite(x) || !std::isfinite(y) ||
        !OCTTransformEx(transform, 1, &x, &y, nullptr, &ok) || !ok || !std::isfinite(x) ||
        !std::isfinite(y))
        return std::nullopt;
    return LonLat{x, y};
}

// The centre of the layer's extent, when the extent is believable: finite, on the Earth and no
// wider than a county's parcels can be.
std::optional<LonLat> believableExtentCentre(const OGREnvelope &extent,
                                             OGRCoordinateTransformationH transform)
{
    for (const double value : {extent.MinX, extent.MinY, extent.MaxX, extent.MaxY}) {
        if (!std::isfinite(value))
            return std::nullopt;
    }
    double west = 0, south = 0, east = 0, north = 0;
    CplErrorCapture quiet;
    if (!OCTTransformBounds(transform, extent.MinX, extent.MinY, extent.MaxX, extent.MaxY, &west,
                            &south, &east, &north, 21) ||
        !(east - west <= kMaxBelievedExtentDeg) || !(north - south <= kMaxBelievedExtentDeg))
        return std::nullopt;
    return toLonLat(transform, (extent.MinX + extent.MaxX) / 2.0,
                    (extent.MinY + extent.MaxY) / 2.0);
}

// Where the data lies, in CGCS2000 longitude/latitude: the centre of the layer's extent, or the
// median of the features' centres when one wild vertex has stretched the extent.
std::optional<LonLat> dataCentreLonLat(ParcelReader &reader)
{
    const TransformPtr transform = toCgcs2000Geographic(reader.sourceSrs());
    if (!transform)
        return std::nullopt;
    if (auto centre = believableExtentCentre(reader.info().extent, transform.get()))
        return centre;
    const auto median = reader.medianFeatureCentre();
    if (!median)
        return std::nullopt;
    return toLonLat(transform.get(), median->first, median->second);
}

// Warnings about the source CRS: read off 8-digit eastings, data outside China, or far from the
// central meridian of its Gauss-Kruger zone (a mistyped EPSG code, domain.md §2.3).
std::vector<Issue> sourceCrsWarnings(const LayerInfo &info, OGRSpatialReferenceH source,
                                     const std::optional<std::pair<double, double>> &centre)
{
    std::vector<Issue> warnings;
    const auto warn = [&warnings](std::string detail) {
        warnings.push_back(
            Issue{Issue::Severity::Warning, "crs_suspect", -1, {}, std::move(detail)});
    };
    if (info.crsFromCoordinates) {
        warn("the file has no .prj; its 8-digit eastings identify " + info.crsDescription +
             " (CGCS2000 Gauss-Kruger with zone prefix): check this is right");
        warnings.back().code = "crs_from_coordinates";
    }
    if (!centre)
        return warnings;
    const auto [lon, lat] = *centre;
    char text[240];
    if (lon < 73.0 || lon > 136.0 || lat < 3.0 || lat > 54.0) {
        std::snprintf(text, sizeof text,
                      "the data lies at %.3f°E %.3f°N, outside China: check its CRS (%s)", lon, lat,
                      info.crsDescription.c_str());
        warn(text);
    }
    int err = OGRERR_NONE;
    const char *projection = OSRGetAttrValue(source, "PROJECTION", 0);
    const double meridian = OSRGetProjParm(source, SRS_PP_CENTRAL_MERIDIAN, 0.0, &err);
    if (projection && std::string(projection).find("Transverse_Mercator") != std::string::npos &&
        err == OGRERR_NONE && std::fabs(lon - meridian) > 2.0) {
        std::snprintf(text, sizeof text,
                      "the data lies at %.3f°E, %.1f° from the central meridian %.0f°E of its CRS "
                      "(%s): a mistyped zone?",
                      lon, std::fabs(lon - meridian), meridian, info.crsDescription.c_str());
        warn(text);
    }
    return warnings;
}

}  // namespace

Result<int> proposeProjectCrs(const std::string &path)
{
    ReaderOptions options;
    options.path = path;
    auto opened = ParcelReader::open(options);
    if (!opened)
        return opened.error();
    const auto centre = dataCentreLonLat(**opened);
    if (!centre)
        return makeError(ErrorCode::BadCrs, path,
                         "its coordinates cannot be placed on the earth; check its CRS");
    return crs::nearestGaussKrugerEpsg(centre->first);
}

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
        // Where the data lies decides the project CRS on the first import, and checks the source.
        const auto centre = dataCentreLonLat(reader);
        summary.issues = sourceCrsWarnings(info, reader.sourceSrs(), centre);
        for (const std::string &name : info.truncatedFieldNames) {
            summary.issues.push_back(
                Issue{Issue::Severity::Warning,
                      "text_cut",
                      -1,
                      {},
                      "field name '" + name +
                          "' was cut in the middle of a character (a DBF name holds 10 bytes); "
                          "the broken last character was dropped"});
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
        // Where a parcel's vertices may lie: a feature with one outside is refused, not imported.
        auto vertexExtent = crs::plausibleExtent(projectEpsg);
        if (!vertexExtent)
            return vertexExtent.error();

        // One set of geometry tools per core.
        const std::size_t threadCount =
            std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
        const bool sameCrs = crs::isEpsg(reader.sourceSrs(), projectEpsg);
        std::vector<std::unique_ptr<GeometryWorker>> workers;
        for (std::size_t i = 0; i < threadCount; ++i) {
            auto worker =
                GeometryWorker::create(reader.sourceSrs(), projectSrs->get(), sameCrs, projectEpsg);
            if (!worker) {
                Error error = worker.error();
                error.file = request.path;
                return error;
            }
            (*worker)->vertexExtent = *vertexExtent;
            workers.push_back(std::move(worker).value());
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

        auto writer = BatchWriter::begin(db, batchId, request.source, summary);
        if (!writer)
            return writer.error();

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
            chunk.prepared.resize(count);
            chunk.values.resize(count);
            chunk.attributes.resize(count);
            forEachInParallel(count, workers, [&](GeometryWorker &worker, std::size_t i) {
                chunk.prepared[i] = prepareGeometry(chunk.features[i], worker, projectEpsg);
                chunk.values[i] = mapValues(chunk.features[i].attributes, fields);
                chunk.attributes[i] = chunk.features[i].attributes.dump();
            });
            return chunk;
        };
        const ImportCounts &counts = summary.counts;
        // Declared after everything prepareChunk uses: its destructor waits for the thread.
        std::future<Chunk> nextChunk = std::async(std::launch::async, prepareChunk);
        for (;;) {
            Chunk chunk = nextChunk.get();
            if (chunk.error)
                return *chunk.error;
            if (!chunk.last)
                nextChunk = std::async(std::launch::async, prepareChunk);

            for (std::size_t i = 0; i < chunk.features.size(); ++i) {
                GENGBAO_TRY(writer->admit(chunk.features[i], chunk.prepared[i], chunk.values[i],
                                          chunk.attributes[i]));
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
        GENGBAO_TRY(writer->finish());
        if (request.source == ParcelSource::Village) {
            // A village's own parcels need the town's review and the county's approval.
            auto proposed = db.prepare("UPDATE parcels SET proposal = 'proposed' WHERE batch_id = "
                                       "? AND source = 'village'");
            if (!proposed)
                return proposed.error();
            proposed->bind(1, batchId);
            GENGBAO_TRY(proposed->run());
        }
        auto audited =
            appendAudit(db, request.user, "import", "batch " + std::to_string(batchId), nullptr,
                        {{"batch_id", batchId},
                         {"label", summary.batchLabel},
                         {"file", request.path},
                         {"imported", summary.counts.imported}});
        if (!audited)
            return audited.error();
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
