// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/base/result.h>
#include <core/ops/plans.h>

#include <string>

namespace gengbao::report {

// The village task table as a formatted spreadsheet that WPS and Excel open: the annex title,
// "单位：亩", the columns of the annex (序号, 村居, 潜力图斑面积, 任务数, 备注) plus 村居代码, so
// that an edited copy can be read back (core::importVillageTasks) even where names repeat, borders,
// and a 合计 row equal to the sum of the rows. Areas are numbers, not text. Written beside the
// target and renamed, so a failure never leaves half a file.
core::Status writeTaskTableXlsx(const core::TaskTable &table, const std::string &path);

}  // namespace gengbao::report
