// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/base/error.h>
#include <core/base/progress.h>
#include <core/ops/importparcels.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace gengbao::cli {

// Prints error.message() as the one stderr line and returns exit status 1.
int fail(const core::Error &error);

nlohmann::ordered_json toJson(const core::ImportSummary &summary);
nlohmann::ordered_json toJson(const std::vector<core::Issue> &issues);

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
