// SPDX-License-Identifier: GPL-3.0-or-later
#include "dem.h"

#include "../base/openfiles.h"
#include "../base/strings.h"
#include "crs.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <unistd.h>

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

// Block strides that read about wanted cells of a raster, spread over it in both directions
// (a DEM stored in strips of one row gets every n-th strip).
struct BlockSample
{
    int blocksX = 0, blocksY = 0;  // blocks across and down
    int strideX = 1, strideY = 1;
};

BlockSample blockSample(int width, int height, int blockWidth, int blockHeight,
                        std::int64_t wantedCells)
{
    BlockSample sample;
    sample.blocksX = (width + blockWidth - 1) / blockWidth;
    sample.blocksY = (height + blockHeight - 1) / blockHeight;
    const double blocks = double(sample.blocksX) * sample.blocksY;
    const double wantedBlocks =
        std::max(1.0, double(wantedCells) / (double(blockWidth) * blockHeight));
    const double stride = blocks / wantedBlocks;
    if (stride <= 1.0)
        return sample;
    sample.strideX = std::clamp(static_cast<int>(std::lround(std::sqrt(stride))), 1,
                                std::max(1, sample.blocksX));
    sample.strideY = std::clamp(static_cast<int>(std::ceil(stride / sample.strideX)), 1,
                                std::max(1, sample.blocksY));
    return sample;
}

std::string formatMetres(double metres)
{
    char text[48];
    std::snprintf(text, sizeof text, "%.6g m", metres);
    return text;
}

}  // namespace

CellWindow CellWindow::united(const CellWindow &other) const
{
    if (other.empty())
        return *this;
    if (empty())
        return other;
    // In 64 bits: a sum of two ints may not fit one.
    const std::int64_t c0 = std::min(col0, other.col0);
    const std::int64_t r0 = std::min(row0, other.row0);
    const std::int64_t c1 =
        std::max(std::int64_t(col0) + cols, std::int64_t(other.col0) + other.cols);
    const std::int64_t r1 =
        std::max(std::int64_t(row0) + rows, std::int64_t(other.row0) + other.rows);
    constexpr std::int64_t limit = std::numeric_limits<int>::max();
    return {int(c0), int(r0), int(std::min(c1 - c0, limit)), int(std::min(r1 - r0, limit))};
}

CellWindow CellWindow::clippedTo(int width, int height) const
{
    const std::int64_t c0 = std::max(col0, 0);
    const std::int64_t r0 = std::max(row0, 0);
    const std::int64_t c1 = std::min<std::int64_t>(std::int64_t(col0) + cols, width);
    const std::int64_t r1 = std::min<std::int64_t>(std::int64_t(row0) + rows, height);
    return {int(c0), int(r0), int(std::max<std::int64_t>(0, c1 - c0)),
            int(std::max<std::int64_t>(0, r1 - r0))};
}

Result<DemRaster> DemRaster::open(const std::string &path)
{
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        return makeError(ErrorCode::FileNotFound, path, "no such file");
    if (fs::is_directory(status))
        return makeError(ErrorCode::NotAFile, path, "is a folder, not a DEM file");
    // access(), not a probe that opens the file: closing any descriptor of an open project
    // would drop its locks (openfiles.h).
    GENGBAO_TRY(refuseOpenProjectFile(path));
    if (::access(path.c_str(), R_OK) != 0)
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
    if (std::isfinite(scale) && scale != 0.0)
        dem.mVerticalScale *= scale;  // packed integer DEMs store elevation / scale
    const double offset = GDALGetRasterOffset(band, nullptr);
    if (std::isfinite(offset))
        dem.mOffsetMetres = offset * *vertical;
    int hasNoData = 0;
    const double noData = GDALGetRasterNoDataValue(band, &hasNoData);
    if (hasNoData)
        dem.mNoData = noData;
    GENGBAO_TRY(dem.checkElevations(band));
    return dem;
}

