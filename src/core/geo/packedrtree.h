// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "polygonset.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace gengbao::core {

// A static R-tree over item bounding boxes, bulk-loaded once in Hilbert order (as flatgeobuf's
// packed Hilbert R-tree): one flat node array, no per-node allocation. Answers box queries with
// item indexes (positions in the span it was built from). Immutable; safe to query from many
// threads.
class PackedRTree
{
public:
    PackedRTree() = default;
    explicit PackedRTree(std::span<const Box> boxes, std::uint16_t nodeSize = 16);

    // Appends the indexes of all items whose box intersects `box` (in no particular order).
    void query(const Box &box, std::vector<std::uint32_t> &out) const;
    std::size_t size() const { return mItemCount; }
    const Box &extent() const;
    std::size_t memoryBytes() const;

private:
    std::size_t mItemCount = 0;
    std::size_t mBoxedCount = 0;  // items with a box; those without sort last
    std::uint16_t mNodeSize = 16;
    std::vector<Box> mNodes;                // leaves first (sorted), then each level up
    std::vector<std::uint32_t> mIndexes;    // for a leaf: item index; for a node: first child
    std::vector<std::size_t> mLevelBounds;  // end offset of each level in mNodes
};

}  // namespace gengbao::core
