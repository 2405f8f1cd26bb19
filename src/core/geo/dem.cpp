// SPDX-License-Identifier: GPL-3.0-or-later
#include "dem.h"

#include "../base/strings.h"
#include "crs.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

namespace gengbao::core {

namespace {

namespace fs = std::filesystem;

constexpr double kRadiansToDegrees = 180.0 / 3.14159265358979323846;
constexpr double kDegreesToRadians = 3.14159265358979323846 / 180.0;

// Metres per unit of a band's unit type ("m", "metre", "ft", "US survey foot"...).
std::optional<double> metresPerVerticalUnit(std::string unit)
{
    unit = toUpperAscii(unit);
    if (unit.empty() || unit == "M" || unit == "METRE" || unit == "METER" || unit == "METRES" ||
        unit == "METERS")
        return 1.0;
    if (unit == "FT" || unit == "FOOT" || unit == "FEET" || unit == "INTERNATIONAL FOOT")
        return 0.3048;
    if (unit == "US-FT" || unit == "US SURVEY FOOT" || unit == "FOOT_US")
        return 1200.0 / 3937.0;
    return std::nullopt;
}

}  // namespace

CellWindow CellWindow::united(const CellWindow &other) const
{
    if (other.empty())
        return *this;
    if (empty())
        return other;
    const int c0 = std::min(col0, other.col0);
    const int r0 = std::min(row0, other.row0);
    const int c1 = std::max(col0 + cols, other.col0 + other.cols);
    const int r1 = std::max(row0 + rows, other.row0 + other.rows);
    return {c0, r0, c1 - c0, r1 - r0};
}

CellWindow CellWindow::clippedTo(int width, int height) const
{
    const int c0 = std::max(col0, 0);
    const int r0 = std::max(row0, 0);
    const int c1 = std::min(col0 + cols, width);
    const int r1 = std::min(row0 + rows, height);
    return {c0, r0, std::max(0, c1 - c0), std::max(0, r1 - r0)};
}

Result<DemRaster> DemRaster::open(const std::string &path)
{
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        return makeError(ErrorCode::FileNotFound, path, "no such file");
    if (fs::is_directory(status))
        return makeError(ErrorCode::NotAFile, path, "is a folder, not a DEM file");
    if (std::ifstream probe(path, std::ios::binary); !probe.good())
        return makeError(ErrorCode::NotAFile, path, "cannot be read (permission denied?)");

    DemRaster dem;
    dem.mPath = path;
    DatasetPtr dataset;
    {
        CplErrorCapture capture;
        dataset.reset(
            GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
        if (!dataset) {
            DatasetPtr vector(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                         nullptr, nullptr));
            if (vector)
                return makeError(ErrorCode::NotReadableAs, path,
                                 "is a vector file, not a raster DEM (give an elevation "
                                 "raster such as a GeoTIFF)");
            std::string detail = "is not a raster GDAL can read, so not a usable DEM";
            if (capture.hasFailure())
                detail += " (" + capture.lastFailure() + ")";
            return makeError(ErrorCode::NotReadableAs, path, detail);
        }
    }
    GDALDatasetH handle = dataset.get();
    dem.mFiles = datasetFiles(handle, path);
    if (GDALGetRasterCount(handle) < 1)
        return makeError(ErrorCode::NotReadableAs, path, "has no raster band, so no elevations");
    GDALRasterBandH band = GDALGetRasterBand(handle, 1);
    const GDALColorInterp colour = GDALGetRasterColorInterpretation(band);
    if (colour == GCI_PaletteIndex || colour == GCI_RedBand)
        return makeError(ErrorCode::NotReadableAs, path,
                         "is a colour image (palette or RGB), not an elevation model");
    dem.mWidth = GDALGetRasterXSize(handle);
    dem.mHeight = GDALGetRasterYSize(handle);
    GDALGetBlockSize(band, &dem.mBlockWidth, &dem.mBlockHeight);

    if (GDALGetGeoTransform(handle, dem.mGeoTransform.data()) != CE_None)
        return makeError(ErrorCode::NoCrs, path,
                         "is not georeferenced (no geotransform): its cells cannot be placed "
                         "on the map");
    const auto &gt = dem.mGeoTransform;
    if (gt[2] != 0.0 || gt[4] != 0.0)
        return makeError(ErrorCode::UnsupportedFormat, path,
                         "is a rotated grid; warp it north-up first (gdalwarp)");
    if (gt[1] == 0.0 || gt[5] == 0.0)
        return makeError(ErrorCode::Damaged, path, "has a cell size of zero");
    if (!GDALInvGeoTransform(dem.mGeoTransform.data(), dem.mInverse.data()))
        return makeError(ErrorCode::Damaged, path, "has a geotransform that cannot be inverted");

    OGRSpatialReferenceH srs = GDALGetSpatialRef(handle);
    if (!srs)
        return makeError(ErrorCode::NoCrs, path,
                         "has no coordinate system (no CRS in the file and no .prj or .aux.xml "
                         "beside it); assign one, e.g. gdal_edit.py -a_srs EPSG:4545");
    dem.mSrs = crs::cloneTraditional(srs);
    dem.mCrsDescription = crs::describe(dem.mSrs.get());
    if (OSRIsGeographic(dem.mSrs.get())) {
        dem.mGeographic = true;
        OGRErr err = OGRERR_NONE;
        dem.mSemiMajor = OSRGetSemiMajor(dem.mSrs.get(), &err);
        const double inverseFlattening = OSRGetInvFlattening(dem.mSrs.get(), &err);
        const double f = inverseFlattening > 0.0 ? 1.0 / inverseFlattening : 0.0;
        dem.mEccentricity2 = f * (2.0 - f);
        const double angular = OSRGetAngularUnits(dem.mSrs.get(), nullptr);
        if (std::fabs(angular - kDegreesToRadians) > 1e-12)
            return makeError(ErrorCode::BadCrs, path,
                             "is in a geographic CRS whose unit is not the degree (" +
                                 dem.mCrsDescription + ")");
    } else if (OSRIsProjected(dem.mSrs.get())) {
        dem.mLinearUnitMetres = OSRGetLinearUnits(dem.mSrs.get(), nullptr);
        if (!(dem.mLinearUnitMetres > 0.0))
            return makeError(ErrorCode::BadCrs, path,
                             "has a projected CRS without a length unit (" + dem.mCrsDescription +
                                 ")");
    } else {
        return makeError(ErrorCode::BadCrs, path,
                         "has a CRS that is neither projected nor geographic (" +
                             dem.mCrsDescription + "); slopes need metres");
    }

    const char *unit = GDALGetRasterUnitType(band);
    const auto vertical = metresPerVerticalUnit(unit ? unit : "");
    if (!vertical)
        return makeError(ErrorCode::UnsupportedFormat, path,
                         std::string("has elevations in an unknown unit '") + unit +
                             "' (metres or feet expected)");
    dem.mVerticalScale = *vertical;
    const double scale = GDALGetRasterScale(band, nullptr);
    if (scale != 0.0)
        dem.mVerticalScale *= scale;  // packed integer DEMs store elevation / scale
    int hasNoData = 0;
    const double noData = GDALGetRasterNoDataValue(band, &hasNoData);
    if (hasNoData)
        dem.mNoData = noData;
    return dem;
}

void DemRaster::toPixel(double x, double y, double &column, double &row) const
{
    column = mInverse[0] + mInverse[1] * x + mInverse[2] * y;
    row = mInverse[3] + mInverse[4] * x + mInverse[5] * y;
}

double DemRaster::cellWidthMetres(int row) const
{
    if (!mGeographic)
        return std::fabs(mGeoTransform[1]) * mLinearUnitMetres;
    // The radius of the parallel at the row's latitude: N(φ) cos φ.
    const double latitude = (mGeoTransform[3] + (row + 0.5) * mGeoTransform[5]) * kDegreesToRadians;
    const double s = std::sin(latitude);
    const double n = mSemiMajor / std::sqrt(1.0 - mEccentricity2 * s * s);
    return std::fabs(mGeoTransform[1]) * kDegreesToRadians * n * std::cos(latitude);
}

double DemRaster::cellHeightMetres(int row) const
{
    if (!mGeographic)
        return std::fabs(mGeoTransform[5]) * mLinearUnitMetres;
    // The meridian's radius of curvature: M(φ) = a (1 - e²) / (1 - e² sin² φ)^{3/2}.
    const double latitude = (mGeoTransform[3] + (row + 0.5) * mGeoTransform[5]) * kDegreesToRadians;
    const double s = std::sin(latitude);
    const double m =
        mSemiMajor * (1.0 - mEccentricity2) / std::pow(1.0 - mEccentricity2 * s * s, 1.5);
    return std::fabs(mGeoTransform[5]) * kDegreesToRadians * m;
}

Result<DatasetPtr> DemRaster::openHandle() const
{
    CplErrorCapture capture;
    DatasetPtr dataset(
        GDALOpenEx(mPath.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!dataset)
        return makeError(ErrorCode::Io, mPath, "cannot be opened again: " + capture.lastFailure());
    return dataset;
}

Result<ElevationWindow> ElevationWindow::read(const DemRaster &dem, GDALDatasetH handle,
                                              const CellWindow &window)
{
    ElevationWindow out;
    out.mDem = &dem;
    out.mRequested = window.clippedTo(dem.width(), dem.height());
    out.mWindow =
        CellWindow{window.col0 - 1, window.row0 - 1, window.cols + 2, window.rows + 2}.clippedTo(
            dem.width(), dem.height());
    if (out.mWindow.empty())
        return out;
    out.mValues.resize(std::size_t(out.mWindow.cols) * std::size_t(out.mWindow.rows));
    CplErrorCapture capture;
    GDALRasterBandH band = GDALGetRasterBand(handle, 1);
    if (GDALRasterIO(band, GF_Read, out.mWindow.col0, out.mWindow.row0, out.mWindow.cols,
                     out.mWindow.rows, out.mValues.data(), out.mWindow.cols, out.mWindow.rows,
                     GDT_Float64, 0, 0) != CE_None) {
        return makeError(ErrorCode::Damaged, dem.path(),
                         "is damaged or truncated: its cells from column " +
                             std::to_string(out.mWindow.col0) + ", row " +
                             std::to_string(out.mWindow.row0) + " cannot be read (" +
                             capture.lastFailure() + ")");
    }
    // Nodata becomes NaN once here, so that every later read is a plain load.
    for (double &value : out.mValues) {
        if (out.isNoData(value))
            value = std::numeric_limits<double>::quiet_NaN();
    }
    return out;
}

bool ElevationWindow::isNoData(double value) const
{
    if (std::isnan(value))
        return true;
    const auto &noData = mDem->noData();
    if (!noData)
        return false;
    if (std::isnan(*noData))
        return false;
    // Float32 rasters store the nodata value rounded to float.
    return value == *noData || value == double(float(*noData));
}

double ElevationWindow::at(int column, int row) const
{
    return mValues[std::size_t(row - mWindow.row0) * mWindow.cols + (column - mWindow.col0)];
}

double ElevationWindow::neighbour(int column, int row, double centre) const
{
    const int width = mDem->width();
    const int height = mDem->height();
    if (column >= 0 && column < width && row >= 0 && row < height) {
        const double value = at(column, row);
        return std::isnan(value) ? centre : value;
    }
    // Beyond the raster's edge: continue the line through the edge cell and the cell inward
    // from it (2a - b), exact on a plane.
    const int edgeColumn = std::clamp(column, 0, width - 1);
    const int edgeRow = std::clamp(row, 0, height - 1);
    const int innerColumn = std::clamp(2 * edgeColumn - column, 0, width - 1);
    const int innerRow = std::clamp(2 * edgeRow - row, 0, height - 1);
    const double a = at(edgeColumn, edgeRow);
    const double b = at(innerColumn, innerRow);
    if (std::isnan(a) || std::isnan(b))
        return centre;
    if (innerColumn == edgeColumn && innerRow == edgeRow)
        return a;  // a raster one cell wide: nothing to extrapolate from
    return 2.0 * a - b;
}

double ElevationWindow::slopeDegrees(int column, int row) const
{
    const CellWindow &w = mRequested;
    if (column < w.col0 || column >= w.col0 + w.cols || row < w.row0 || row >= w.row0 + w.rows)
        return std::numeric_limits<double>::quiet_NaN();
    const double centre = at(column, row);
    if (std::isnan(centre))
        return centre;
    // Away from the raster's edge every neighbour is in the window, which carries a border of
    // one cell around the requested cells wherever the raster has one.
    const bool inside =
        column > 0 && row > 0 && column + 1 < mDem->width() && row + 1 < mDem->height();
    double z[9];
    for (int dr = -1, k = 0; dr <= 1; ++dr) {
        for (int dc = -1; dc <= 1; ++dc, ++k) {
            if (inside) {
                const double value = at(column + dc, row + dr);
                z[k] = std::isnan(value) ? centre : value;
            } else {
                z[k] = neighbour(column + dc, row + dr, centre);
            }
        }
    }
    // Horn (1981), as gdaldem: z0 z1 z2 / z3 z4 z5 / z6 z7 z8, north at the top.
    const double vertical = mDem->verticalScale();
    const double dx = ((z[0] + 2.0 * z[3] + z[6]) - (z[2] + 2.0 * z[5] + z[8])) * vertical /
                      (8.0 * mDem->cellWidthMetres(row));
    const double dy = ((z[6] + 2.0 * z[7] + z[8]) - (z[0] + 2.0 * z[1] + z[2])) * vertical /
                      (8.0 * mDem->cellHeightMetres(row));
    return std::atan(std::sqrt(dx * dx + dy * dy)) * kRadiansToDegrees;
}

GdalCacheLimit::GdalCacheLimit(std::int64_t bytes)
{
    mPrevious = GDALGetCacheMax64();
    if (mPrevious > bytes) {
        GDALSetCacheMax64(bytes);
        mChanged = true;
    }
}

GdalCacheLimit::~GdalCacheLimit()
{
    if (mChanged)
        GDALSetCacheMax64(mPrevious);
}

}  // namespace gengbao::core
