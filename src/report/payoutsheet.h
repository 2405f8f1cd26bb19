// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "officialdocument.h"

#include <core/ops/payouts.h>

namespace gengbao::report {

// The year-end subsidy statement as an official document: the villages' table (task, approved
// area, subsidy, reward, total), the parcels' table (area, rate, amount), the rules applied, and
// the grand total in figures and in capital numerals (大写). Every total row is the sum of the
// printed rows above it.
OfficialDocument payoutDocument(const core::PayoutStatement &statement);

}  // namespace gengbao::report
