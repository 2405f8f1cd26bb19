// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/base/error.h>
#include <core/base/progress.h>
#include <core/ops/importparcels.h>
#include <core/ops/plans.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace gengbao::cli {

// Prints error.message() as the one stderr line and returns exit status 1.
int fail(const core::Error &error);

nlohmann::ordered_json toJson(const core::ImportSummary &summary);
nlohmann::ordered_json toJson(const std::vector<core::Issue> &issues);
// A village task table as `export villages --format json` prints it.
nlohmann::ordered_json toJson(const core::TaskTable &table);
// 0.01 mu as a JSON number with two decimals (115.17, 110.0).
nlohmann::ordered_json muNumber(std::int64_t centiMu);

// Progress on stderr, only when stderr is a terminal: scripts read the first stderr line as
// the error.
class TerminalProgress : public core::Progress
{
public:
    TerminalProgress();
    ~TerminalProgress() override;
    void report(double fraction, std::string_view stage) override;

private:
    bool mEnabled;
    int mLastPercent = -1;
};

}  // namespace gengbao::cli
