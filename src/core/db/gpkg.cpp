// SPDX-License-Identifier: GPL-3.0-or-later
#include "gpkg.h"

#include "database.h"
#include "statement.h"

#include <cpl_conv.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <sqlite3.h>

#include <bit>
#include <cstring>
#include <memory>

namespace gengbao::core::gpkg {

namespace {

enum class Bound { MinX, MaxX, MinY, MaxY };  // in Envelope's order

// Envelope of a blob: from its header when it has one, else by parsing the WKB with OGR.
bool blobEnvelope(const unsigned char *data, int size, Envelope &out, bool &empty)
{
    auto decoded =
        decodeGeometry(std::span<const unsigned char>(data, static_cast<std::size_t>(size)));
    if (!decoded)
        return false;
    empty = decoded->empty;
    if (decoded->hasEnvelope) {
        out = decoded->envelope;
        return true;
    }
    OGRGeometryH geometry = nullptr;
    if (OGR_G_CreateFromWkb(decoded->wkb.data(), nullptr, &geometry,
                            static_cast<int>(decoded->wkb.size())) != OGRERR_NONE) {
        return false;
    }
    std::unique_ptr<void, void (*)(void *)> owner(
        geometry, [](void *g) { OGR_G_DestroyGeometry(static_cast<OGRGeometryH>(g)); });
    if (OGR_G_IsEmpty(geometry)) {
        empty = true;
        return true;
    }
    OGREnvelope envelope;
    OGR_G_GetEnvelope(geometry, &envelope);
    out = {envelope.MinX, envelope.MaxX, envelope.MinY, envelope.MaxY};
    return true;
}

// The envelope of a function's blob argument; false (and an SQL NULL result) when there is none.
bool argumentEnvelope(sqlite3_context *context, int argc, sqlite3_value **argv, Envelope &envelope,
                      bool &empty)
{
    if (argc == 1 && sqlite3_value_type(argv[0]) == SQLITE_BLOB) {
        const auto *data = static_cast<const unsigned char *>(sqlite3_value_blob(argv[0]));
        if (blobEnvelope(data, sqlite3_value_bytes(argv[0]), envelope, empty))
            return true;
    }
    sqlite3_result_null(context);
    return false;
}

void boundFunction(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    const auto bound =
        static_cast<Bound>(reinterpret_cast<std::intptr_t>(sqlite3_user_data(context)));
    Envelope envelope;
    bool empty = false;
    if (!argumentEnvelope(context, argc, argv, envelope, empty))
        return;
    if (empty) {
        sqlite3_result_null(context);
        return;
    }
    const double values[] = {envelope.minX, envelope.maxX, envelope.minY, envelope.maxY};
    sqlite3_result_double(context, values[static_cast<int>(bound)]);
}

void isEmptyFunction(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    Envelope envelope;
    bool empty = false;
    if (argumentEnvelope(context, argc, argv, envelope, empty))
        sqlite3_result_int(context, empty ? 1 : 0);
}

std::string quoted(std::string_view identifier)
{
    std::string result = "\"";
    for (char c : identifier) {
        if (c == '"')
            result += '"';
        result += c;
    }
    return result + "\"";
}

}  // namespace

void registerFunctions(sqlite3 *db)
{
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    const std::pair<const char *, Bound> bounds[] = {{"ST_MinX", Bound::MinX},
                                                     {"ST_MaxX", Bound::MaxX},
                                                     {"ST_MinY", Bound::MinY},
                                                     {"ST_MaxY", Bound::MaxY}};
    for (const auto &[name, bound] : bounds) {
        sqlite3_create_function_v2(db, name, 1, flags,
                                   reinterpret_cast<void *>(static_cast<std::intptr_t>(bound)),
                                   boundFunction, nullptr, nullptr, nullptr);
    }
    sqlite3_create_function_v2(db, "ST_IsEmpty", 1, flags, nullptr, isEmptyFunction, nullptr,
                               nullptr, nullptr);
}

Status createCoreTables(Database &db)
{
    GENGBAO_TRY(db.exec("PRAGMA application_id = " + std::to_string(kApplicationId)));
    GENGBAO_TRY(db.exec("PRAGMA user_version = " + std::to_string(kUserVersion)));
    GENGBAO_TRY(db.exec(R"sql(
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT
);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
CREATE TABLE gpkg_extensions (
  table_name TEXT,
  column_name TEXT,
  extension_name TEXT NOT NULL,
  definition TEXT NOT NULL,
  scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
);
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined',
   'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined',
   'undefined geographic coordinate reference system');
)sql"));
    return ensureSrs(db, 4326);
}

