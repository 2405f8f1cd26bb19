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

// Twice the signed area (shoelace); positive when counter-clockwise in x/y.
double twiceSignedArea(const Polygon &polygon)
{
    double sum = 0.0;
    const std::size_t n = polygon.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++)
        sum += (polygon[j].x - polygon[i].x) * (polygon[j].y + polygon[i].y);
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
            // rounded interpolation, so neighbouring cells share their edges exactly.
            const double t = (bound - value(previous)) / (value(current) - value(previous));
            if (alongX)
                out.push_back({bound, previous.y + t * (current.y - previous.y)});
            else
                out.push_back({previous.x + t * (current.x - previous.x), bound});
        }
        if (currentInside)
            out.push_back(current);
        previous = current;
        previousInside = currentInside;
    }
}

}  // namespace

CoverageGrid::CoverageGrid(const std::vector<PixelRing> &rings)
{
    double minX = std::numeric_limits<double>::infinity(), minY = minX;
    double maxX = -minX, maxY = -minX;
    for (const PixelRing &ring : rings) {
        for (std::size_t i = 0; i < ring.x.size(); ++i) {
            minX = std::min(minX, ring.x[i]);
            maxX = std::max(maxX, ring.x[i]);
            minY = std::min(minY, ring.y[i]);
            maxY = std::max(maxY, ring.y[i]);
        }
    }
    if (!(minX <= maxX) || !(minY <= maxY))
        return;
    mCol0 = static_cast<int>(std::floor(minX));
    mRow0 = static_cast<int>(std::floor(minY));
    mCols = std::max(1, static_cast<int>(std::ceil(maxX)) - mCol0);
    mRows = std::max(1, static_cast<int>(std::ceil(maxY)) - mRow0);
    mFractions.assign(std::size_t(mCols) * std::size_t(mRows), 0.0);
    for (const PixelRing &ring : rings)
        addRing(ring);
    for (double &fraction : mFractions)
        fraction = std::clamp(fraction, 0.0, 1.0);
}

void CoverageGrid::addRing(const PixelRing &ring)
{
    // Local coordinates (relative to the window) keep the clipping arithmetic small and exact.
    Polygon polygon;
    polygon.reserve(ring.x.size());
    for (std::size_t i = 0; i < ring.x.size(); ++i)
        polygon.push_back({ring.x[i] - mCol0, ring.y[i] - mRow0});
    if (polygon.size() >= 2 && polygon.front().x == polygon.back().x &&
        polygon.front().y == polygon.back().y)
        polygon.pop_back();
    if (polygon.size() < 3)
        return;
    const double ringArea = twiceSignedArea(polygon);
    if (ringArea == 0.0)
        return;
    // Orientation-free: the clipped pieces keep the ring's orientation, so dividing by its sign
    // makes every piece positive; holes then subtract.
    const double sign = (ringArea > 0.0 ? 1.0 : -1.0) * (ring.hole ? -1.0 : 1.0);

    double minY = polygon[0].y, maxY = polygon[0].y;
    for (const Point &p : polygon) {
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
    }
    const int firstRow = std::max(0, static_cast<int>(std::floor(minY)));
    const int lastRow = std::min(mRows - 1, static_cast<int>(std::ceil(maxY)) - 1);

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
        const int firstCol = std::max(0, static_cast<int>(std::floor(minX)));
        const int lastCol = std::min(mCols - 1, static_cast<int>(std::ceil(maxX)) - 1);
        restOfStrip = strip;
        double *row = &mFractions[std::size_t(r) * mCols];
        for (int c = firstCol; c <= lastCol && restOfStrip.size() >= 3; ++c) {
            clipHalfPlane(restOfStrip, cell, true, c + 1.0, -1.0);
            clipHalfPlane(restOfStrip, scratch, true, c + 1.0, 1.0);
            restOfStrip.swap(scratch);
            if (cell.size() >= 3)
                row[c] += 0.5 * twiceSignedArea(cell) * sign;
        }
    }
}

}  // namespace gengbao::core
