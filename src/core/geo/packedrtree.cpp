// SPDX-License-Identifier: GPL-3.0-or-later
#include "packedrtree.h"

#include <algorithm>
#include <limits>

namespace gengbao::core {

namespace {

// The position of (x, y) on a Hilbert curve over a 2^16 x 2^16 grid, by the bit-parallel method
// of rawrunprotected.com ("2D Hilbert curves in O(1)", public domain), which flatgeobuf uses too.
std::uint32_t hilbert(std::uint32_t x, std::uint32_t y)
{
    std::uint32_t a = x ^ y;
    std::uint32_t b = 0xFFFF ^ a;
    std::uint32_t c = 0xFFFF ^ (x | y);
    std::uint32_t d = x & (y ^ 0xFFFF);

    std::uint32_t A = a | (b >> 1);
    std::uint32_t B = (a >> 1) ^ a;
    std::uint32_t C = ((c >> 1) ^ (b & (d >> 1))) ^ c;
    std::uint32_t D = ((a & (c >> 1)) ^ (d >> 1)) ^ d;

    a = A;
    b = B;
    c = C;
    d = D;
    A = ((a & (a >> 2)) ^ (b & (b >> 2)));
    B = ((a & (b >> 2)) ^ (b & ((a ^ b) >> 2)));
    C ^= ((a & (c >> 2)) ^ (b & (d >> 2)));
    D ^= ((b & (c >> 2)) ^ ((a ^ b) & (d >> 2)));

    a = A;
    b = B;
    c = C;
    d = D;
    A = ((a & (a >> 4)) ^ (b & (b >> 4)));
    B = ((a & (b >> 4)) ^ (b & ((a ^ b) >> 4)));
    C ^= ((a & (c >> 4)) ^ (b & (d >> 4)));
    D ^= ((b & (c >> 4)) ^ ((a ^ b) & (d >> 4)));

    a = A;
    b = B;
    c = C;
    d = D;
    C ^= ((a & (c >> 8)) ^ (b & (d >> 8)));
    D ^= ((b & (c >> 8)) ^ ((a ^ b) & (d >> 8)));

    a = C ^ (C >> 1);
    b = D ^ (D >> 1);

    std::uint32_t i0 = x ^ y;
    std::uint32_t i1 = b | (0xFFFF ^ (i0 | a));

    i0 = (i0 | (i0 << 8)) & 0x00FF00FF;
    i0 = (i0 | (i0 << 4)) & 0x0F0F0F0F;
    i0 = (i0 | (i0 << 2)) & 0x33333333;
    i0 = (i0 | (i0 << 1)) & 0x55555555;

    i1 = (i1 | (i1 << 8)) & 0x00FF00FF;
    i1 = (i1 | (i1 << 4)) & 0x0F0F0F0F;
    i1 = (i1 | (i1 << 2)) & 0x33333333;
    i1 = (i1 | (i1 << 1)) & 0x55555555;

    return (i1 << 1) | i0;
}

// Stands for an item without rings (and a node over only such items). Box::intersects is false
// for it against any box, where the default empty box {0, 0, -1, -1} would match most queries
// around the origin; so the query loop needs no test of its own.
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr Box kNever{kInfinity, kInfinity, -kInfinity, -kInfinity};

// A coordinate scaled to the 16-bit Hilbert grid over [min, min + size].
std::uint32_t gridCoordinate(double value, double min, double size)
{
    const double scaled = (value - min) / size * 65535.0;
    if (!(scaled > 0.0))  // also a zero-size extent (one item) and NaN
        return 0;
    return static_cast<std::uint32_t>(std::min(scaled, 65535.0));
}

}  // namespace

PackedRTree::PackedRTree(std::span<const Box> boxes, std::uint16_t nodeSize)
    : mItemCount(boxes.size())
    , mNodeSize(std::max<std::uint16_t>(nodeSize, 2))
{
    if (mItemCount == 0)
        return;

    // Level sizes, leaves first. At least one level above the leaves, so that the root is
    // always an inner node (one item makes a leaf and a root, as in flatgeobuf).
    std::size_t levelSize = mItemCount;
    std::size_t nodeCount = levelSize;
    mLevelBounds.push_back(nodeCount);
    do {
        levelSize = (levelSize + mNodeSize - 1) / mNodeSize;
        nodeCount += levelSize;
        mLevelBounds.push_back(nodeCount);
    } while (levelSize != 1);
    mNodes.resize(nodeCount);
    mIndexes.resize(nodeCount);

    // Sort the items by the Hilbert position of their box centre, so that neighbours on the
    // ground share leaves. Items without a box (no rings) go last and never match a query.
    Box extent;
    for (const Box &box : boxes)
        extent.expand(box);
    std::vector<std::uint64_t> keys(mItemCount);
    for (std::size_t i = 0; i < mItemCount; ++i) {
        const Box &box = boxes[i];
        // Halved, so that no Hilbert position equals that of the items without a box: query()
        // relies on those being the last leaves.
        std::uint64_t position = std::uint64_t(1) << 31;
        if (!box.empty()) {
            const std::uint32_t x =
                gridCoordinate((box.minX + box.maxX) / 2, extent.minX, extent.width());
            const std::uint32_t y =
                gridCoordinate((box.minY + box.maxY) / 2, extent.minY, extent.height());
            position = hilbert(x, y) >> 1;
        }
        keys[i] = (position << 32) | i;
    }
    std::sort(keys.begin(), keys.end());
    for (std::size_t i = 0; i < mItemCount; ++i) {
        const auto item = static_cast<std::uint32_t>(keys[i] & 0xFFFFFFFFu);
        mNodes[i] = boxes[item].empty() ? kNever : boxes[item];
        mIndexes[i] = item;
        mBoxedCount += boxes[item].empty() ? 0 : 1;
    }

    // Each node covers up to mNodeSize consecutive nodes of the level below.
    for (std::size_t level = 0; level + 1 < mLevelBounds.size(); ++level) {
        const std::size_t begin = level == 0 ? 0 : mLevelBounds[level - 1];
        const std::size_t end = mLevelBounds[level];
        std::size_t parent = end;
        for (std::size_t first = begin; first < end; first += mNodeSize, ++parent) {
            Box box;
            for (std::size_t child = first; child < std::min(first + mNodeSize, end); ++child)
                box.expand(mNodes[child]);
            mNodes[parent] = box.empty() ? kNever : box;
            mIndexes[parent] = static_cast<std::uint32_t>(first);
        }
    }
}

void PackedRTree::query(const Box &box, std::vector<std::uint32_t> &out) const
{
    // Written so that a NaN query is refused too (Box::empty() would let it through).
    if (mItemCount == 0 || !(box.minX <= box.maxX && box.minY <= box.maxY))
        return;
    // Groups of sibling nodes still to visit, depth first: at most mNodeSize per level, so the
    // stack usually fits in a small array and a query allocates nothing.
    struct Group
    {
        std::uint32_t first;
        std::uint32_t level;
    };
    const std::size_t depthBound = mLevelBounds.size() * std::size_t(mNodeSize) + 1;
    Group local[256];
    std::vector<Group> heap;
    Group *stack = local;
    if (depthBound > std::size(local)) {
        heap.resize(depthBound);
        stack = heap.data();
    }
    std::size_t top = 0;
    stack[top++] = {static_cast<std::uint32_t>(mNodes.size() - 1),
                    static_cast<std::uint32_t>(mLevelBounds.size() - 1)};
    while (top > 0) {
        const Group group = stack[--top];
        const std::size_t end =
            std::min<std::size_t>(group.first + mNodeSize, mLevelBounds[group.level]);
        for (std::size_t node = group.first; node < end; ++node) {
            const Box &nodeBox = mNodes[node];
            if (!nodeBox.intersects(box))
                continue;
            if (group.level == 0) {
                out.push_back(mIndexes[node]);
            } else if (nodeBox.minX >= box.minX && nodeBox.maxX <= box.maxX &&
                       nodeBox.minY >= box.minY && nodeBox.maxY <= box.maxY) {
                // The whole subtree is inside the query: its leaves are one run of the leaf
                // level, since node k of level L covers leaves [k * size^L, (k + 1) * size^L).
                // A zoomed-out map asks for most of the county; this skips testing each box.
                std::size_t span = 1;
                for (std::uint32_t level = 0; level < group.level; ++level)
                    span *= mNodeSize;
                const std::size_t k = node - mLevelBounds[group.level - 1];
                const std::size_t first = k * span;
                const std::size_t last = std::min((k + 1) * span, mBoxedCount);
                if (first < last)
                    out.insert(out.end(), mIndexes.begin() + first, mIndexes.begin() + last);
            } else {
                stack[top++] = {mIndexes[node], group.level - 1};
            }
        }
    }
}

const Box &PackedRTree::extent() const
{
    static const Box kNothing;
    return mNodes.empty() || mNodes.back().empty() ? kNothing : mNodes.back();
}

std::size_t PackedRTree::memoryBytes() const
{
    return sizeof(*this) + mNodes.capacity() * sizeof(Box) +
           mIndexes.capacity() * sizeof(std::uint32_t) +
           mLevelBounds.capacity() * sizeof(std::size_t);
}

}  // namespace gengbao::core
