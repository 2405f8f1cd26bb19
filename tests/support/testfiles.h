// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/base/progress.h>
#include <core/geo/coverage.h>
#include <core/ops/exportparcels.h>
#include <core/ops/importparcels.h>
#include <core/ops/screenparcels.h>
#include <core/project.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

// Test inputs are made with GDAL at test time (no binary fixtures to go stale), in a temporary
// folder removed at the end of the test.
namespace gengbao::test {

class TempDir
{
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;
    const std::filesystem::path &path() const { return mPath; }
    std::string file(const std::string &name) const { return (mPath / name).string(); }

private:
    std::filesystem::path mPath;
};

enum class FieldType { String, Real, Integer };

struct FieldSpec
{
    std::string name;
    FieldType type = FieldType::String;
    int width = 0;
    int precision = 0;
};

using FieldValue = std::variant<std::monostate, std::string, double, std::int64_t>;

struct TestFeature
{
    std::string wkt;                 // empty for no geometry
    std::vector<FieldValue> values;  // in FieldSpec order
};

struct VectorSpec
{
    std::string driver = "ESRI Shapefile";
    std::string layerName = "parcels";
    int epsg = 4545;       // 0: no CRS
    int geometryType = 3;  // OGRwkbGeometryType: 3 polygon, 6 multipolygon, 1 point, 2 line
    std::vector<std::string> layerOptions;  // e.g. "ENCODING=CP936"
    std::vector<FieldSpec> fields;
    std::vector<TestFeature> features;
};

// Writes a vector file with GDAL (the layer is added to an existing GeoPackage).
void writeVector(const std::string &path, const VectorSpec &spec);

// A single-band Float32 DEM, north up: cell (column, row) has its centre at
// (originX + (column + 0.5) * cell, originY - (row + 0.5) * cell).
struct DemSpec
{
    int width = 100;
    int height = 100;
    double originX = 500000.0;   // the west edge
    double originY = 3100000.0;  // the north edge
    double cellX = 10.0;
    double cellY = 10.0;
    int epsg = 4545;  // 0: no CRS
    std::optional<double> noData;
    std::function<double(int column, int row)> elevation;
};
void writeDem(const std::string &path, const DemSpec &spec);

// The 三调 fields used by most tests, and one feature with them.
std::vector<FieldSpec> surveyFields();
TestFeature surveyFeature(const std::string &wkt, const std::string &bsm, const std::string &zldwdm,
                          const std::string &zldwmc, std::optional<double> tbmj,
                          std::optional<double> kcxs = std::nullopt,
                          const std::string &dlmc = "乔木林地");

// An axis-aligned square of side metres with lower-left corner (x, y), as WKT.
std::string squareWkt(double x, double y, double side);

// A new project in dir (EPSG:4545 unless told otherwise; 0 lets the first import choose).
std::unique_ptr<core::Project> newProject(const TempDir &dir, int epsg = 4545,
                                          const std::string &name = "project.gpkg");

// The bundled sample project (峨溶镇 2023) written to dir/name: its path.
std::string sampleProjectFile(const TempDir &dir, const std::string &name);
// The same, opened.
std::unique_ptr<core::Project> sampleProject(const TempDir &dir, const std::string &name);

// Imports and REQUIREs success.
core::ImportSummary importOk(core::Project &project, const std::string &path,
                             const std::string &batch = "batch");

std::int64_t countRows(core::Project &project, const std::string &table);

// Runs a command line, returns its exit status and captures stdout and stderr.
struct CommandResult
{
    int status = -1;
    std::string out;
    std::string err;
};
CommandResult runCommand(const std::string &commandLine);

std::string readFile(const std::string &path);

// Sets vertex `index` of the exterior ring of the feature whose BSM is bsm, in a file written by
// writeVector. WKT cannot carry NaN or Inf, so wild vertices are put in place afterwards. Vertex 2
// of a squareWkt square is its north-east corner, and stays so when the shapefile writer reverses
// the ring to clockwise (index i of a closed ring of 5 points becomes 4 - i).
void setVertex(const std::string &path, const std::string &bsm, int index, double x, double y);
// Overwrites point `index` of shape record `fid` in the .shp itself, as a bit flip would: GDAL
// refuses to write a coordinate that is not a finite number. The record's bounding box and the
// file's stay the square's.
void patchShpPoint(const std::string &shp, int fid, int index, double x, double y);

// The project's parcels by id, and a screening that REQUIREs success.
std::map<std::string, core::ParcelRow> rowsById(core::Project &project);
core::ScreeningSummary screenOk(core::Project &project, const core::ScreeningRequest &request);

// A ring in cell coordinates for core::CoverageGrid.
core::PixelRing ring(std::vector<std::pair<double, double>> points, bool hole = false);

// Rows of CSV text as the exports write it (RFC 4180 quoting, CRLF or LF line ends).
std::vector<std::vector<std::string>> parseCsv(const std::string &text);

// This process holds a POSIX lock on the file: SQLite's SHARED lock of every WAL connection.
bool holdsLockOn(const std::string &path);

}  // namespace gengbao::test
