// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace gengbao::core {
class Database;
class Statement;
} // namespace gengbao::core

// The GeoPackage 1.2 encoding of the project file: core tables, spatial reference systems,
// feature tables with their R-tree index, and the geometry blob (header + WKB). Written to the
// OGC spec so that QGIS, ogrinfo and validate_gpkg.py see a plain GeoPackage.
namespace gengbao::core::gpkg {

inline constexpr int kApplicationId = 0x47504B47;  // "GPKG"
inline constexpr int kUserVersion = 10200;         // GeoPackage 1.2.0

struct Envelope
{
    double minX = 0, maxX = 0, minY = 0, maxY = 0;
};

// Registers ST_MinX/MaxX/MinY/MaxY/IsEmpty, which the standard R-tree triggers call. Without them
// a plain sqlite3 connection fails on every INSERT into a feature table.
void registerFunctions(sqlite3 *db);

// Creates gpkg_spatial_ref_sys (with the 3 mandatory rows), gpkg_contents,
// gpkg_geometry_columns and gpkg_extensions, and sets application_id and user_version.
Status createCoreTables(Database &db);

// Adds an EPSG CRS to gpkg_spatial_ref_sys if missing (definition as WKT 1, per 1.2).
Status ensureSrs(Database &db, int epsg);

// Registers a feature table that already exists (created with its own DDL) in gpkg_contents and
// gpkg_geometry_columns, and gives it the R-tree spatial index extension with its triggers.
Status registerFeatureTable(Database &db, std::string_view table, std::string_view geometryColumn,
                            std::string_view geometryType, int srsId, std::string_view identifier);

// Registers a plain table in gpkg_contents as 'attributes', so GIS programs list it.
Status registerAttributesTable(Database &db, std::string_view table, std::string_view identifier);

// Sets the srs_id of a feature table (used once, when an empty project gets its CRS).
Status setFeatureTableSrs(Database &db, std::string_view table, int srsId);

// Recomputes the table's extent in gpkg_contents from its R-tree and stamps last_change.
Status refreshExtent(Database &db, std::string_view table);

// Fills a feature table's R-tree directly during a bulk insert, inside the caller's transaction:
// the standard insert trigger is dropped at the start and recreated by finish(). With the trigger,
// every INSERT carries a statement journal (about 60 KB each) and costs half of a large import.
// If the transaction rolls back, so do the DROP and the rows: the file keeps its trigger.
class RtreeBulkInsert
{
public:
    static Result<RtreeBulkInsert> begin(Database &db, std::string_view table,
                                         std::string_view geometryColumn);
    RtreeBulkInsert(RtreeBulkInsert &&) noexcept = default;
    ~RtreeBulkInsert();

    Status add(std::int64_t fid, const Envelope &envelope);
    // Recreates the trigger exactly as it was; call before committing.
    Status finish();

private:
    RtreeBulkInsert() = default;
    Database *mDatabase = nullptr;
    std::string mTriggerSql;
    std::unique_ptr<Statement> mInsert;
};

// GeoPackage blob: "GP", version 0, flags (little endian, xy envelope), srs_id, envelope, WKB.
std::vector<unsigned char> encodeGeometry(int srsId, const Envelope &envelope,
                                          std::span<const unsigned char> wkb);

struct DecodedGeometry
{
    int srsId = 0;
    bool empty = false;
    bool hasEnvelope = false;
    Envelope envelope;
    std::span<const unsigned char> wkb;
};
// Parses the header; nullopt-like failure (ok() false) when the blob is not a GeoPackage geometry.
Result<DecodedGeometry> decodeGeometry(std::span<const unsigned char> blob);

}  // namespace gengbao::core::gpkg
