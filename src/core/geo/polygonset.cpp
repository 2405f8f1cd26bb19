// SPDX-License-Identifier: GPL-3.0-or-later
#include "polygonset.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace gengbao::core {

namespace {

// A point this close to an edge is on it. Project coordinates reach 10^7 m (Gauss-Krüger
// northings), where one ulp is about 2e-9 m, so an exact test would call a point computed on an
// edge (a snapped vertex, a midpoint) inside or outside at random.
constexpr double kOnEdgeMetres = 1e-7;

double segmentDistanceSquared(double px, double py, double ax, double ay, double bx, double by)
{
    const double dx = bx - ax;
    const double dy = by - ay;
    const double lengthSquared = dx * dx + dy * dy;
    double t = 0.0;
    if (lengthSquared > 0.0)
        t = std::clamp(((px - ax) * dx + (py - ay) * dy) / lengthSquared, 0.0, 1.0);
    const double ex = ax + t * dx - px;
    const double ey = ay + t * dy - py;
    return ex * ex + ey * ey;
}

}  // namespace

void Box::expand(double x, double y)
{
    if (empty()) {
        *this = {x, y, x, y};
        return;
    }
    minX = std::min(minX, x);
    minY = std::min(minY, y);
    maxX = std::max(maxX, x);
    maxY = std::max(maxY, y);
}

void Box::expand(const Box &other)
{
    if (other.empty())
        return;
    if (empty()) {
        *this = other;
        return;
    }
    minX = std::min(minX, other.minX);
    minY = std::min(minY, other.minY);
    maxX = std::max(maxX, other.maxX);
    maxY = std::max(maxY, other.maxY);
}

void PolygonSet::Builder::beginItem()
{
    mCurrent = Box{};
}

void PolygonSet::Builder::addRing(std::span<const double> xy)
{
    assert(xy.size() % 2 == 0);
    mXy.insert(mXy.end(), xy.begin(), xy.end());
    for (std::size_t i = 0; i + 1 < xy.size(); i += 2)
        mCurrent.expand(xy[i], xy[i + 1]);
    mRingStart.push_back(static_cast<std::uint32_t>(mXy.size() / 2));
}

void PolygonSet::Builder::endItem()
{
    mItemRingStart.push_back(static_cast<std::uint32_t>(mRingStart.size() - 1));
    mBoxes.push_back(mCurrent);
    mCurrent = Box{};
}

void PolygonSet::Builder::reserve(std::size_t items, std::size_t vertices)
{
    mXy.reserve(2 * vertices);
    mItemRingStart.reserve(items + 1);
    mBoxes.reserve(items);
    // Most parcels have one ring; holes and parts are the exception.
    mRingStart.reserve(items + 1);
}

PolygonSet PolygonSet::Builder::build() &&
{
    PolygonSet set;
    // Growth by doubling leaves up to half of each vector unused; the set lives as long as the
    // map shows this data version, so one copy now is cheaper than the slack.
    mXy.shrink_to_fit();
    mRingStart.shrink_to_fit();
    mItemRingStart.shrink_to_fit();
    mBoxes.shrink_to_fit();
    set.mXy = std::move(mXy);
    set.mRingStart = std::move(mRingStart);
    set.mItemRingStart = std::move(mItemRingStart);
    set.mBoxes = std::move(mBoxes);
    for (const Box &box : set.mBoxes)
        set.mExtent.expand(box);
    // Leave the builder usable (and empty) after the move.
    mXy.clear();
    mRingStart.assign(1, 0);
    mItemRingStart.assign(1, 0);
    mBoxes.clear();
    mCurrent = Box{};
    return set;
}

bool PolygonSet::contains(std::size_t item, double x, double y) const
{
    if (!mBoxes[item].grown(kOnEdgeMetres).contains(x, y))
        return false;
    bool inside = false;
    for (std::uint32_t ring = ringBegin(item); ring < ringEnd(item); ++ring) {
        const std::span<const double> xy = ringXY(ring);
        const std::size_t n = xy.size() / 2;
        if (n == 0)
            continue;
        // Edges (j, i) with j the previous vertex; the first edge closes the ring, a zero-length
        // one when the ring repeats its first vertex at the end.
        for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
            const double xi = xy[2 * i], yi = xy[2 * i + 1];
            const double xj = xy[2 * j], yj = xy[2 * j + 1];
            const bool nearEdgeBox =
                x >= std::min(xi, xj) - kOnEdgeMetres && x <= std::max(xi, xj) + kOnEdgeMetres &&
                y >= std::min(yi, yj) - kOnEdgeMetres && y <= std::max(yi, yj) + kOnEdgeMetres;
            if (nearEdgeBox &&
                segmentDistanceSquared(x, y, xj, yj, xi, yi) <= kOnEdgeMetres * kOnEdgeMetres)
                return true;
            // Crossing test (W. R. Franklin's pnpoly): the edge straddles the horizontal line
            // through the point, and crosses it to the right of the point.
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
                inside = !inside;
        }
    }
    return inside;
}

double PolygonSet::distanceToBoundary(std::size_t item, double x, double y) const
{
    double best = std::numeric_limits<double>::infinity();
    for (std::uint32_t ring = ringBegin(item); ring < ringEnd(item); ++ring) {
        const std::span<const double> xy = ringXY(ring);
        const std::size_t n = xy.size() / 2;
        for (std::size_t i = 0, j = n - 1; i < n; j = i++)
            best = std::min(best, segmentDistanceSquared(x, y, xy[2 * j], xy[2 * j + 1], xy[2 * i],
                                                         xy[2 * i + 1]));
    }
    return std::sqrt(best);
}

std::size_t PolygonSet::memoryBytes() const
{
    return sizeof(*this) + mXy.capacity() * sizeof(double) +
           mRingStart.capacity() * sizeof(std::uint32_t) +
           mItemRingStart.capacity() * sizeof(std::uint32_t) + mBoxes.capacity() * sizeof(Box);
}

}  // namespace gengbao::core
