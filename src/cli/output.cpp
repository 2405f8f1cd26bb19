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

nlohmann::ordered_json muNumber(std::int64_t centiMu)
{
    return double(centiMu) / 100.0;  // the nearest double to a 2-decimal figure prints as such
}

nlohmann::ordered_json toJson(const core::TaskTable &table)
{
    auto villages = nlohmann::ordered_json::array();
    for (const core::VillageTask &village : table.villages) {
        nlohmann::ordered_json item;
        item["village"] = village.name;
        item["village_code"] = village.code;
        item["potential_mu"] = muNumber(village.potential);
        item["task_mu"] = muNumber(village.task);
        item["selected_mu"] = muNumber(village.selected);
        item["approved_mu"] = muNumber(village.approved);
        item["shortfall_mu"] = muNumber(village.shortfall);
        item["remarks"] = village.remarks;
        auto byBatch = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < table.batchLabels.size(); ++i)
            byBatch[table.batchLabels[i]] = muNumber(village.potentialByBatch[i]);
        item["potential_by_batch_mu"] = std::move(byBatch);
        villages.push_back(std::move(item));
    }
    return villages;
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
