// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
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
// Method: each ring is clipped to one row of cells, then that strip to each cell of the row
// (Sutherland–Hodgman against the cell's sides). Clipping a simple ring against a convex window
// keeps its winding number inside the window, so the shoelace area of the clipped ring is the
// ring's area inside the cell, whatever degenerate edges the clip leaves on the cell's sides.
// Exterior rings add their area and holes subtract theirs; parts of a valid MultiPolygon are
// disjoint, so their rings simply add up.
class CoverageGrid
{
public:
    // The cells a set of rings touches: the window is the rings' bounding box in whole cells.
    explicit CoverageGrid(const std::vector<PixelRing> &rings);

    int col0() const { return mCol0; }
    int row0() const { return mRow0; }
    int cols() const { return mCols; }
    int rows() const { return mRows; }
    bool empty() const { return mCols <= 0 || mRows <= 0; }
    // Fraction in [0, 1] of cell (col0 + c, row0 + r).
    double fraction(int c, int r) const { return mFractions[std::size_t(r) * mCols + c]; }

private:
    void addRing(const PixelRing &ring);

    int mCol0 = 0, mRow0 = 0, mCols = 0, mRows = 0;
    std::vector<double> mFractions;
};

}  // namespace gengbao::core