bool DemRaster::isNoData(double value) const
{
    if (!std::isfinite(value))
        return true;  // NaN and ±Inf are never elevations
    if (!mNoData || std::isnan(*mNoData))
        return false;
    // Float32 rasters store the nodata value rounded to float.
    return value == *mNoData || value == double(float(*mNoData));
}

// GDALComputeRasterMinMax is no help here: GDAL 3.6 counts ±Inf cells in the minimum and
// maximum (a DEM with one Inf cell has the range -inf..inf), and its approximate mode may read a
// single column of blocks. This reads every cell of a DEM of a few MB, or a spread-out sample
// of blocks of a large one; a few extreme cells the sample misses are nodata when a window
// meets them (ElevationWindow::read), so no implausible elevation is ever used.
Status DemRaster::checkElevations(GDALRasterBandH band) const
{
    const int blockWidth = std::max(1, mBlockWidth), blockHeight = std::max(1, mBlockHeight);
    const bool everyCell = std::int64_t(mWidth) * mHeight <= kExactCheckCells;
    const BlockSample sample = blockSample(mWidth, mHeight, blockWidth, blockHeight,
                                           everyCell ? kExactCheckCells : kSampleCells);
    double lowest = std::numeric_limits<double>::infinity(), highest = -lowest;
    std::vector<double> values(std::size_t(blockWidth) * std::size_t(blockHeight));
    CplErrorCapture capture;
    for (int by = sample.strideY / 2; by < sample.blocksY; by += sample.strideY) {
        for (int bx = sample.strideX / 2; bx < sample.blocksX; bx += sample.strideX) {
            const int col0 = bx * blockWidth, row0 = by * blockHeight;
            const int cols = std::min(blockWidth, mWidth - col0);
            const int rows = std::min(blockHeight, mHeight - row0);
            if (GDALRasterIO(band, GF_Read, col0, row0, cols, rows, values.data(), cols, rows,
                             GDT_Float64, 0, 0) != CE_None)
                return makeError(ErrorCode::Damaged, mPath,
                                 "is damaged or truncated: its cells from column " +
                                     std::to_string(col0) + ", row " + std::to_string(row0) +
                                     " cannot be read (" + capture.lastFailure() + ")");
            for (std::size_t i = 0; i < std::size_t(cols) * std::size_t(rows); ++i) {
                if (isNoData(values[i]))
                    continue;
                const double metres = elevationMetres(values[i]);
                lowest = std::min(lowest, metres);
                highest = std::max(highest, metres);
            }
        }
    }
    const std::string range = "beyond any terrain on Earth (" + formatMetres(kLowestTerrainM) +
                              " to " + formatMetres(kHighestTerrainM) + ")";
    if (highest > kHighestTerrainM)
        return makeError(ErrorCode::Damaged, mPath,
                         "has elevations up to " + formatMetres(highest) + ", " + range +
                             ": a fill value without a declared nodata (set it with "
                             "gdal_edit.py -a_nodata VALUE), or a damaged file");
    if (lowest < kLowestTerrainM)
        return makeError(ErrorCode::Damaged, mPath,
                         "has elevations down to " + formatMetres(lowest) + ", " + range +
                             ": is that its nodata value, not declared? (set it with "
                             "gdal_edit.py -a_nodata VALUE)");
    return Status::success();
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
    // Nodata, non-finite and implausible cells become NaN once here, so that every later read
    // is a plain load.
    for (double &value : out.mValues) {
        if (dem.isNoData(value)) {
            value = std::numeric_limits<double>::quiet_NaN();
        } else if (!dem.plausible(value)) {
            const double metres = dem.elevationMetres(value);
            if (std::fabs(metres) > std::fabs(out.mMostImplausibleMetres))
                out.mMostImplausibleMetres = metres;
            ++out.mImplausibleCells;
            value = std::numeric_limits<double>::quiet_NaN();
        }
    }
    return out;
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
