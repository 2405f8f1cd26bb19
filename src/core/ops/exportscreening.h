// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"
#include "screenparcels.h"

#include <ostream>

namespace gengbao::core {

// A screening run's per-parcel results (`export screening`): the verdict, the slope figures and
// each constraint layer's overlap, so an earlier run can be read and compared with the current
// one. JSON: {"run": summary, "parcels": [...]}; CSV: one row per parcel, one overlap column per
// constraint layer (overlap_1_m2, ... in the run's order).
Status writeScreeningJson(const StoredScreeningRun &run, std::ostream &out);
Status writeScreeningCsv(const StoredScreeningRun &run, std::ostream &out);

}  // namespace gengbao::core
