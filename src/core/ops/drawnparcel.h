// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/progress.h"
#include "../base/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gengbao::core {

class Project;

// A parcel an officer drew on the map as a village's proposal (issue 8, item 5).
struct DrawnParcel
{
    std::vector<double> ringXY;  // one outer ring in the project CRS: x0, y0, x1, y1, ...
    std::string villageCode;     // 12-digit code of a village of the project (or its name)
    std::string note;
    std::string user;  // default: the login name
};

struct DrawnParcelResult
{
    std::int64_t fid = 0;
    std::string parcelId;
    std::int64_t batchId = 0;
    double areaM2 = 0;                           // ellipsoidal
    std::optional<bool> eligible;                // from screening against the current run's inputs
    std::vector<std::string> reasons;            // why not eligible
    std::vector<std::string> flags;              // e.g. a flagging constraint layer it overlaps
    std::optional<std::int64_t> screeningRunId;  // the run it was screened with and added to
    std::string notScreened;  // why it was left unscreened (no run, an input missing or changed)
};

// Adds the polygon as a village-proposed parcel (source village, stage proposed, its own batch),
// then screens it with the current screening run's rules and inputs (when there was a run and its
// files are still readable), all in one transaction. An invalid ring (fewer than 3 distinct
// vertices, self-intersecting, zero area) or an unknown village is refused and nothing changes.
Result<DrawnParcelResult> proposeDrawnParcel(Project &project, const DrawnParcel &parcel,
                                             Progress &progress);

}  // namespace gengbao::core
