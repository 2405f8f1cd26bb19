// SPDX-License-Identifier: GPL-3.0-or-later
#include "testfiles.h"

#include <core/base/openfiles.h>
#include <core/db/filelocks.h>
#include <core/db/statement.h>
#include <core/geo/handles.h>
#include <core/ops/sampleproject.h>

#include <catch2/catch.hpp>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace gengbao::test {

namespace fs = std::filesystem;

TempDir::TempDir()
{
    std::string pattern = (fs::temp_directory_path() / "gengbao-test-XXXXXX").string();
    char *made = mkdtemp(pattern.data());
    REQUIRE(made != nullptr);
    mPath = made;
}

TempDir::~TempDir()
{
    std::error_code ec;
    fs::remove_all(mPath, ec);
}

void writeVector(const std::string &path, const VectorSpec &spec)
{
    GDALDriverH driver = GDALGetDriverByName(spec.driver.c_str());
    REQUIRE(driver != nullptr);
    core::DatasetPtr dataset;
    if (spec.driver == "GPKG" && fs::exists(path))
        dataset.reset(
            GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr));
    else
        dataset.reset(GDALCreate(driver, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    REQUIRE(dataset);
    core::SrsPtr srs;
    if (spec.epsg != 0) {
        srs.reset(OSRNewSpatialReference(nullptr));
        REQUIRE(OSRImportFromEPSG(srs.get(), spec.epsg) == OGRERR_NONE);
        OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    }
    CPLStringList options;
    for (const auto &option : spec.layerOptions)
        options.AddString(option.c_str());
    // Shapefiles default to ISO-8859-1 in GDAL, which would turn Chinese test data into '?'.
    if (spec.driver == "ESRI Shapefile" && !options.FetchNameValue("ENCODING"))
        options.SetNameValue("ENCODING", "UTF-8");
    OGRLayerH layer =
        GDALDatasetCreateLayer(dataset.get(), spec.layerName.c_str(), srs.get(),
                               static_cast<OGRwkbGeometryType>(spec.geometryType), options.List());
    REQUIRE(layer != nullptr);
    for (const FieldSpec &field : spec.fields) {
        const OGRFieldType type = field.type == FieldType::String ? OFTString
                                  : field.type == FieldType::Real ? OFTReal
                                                                  : OFTInteger64;
        OGRFieldDefnH definition = OGR_Fld_Create(field.name.c_str(), type);
        if (field.width > 0)
            OGR_Fld_SetWidth(definition, field.width);
        if (field.precision > 0)
            OGR_Fld_SetPrecision(definition, field.precision);
        REQUIRE(OGR_L_CreateField(layer, definition, TRUE) == OGRERR_NONE);
        OGR_Fld_Destroy(definition);
    }
    for (const TestFeature &feature : spec.features) {
        core::FeaturePtr ogrFeature(OGR_F_Create(OGR_L_GetLayerDefn(layer)));
        if (!feature.wkt.empty()) {
            OGRGeometryH geometry = nullptr;
            char *wkt = const_cast<char *>(feature.wkt.c_str());
            REQUIRE(OGR_G_CreateFromWkt(&wkt, nullptr, &geometry) == OGRERR_NONE);
            OGR_F_SetGeometryDirectly(ogrFeature.get(), geometry);
        }
        for (std::size_t i = 0; i < feature.values.size(); ++i) {
            const int index = static_cast<int>(i);
            const FieldValue &value = feature.values[i];
            if (const auto *text = std::get_if<std::string>(&value))
                OGR_F_SetFieldString(ogrFeature.get(), index, text->c_str());
            else if (const auto *real = std::get_if<double>(&value))
                OGR_F_SetFieldDouble(ogrFeature.get(), index, *real);
            else if (const auto *integer = std::get_if<std::int64_t>(&value))
                OGR_F_SetFieldInteger64(ogrFeature.get(), index, *integer);
            else
                OGR_F_SetFieldNull(ogrFeature.get(), index);
        }
        REQUIRE(OGR_L_CreateFeature(layer, ogrFeature.get()) == OGRERR_NONE);
    }
}

std::vector<FieldSpec> surveyFields()
{
    return {{"BSM", FieldType::String, 18},    {"DLBM", FieldType::String, 5},
            {"DLMC", FieldType::String, 60},   {"ZLDWDM", FieldType::String, 19},
            {"ZLDWMC", FieldType::String, 60}, {"TBMJ", FieldType::Real, 15, 2},
            {"KCXS", FieldType::Real, 6, 4}};
}

TestFeature surveyFeature(const std::string &wkt, const std::string &bsm, const std::string &zldwdm,
                          const std::string &zldwmc, std::optional<double> tbmj,
                          std::optional<double> kcxs, const std::string &dlmc)
{
    TestFeature feature;
    feature.wkt = wkt;
    feature.values = {bsm.empty() ? FieldValue{} : FieldValue{bsm},
                      std::string("0301"),
                      dlmc,
                      zldwdm,
                      zldwmc,
                      tbmj ? FieldValue{*tbmj} : FieldValue{},
                      kcxs ? FieldValue{*kcxs} : FieldValue{}};
    return feature;
}

void writeDem(const std::string &path, const DemSpec &spec)
{
    GDALDriverH driver = GDALGetDriverByName("GTiff");
    REQUIRE(driver != nullptr);
    const char *options[] = {"TILED=YES", "BLOCKXSIZE=64", "BLOCKYSIZE=64", nullptr};
    core::DatasetPtr dataset(GDALCreate(driver, path.c_str(), spec.width, spec.height, 1,
                                        GDT_Float32, const_cast<char **>(options)));
    REQUIRE(dataset);
    double transform[6] = {spec.originX, spec.cellX, 0.0, spec.originY, 0.0, -spec.cellY};
    GDALSetGeoTransform(dataset.get(), transform);
    if (spec.epsg != 0) {
        core::SrsPtr srs(OSRNewSpatialReference(nullptr));
        OSRImportFromEPSG(srs.get(), spec.epsg);
        GDALSetSpatialRef(dataset.get(), srs.get());
    }
    GDALRasterBandH band = GDALGetRasterBand(dataset.get(), 1);
    if (spec.noData)
        GDALSetRasterNoDataValue(band, *spec.noData);
    std::vector<float> values(std::size_t(spec.width) * spec.height);
    for (int row = 0; row < spec.height; ++row) {
        for (int column = 0; column < spec.width; ++column)
            values[std::size_t(row) * spec.width + column] =
                static_cast<float>(spec.elevation(column, row));
    }
    REQUIRE(GDALRasterIO(band, GF_Write, 0, 0, spec.width, spec.height, values.data(), spec.width,
                         spec.height, GDT_Float32, 0, 0) == CE_None);
}

std::string squareWkt(double x, double y, double side)
{
    std::ostringstream wkt;
    wkt.precision(12);
    wkt << "POLYGON ((" << x << " " << y << ", " << x + side << " " << y << ", " << x + side << " "
        << y + side << ", " << x << " " << y + side << ", " << x << " " << y << "))";
    return wkt.str();
}

std::unique_ptr<core::Project> newProject(const TempDir &dir, int epsg, const std::string &name)
{
    core::ProjectSettings settings;
    settings.town = "峨溶镇";
    settings.county = "秀山县";
    settings.year = 2023;
    settings.targetMu = 465.17;
    if (epsg != 0)
        settings.crsEpsg = epsg;
    auto project = core::Project::create(dir.file(name), settings);
    if (!project)
        FAIL(project.error().message());
    return std::move(project).value();
}

core::ImportSummary importOk(core::Project &project, const std::string &path,
                             const std::string &batch)
{
    core::ImportRequest request;
    request.path = path;
    request.batchLabel = batch;
    core::Progress progress;
    auto summary = core::importParcels(project, request, progress);
    if (!summary)
        FAIL(summary.error().message());
    return std::move(summary).value();
}

std::int64_t countRows(core::Project &project, const std::string &table)
{
    auto query = project.database().prepare("SELECT count(*) FROM \"" + table + "\"");
    REQUIRE(query.ok());
    auto row = query->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    return query->int64(0);
}

std::string readFile(const std::string &path)
{
    std::ifstream file(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

CommandResult runCommand(const std::string &commandLine)
{
    TempDir dir;
    const std::string out = dir.file("out");
    const std::string err = dir.file("err");
    const std::string full = commandLine + " > '" + out + "' 2> '" + err + "'";
    const int raw = std::system(full.c_str());
    CommandResult result;
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    result.out = readFile(out);
    result.err = readFile(err);
    return result;
}

void setVertex(const std::string &path, const std::string &bsm, int index, double x, double y)
{
    core::DatasetPtr dataset(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr));
    REQUIRE(dataset);
    OGRLayerH layer = GDALDatasetGetLayer(dataset.get(), 0);
    REQUIRE(layer);
    OGR_L_ResetReading(layer);
    for (core::FeaturePtr feature(OGR_L_GetNextFeature(layer)); feature;
         feature.reset(OGR_L_GetNextFeature(layer))) {
        const int field = OGR_F_GetFieldIndex(feature.get(), "BSM");
        if (OGR_F_GetFieldAsString(feature.get(), field) != bsm)
            continue;
        OGRGeometryH geometry = OGR_F_GetGeometryRef(feature.get());
        REQUIRE(geometry);
        OGRGeometryH ring = OGR_G_GetGeometryRef(geometry, 0);
        REQUIRE(ring);
        REQUIRE(index < OGR_G_GetPointCount(ring));
        OGR_G_SetPoint_2D(ring, index, x, y);
        REQUIRE(OGR_L_SetFeature(layer, feature.get()) == OGRERR_NONE);
        return;
    }
    FAIL("no feature with BSM " << bsm << " in " << path);
}

void patchShpPoint(const std::string &shp, int fid, int index, double x, double y)
{
    const std::string shx = shp.substr(0, shp.size() - 4) + ".shx";
    std::ifstream offsets(shx, std::ios::binary);
    offsets.seekg(100 + 8 * fid);
    unsigned char word[4] = {};
    offsets.read(reinterpret_cast<char *>(word), 4);
    REQUIRE(offsets.good());
    // Big-endian, in 16-bit words.
    const std::streamoff record =
        2 * ((std::streamoff(word[0]) << 24) | (word[1] << 16) | (word[2] << 8) | word[3]);
    std::fstream file(shp, std::ios::binary | std::ios::in | std::ios::out);
    // Record header 8 bytes, shape type 4, box 32, then the part count (little-endian), the point
    // count and one index per part before the points (x, y little-endian doubles).
    std::int32_t parts = 0;
    file.seekg(record + 44);
    file.read(reinterpret_cast<char *>(&parts), 4);
    REQUIRE(file.good());
    REQUIRE(parts == 1);
    file.seekp(record + 52 + 4 * parts + 16 * index);
    file.write(reinterpret_cast<const char *>(&x), 8);
    file.write(reinterpret_cast<const char *>(&y), 8);
    REQUIRE(file.good());
}

std::map<std::string, core::ParcelRow> rowsById(core::Project &project)
{
    auto rows = core::loadParcelRows(project);
    REQUIRE(rows.ok());
    std::map<std::string, core::ParcelRow> byId;
    for (auto &row : *rows)
        byId.emplace(row.id, row);
    return byId;
}

core::ScreeningSummary screenOk(core::Project &project, const core::ScreeningRequest &request)
{
    core::Progress progress;
    auto summary = core::screenParcels(project, request, progress);
    if (!summary)
        FAIL(summary.error().message());
    return std::move(summary).value();
}

core::PixelRing ring(std::vector<std::pair<double, double>> points, bool hole)
{
    core::PixelRing out;
    out.hole = hole;
    for (const auto &[x, y] : points) {
        out.x.push_back(x);
        out.y.push_back(y);
    }
    return out;
}

std::vector<std::vector<std::string>> parseCsv(const std::string &text)
{
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
        } else if (c == '\n') {
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
        } else if (c != '\r') {
            field += c;
        }
    }
    if (rows.back().empty())
        rows.pop_back();
    return rows;
}

bool holdsLockOn(const std::string &path)
{
    const auto file = core::fileIdentity(path);
    if (!file)
        return false;
    for (const core::FileLock &lock : core::posixLocksOn(*file)) {
        if (lock.pid == ::getpid())
            return true;
    }
    return false;
}

std::string sampleProjectFile(const TempDir &dir, const std::string &name)
{
    core::Progress progress;
    const auto dataDir = core::locateDataDir("");
    REQUIRE(dataDir);
    const std::string path = dir.file(name);
    REQUIRE(core::createSampleProject(path, *dataDir, progress).ok());
    return path;
}

std::unique_ptr<core::Project> sampleProject(const TempDir &dir, const std::string &name)
{
    auto project = core::Project::open(sampleProjectFile(dir, name));
    REQUIRE(project.ok());
    return std::move(project).value();
}

}  // namespace gengbao::test
