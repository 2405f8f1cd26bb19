// SPDX-License-Identifier: GPL-3.0-or-later
#include "coverage.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gengbao::core {

namespace {

struct Point
{
    double x, y;
};
using Polygon = std::vector<Point>;

// Beyond this many cells from the window a coordinate is as good as infinite: clipping
// differences and products of such numbers could overflow a double.
constexpr double kMaxPixelCoordinate = 1e150;

// Twice the signed area; positive when counter-clockwise in x/y. A fan of triangles from the
// first vertex, in both coordinates relative to it, so that a ring far from the origin keeps its
// digits, and so that one vertex far from the others (1e45 cells off) adds its triangles'
// products instead of cancelling everyone's: the trapezoid shoelace Σ (xⱼ − xᵢ)(yⱼ + yᵢ) adds
// terms of 1e90 that cancel to 0 for the triangle (2, 2), (8, 2), (1e45, 1e45) of area 3e45.
double twiceSignedArea(const Polygon &polygon)
{
    double sum = 0.0;
    const std::size_t n = polygon.size();
    if (n < 3)
        return sum;
    const Point origin = polygon[0];
    for (std::size_t i = 1; i + 1 < n; ++i) {
        const double ax = polygon[i].x - origin.x, ay = polygon[i].y - origin.y;
        const double bx = polygon[i + 1].x - origin.x, by = polygon[i + 1].y - origin.y;
        sum += ax * by - ay * bx;
    }
    return sum;
}

// One Sutherland–Hodgman step: the part of polygon on one side of the line coordinate == bound
// (coordinate x when alongX, else y), kept where (value - bound) * side >= 0.
void clipHalfPlane(const Polygon &in, Polygon &out, bool alongX, double bound, double side)
{
    out.clear();
    const std::size_t n = in.size();
    if (n == 0)
        return;
    const auto value = [alongX](const Point &p) { return alongX ? p.x : p.y; };
    Point previous = in[n - 1];
    bool previousInside = (value(previous) - bound) * side >= 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const Point current = in[i];
        const bool currentInside = (value(current) - bound) * side >= 0.0;
        if (currentInside != previousInside) {
            // The crossing lies exactly on the line: set that coordinate to bound, not to a
            // rounded interpolation, so neighbouring cells share their edges exactly. The other
            // coordinate is interpolated from the end nearer the line: from a vertex 1e45 cells
            // away, the near end's digits would be lost (y = 1e45 + 1·(2 − 1e45) = 0, not 10).
            // The choice depends on the edge alone, so both sides of a line get one crossing.
            const bool fromPrevious =
                std::fabs(value(previous) - bound) <= std::fabs(value(current) - bound);
            const Point &a = fromPrevious ? previous : current;
            const Point &b = fromPrevious ? current : previous;
            const double t = (bound - value(a)) / (value(b) - value(a));
            if (alongX)
                out.push_back({bound, a.y + t * (b.y - a.y)});
            else
                out.push_back({a.x + t * (b.x - a.x), bound});
        }
        if (currentInside)
            out.push_back(current);
        previous = current;
        previousInside = currentInside;
    }
}

// The part of polygon inside [0, width] x [0, height] (a convex window: the clip keeps the
// area inside exactly).
Polygon clippedToWindow(Polygon polygon, double width, double height)
{
    Polygon scratch;
    clipHalfPlane(polygon, scratch, true, 0.0, 1.0);
    clipHalfPlane(scratch, polygon, true, width, -1.0);
    clipHalfPlane(polygon, scratch, false, 0.0, 1.0);
    clipHalfPlane(scratch, polygon, false, height, -1.0);
    return polygon;
}

bool usable(double value)
{
    return std::isfinite(value) && std::fabs(value) <= kMaxPixelCoordinate;
}

}  // namespace

struct CoverageGrid::ClippedRing
{
    Polygon polygon;  // in the grid's cells
    double sign;      // +1 to add the ring's area, -1 to subtract it
};

CoverageGrid::CoverageGrid(const std::vector<PixelRing> &rings, int width, int height,
                           std::int64_t maxCells)
{
    build(rings, 0.0, 0.0, width, height, maxCells);
}

CoverageGrid::CoverageGrid(const std::vector<PixelRing> &rings, std::int64_t maxCells)
{
    double minX = std::numeric_limits<double>::infinity(), minY = minX;
    double maxX = -minX, maxY = -minX;
    for (const PixelRing &ring : rings) {
        for (std::size_t i = 0; i < ring.x.size(); ++i) {
            if (!usable(ring.x[i]) || !usable(ring.y[i])) {
                mState = State::NotFinite;
                return;
            }
            minX = std::min(minX, ring.x[i]);
            maxX = std::max(maxX, ring.x[i]);
            minY = std::min(minY, ring.y[i]);
            maxY = std::max(maxY, ring.y[i]);
        }
    }
    if (!(minX <= maxX) || !(minY <= maxY))
        return;
    // In doubles until the window is known to fit an int and the cell budget.
    const double x0 = std::floor(minX), y0 = std::floor(minY);
    const double width = std::max(1.0, std::ceil(maxX) - x0);
    const double height = std::max(1.0, std::ceil(maxY) - y0);
    constexpr double intLimit = double(std::numeric_limits<int>::max());
    if (std::fabs(x0) > intLimit || std::fabs(y0) > intLimit || x0 + width > intLimit ||
        y0 + height > intLimit || width * height > double(maxCells)) {
        mState = State::TooLarge;
        return;
    }
    build(rings, x0, y0, static_cast<int>(width), static_cast<int>(height), maxCells);
}

