// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace gengbao::core {

// A ring in raster pixel coordinates (x = column, y = row, both continuous: the cell (c, r) is
// the unit square [c, c+1] x [r, r+1]). Closed or not: the last vertex may repeat the first.
struct PixelRing
{
    std::vector<double> x, y;
    bool hole = false;
};

// The fraction of each raster cell that a polygon covers, exactly (up to rounding): the area of
// cell ∩ polygon over the cell's area, as exactextract computes it, not the cell-centre rule of
// rasterstats and QGIS, which counts a boundary cell wholly or not at all.
//
// Method: each ring is first clipped to the window of cells asked for (the raster), then to one
// row of cells at a time, then that strip to each cell of the row (Sutherland–Hodgman against
// the sides). Clipping a simple ring against a convex window keeps its winding number inside the
// window, so the shoelace area of the clipped ring is the ring's area inside the cell, whatever
// degenerate edges the clip leaves on the cell's sides. Exterior rings add their area and holes
// subtract theirs; parts of a valid MultiPolygon are disjoint, so their rings simply add up.
//
// Any input is safe: the grid never holds more than maxCells cells, a vertex at 1e45 costs no
// more than one at 10 (the first clip brings every ring inside the window), and no coordinate is
// converted to an integer before it is known to lie in the window.
class CoverageGrid
{
public:
    // Cells a single parcel may cover before its grid is refused as too large: a 4096 x 4096
    // window (128 MiB of fractions), 420 km² of a 5 m DEM.
    static constexpr std::int64_t kDefaultMaxCells = 4096LL * 4096LL;

    enum class State {
        Covered,    // the rings cover cells of the window
        Outside,    // no area inside the window (or no area at all)
        NotFinite,  // a vertex is not a finite number (or beyond 1e150 cells): nothing is known
        TooLarge,   // the rings cover more than maxCells cells of the window
    };

    // The cells of a raster of width x height cells that the rings cover; everything outside
    // [0, width] x [0, height] is clipped off first.
    CoverageGrid(const std::vector<PixelRing> &rings, int width, int height,
                 std::int64_t maxCells = kDefaultMaxCells);
    // The cells the rings touch: the window is the rings' bounding box in whole cells.
    explicit CoverageGrid(const std::vector<PixelRing> &rings,
                          std::int64_t maxCells = kDefaultMaxCells);

    State state() const { return mState; }
    int col0() const { return mCol0; }
    int row0() const { return mRow0; }
    int cols() const { return mCols; }
    int rows() const { return mRows; }
    bool empty() const { return mCols <= 0 || mRows <= 0; }
    // Fraction in [0, 1] of cell (col0 + c, row0 + r).
    double fraction(int c, int r) const { return mFractions[std::size_t(r) * mCols + c]; }
    // The rings' whole area in cells (holes subtracted), inside the window or not: the share of
    // a parcel on the raster is the sum of its fractions over this. 0 unless Covered or Outside.
    double ringsArea() const { return mRingsArea; }

private:
    struct ClippedRing;  // a ring inside the window, with the sign of its area

    void build(const std::vector<PixelRing> &rings, double x0, double y0, int width, int height,
               std::int64_t maxCells);
    void addRing(const ClippedRing &ring);

    State mState = State::Outside;
    int mCol0 = 0, mRow0 = 0, mCols = 0, mRows = 0;
    double mRingsArea = 0.0;
    std::vector<double> mFractions;
};

}  // namespace gengbao::core
