// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/base/result.h>
#include <core/ops/payouts.h>

#include <string>

namespace gengbao::report {

// The subsidy statement as a formatted spreadsheet: a villages sheet and a parcels sheet with
// titles, borders and total rows, amounts as numbers with two decimals, and the grand total in
// figures and in capital numerals. Written beside the target and renamed.
core::Status writePayoutsXlsx(const core::PayoutStatement &statement, const std::string &path);

}  // namespace gengbao::report
