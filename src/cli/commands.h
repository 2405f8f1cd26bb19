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
// Issue 8 (map): cmd_map.cpp and cmd_layers.cpp.
int runRender(const std::vector<std::string> &args);
int runPrintMap(const std::vector<std::string> &args);  // `print map ...`: args start after "map"
int runAddLayer(const std::vector<std::string> &args);
int runLayers(const std::vector<std::string> &args);
int runPropose(const std::vector<std::string> &args);

}  // namespace gengbao::cli
