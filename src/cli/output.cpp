// SPDX-License-Identifier: GPL-3.0-or-later
#include "output.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace gengbao::cli {

int fail(const core::Error &error)
{
    std::cerr << error.message() << "\n";
    return 1;
}

nlohmann::ordered_json toJson(const core::ImportSummary &summary)
{
    nlohmann::ordered_json out;
    out["file"] = summary.file;
    out["layer"] = summary.layer;
    out["batch"] = summary.batchLabel;
    out["batch_id"] = summary.batchId > 0 ? nlohmann::ordered_json(summary.batchId) : nullptr;
    out["encoding"] = summary.encoding;
    out["encoding_origin"] = summary.encodingOrigin;
    out["source_crs"] = summary.sourceCrs;
    out["project_crs"] = summary.projectEpsg > 0
                             ? nlohmann::ordered_json("EPSG:" + std::to_string(summary.projectEpsg))
                             : nullptr;
    out["project_crs_chosen"] = summary.projectCrsChosen;
    out["read"] = summary.counts.read;
    out["imported"] = summary.counts.imported;
    out["repaired"] = summary.counts.repaired;
    out["duplicates"] = summary.counts.duplicates;
    out["rejected"] = summary.counts.rejected;
    out["issues"] = toJson(summary.issues);
    return out;
}

nlohmann::ordered_json toJson(const std::vector<core::Issue> &list)
{
    auto issues = nlohmann::ordered_json::array();
    for (const auto &issue : list) {
        nlohmann::ordered_json item;
        item["severity"] = core::severityName(issue.severity);
        item["code"] = issue.code;
        item["fid"] = issue.sourceFid >= 0 ? nlohmann::ordered_json(issue.sourceFid) : nullptr;
        item["parcel_id"] = issue.parcelId.empty() ? nlohmann::ordered_json(nullptr)
                                                   : nlohmann::ordered_json(issue.parcelId);
        item["detail"] = issue.detail;
        issues.push_back(std::move(item));
    }
    return issues;
}

TerminalProgress::TerminalProgress()
    : mEnabled(isatty(STDERR_FILENO) == 1)
{}

TerminalProgress::~TerminalProgress()
{
    if (mEnabled && mLastPercent >= 0)
        std::fprintf(stderr, "\r\033[K");
}

void TerminalProgress::report(double fraction, std::string_view stage)
{
    if (!mEnabled)
        return;
    const int percent = static_cast<int>(fraction * 100.0);
    if (percent == mLastPercent)
        return;
    mLastPercent = percent;
    std::fprintf(stderr, "\r%.*s %3d%%", static_cast<int>(stage.size()), stage.data(), percent);
    std::fflush(stderr);
}

}  // namespace gengbao::cli
