// SPDX-License-Identifier: GPL-3.0-or-later
#include "arguments.h"
#include "commands.h"
#include "output.h"

#include <core/ops/audit.h>
#include <core/ops/lifecycle.h>
#include <core/ops/plans.h>
#include <core/ops/progress.h>
#include <core/project.h>

#include <iostream>

namespace gengbao::cli {

namespace {

int printChange(const std::string &projectPath, const core::Result<core::ChangeResult> &change)
{
    if (!change) {
        core::Error error = change.error();
        if (error.file.empty())
            error.file = projectPath;
        return fail(error);
    }
    nlohmann::ordered_json out;
    out["audit_id"] = change->auditId;
    out["from"] = change->from;
    out["to"] = change->to;
    std::cout << out.dump(2) << "\n";
    return 0;
}

// --date when given: a real day (an empty value is a mistake, not today); "" (today) without.
std::string dateOption(const Arguments &arguments, const std::string &option)
{
    const auto text = arguments.value(option);
    return text ? dateValue(option, *text) : std::string();
}

}  // namespace

int runAdvance(const std::vector<std::string> &args)
{
    const Arguments arguments(
        args, {"--date", "--note", "--doc", "--reason", "--accepted-net-mu", "--user"}, {});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    const std::string &parcelId = arguments.required(1, "PARCEL_ID");
    const std::string &stageText = arguments.required(2, "STAGE");
    arguments.expectPositionalCount(3);
    const auto stage = core::parseStage(stageText);
    if (!stage || *stage == core::Stage::Candidate)
        throw UsageError("STAGE is selected, restoring, planted, evidence_submitted, verified, "
                         "approved, rejected or withdrawn, not '" +
                         stageText + "'");
    core::StageChange change;
    change.parcelId = parcelId;
    change.to = *stage;
    change.date = dateOption(arguments, "--date");
    change.note = arguments.value("--note").value_or("");
    change.document = arguments.value("--doc").value_or("");
    change.reason = arguments.value("--reason").value_or("");
    change.user = arguments.value("--user").value_or("");
    if (const auto accepted = arguments.value("--accepted-net-mu"))
        change.acceptedNetCentiMu = centiMuValue("--accepted-net-mu", *accepted);
    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    return printChange(projectPath, core::advanceParcel(**project, change));
}

int runReview(const std::vector<std::string> &args)
{
    const Arguments arguments(args, {"--date", "--note", "--doc", "--reason", "--user"}, {});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    const std::string &parcelId = arguments.required(1, "PARCEL_ID");
    const std::string &step = arguments.required(2, "reviewed|approved|rejected");
    arguments.expectPositionalCount(3);
    const auto proposal = core::parseProposal(step);
    if (!proposal || *proposal == core::Proposal::Proposed)
        throw UsageError(
            "the step is reviewed (the town), approved (the county) or rejected, not '" + step +
            "'");
    core::ProposalChange change;
    change.parcelId = parcelId;
    change.to = *proposal;
    change.date = dateOption(arguments, "--date");
    change.note = arguments.value("--note").value_or("");
    change.document = arguments.value("--doc").value_or("");
    change.reason = arguments.value("--reason").value_or("");
    change.user = arguments.value("--user").value_or("");
    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    return printChange(projectPath, core::reviewProposal(**project, change));
}

int runReport(const std::vector<std::string> &args)
{
    const Arguments arguments(args, {"--as-of", "--format", "-o", "--output"}, {});
    const std::string &what = arguments.required(0, "what to report (progress)");
    const std::string &projectPath = arguments.required(1, "PROJECT.gpkg");
    arguments.expectPositionalCount(2);
    if (what != "progress")
        throw UsageError("unknown report '" + what + "' (known: progress)");
    const std::string format = arguments.value("--format").value_or("json");
    if (format != "json" && format != "csv")
        throw UsageError("--format is json or csv, not '" + format + "'");
    const std::string asOf = dateOption(arguments, "--as-of");
    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    auto report = core::progressReport(**project, asOf);
    if (!report) {
        core::Error error = report.error();
        error.file = projectPath;
        return fail(error);
    }
    const auto status = format == "json" ? core::writeProgressJson(*report, std::cout)
                                         : core::writeProgressCsv(*report, std::cout);
    return status ? 0 : fail(status.error());
}

int runAudit(const std::vector<std::string> &args)
{
    const Arguments arguments(args, {"--format"}, {});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    arguments.expectPositionalCount(1);
    const std::string format = arguments.value("--format").value_or("json");
    if (format != "json" && format != "csv")
        throw UsageError("--format is json or csv, not '" + format + "'");
    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    auto entries = core::readAuditLog(**project);
    if (!entries)
        return fail(entries.error());
    const auto status = format == "json" ? core::writeAuditJson(*entries, std::cout)
                                         : core::writeAuditCsv(*entries, std::cout);
    return status ? 0 : fail(status.error());
}

int runUndoRedo(const std::vector<std::string> &args, bool undo)
{
    const Arguments arguments(args, {"--user"}, {});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    const std::int64_t id =
        positiveIntegerValue("AUDIT_ID", arguments.required(1, "AUDIT_ID"),
                             "the number of an audit log entry (see gengbao-cli audit)");
    arguments.expectPositionalCount(2);
    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    const std::string user = arguments.value("--user").value_or("");
    auto done =
        undo ? core::undoChange(**project, id, user) : core::redoChange(**project, id, user);
    if (!done)
        return fail(done.error());
    std::cout << nlohmann::ordered_json{{"audit_id", *done}}.dump(2) << "\n";
    return 0;
}

}  // namespace gengbao::cli
