// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"
#include "handles.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gengbao::core {

// A window of whole raster cells: columns [col0, col0 + cols), rows [row0, row0 + rows).
struct CellWindow
{
    int col0 = 0, row0 = 0, cols = 0, rows = 0;
    bool empty() const { return cols <= 0 || rows <= 0; }
    // The smallest window holding both (an empty window is ignored).
    CellWindow united(const CellWindow &other) const;
    CellWindow clippedTo(int width, int height) const;
    std::int64_t cellCount() const { return std::int64_t(cols) * rows; }
};

// Elevations outside this range (metres, after the band's unit, scale and offset) are no terrain
// on Earth: the Dead Sea shore is at -430 m, Everest at 8,849 m. A DEM showing them at open is
// refused (an undeclared nodata value such as -9999, a float fill such as 3.4e38, or damage);
// cells met later in a window are taken as nodata.
inline constexpr double kLowestTerrainM = -500.0;
inline constexpr double kHighestTerrainM = 9000.0;

// A digital elevation model checked for screening: any raster GDAL reads, georeferenced
// north-up, in a projected CRS (metres taken from its linear unit) or a geographic one (metres
// per degree from its ellipsoid, row by row). Holds no pixels: each worker thread opens its own
// handle (GDAL datasets are not thread-safe) and reads only the windows its parcels touch.
class DemRaster
{
public:
    // Opens and checks the file; every refusal is one line naming the file and the problem.
    // Elevations are checked against the range of terrain on Earth: every cell of a DEM of up
    // to kExactCheckCells cells, else a regular sample of its blocks (a few MB, whatever the
    // file's size). Cells that are not finite numbers are nodata, not elevations.
    static Result<DemRaster> open(const std::string &path);
    static constexpr std::int64_t kExactCheckCells = 4096LL * 4096LL;
    static constexpr std::int64_t kSampleCells = 4LL << 20;

    const std::string &path() const { return mPath; }
    const std::vector<std::string> &files() const { return mFiles; }  // for the run's checksum
    int width() const { return mWidth; }
    int height() const { return mHeight; }
    const std::array<double, 6> &geoTransform() const { return mGeoTransform; }
    OGRSpatialReferenceH srs() const { return mSrs.get(); }
    const std::string &crsDescription() const { return mCrsDescription; }
    bool geographic() const { return mGeographic; }
    std::optional<double> noData() const { return mNoData; }
    int blockWidth() const { return mBlockWidth; }
    int blockHeight() const { return mBlockHeight; }

    // Raster pixel coordinates (continuous column, row) of a point in the DEM's CRS.
    void toPixel(double x, double y, double &column, double &row) const;

    // The horizontal size of a cell of this row in metres (east-west, north-south).
    double cellWidthMetres(int row) const;
    double cellHeightMetres(int row) const;
    // Metres per unit of the band's values (1 unless the band says feet).
    double verticalScale() const { return mVerticalScale; }
    // The elevation in metres of a band value (unit, scale and offset applied).
    double elevationMetres(double value) const { return value * mVerticalScale + mOffsetMetres; }
    // A band value that is a finite elevation of terrain on Earth.
    bool plausible(double value) const
    {
        const double metres = elevationMetres(value);
        return metres >= kLowestTerrainM && metres <= kHighestTerrainM;
    }

    // A new read-only handle, for one thread.
    Result<DatasetPtr> openHandle() const;

private:
    DemRaster() = default;

    std::string mPath;
    std::vector<std::string> mFiles;
    int mWidth = 0, mHeight = 0;
    int mBlockWidth = 0, mBlockHeight = 0;
    std::array<double, 6> mGeoTransform{};
    std::array<double, 6> mInverse{};
    SrsPtr mSrs;
    std::string mCrsDescription;
    bool mGeographic = false;
    double mLinearUnitMetres = 1.0;               // projected: metres per CRS unit
    double mSemiMajor = 0.0, mEccentricity2 = 0;  // geographic: the ellipsoid
    double mVerticalScale = 1.0;
    double mOffsetMetres = 0.0;
    std::optional<double> mNoData;

    bool isNoData(double value) const;
    Status checkElevations(GDALRasterBandH band) const;
    friend class ElevationWindow;
};

// The elevations of one window (plus the one-cell border Horn's method needs, where the raster
// has it), and the slope of each of its cells.
class ElevationWindow
{
public:
    // Reads window (clipped to the raster, widened by one cell) from band 1 of handle.
    static Result<ElevationWindow> read(const DemRaster &dem, GDALDatasetH handle,
                                        const CellWindow &window);

    // Slope in degrees of raster cell (column, row) by Horn's method, as `gdaldem slope`
    // computes it on interior cells. At the raster's edge the missing neighbours are extrapolated
    // linearly from the two cells inward (exact on a plane); a nodata neighbour takes the centre
    // cell's value (as `gdaldem -compute_edges`). NaN when the cell itself is nodata or lies
    // outside the requested window.
    double slopeDegrees(int column, int row) const;

    // The cells whose slope this window gives (the request, clipped to the raster).
    const CellWindow &window() const { return mRequested; }
    // Cells read that held finite elevations no terrain has (taken as nodata), and the one
    // furthest out, in metres.
    std::int64_t implausibleCells() const { return mImplausibleCells; }
    double mostImplausibleMetres() const { return mMostImplausibleMetres; }

private:
    ElevationWindow() = default;
    // The elevation at a cell inside the raster and the window; NaN for nodata.
    double at(int column, int row) const;
    // A neighbour's elevation: read, extrapolated beyond the raster, or the centre for nodata.
    double neighbour(int column, int row, double centre) const;

    const DemRaster *mDem = nullptr;
    CellWindow mRequested;
    CellWindow mWindow;  // what was read (the request and its border), in raster cells
    std::vector<double> mValues;
    std::int64_t mImplausibleCells = 0;
    double mMostImplausibleMetres = 0.0;
};

// Lowers GDAL's block cache to a bound while it lives and restores it after: screening reads each
// window once, and GDAL's default (5 % of RAM) would let a county DEM fill gigabytes.
class GdalCacheLimit
{
public:
    explicit GdalCacheLimit(std::int64_t bytes);
    ~GdalCacheLimit();
    GdalCacheLimit(const GdalCacheLimit &) = delete;
    GdalCacheLimit &operator=(const GdalCacheLimit &) = delete;

private:
    std::int64_t mPrevious = 0;
    bool mChanged = false;
};

}  // namespace gengbao::core
