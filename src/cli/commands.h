// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

// The subcommands of gengbao-cli. Each returns the process exit status: 0 on success, 1 on an
// error (its one-line message already on stderr); UsageError propagates to main (status 2).
namespace gengbao::cli {

int runNew(const std::vector<std::string> &args);
int runImport(const std::vector<std::string> &args);
int runExport(const std::vector<std::string> &args);
int runSample(const std::vector<std::string> &args);
int runScreen(const std::vector<std::string> &args);
int runRuns(const std::vector<std::string> &args);
int runSetTask(const std::vector<std::string> &args);
int runAllocate(const std::vector<std::string> &args);
int runPrint(const std::vector<std::string> &args);
int runImportTasks(const std::vector<std::string> &args);
int runAdvance(const std::vector<std::string> &args);
int runReview(const std::vector<std::string> &args);
int runReport(const std::vector<std::string> &args);
int runAudit(const std::vector<std::string> &args);
int runUndoRedo(const std::vector<std::string> &args, bool undo);

}  // namespace gengbao::cli
