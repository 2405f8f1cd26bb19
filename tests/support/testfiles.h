// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/base/progress.h>
#include <core/ops/importparcels.h>
#include <core/project.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
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

}  // namespace gengbao::test
