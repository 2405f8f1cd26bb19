// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"

#include <cstdint>
#include <string>

namespace gengbao::core {

class Project;

// Reads an edited task table back (XLSX as exported, or CSV/ODS with the same headings): the
// header row is the first with a 村居 and a 任务数 column (英文 village/task_mu work too); 村居代码
// and 备注 are optional; rows end at 合计. Each row's village is found by its code, else its
// name. Any problem (unknown village, a task that is not a number of mu with 2 decimals, a
// negative task, a repeated village, missing columns) refuses the whole file with one message
// listing the rows, and nothing changes; otherwise every listed village's task and remarks are
// set in one transaction.
struct TaskFileSummary
{
    std::int64_t updated = 0;
};
Result<TaskFileSummary> importVillageTasks(Project &project, const std::string &path,
                                           std::int64_t programId = 0);

}  // namespace gengbao::core
