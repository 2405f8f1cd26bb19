// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace gengbao::core {

// An axis-aligned box in projected metres.
struct Box
{
    double minX = 0, minY = 0, maxX = -1, maxY = -1;  // empty until expanded

    bool empty() const { return maxX < minX || maxY < minY; }
    double width() const { return maxX - minX; }
    double height() const { return maxY - minY; }
    bool intersects(const Box &other) const
    {
        return !(other.minX > maxX || other.maxX < minX || other.minY > maxY || other.maxY < minY);
    }
    bool contains(double x, double y) const
    {
        return x >= minX && x <= maxX && y >= minY && y <= maxY;
    }
    void expand(double x, double y);
    void expand(const Box &other);
    Box grown(double margin) const
    {
        return {minX - margin, minY - margin, maxX + margin, maxY + margin};
    }
};

// Many polygons in one flat layout (architecture.md "The map canvas"): all vertices in one vector,
// ring offsets per item, a bbox per item. No per-item heap objects. Immutable once built; shared
// read-only with render workers as shared_ptr<const PolygonSet>.
//
// An item is a parcel (or a reference-layer feature): any number of rings, outer rings and holes
// alike, drawn and hit-tested with the even-odd rule (the parts of a valid multipolygon do not
// overlap, so even-odd over all rings is exact).
class PolygonSet
{
public:
    class Builder
    {
    public:
        // Rings are closed or open (a closing vertex equal to the first is kept as given).
        void beginItem();
        void addRing(std::span<const double> xy);  // x0, y0, x1, y1, ...
        void endItem();  // an item without rings is allowed (drawn as nothing)
        void reserve(std::size_t items, std::size_t vertices);
        PolygonSet build() &&;

    private:
        std::vector<double> mXy;
        std::vector<std::uint32_t> mRingStart{0};  // vertex index of each ring; rings + 1 entries
        std::vector<std::uint32_t> mItemRingStart{0};
        std::vector<Box> mBoxes;
        Box mCurrent;
    };

    std::size_t size() const { return mBoxes.size(); }
    const Box &bbox(std::size_t item) const { return mBoxes[item]; }
    std::span<const Box> boxes() const { return mBoxes; }
    const Box &extent() const { return mExtent; }

    // Rings of item i are [ringBegin(i), ringEnd(i)); vertices of ring r are ringXY(r).
    std::uint32_t ringBegin(std::size_t item) const { return mItemRingStart[item]; }
    std::uint32_t ringEnd(std::size_t item) const { return mItemRingStart[item + 1]; }
    std::span<const double> ringXY(std::uint32_t ring) const
    {
        return {mXy.data() + 2 * std::size_t(mRingStart[ring]),
                2 * std::size_t(mRingStart[ring + 1] - mRingStart[ring])};
    }
    std::size_t vertexCount() const { return mXy.size() / 2; }

    // Even-odd point-in-polygon over all rings of the item (boundary counts as inside).
    bool contains(std::size_t item, double x, double y) const;
    // Distance from (x, y) to the item's nearest edge, in metres (0 inside is NOT implied).
    double distanceToBoundary(std::size_t item, double x, double y) const;
    std::size_t memoryBytes() const;

private:
    std::vector<double> mXy;
    std::vector<std::uint32_t> mRingStart;
    std::vector<std::uint32_t> mItemRingStart;
    std::vector<Box> mBoxes;
    Box mExtent;
};

}  // namespace gengbao::core