Status ensureSrs(Database &db, int epsg)
{
    auto exists = db.prepare("SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id = ?");
    if (!exists)
        return exists.error();
    exists->bind(1, epsg);
    auto found = exists->step();
    if (!found)
        return found.error();
    if (*found)
        return Status::success();

    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    std::unique_ptr<void, void (*)(void *)> owner(
        srs, [](void *s) { OSRDestroySpatialReference(static_cast<OGRSpatialReferenceH>(s)); });
    if (OSRImportFromEPSG(srs, epsg) != OGRERR_NONE)
        return makeError(ErrorCode::BadCrs, db.path(), "unknown CRS EPSG:" + std::to_string(epsg));
    char *wkt = nullptr;
    OSRExportToWkt(srs, &wkt);
    std::string definition = wkt ? wkt : "";
    CPLFree(wkt);
    const char *name = OSRGetName(srs);

    auto insert = db.prepare("INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, "
                             "organization_coordsys_id, definition, description) "
                             "VALUES (?, ?, 'EPSG', ?, ?, ?)");
    if (!insert)
        return insert.error();
    insert->bind(1, std::string_view(name ? name : "EPSG")).bind(2, epsg).bind(3, epsg);
    insert->bind(4, definition).bind(5, std::string_view(name ? name : ""));
    return insert->run();
}

Status registerFeatureTable(Database &db, std::string_view table, std::string_view geometryColumn,
                            std::string_view geometryType, int srsId, std::string_view identifier)
{
    auto contents = db.prepare("INSERT INTO gpkg_contents (table_name, data_type, identifier, "
                               "description, srs_id) VALUES (?, 'features', ?, '', ?)");
    if (!contents)
        return contents.error();
    contents->bind(1, table).bind(2, identifier).bind(3, srsId);
    GENGBAO_TRY(contents->run());

    auto columns = db.prepare("INSERT INTO gpkg_geometry_columns (table_name, column_name, "
                              "geometry_type_name, srs_id, z, m) VALUES (?, ?, ?, ?, 0, 0)");
    if (!columns)
        return columns.error();
    columns->bind(1, table).bind(2, geometryColumn).bind(3, geometryType).bind(4, srsId);
    GENGBAO_TRY(columns->run());

    auto extension = db.prepare(
        "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
        "VALUES (?, ?, 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', "
        "'write-only')");
    if (!extension)
        return extension.error();
    extension->bind(1, table).bind(2, geometryColumn);
    GENGBAO_TRY(extension->run());

    // The R-tree and its triggers, as GeoPackage 1.2 Annex F.3 gives them. Identifiers come
    // from code, never from user input, but are quoted all the same.
    const std::string t(table);
    const std::string c(geometryColumn);
    const std::string rtree = quoted("rtree_" + t + "_" + c);
    const std::string qt = quoted(t);
    const std::string qc = quoted(c);
    const std::string trigger = "rtree_" + t + "_" + c;
    const std::string values = "(NEW.fid, ST_MinX(NEW." + qc + "), ST_MaxX(NEW." + qc +
                               "), ST_MinY(NEW." + qc + "), ST_MaxY(NEW." + qc + "))";
    std::string sql;
    sql += "CREATE VIRTUAL TABLE " + rtree + " USING rtree(id, minx, maxx, miny, maxy);\n";
    sql += "CREATE TRIGGER " + quoted(trigger + "_insert") + " AFTER INSERT ON " + qt +
           " WHEN (new." + qc + " NOT NULL AND NOT ST_IsEmpty(NEW." + qc + ")) BEGIN " +
           "INSERT OR REPLACE INTO " + rtree + " VALUES " + values + "; END;\n";
    sql += "CREATE TRIGGER " + quoted(trigger + "_update1") + " AFTER UPDATE OF " + qc + " ON " +
           qt + " WHEN OLD.fid = NEW.fid AND (NEW." + qc + " NOTNULL AND NOT ST_IsEmpty(NEW." + qc +
           ")) BEGIN INSERT OR REPLACE INTO " + rtree + " VALUES " + values + "; END;\n";
    sql += "CREATE TRIGGER " + quoted(trigger + "_update2") + " AFTER UPDATE OF " + qc + " ON " +
           qt + " WHEN OLD.fid = NEW.fid AND (NEW." + qc + " ISNULL OR ST_IsEmpty(NEW." + qc +
           ")) BEGIN DELETE FROM " + rtree + " WHERE id = OLD.fid; END;\n";
    sql += "CREATE TRIGGER " + quoted(trigger + "_update3") + " AFTER UPDATE ON " + qt +
           " WHEN OLD.fid != NEW.fid AND (NEW." + qc + " NOTNULL AND NOT ST_IsEmpty(NEW." + qc +
           ")) BEGIN DELETE FROM " + rtree + " WHERE id = OLD.fid; INSERT OR REPLACE INTO " +
           rtree + " VALUES " + values + "; END;\n";
    sql += "CREATE TRIGGER " + quoted(trigger + "_update4") + " AFTER UPDATE ON " + qt +
           " WHEN OLD.fid != NEW.fid AND (NEW." + qc + " ISNULL OR ST_IsEmpty(NEW." + qc +
           ")) BEGIN DELETE FROM " + rtree + " WHERE id IN (OLD.fid, NEW.fid); END;\n";
    sql += "CREATE TRIGGER " + quoted(trigger + "_delete") + " AFTER DELETE ON " + qt +
           " WHEN old." + qc + " NOT NULL BEGIN DELETE FROM " + rtree +
           " WHERE id = OLD.fid; END;\n";
    return db.exec(sql);
}