void CoverageGrid::build(const std::vector<PixelRing> &rings, double x0, double y0, int width,
                         int height, std::int64_t maxCells)
{
    mState = State::Outside;
    if (width <= 0 || height <= 0)
        return;
    // Every ring in window coordinates, clipped to the window.
    std::vector<ClippedRing> clipped;
    double ringsArea = 0.0;
    for (const PixelRing &ring : rings) {
        Polygon polygon;
        polygon.reserve(ring.x.size());
        for (std::size_t i = 0; i < ring.x.size(); ++i) {
            if (!usable(ring.x[i]) || !usable(ring.y[i])) {
                mState = State::NotFinite;
                return;
            }
            polygon.push_back({ring.x[i] - x0, ring.y[i] - y0});
        }
        if (polygon.size() >= 2 && polygon.front().x == polygon.back().x &&
            polygon.front().y == polygon.back().y)
            polygon.pop_back();
        if (polygon.size() < 3)
            continue;
        const double twiceArea = twiceSignedArea(polygon);
        if (twiceArea == 0.0 || !std::isfinite(twiceArea))
            continue;
        // Orientation-free: the clipped pieces keep the ring's orientation, so dividing by its
        // sign makes every piece positive; holes then subtract.
        const double sign = (twiceArea > 0.0 ? 1.0 : -1.0) * (ring.hole ? -1.0 : 1.0);
        ringsArea += 0.5 * twiceArea * sign;
        Polygon inside = clippedToWindow(std::move(polygon), width, height);
        if (inside.size() >= 3)
            clipped.push_back({std::move(inside), sign});
    }
    mRingsArea = ringsArea;

    // The grid: the clipped rings' bounding box in whole cells, all inside the window.
    double minX = width, minY = height, maxX = 0.0, maxY = 0.0;
    for (const ClippedRing &ring : clipped) {
        for (const Point &p : ring.polygon) {
            minX = std::min(minX, p.x);
            maxX = std::max(maxX, p.x);
            minY = std::min(minY, p.y);
            maxY = std::max(maxY, p.y);
        }
    }
    if (clipped.empty() || !(minX <= maxX) || !(minY <= maxY))
        return;
    const int gridCol0 = std::clamp(static_cast<int>(std::floor(minX)), 0, width - 1);
    const int gridRow0 = std::clamp(static_cast<int>(std::floor(minY)), 0, height - 1);
    const int cols = std::clamp(static_cast<int>(std::ceil(maxX)) - gridCol0, 1, width - gridCol0);
    const int rows = std::clamp(static_cast<int>(std::ceil(maxY)) - gridRow0, 1, height - gridRow0);
    if (std::int64_t(cols) * rows > maxCells) {
        mState = State::TooLarge;
        return;
    }
    mCol0 = static_cast<int>(x0) + gridCol0;
    mRow0 = static_cast<int>(y0) + gridRow0;
    mCols = cols;
    mRows = rows;
    mFractions.assign(std::size_t(mCols) * std::size_t(mRows), 0.0);
    for (ClippedRing &ring : clipped) {
        for (Point &p : ring.polygon) {
            p.x -= gridCol0;
            p.y -= gridRow0;
        }
        addRing(ring);
    }
    for (double &fraction : mFractions)
        fraction = std::clamp(fraction, 0.0, 1.0);
    mState = State::Covered;
}

void CoverageGrid::addRing(const ClippedRing &ring)
{
    const Polygon &polygon = ring.polygon;
    double minY = polygon[0].y, maxY = polygon[0].y;
    for (const Point &p : polygon) {
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
    }
    // Inside the grid by construction; the clamps only absorb rounding.
    const int firstRow = std::clamp(static_cast<int>(std::floor(minY)), 0, mRows - 1);
    const int lastRow = std::clamp(static_cast<int>(std::ceil(maxY)) - 1, 0, mRows - 1);

    // Peel one row strip off the remainder at a time, then one cell off the strip: each clip
    // works on what is left, so the work shrinks as the sweep advances.
    Polygon rest = polygon, strip, restOfStrip, cell, scratch;
    for (int r = firstRow; r <= lastRow && rest.size() >= 3; ++r) {
        clipHalfPlane(rest, strip, false, r + 1.0, -1.0);   // y <= r + 1
        clipHalfPlane(rest, scratch, false, r + 1.0, 1.0);  // y >= r + 1: the rows below
        rest.swap(scratch);
        if (strip.size() < 3)
            continue;
        double minX = strip[0].x, maxX = strip[0].x;
        for (const Point &p : strip) {
            minX = std::min(minX, p.x);
            maxX = std::max(maxX, p.x);
        }
        const int firstCol = std::clamp(static_cast<int>(std::floor(minX)), 0, mCols - 1);
        const int lastCol = std::clamp(static_cast<int>(std::ceil(maxX)) - 1, 0, mCols - 1);
        restOfStrip = strip;
        double *row = &mFractions[std::size_t(r) * mCols];
        for (int c = firstCol; c <= lastCol && restOfStrip.size() >= 3; ++c) {
            clipHalfPlane(restOfStrip, cell, true, c + 1.0, -1.0);
            clipHalfPlane(restOfStrip, scratch, true, c + 1.0, 1.0);
            restOfStrip.swap(scratch);
            if (cell.size() >= 3)
                row[c] += 0.5 * twiceSignedArea(cell) * ring.sign;
        }
    }
}

}  // namespace gengbao::core
