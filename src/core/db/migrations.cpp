// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations.h"

#include "database.h"
#include "gpkg.h"
#include "statement.h"
#include "transaction.h"

#include <functional>
#include <vector>

namespace gengbao::core::schema {

namespace {

// The parcels' CRS (-1 until the first import sets it), which every later feature table shares.
Result<int> parcelsSrsId(Database &db)
{
    auto srs = db.prepare("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'parcels'");
    if (!srs)
        return srs.error();
    auto row = srs->step();
    if (!row)
        return row.error();
    return *row ? static_cast<int>(srs->int64(0)) : -1;
}

// Version 1: the GeoPackage core, the parcels feature table, batches, villages, import issues.
Status createVersion1(Database &db)
{
    GENGBAO_TRY(gpkg::createCoreTables(db));
    GENGBAO_TRY(db.exec(R"sql(
CREATE TABLE gengbao_meta (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT
);
CREATE TABLE batches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  label TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('county', 'village')),
  file_name TEXT NOT NULL,
  layer_name TEXT,
  encoding TEXT,
  encoding_origin TEXT,
  source_crs TEXT,
  imported_at TEXT NOT NULL,
  imported_by TEXT,
  read_count INTEGER NOT NULL DEFAULT 0,
  imported_count INTEGER NOT NULL DEFAULT 0,
  repaired_count INTEGER NOT NULL DEFAULT 0,
  duplicate_count INTEGER NOT NULL DEFAULT 0,
  rejected_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE villages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL UNIQUE CHECK (length(code) = 12),
  name TEXT NOT NULL,
  name_is_exact INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE parcels (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom MULTIPOLYGON,
  parcel_id TEXT NOT NULL UNIQUE,
  batch_id INTEGER NOT NULL REFERENCES batches(id),
  source TEXT NOT NULL CHECK (source IN ('county', 'village')),
  source_fid INTEGER,
  bsm TEXT,
  tbybh TEXT,
  tbbh TEXT,
  dlbm TEXT,
  dlmc TEXT,
  zldwdm TEXT,
  zldwmc TEXT,
  village_code TEXT REFERENCES villages(code),
  qsdwdm TEXT,
  qsdwmc TEXT,
  tbmj_m2 REAL,
  kcxs REAL,
  gdlx TEXT,
  gdpdjb TEXT,
  pdjb TEXT,
  slope_attr_deg REAL,
  zzsxdm TEXT,
  bz TEXT,
  area_m2 REAL NOT NULL,
  gross_m2 REAL NOT NULL,
  net_m2 REAL NOT NULL,
  gross_mu REAL NOT NULL,
  net_mu REAL NOT NULL,
  area_mismatch INTEGER NOT NULL DEFAULT 0,
  repaired INTEGER NOT NULL DEFAULT 0,
  stage TEXT NOT NULL DEFAULT 'candidate',
  slope_deg REAL,
  slope_source TEXT,
  redline_overlap_m2 REAL,
  eligible INTEGER,
  reasons TEXT,
  attributes TEXT NOT NULL
);
CREATE INDEX parcels_batch ON parcels(batch_id);
CREATE INDEX parcels_village ON parcels(village_code);
CREATE INDEX parcels_bsm ON parcels(bsm);
CREATE TABLE import_issues (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
  source_fid INTEGER,
  parcel_id TEXT,
  severity TEXT NOT NULL,
  code TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX import_issues_batch ON import_issues(batch_id);
)sql"));
    // The parcels start without a CRS (srs -1) until the project gets one.
    GENGBAO_TRY(gpkg::registerFeatureTable(db, "parcels", "geom", "MULTIPOLYGON", -1, "parcels"));
    GENGBAO_TRY(gpkg::registerAttributesTable(db, "batches", "batches"));
    GENGBAO_TRY(gpkg::registerAttributesTable(db, "villages", "villages"));
    return Status::success();
}

// Version 2: screening runs as records (issue "Screening"). The parcels keep the current
// verdict in their own columns, so QGIS can colour the layer by it; each run keeps its inputs
// (with checksums), its rules and every parcel's result, and the eligible remainders of partly
// constrained parcels form a layer of their own.
Status migrateToVersion2(Database &db)
{
    GENGBAO_TRY(db.exec(R"sql(
ALTER TABLE parcels ADD COLUMN slope_max_deg REAL;
ALTER TABLE parcels ADD COLUMN slope_steep_share REAL;
ALTER TABLE parcels ADD COLUMN slope_grade INTEGER;
ALTER TABLE parcels ADD COLUMN slope_grade_attr INTEGER;
ALTER TABLE parcels ADD COLUMN dem_coverage REAL;
ALTER TABLE parcels ADD COLUMN remainder_m2 REAL;
ALTER TABLE parcels ADD COLUMN flags TEXT;
ALTER TABLE parcels ADD COLUMN screening_run_id INTEGER;
CREATE TABLE screening_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  run_by TEXT,
  max_slope_deg REAL NOT NULL,
  allow_terraces INTEGER NOT NULL,
  overlap_tolerance_m2 REAL NOT NULL,
  screened_count INTEGER NOT NULL,
  eligible_count INTEGER NOT NULL,
  summary TEXT NOT NULL
);
CREATE TABLE screening_inputs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id INTEGER NOT NULL REFERENCES screening_runs(id),
  position INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('dem', 'constraint')),
  kind TEXT,
  action TEXT CHECK (action IN ('exclude', 'flag')),
  path TEXT NOT NULL,
  file_name TEXT NOT NULL,
  layer_name TEXT,
  crs TEXT,
  feature_count INTEGER,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL
);
CREATE INDEX screening_inputs_run ON screening_inputs(run_id);
CREATE TABLE screening_results (
  run_id INTEGER NOT NULL REFERENCES screening_runs(id),
  parcel_fid INTEGER NOT NULL,
  parcel_id TEXT NOT NULL,
  slope_deg REAL,
  slope_max_deg REAL,
  slope_steep_share REAL,
  slope_grade INTEGER,
  slope_grade_attr INTEGER,
  slope_source TEXT,
  dem_coverage REAL,
  redline_overlap_m2 REAL,
  remainder_m2 REAL,
  eligible INTEGER NOT NULL,
  reasons TEXT NOT NULL,
  flags TEXT NOT NULL,
  PRIMARY KEY (run_id, parcel_fid)
) WITHOUT ROWID;
CREATE TABLE screening_overlaps (
  run_id INTEGER NOT NULL,
  parcel_fid INTEGER NOT NULL,
  input_id INTEGER NOT NULL REFERENCES screening_inputs(id),
  overlap_m2 REAL NOT NULL,
  PRIMARY KEY (run_id, parcel_fid, input_id)
) WITHOUT ROWID;
CREATE TABLE screening_remainders (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom MULTIPOLYGON,
  run_id INTEGER NOT NULL REFERENCES screening_runs(id),
  parcel_fid INTEGER NOT NULL,
  parcel_id TEXT NOT NULL,
  area_m2 REAL NOT NULL,
  area_mu REAL NOT NULL
);
CREATE INDEX screening_remainders_run ON screening_remainders(run_id, parcel_fid);
)sql"));
    auto srsId = parcelsSrsId(db);
    if (!srsId)
        return srsId.error();
    GENGBAO_TRY(gpkg::registerFeatureTable(db, "screening_remainders", "geom", "MULTIPOLYGON",
                                           *srsId, "screening_remainders"));
    // screening_results is keyed by (run, parcel) without a rowid, which a GeoPackage attributes
    // table may not be; it stays an unregistered table that GIS programs skip.
    return gpkg::registerAttributesTable(db, "screening_runs", "screening_runs");
}

// Version 3: the town's plan (issue "Plans and village quotas"): programs with their targets,
// phases, deadlines and rules (JSON, read with defaults for missing keys), and each program's
// village tasks in hundredths of a mu, so that printed figures and their totals are exact. A
// project without a stored plan uses the default plan of its settings (ops/plans).
Status migrateToVersion3(Database &db)
{
    GENGBAO_TRY(db.exec(R"sql(
CREATE TABLE plans (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  town TEXT NOT NULL,
  county TEXT,
  year INTEGER NOT NULL,
  title TEXT NOT NULL,
  document_date TEXT,
  issuer TEXT,
  indicators TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE programs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  target_mu REAL,
  target_count INTEGER,
  annex_title TEXT,
  phases TEXT NOT NULL DEFAULT '[]',
  deadlines TEXT NOT NULL DEFAULT '[]',
  rules TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE village_tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  village_code TEXT NOT NULL REFERENCES villages(code),
  task_cmu INTEGER NOT NULL CHECK (task_cmu >= 0),
  remarks TEXT NOT NULL DEFAULT '',
  responsible TEXT NOT NULL DEFAULT '',
  UNIQUE (program_id, village_code)
);
)sql"));
    GENGBAO_TRY(gpkg::registerAttributesTable(db, "plans", "plans"));
    GENGBAO_TRY(gpkg::registerAttributesTable(db, "programs", "programs"));
    return gpkg::registerAttributesTable(db, "village_tasks", "village_tasks");
}

// Version 4: the lifecycle (issue "Track every parcel"): each parcel's stage history with dates,
// who, notes and document numbers; village proposals; the accepted net area in 0.01 mu; and the
// audit log, which triggers keep append-only.
Status migrateToVersion4(Database &db)
{
    return db.exec(R"sql(
ALTER TABLE parcels ADD COLUMN accepted_net_cmu INTEGER;
ALTER TABLE parcels ADD COLUMN proposal TEXT
  CHECK (proposal IN ('proposed', 'reviewed', 'approved', 'rejected'));
ALTER TABLE parcels ADD COLUMN proposal_reason TEXT;
UPDATE parcels SET proposal = 'proposed' WHERE source = 'village';
CREATE TABLE stage_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  parcel_fid INTEGER NOT NULL REFERENCES parcels(fid),
  kind TEXT NOT NULL CHECK (kind IN ('stage', 'proposal')),
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  document TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX stage_history_parcel ON stage_history(parcel_fid, id);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  undoes INTEGER REFERENCES audit_log(id)
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is never edited'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is never edited'); END;
)sql");
}

// Version 5: reference layers for the map (issue "Map review"): the constraint layers of the
// latest screening and layers the officer imports, such as village boundaries, kept in the
// project so the map draws them without the original files. The features are one feature table
// in the project CRS (so QGIS shows them too), each row naming its layer.
Status migrateToVersion5(Database &db)
{
    GENGBAO_TRY(db.exec(R"sql(
CREATE TABLE reference_layers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  source_path TEXT NOT NULL,
  source_layer TEXT,
  sha256 TEXT,
  feature_count INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT
);
CREATE INDEX reference_layers_kind ON reference_layers(kind);
CREATE TABLE reference_features (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom MULTIPOLYGON,
  layer_id INTEGER NOT NULL REFERENCES reference_layers(id) ON DELETE CASCADE,
  label TEXT
);
CREATE INDEX reference_features_layer ON reference_features(layer_id);
)sql"));
    auto srsId = parcelsSrsId(db);
    if (!srsId)
        return srsId.error();
    GENGBAO_TRY(gpkg::registerFeatureTable(db, "reference_features", "geom", "MULTIPOLYGON", *srsId,
                                           "reference_features"));
    return gpkg::registerAttributesTable(db, "reference_layers", "reference_layers");
}

// Migrations from version N to N+1, index N-1.
const std::vector<std::function<Status(Database &)>> &migrations()
{
    static const std::vector<std::function<Status(Database &)>> steps = {
        migrateToVersion2, migrateToVersion3, migrateToVersion4, migrateToVersion5};
    return steps;
}

Status setVersion(Database &db, int version)
{
    auto statement =
        db.prepare("INSERT INTO gengbao_meta (key, value) VALUES ('schema_version', ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!statement)
        return statement.error();
    statement->bind(1, std::to_string(version));
    return statement->run();
}

}  // namespace

Status create(Database &db)
{
    GENGBAO_TRY(createVersion1(db));
    for (const auto &step : migrations())
        GENGBAO_TRY(step(db));
    return setVersion(db, kCurrentVersion);
}

Result<int> version(Database &db)
{
    auto table =
        db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gengbao_meta'");
    if (!table)
        return table.error();
    auto hasTable = table->step();
    if (!hasTable)
        return hasTable.error();
    if (!*hasTable)
        return 0;
    auto query = db.prepare("SELECT value FROM gengbao_meta WHERE key = 'schema_version'");
    if (!query)
        return query.error();
    auto row = query->step();
    if (!row)
        return row.error();
    if (!*row)
        return 0;
    try {
        return std::stoi(query->text(0));
    } catch (...) {
        return makeError(ErrorCode::NotAProject, db.path(), "its schema version is not a number");
    }
}

Status upgrade(Database &db)
{
    auto current = version(db);
    if (!current)
        return current.error();
    if (*current == kCurrentVersion)
        return Status::success();
    if (*current > kCurrentVersion) {
        return makeError(ErrorCode::NewerSchema, db.path(),
                         "was written by a newer Gengbao (project schema " +
                             std::to_string(*current) + "; this version reads up to " +
                             std::to_string(kCurrentVersion) +
                             "); open it with that version or newer");
    }
    if (*current < 1)
        return makeError(ErrorCode::NotAProject, db.path(), "is not a Gengbao project");
    auto transaction = Transaction::begin(db);
    if (!transaction)
        return transaction.error();
    for (int v = *current; v < kCurrentVersion; ++v)
        GENGBAO_TRY(migrations()[static_cast<std::size_t>(v - 1)](db));
    GENGBAO_TRY(setVersion(db, kCurrentVersion));
    return transaction->commit();
}

}  // namespace gengbao::core::schema