Status registerAttributesTable(Database &db, std::string_view table, std::string_view identifier)
{
    auto contents = db.prepare("INSERT INTO gpkg_contents (table_name, data_type, identifier, "
                               "description) VALUES (?, 'attributes', ?, '')");
    if (!contents)
        return contents.error();
    contents->bind(1, table).bind(2, identifier);
    return contents->run();
}

Status setFeatureTableSrs(Database &db, std::string_view table, int srsId)
{
    GENGBAO_TRY(ensureSrs(db, srsId));
    for (const char *sql : {"UPDATE gpkg_contents SET srs_id = ? WHERE table_name = ?",
                            "UPDATE gpkg_geometry_columns SET srs_id = ? WHERE table_name = ?"}) {
        auto update = db.prepare(sql);
        if (!update)
            return update.error();
        update->bind(1, srsId).bind(2, table);
        GENGBAO_TRY(update->run());
    }
    return Status::success();
}

Status refreshExtent(Database &db, std::string_view table)
{
    auto geometryColumn =
        db.prepare("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?");
    if (!geometryColumn)
        return geometryColumn.error();
    geometryColumn->bind(1, table);
    auto found = geometryColumn->step();
    if (!found)
        return found.error();
    if (!*found)
        return makeError(ErrorCode::Database, db.path(), "no feature table " + std::string(table));
    const std::string rtree = quoted("rtree_" + std::string(table) + "_" + geometryColumn->text(0));
    auto update = db.prepare(
        "UPDATE gpkg_contents SET "
        "min_x = (SELECT min(minx) FROM " +
        rtree + "), max_x = (SELECT max(maxx) FROM " + rtree +
        "), min_y = (SELECT min(miny) FROM " + rtree + "), max_y = (SELECT max(maxy) FROM " +
        rtree + "), last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?");
    if (!update)
        return update.error();
    update->bind(1, table);
    return update->run();
}

