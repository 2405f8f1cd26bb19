// SPDX-License-Identifier: GPL-3.0-or-later
#include "referencelayers.h"

#include "../base/checksum.h"
#include "../base/clock.h"
#include "../db/database.h"
#include "../db/statement.h"
#include "../db/transaction.h"
#include "../domain/screening.h"
#include "../project.h"
#include "audit.h"
#include "constraintlayer.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <functional>
#include <set>

namespace gengbao::core {

namespace {

using json = nlohmann::ordered_json;

constexpr const char *kVillageKind = "village";

// Fields that name a village in the files a township gets, best first: 行政区名称 of a 村级调查区,
// 村居名称, 坐落单位名称 of the survey, 权属单位名称, then generic names.
constexpr const char *kVillageNameFields[] = {"XZQMC",   "CJMC", "CUNMC", "ZLDWMC", "QSDWMC",
                                              "CJDCQMC", "NAME", "村名",  "名称",   "MC"};

// The kind a layer is stored under: the red line is "redline" whether the officer or the
// screening named it 生态保护红线, so that either replaces the other; other kinds as given.
std::string storedKind(const std::string &kind)
{
    return reasonForKind(kind);
}

std::string joined(const std::vector<std::string> &items)
{
    std::string text;
    for (const std::string &item : items)
        text += (text.empty() ? "" : ", ") + item;
    return text;
}

bool sameFieldName(const std::string &a, const std::string &b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// The label field of a layer: the one asked for (any case), or for village boundaries the first
// village name field the file has. Village boundaries without names are refused: the map labels
// and finds villages by them.
LabelFieldChooser labelFieldChooser(const ReferenceLayerRequest &request)
{
    return [request](const LayerInfo &info) -> Result<std::string> {
        const auto find = [&info](const std::string &wanted) -> std::string {
            for (const std::string &name : info.fieldNames) {
                if (sameFieldName(name, wanted))
                    return name;
            }
            return {};
        };
        if (!request.labelField.empty()) {
            std::string found = find(request.labelField);
            if (found.empty())
                return makeError(ErrorCode::InvalidArgument, request.path,
                                 "has no field " + request.labelField +
                                     " (fields: " + joined(info.fieldNames) + ")");
            return found;
        }
        if (request.kind != kVillageKind)
            return std::string();
        for (const char *candidate : kVillageNameFields) {
            std::string found = find(candidate);
            if (!found.empty())
                return found;
        }
        return makeError(ErrorCode::InvalidArgument, request.path,
                         "has no village name field (such as XZQMC, CJMC or ZLDWMC; fields: " +
                             joined(info.fieldNames) + "); name it with --label-field");
    };
}

// The stored layers that satisfy the condition (SQL from code; its values bound by `bind`).
Result<std::vector<ReferenceLayerInfo>>
layersWhere(Database &db, const std::string &condition,
            const std::function<void(Statement &)> &bind = {})
{
    auto query = db.prepare("SELECT id, kind, name, source_path, source_layer, sha256, "
                            "feature_count, imported_at FROM reference_layers " +
                            condition + " ORDER BY id");
    if (!query)
        return query.error();
    if (bind)
        bind(*query);
    std::vector<ReferenceLayerInfo> layers;
    GENGBAO_TRY(query->forEachRow([&layers](Statement &row) {
        ReferenceLayerInfo info;
        info.id = row.int64(0);
        info.kind = row.text(1);
        info.name = row.text(2);
        info.sourcePath = row.text(3);
        info.sourceLayer = row.optionalText(4).value_or("");
        info.sha256 = row.optionalText(5).value_or("");
        info.featureCount = row.int64(6);
        info.importedAt = row.text(7);
        layers.push_back(std::move(info));
    }));
    return layers;
}

json layerJson(const ReferenceLayerInfo &layer)
{
    return {{"id", layer.id},
            {"kind", layer.kind},
            {"name", layer.name},
            {"file", layer.sourcePath},
            {"features", layer.featureCount}};
}

// Reads WKB (any byte order) into a PolygonSet item: the rings of a Polygon or a MultiPolygon.
// The project's blobs are 2D; Z and M are skipped when a GIS program wrote them.
class WkbRings
{
public:
    WkbRings(std::span<const unsigned char> wkb, PolygonSet::Builder &builder)
        : mWkb(wkb)
        , mBuilder(builder)
    {}

    bool read()
    {
        std::uint32_t type = 0;
        if (!header(type))
            return false;
        if (type % 1000 == 3)
            return polygon(dimensions(type));
        if (type % 1000 != 6)
            return false;
        std::uint32_t parts = 0;
        if (!number(parts))
            return false;
        for (std::uint32_t p = 0; p < parts; ++p) {
            std::uint32_t partType = 0;
            if (!header(partType) || partType % 1000 != 3 || !polygon(dimensions(partType)))
                return false;
        }
        return true;
    }

private:
    static int dimensions(std::uint32_t type)
    {
        const std::uint32_t flavour = type / 1000;  // ISO: 1 Z, 2 M, 3 ZM
        return flavour == 3 ? 4 : flavour == 0 ? 2 : 3;
    }

    bool header(std::uint32_t &type)
    {
        if (mOffset >= mWkb.size())
            return false;
        mLittleEndian = mWkb[mOffset++] == 1;
        return number(type);
    }

    bool bytes(unsigned char *out, std::size_t size)
    {
        if (mWkb.size() - mOffset < size)
            return false;
        std::memcpy(out, mWkb.data() + mOffset, size);
        if (mLittleEndian != (std::endian::native == std::endian::little))
            std::reverse(out, out + size);
        mOffset += size;
        return true;
    }

    bool number(std::uint32_t &value)
    {
        unsigned char raw[4];
        if (!bytes(raw, 4))
            return false;
        std::memcpy(&value, raw, 4);
        return true;
    }

    bool polygon(int dims)
    {
        std::uint32_t rings = 0;
        if (!number(rings))
            return false;
        for (std::uint32_t r = 0; r < rings; ++r) {
            std::uint32_t points = 0;
            if (!number(points) || (mWkb.size() - mOffset) / (8u * dims) < points)
                return false;
            mXy.resize(2 * std::size_t(points));
            for (std::uint32_t i = 0; i < points; ++i) {
                for (int d = 0; d < dims; ++d) {
                    unsigned char raw[8];
                    double value = 0;
                    if (!bytes(raw, 8))
                        return false;
                    std::memcpy(&value, raw, 8);
                    if (d < 2)
                        mXy[2 * std::size_t(i) + d] = value;
                }
            }
            mBuilder.addRing(mXy);
        }
        return true;
    }

    std::span<const unsigned char> mWkb;
    PolygonSet::Builder &mBuilder;
    std::size_t mOffset = 0;
    bool mLittleEndian = true;
    std::vector<double> mXy;
};

}  // namespace

Result<std::vector<std::int64_t>>
replaceReferenceLayers(Database &db, std::span<const ReferenceLayerFeatures> layers,
                       const std::string &user)
{
    std::set<std::string> kinds;
    for (const ReferenceLayerFeatures &layer : layers)
        kinds.insert(storedKind(layer.kind));
    // Features first, each through the R-tree's delete trigger (the cascade would do the same).
    auto features = db.prepare("DELETE FROM reference_features WHERE layer_id IN "
                               "(SELECT id FROM reference_layers WHERE kind = ?)");
    auto old = db.prepare("DELETE FROM reference_layers WHERE kind = ?");
    if (!features)
        return features.error();
    if (!old)
        return old.error();
    for (const std::string &kind : kinds) {
        features->bind(1, kind);
        GENGBAO_TRY(features->run());
        old->bind(1, kind);
        GENGBAO_TRY(old->run());
    }

    auto layerRow = db.prepare("INSERT INTO reference_layers (kind, name, source_path, "
                               "source_layer, sha256, feature_count, imported_at, imported_by) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    auto featureRow =
        db.prepare("INSERT INTO reference_features (geom, layer_id, label) VALUES (?1, ?2, ?3)");
    if (!layerRow)
        return layerRow.error();
    if (!featureRow)
        return featureRow.error();
    auto rtree = gpkg::RtreeBulkInsert::begin(db, "reference_features", "geom");
    if (!rtree)
        return rtree.error();
    const std::string at = utcNow();
    const std::string by = user.empty() ? loginName() : user;
    std::vector<std::int64_t> ids;
    for (const ReferenceLayerFeatures &layer : layers) {
        layerRow->bind(1, storedKind(layer.kind)).bind(2, layer.name).bind(3, layer.sourcePath);
        if (layer.sourceLayer.empty())
            layerRow->bindNull(4);
        else
            layerRow->bind(4, layer.sourceLayer);
        if (layer.sha256.empty())
            layerRow->bindNull(5);
        else
            layerRow->bind(5, layer.sha256);
        layerRow->bind(6, static_cast<std::int64_t>(layer.blobs.size()));
        layerRow->bind(7, at).bind(8, by);
        GENGBAO_TRY(layerRow->run());
        const std::int64_t layerId = db.lastInsertRowId();
        ids.push_back(layerId);
        for (std::size_t i = 0; i < layer.blobs.size(); ++i) {
            featureRow->bindBlob(1, layer.blobs[i].data(), layer.blobs[i].size());
            featureRow->bind(2, layerId);
            if (i < layer.labels.size() && !layer.labels[i].empty())
                featureRow->bind(3, layer.labels[i]);
            else
                featureRow->bindNull(3);
            GENGBAO_TRY(featureRow->run());
            GENGBAO_TRY(rtree->add(db.lastInsertRowId(), layer.envelopes[i]));
        }
    }
    GENGBAO_TRY(rtree->finish());
    GENGBAO_TRY(gpkg::refreshExtent(db, "reference_features"));
    return ids;
}

Result<ReferenceLayerInfo>
importReferenceLayer(Project &project, const ReferenceLayerRequest &request, Progress &progress)
{
    try {
        if (request.kind.empty())
            return makeError(ErrorCode::InvalidArgument, request.path,
                             "needs a kind (village for village boundaries, or e.g. redline)");
        if (!project.settings().crsEpsg)
            return makeError(ErrorCode::InvalidArgument, project.path(),
                             "has no coordinate system yet: import the candidate parcels first");
        const int projectEpsg = *project.settings().crsEpsg;
        progress.report(0.0, "reading");

        ReaderOptions options;
        options.path = request.path;
        if (!request.layerName.empty())
            options.layer = request.layerName;
        options.role = "reference layers";
        options.layerHint = "FILE:LAYER";
        options.crsHint = "add its .prj (a reference layer's CRS is never guessed)";
        options.crsFromCoordinates = false;
        options.readAttributes = request.kind == kVillageKind || !request.labelField.empty();
        auto read = readPolygonLayer(options, projectEpsg, labelFieldChooser(request));
        if (!read)
            return read.error();
        const PolygonLayer &layer = *read;
        if (progress.cancelled())
            return makeError(ErrorCode::Cancelled, request.path, "cancelled; no layer was added");
        auto checksum = sha256OfFiles(layer.files);
        if (!checksum)
            return checksum.error();

        ReferenceLayerFeatures features;
        features.kind = request.kind;
        features.name = request.name.empty() ? std::filesystem::path(request.path).stem().string()
                                             : request.name;
        features.sourcePath = request.path;
        features.sourceLayer = layer.layerName;
        features.sha256 = checksum->sha256;
        features.blobs = layer.blobs;
        features.envelopes = layer.envelopes;
        features.labels = layer.labels;

        progress.report(0.5, "writing");
        Database &db = project.database();
        auto transaction = Transaction::begin(db);
        if (!transaction)
            return transaction.error();
        auto replaced = layersWhere(db, "WHERE kind = ?", [&request](Statement &query) {
            query.bind(1, storedKind(request.kind));
        });
        if (!replaced)
            return replaced.error();
        auto ids = replaceReferenceLayers(db, std::span(&features, 1), request.user);
        if (!ids)
            return ids.error();
        const std::int64_t id = ids->front();
        auto stored =
            layersWhere(db, "WHERE id = ?", [id](Statement &query) { query.bind(1, id); });
        if (!stored)
            return stored.error();
        ReferenceLayerInfo info = stored->front();
        info.issues = layer.issues;
        json old = json::array();
        for (const ReferenceLayerInfo &earlier : *replaced)
            old.push_back(layerJson(earlier));
        auto audited =
            appendAudit(db, request.user, "add_layer", "reference layer " + std::to_string(info.id),
                        old.empty() ? json(nullptr) : json{{"replaced", old}}, layerJson(info));
        if (!audited)
            return audited.error();
        if (progress.cancelled())
            return makeError(ErrorCode::Cancelled, request.path, "cancelled; no layer was added");
        GENGBAO_TRY(transaction->commit());
        progress.report(1.0, "done");
        return info;
    } catch (const std::exception &exception) {
        return makeError(ErrorCode::Io, request.path,
                         std::string("adding the layer failed: ") + exception.what());
    }
}

Result<std::vector<ReferenceLayerInfo>> listReferenceLayers(Project &project)
{
    return layersWhere(project.database(), {});
}

Result<std::vector<MapLayer>> loadReferenceLayers(Project &project)
{
    Database &db = project.database();
    auto layers = listReferenceLayers(project);
    if (!layers)
        return layers.error();
    auto features =
        db.prepare("SELECT label, geom FROM reference_features WHERE layer_id = ? ORDER BY fid");
    if (!features)
        return features.error();
    std::vector<MapLayer> out;
    for (const ReferenceLayerInfo &info : *layers) {
        MapLayer layer;
        layer.id = info.id;
        layer.kind = info.kind;
        layer.name = info.name;
        PolygonSet::Builder builder;
        bool anyLabel = false;
        features->bind(1, info.id);
        GENGBAO_TRY(features->forEachRow([&](Statement &row) -> Status {
            auto label = row.optionalText(0);
            anyLabel = anyLabel || label.has_value();
            layer.labels.push_back(label.value_or(""));
            const std::vector<unsigned char> blob = row.blob(1);
            auto decoded = gpkg::decodeGeometry(blob);
            builder.beginItem();
            if (decoded && !decoded->empty && !WkbRings(decoded->wkb, builder).read())
                return makeError(ErrorCode::Database, db.path(),
                                 "reference layer " + info.name + " has a damaged geometry");
            builder.endItem();
            return Status::success();
        }));
        features->reset();
        if (!anyLabel)
            layer.labels.clear();
        layer.shapes = std::make_shared<const PolygonSet>(std::move(builder).build());
        out.push_back(std::move(layer));
    }
    return out;
}

}  // namespace gengbao::core
