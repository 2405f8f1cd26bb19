// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "officialdocument.h"

#include <core/ops/plans.h>

namespace gengbao::report {

// The task breakdown annex (任务分解表) of the work plan: "附件", the annex title, "单位：亩", the
// columns 序号, 村居, 潜力图斑面积, 任务数, 备注 and a 合计 row equal to the sum of the printed
// rows, each figure as the seed plan prints it (115.17, 110, 17.5).
OfficialDocument annexFromTable(const core::TaskTable &table);

}  // namespace gengbao::report