Result<RtreeBulkInsert> RtreeBulkInsert::begin(Database &db, std::string_view table,
                                               std::string_view geometryColumn)
{
    const std::string rtree = "rtree_" + std::string(table) + "_" + std::string(geometryColumn);
    const std::string trigger = rtree + "_insert";
    auto lookup = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?");
    if (!lookup)
        return lookup.error();
    lookup->bind(1, trigger);
    auto found = lookup->step();
    if (!found)
        return found.error();
    if (!*found)
        return makeError(ErrorCode::Database, db.path(), "no R-tree trigger " + trigger);
    RtreeBulkInsert bulk;
    bulk.mDatabase = &db;
    bulk.mTriggerSql = lookup->text(0);
    lookup->reset();
    GENGBAO_TRY(db.exec("DROP TRIGGER " + quoted(trigger)));
    auto insert = db.prepare("INSERT INTO " + quoted(rtree) + " VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!insert)
        return insert.error();
    bulk.mInsert = std::make_unique<Statement>(std::move(insert).value());
    return bulk;
}

RtreeBulkInsert::~RtreeBulkInsert() = default;

Status RtreeBulkInsert::add(std::int64_t fid, const Envelope &envelope)
{
    // The R-tree module rounds doubles outwards to its 32-bit floats, as the trigger's insert does.
    mInsert->bind(1, fid).bind(2, envelope.minX).bind(3, envelope.maxX);
    mInsert->bind(4, envelope.minY).bind(5, envelope.maxY);
    return mInsert->run();
}

Status RtreeBulkInsert::finish()
{
    mInsert.reset();
    return mDatabase->exec(mTriggerSql);
}

std::vector<unsigned char> encodeGeometry(int srsId, const Envelope &envelope,
                                          std::span<const unsigned char> wkb)
{
    std::vector<unsigned char> blob(8 + 32 + wkb.size());
    blob[0] = 'G';
    blob[1] = 'P';
    blob[2] = 0;     // version 1
    blob[3] = 0x03;  // envelope [minx, maxx, miny, maxy], little endian
    const std::int32_t srs = srsId;
    std::memcpy(&blob[4], &srs, 4);
    const double bounds[4] = {envelope.minX, envelope.maxX, envelope.minY, envelope.maxY};
    std::memcpy(&blob[8], bounds, 32);
    std::memcpy(&blob[40], wkb.data(), wkb.size());
    return blob;
}

Result<DecodedGeometry> decodeGeometry(std::span<const unsigned char> blob)
{
    static_assert(std::endian::native == std::endian::little, "GPKG blobs are read little endian");
    if (blob.size() < 8 || blob[0] != 'G' || blob[1] != 'P')
        return makeError(ErrorCode::Damaged, {}, "not a GeoPackage geometry blob");
    const unsigned char flags = blob[3];
    DecodedGeometry decoded;
    decoded.empty = (flags & 0x10) != 0;
    const int envelopeKind = (flags >> 1) & 0x07;
    static constexpr int kEnvelopeBytes[] = {0, 32, 48, 48, 64};
    if (envelopeKind > 4)
        return makeError(ErrorCode::Damaged, {}, "bad GeoPackage envelope code");
    const bool littleEndian = (flags & 0x01) != 0;
    std::int32_t srs = 0;
    std::memcpy(&srs, &blob[4], 4);
    if (!littleEndian)
        srs = static_cast<std::int32_t>(__builtin_bswap32(static_cast<std::uint32_t>(srs)));
    decoded.srsId = srs;
    const std::size_t headerSize = 8 + static_cast<std::size_t>(kEnvelopeBytes[envelopeKind]);
    if (blob.size() < headerSize)
        return makeError(ErrorCode::Damaged, {}, "truncated GeoPackage geometry blob");
    if (envelopeKind > 0 && littleEndian) {
        double bounds[4];
        std::memcpy(bounds, &blob[8], 32);
        decoded.envelope = {bounds[0], bounds[1], bounds[2], bounds[3]};
        decoded.hasEnvelope = true;
    }
    decoded.wkb = blob.subspan(headerSize);
    return decoded;
}

}  // namespace gengbao::core::gpkg
