// SPDX-License-Identifier: GPL-3.0-or-later
// The lifecycle of parcels on the screened sample: transitions, rework, village proposals,
// deadlines, the audit log, undo and redo, and two processes racing for one parcel.
#include "../support/testfiles.h"

#include <core/base/units.h>
#include <core/db/statement.h>
#include <core/ops/audit.h>
#include <core/ops/exportparcels.h>
#include <core/ops/lifecycle.h>
#include <core/ops/plans.h>
#include <core/ops/progress.h>
#include <core/ops/sampleproject.h>
#include <core/ops/screenparcels.h>

#include <catch2/catch.hpp>

#include <map>

using namespace gengbao;
using namespace gengbao::test;

namespace {

// Eligible parcels of the sample (data/sample/manifest.json), and one excluded for slope.
std::string eligibleParcel(int n)
{
    char id[32];
    std::snprintf(id, sizeof id, "5002412023000100%02d", n + 1);  // 0001 .. 0099 are eligible
    return id;
}
const std::string kSteepParcel = "500241202300010127";

std::unique_ptr<core::Project> screenedSample(const TempDir &dir)
{
    const auto dataDir = core::locateDataDir("");
    REQUIRE(dataDir);
    core::Progress progress;
    REQUIRE(core::createSampleProject(dir.file("sample.gpkg"), *dataDir, progress).ok());
    auto project = core::Project::open(dir.file("sample.gpkg"));
    REQUIRE(project.ok());
    return std::move(project).value();
}

core::ChangeResult step(core::Project &project, const std::string &parcel, core::Stage to,
                        const std::string &date = "2023-05-01", const std::string &reason = {})
{
    core::StageChange change;
    change.parcelId = parcel;
    change.to = to;
    change.date = date;
    change.reason = reason;
    change.user = "测试员";
    auto result = core::advanceParcel(project, change);
    if (!result)
        FAIL(result.error().message());
    return *result;
}

core::Result<core::ChangeResult> tryStep(core::Project &project, const std::string &parcel,
                                         core::Stage to, const std::string &date = "2023-05-01")
{
    core::StageChange change;
    change.parcelId = parcel;
    change.to = to;
    change.date = date;
    change.reason = "原因";
    return core::advanceParcel(project, change);
}

// The path from candidate to each stage.
std::vector<core::Stage> pathTo(core::Stage stage)
{
    using S = core::Stage;
    switch (stage) {
    case S::Candidate:
        return {};
    case S::Selected:
        return {S::Selected};
    case S::Restoring:
        return {S::Selected, S::Restoring};
    case S::Planted:
        return {S::Selected, S::Restoring, S::Planted};
    case S::EvidenceSubmitted:
        return {S::Selected, S::Restoring, S::Planted, S::EvidenceSubmitted};
    case S::Verified:
        return {S::Selected, S::Restoring, S::Planted, S::EvidenceSubmitted, S::Verified};
    case S::Approved:
        return {S::Selected,          S::Restoring, S::Planted,
                S::EvidenceSubmitted, S::Verified,  S::Approved};
    case S::Rejected:
        return {S::Selected, S::Restoring, S::Planted, S::EvidenceSubmitted, S::Rejected};
    case S::Withdrawn:
        return {S::Selected, S::Withdrawn};
    }
    return {};
}

// Everything an undo must restore: the parcels' lifecycle columns, the history and the tasks.
// The rows a query returns as text, one line each.
std::string rowsText(core::Project &project, const char *sql)
{
    std::string text;
    auto query = project.database().prepare(sql);
    REQUIRE(query.ok());
    REQUIRE(query
                ->forEachRow([&text](core::Statement &row) {
                    for (int i = 0; i < row.columnCount(); ++i)
                        text += (row.isNull(i) ? "∅" : row.text(i)) + "|";
                    text += "\n";
                })
                .ok());
    return text;
}

std::string snapshot(core::Project &project)
{
    std::string text;
    for (const char *sql :
         {"SELECT parcel_id, stage, accepted_net_cmu, proposal, proposal_reason FROM parcels "
          "ORDER BY fid",
          "SELECT id, parcel_fid, kind, from_state, to_state, occurred_on, note, document, reason "
          "FROM stage_history ORDER BY id",
          "SELECT program_id, village_code, task_cmu, remarks FROM village_tasks ORDER BY id"})
        text += rowsText(project, sql);
    return text;
}

}  // namespace

TEST_CASE("every transition is allowed or refused as the stages say", "[core][lifecycle]")
{
    using S = core::Stage;
    TempDir dir;
    auto project = screenedSample(dir);
    const std::vector<S> all = {S::Candidate, S::Selected,          S::Restoring,
                                S::Planted,   S::EvidenceSubmitted, S::Verified,
                                S::Approved,  S::Rejected,          S::Withdrawn};
    // The allowed moves, written out by hand from the issue (and nextStages must agree).
    const std::map<S, std::vector<S>> allowed = {{S::Candidate, {S::Selected}},
                                                 {S::Selected, {S::Restoring, S::Withdrawn}},
                                                 {S::Restoring, {S::Planted}},
                                                 {S::Planted, {S::EvidenceSubmitted}},
                                                 {S::EvidenceSubmitted, {S::Verified, S::Rejected}},
                                                 {S::Verified, {S::Approved, S::Rejected}},
                                                 {S::Approved, {}},
                                                 {S::Rejected, {S::Restoring, S::Planted}},
                                                 {S::Withdrawn, {S::Selected}}};
    int parcel = 0;
    for (const S from : all) {
        CHECK(core::nextStages(from) == allowed.at(from));
        for (const S to : all) {
            if (to == S::Candidate)
                continue;
            const std::string id = eligibleParcel(parcel++);
            for (const S stage : pathTo(from))
                step(*project, id, stage, "2023-05-01", "原因");
            INFO(core::stageName(from) << " -> " << core::stageName(to));
            auto result = tryStep(*project, id, to);
            const auto &next = allowed.at(from);
            const bool expected = std::find(next.begin(), next.end(), to) != next.end();
            CHECK(result.ok() == expected);
            if (!result.ok()) {
                const std::string message = result.error().message();
                CHECK(message.find("parcel " + id + ": it is " +
                                   std::string(core::stageName(from))) != std::string::npos);
                for (const S option : next)  // says what is allowed
                    CHECK(message.find(std::string(core::stageName(option))) != std::string::npos);
            }
        }
    }
}

TEST_CASE("excluded and unscreened parcels cannot be selected", "[core][lifecycle]")
{
    TempDir dir;
    auto project = screenedSample(dir);
    auto steep = tryStep(*project, kSteepParcel, core::Stage::Selected);
    REQUIRE_FALSE(steep.ok());
    CHECK(steep.error().detail.find("excluded by screening") != std::string::npos);
    auto unscreen =
        project->database().prepare("UPDATE parcels SET eligible = NULL WHERE parcel_id = ?");
    REQUIRE(unscreen.ok());
    unscreen->bind(1, eligibleParcel(0));
    REQUIRE(unscreen->run().ok());
    auto unscreened = tryStep(*project, eligibleParcel(0), core::Stage::Selected);
    REQUIRE_FALSE(unscreened.ok());
    CHECK(unscreened.error().detail.find("not been screened") != std::string::npos);
    auto missing = tryStep(*project, "不存在", core::Stage::Selected);
    CHECK(missing.error().detail.find("has no parcel 不存在") != std::string::npos);
}

TEST_CASE("the rework loop and the accepted area", "[core][lifecycle]")
{
    using S = core::Stage;
    TempDir dir;
    auto project = screenedSample(dir);
    const std::string id = eligibleParcel(0);
    step(*project, id, S::Selected, "2023-04-18");
    step(*project, id, S::Restoring, "2023-04-25");
    step(*project, id, S::Planted, "2023-06-10");
    step(*project, id, S::EvidenceSubmitted, "2023-08-01");
    step(*project, id, S::Rejected, "2023-08-15", "作物未达标");
    step(*project, id, S::Planted, "2023-08-20");  // rework from planted
    step(*project, id, S::EvidenceSubmitted, "2023-09-01");
    step(*project, id, S::Verified, "2023-09-10");
    step(*project, id, S::Rejected, "2023-09-20", "面积不符");
    step(*project, id, S::Restoring, "2023-09-21");  // rework from restoring
    step(*project, id, S::Planted, "2023-09-25");
    step(*project, id, S::EvidenceSubmitted, "2023-10-10");
    step(*project, id, S::Verified, "2023-10-15");
    core::StageChange approval;
    approval.parcelId = id;
    approval.to = S::Approved;
    approval.date = "2023-11-20";
    approval.document = "渝规资〔2023〕88号";
    approval.acceptedNetCentiMu = 351;
    REQUIRE(core::advanceParcel(*project, approval).ok());
    CHECK(countRows(*project, "stage_history") == 14);
    const auto row = core::loadParcelRows(*project)->front();
    CHECK(row.stage == "approved");
    CHECK(row.acceptedNetMu == 3.51);
    CHECK(row.stageDates.at("planted") == "2023-09-25");  // the latest time it was reached
    CHECK(row.stageDates.at("approved") == "2023-11-20");
    auto villages = core::loadTaskTable(*project);
    CHECK(villages->villages.front().approved == 351);  // the accepted area, not the expected

    // Reasons are required; the accepted area goes with approval only; dates are checked.
    const std::string other = eligibleParcel(1);
    core::StageChange bad;
    bad.parcelId = other;
    bad.to = S::Withdrawn;
    CHECK(core::advanceParcel(*project, bad).error().detail ==
          "withdrawn needs a reason (--reason or --note)");
    bad.to = S::Selected;
    bad.acceptedNetCentiMu = 100;
    CHECK_FALSE(core::advanceParcel(*project, bad).ok());
    bad.acceptedNetCentiMu.reset();
    bad.date = "2999-01-01";
    CHECK(core::advanceParcel(*project, bad).error().detail.find("in the future") !=
          std::string::npos);
    bad.date = "2023-02-30";
    CHECK(core::advanceParcel(*project, bad).error().detail.find("not a date") !=
          std::string::npos);
    for (const char *notADate : {"2023- 5-01", "2023-+5-01", "2023-5-1", "2023/05/01"}) {
        INFO(notADate);  // sscanf's %2d would have read the first two as 2023-05-01
        bad.date = notADate;
        CHECK(core::advanceParcel(*project, bad).error().detail ==
              "parcel " + other + ": the date '" + notADate + "' is not a date (YYYY-MM-DD)");
    }
    // An accepted area no parcel can have, whatever the caller parsed it from.
    const std::string before = snapshot(*project);
    core::StageChange huge = approval;
    huge.parcelId = other;
    huge.acceptedNetCentiMu = core::kMaxAreaCentiMu + 1;
    CHECK(core::advanceParcel(*project, huge).error().detail.find("is more than 1000000 mu") !=
          std::string::npos);
    CHECK(snapshot(*project) == before);
    step(*project, other, S::Selected, "2023-05-01");
    auto early = tryStep(*project, other, S::Restoring, "2023-04-30");
    CHECK(early.error().detail.find("before the parcel's previous step on 2023-05-01") !=
          std::string::npos);
}

TEST_CASE("village proposals need the town's review and the county's approval",
          "[core][lifecycle][proposal]")
{
    // Two parcels of a village, proposed by the village itself, screened by their slope grade.
    TempDir dir;
    auto project = newProject(dir);
    VectorSpec spec;
    spec.fields = {{"BSM", FieldType::String, 18},
                   {"ZLDWDM", FieldType::String, 19},
                   {"ZLDWMC", FieldType::String, 60},
                   {"GDPDJB", FieldType::String, 2}};
    for (int i = 0; i < 2; ++i) {
        spec.features.push_back({squareWkt(500000 + 200 * i, 3100000, 50),
                                 {"V" + std::to_string(i), std::string("5002411112030000000"),
                                  std::string("黄瓜村"), std::string("2")}});
    }
    writeVector(dir.file("own.shp"), spec);
    core::ImportRequest request;
    request.path = dir.file("own.shp");
    request.source = core::ParcelSource::Village;
    core::Progress progress;
    REQUIRE(core::importParcels(*project, request, progress).ok());
    REQUIRE(core::screenParcels(*project, {}, progress).ok());

    auto early = tryStep(*project, "V0", core::Stage::Selected);
    REQUIRE_FALSE(early.ok());
    CHECK(early.error().detail.find("village proposal that is proposed") != std::string::npos);
    const auto review = [&](const std::string &id, core::Proposal to, const std::string &reason) {
        core::ProposalChange change;
        change.parcelId = id;
        change.to = to;
        change.date = "2023-04-16";
        change.document = "审-" + id;
        change.reason = reason;
        return core::reviewProposal(*project, change);
    };
    CHECK_FALSE(review("V0", core::Proposal::Approved, "").ok());  // the town reviews first
    REQUIRE(review("V0", core::Proposal::Reviewed, "").ok());
    CHECK_FALSE(tryStep(*project, "V0", core::Stage::Selected).ok());
    REQUIRE(review("V0", core::Proposal::Approved, "").ok());
    CHECK(tryStep(*project, "V0", core::Stage::Selected).ok());

    CHECK_FALSE(review("V1", core::Proposal::Rejected, "").ok());  // a reason is required
    REQUIRE(review("V1", core::Proposal::Rejected, "位于河道管理范围").ok());
    auto rows = core::loadParcelRows(*project);
    CHECK(rows->at(1).proposal == "rejected");
    CHECK(rows->at(1).proposalReason == "位于河道管理范围");  // stays visible with its reason
    CHECK(review("V1", core::Proposal::Reviewed, "").error().detail.find("was rejected") !=
          std::string::npos);
    CHECK_FALSE(tryStep(*project, "V1", core::Stage::Selected).ok());
    CHECK(review(eligibleParcel(0), core::Proposal::Reviewed, "").ok() == false);
}

TEST_CASE("deadlines are overdue the day after their due date", "[core][lifecycle][deadlines]")
{
    // The sample plan: selected by 4/20, planted by 7/20, evidence by 10/21, approved by 11/30.
    TempDir dir;
    auto project = screenedSample(dir);
    const std::string id = eligibleParcel(0);  // 峨溶居委会, task 115.17
    step(*project, id, core::Stage::Selected, "2023-04-18");
    step(*project, id, core::Stage::Restoring, "2023-04-25");
    const auto overdueOf = [&](const std::string &asOf) {
        auto report = core::progressReport(*project, asOf);
        REQUIRE(report.ok());
        std::vector<std::string> stages;
        for (const auto &parcel : report->parcels) {
            for (const auto &deadline : parcel.overdue)
                stages.push_back(deadline.stage);
        }
        return std::make_pair(stages, report->villages.front());
    };
    auto [onDue, village] = overdueOf("2023-07-20");
    CHECK(onDue.empty());
    CHECK(village.selectionShort == 11517 - 359);  // after 4/20: 115.17 − 3.59 selected
    CHECK(village.reached[0] == 359);
    CHECK(village.reached[1] == 359);
    CHECK(village.reached[2] == 0);
    auto [dayAfter, _] = overdueOf("2023-07-21");
    CHECK(dayAfter == std::vector<std::string>{"planted"});
    auto [late, __] = overdueOf("2023-12-01");
    CHECK(late == std::vector<std::string>{"planted", "evidence_submitted", "approved"});
    // As of a day before the selection, the parcel was still a candidate: nothing listed.
    auto before = core::progressReport(*project, "2023-04-17");
    CHECK(before->parcels.empty());
    CHECK(before->villages.front().selectionShort == 0);  // not yet due
    auto selectionDue = core::progressReport(*project, "2023-04-20");
    CHECK(selectionDue->villages.front().selectionShort == 0);  // due that day, not overdue
}

TEST_CASE("every change is in the audit log and the log cannot be edited",
          "[core][lifecycle][audit]")
{
    TempDir dir;
    auto project = screenedSample(dir);
    const auto before = core::readAuditLog(*project)->size();
    step(*project, eligibleParcel(0), core::Stage::Selected, "2023-04-18");
    REQUIRE(core::setVillageTask(*project, 0, "黄瓜村", 1206, std::string("按潜力")).ok());
    auto log = core::readAuditLog(*project);
    REQUIRE(log->size() == before + 2);
    const auto &advance = log->at(before);
    CHECK(advance.action == "advance");
    CHECK(advance.user == "测试员");
    CHECK(advance.target == "parcel " + eligibleParcel(0));
    CHECK(advance.oldValue.at("stage") == "candidate");
    CHECK(advance.newValue.at("stage") == "selected");
    CHECK(advance.newValue.at("history").at("occurred_on") == "2023-04-18");
    const auto &task = log->at(before + 1);
    CHECK(task.action == "set_task");
    CHECK(task.oldValue.at(0).at("task_cmu") == 3000);
    CHECK(task.newValue.at(0).at("task_cmu") == 1206);
    // Earlier entries: the sample's import, screening, plan and tasks.
    std::vector<std::string> actions;
    for (std::size_t i = 0; i < before; ++i)
        actions.push_back(log->at(i).action);
    CHECK(actions.front() == "import");
    CHECK(std::count(actions.begin(), actions.end(), "screen") == 1);
    CHECK(std::count(actions.begin(), actions.end(), "save_plan") == 1);

    CHECK_FALSE(project->database().exec("UPDATE audit_log SET user = 'x'").ok());
    CHECK_FALSE(project->database().exec("DELETE FROM audit_log").ok());
    CHECK(core::readAuditLog(*project)->size() == before + 2);
}

TEST_CASE("undo restores the identical state and redo applies the change again",
          "[core][lifecycle][undo]")
{
    TempDir dir;
    auto project = screenedSample(dir);
    const std::string id = eligibleParcel(0);
    step(*project, id, core::Stage::Selected, "2023-04-18");
    const std::string selected = snapshot(*project);
    const auto change = step(*project, id, core::Stage::Restoring, "2023-04-25");
    const std::string restoring = snapshot(*project);
    REQUIRE(restoring != selected);

    auto undo = core::undoChange(*project, change.auditId, "测试员");
    REQUIRE(undo.ok());
    CHECK(snapshot(*project) == selected);
    auto log = core::readAuditLog(*project);
    CHECK(log->back().action == "undo");
    CHECK(log->back().undoes == change.auditId);

    auto redo = core::redoChange(*project, *undo);
    REQUIRE(redo.ok());
    CHECK(core::loadParcelRows(*project)->front().stage == "restoring");
    auto again = core::undoChange(*project, *redo);  // an undo of the redo
    REQUIRE(again.ok());
    CHECK(snapshot(*project) == selected);

    // An allocation is one command: its undo restores every village's task.
    const std::string tasks = snapshot(*project);
    auto allocated = core::applyAllocation(*project, 0, core::AllocationMethod::Proportional, 0);
    REQUIRE(allocated.ok());
    const auto allocation = core::readAuditLog(*project)->back();
    CHECK(allocation.action == "set_task");
    auto undoneAllocation = core::undoChange(*project, allocation.id);
    REQUIRE(undoneAllocation.ok());
    CHECK(snapshot(*project) == tasks);
    // Undo and redo again and again, as an officer pressing Ctrl+Z and Ctrl+Y does: each redo
    // is undone like the change it repeats, however long the chain.
    const std::string allocatedState = [&] {
        auto redone = core::redoChange(*project, *undoneAllocation);
        REQUIRE(redone.ok());
        const std::string state = snapshot(*project);
        auto undone = core::undoChange(*project, *redone);
        REQUIRE(undone.ok());
        CHECK(snapshot(*project) == tasks);
        auto redoneAgain = core::redoChange(*project, *undone);
        REQUIRE(redoneAgain.ok());
        CHECK(snapshot(*project) == state);
        auto undoneAgain = core::undoChange(*project, *redoneAgain);
        REQUIRE(undoneAgain.ok());
        return state;
    }();
    CHECK(allocatedState != tasks);
    CHECK(snapshot(*project) == tasks);

    // An undo after a later change to the same parcel is refused, and changes nothing.
    const auto first = step(*project, id, core::Stage::Restoring, "2023-04-25");
    step(*project, id, core::Stage::Planted, "2023-05-25");
    const std::string planted = snapshot(*project);
    auto stale = core::undoChange(*project, first.auditId);
    REQUIRE_FALSE(stale.ok());
    CHECK(stale.error().detail.find("was changed since") != std::string::npos);
    CHECK(snapshot(*project) == planted);
}

TEST_CASE("two processes advancing one parcel at once: one wins, the other is told why",
          "[core][lifecycle][concurrency]")
{
    TempDir dir;
    auto project = screenedSample(dir);
    project.reset();  // the processes below own the file
    const std::string cli = std::string(GENGBAO_BIN_DIR) + "/gengbao-cli";
    const std::string advance = "'" + cli + "' advance " + dir.file("sample.gpkg") + " " +
                                eligibleParcel(0) + " selected --date 2023-04-18";
    // Both start together; each prints its exit status after its output.
    const auto both = runCommand("(" + advance + " > " + dir.file("a.out") + " 2>&1; echo $? >> " +
                                 dir.file("a.out") + ") & (" + advance + " > " + dir.file("b.out") +
                                 " 2>&1; echo $? >> " + dir.file("b.out") + ") & wait");
    REQUIRE(both.status == 0);
    const std::string a = readFile(dir.file("a.out")), b = readFile(dir.file("b.out"));
    const bool aWon = a.find("\"to\": \"selected\"") != std::string::npos;
    const std::string &loser = aWon ? b : a;
    INFO(a << "\n" << b);
    CHECK((aWon != (b.find("\"to\": \"selected\"") != std::string::npos)));
    CHECK(loser.find("it is selected: it can go to restoring or withdrawn only") !=
          std::string::npos);
    auto reopened = core::Project::open(dir.file("sample.gpkg"));
    INFO((reopened.ok() ? std::string() : reopened.error().detail));
    REQUIRE(reopened.ok());
    CHECK(countRows(**reopened, "stage_history") == 1);  // nothing lost, nothing doubled
}

TEST_CASE("a plan edit is undone and redone like any other change", "[core][lifecycle][undo]")
{
    TempDir dir;
    auto project = screenedSample(dir);
    auto plan = core::loadPlan(*project);
    REQUIRE(plan.ok());
    const std::string before = core::planToJson(*plan).dump();
    plan->restoration()->targetMu = 500.0;
    plan->restoration()->rules.maxSlopeDeg = 20.0;
    REQUIRE(core::savePlan(*project, *plan).ok());
    CHECK(project->settings().targetMu == 500.0);
    const auto entry = core::readAuditLog(*project)->back();
    CHECK(entry.action == "save_plan");
    auto undo = core::undoChange(*project, entry.id);
    REQUIRE(undo.ok());
    CHECK(core::planToJson(*core::loadPlan(*project)).dump() == before);
    CHECK(project->settings().targetMu == 465.17);
    CHECK(core::loadTaskTable(*project)->taskTotal == 46517);  // the tasks stayed
    REQUIRE(core::redoChange(*project, *undo).ok());
    CHECK(core::loadPlan(*project)->restoration()->rules.maxSlopeDeg == 20.0);
}

TEST_CASE("a step on many parcels is one transaction and one undo step, and lists the refusals",
          "[core][lifecycle][undo][batch]")
{
    TempDir dir;
    auto project = screenedSample(dir);
    const std::string a = eligibleParcel(0), b = eligibleParcel(1), c = eligibleParcel(2);
    const std::string before = snapshot(*project);
    const std::size_t logBefore = core::readAuditLog(*project)->size();
    const auto changeTo = [](const std::string &parcel, core::Stage to, const std::string &date) {
        core::StageChange change;
        change.parcelId = parcel;
        change.to = to;
        change.date = date;
        change.user = "测试员";
        return change;
    };
    // Three eligible parcels, the steep one, one that does not exist, and a listed twice.
    auto done = core::advanceParcels(
        *project, {changeTo(a, core::Stage::Selected, "2023-04-18"),
                   changeTo(b, core::Stage::Selected, "2023-04-18"),
                   changeTo(kSteepParcel, core::Stage::Selected, "2023-04-18"),
                   changeTo("500241202399999999", core::Stage::Selected, "2023-04-18"),
                   changeTo(a, core::Stage::Selected, "2023-04-18"),
                   changeTo(c, core::Stage::Selected, "2023-04-18")});
    REQUIRE(done.ok());
    CHECK(done->moved == std::vector<std::string>{a, b, c});
    REQUIRE(done->refused.size() == 2);
    CHECK(done->refused[0].parcelId == kSteepParcel);
    CHECK(done->refused[0].error.message().find(kSteepParcel) != std::string::npos);
    CHECK(done->refused[1].parcelId == "500241202399999999");
    CHECK(done->refused[1].error.message().find("has no parcel 500241202399999999") !=
          std::string::npos);
    // One entry for the three, with every parcel's before and after.
    auto log = core::readAuditLog(*project);
    REQUIRE(log->size() == logBefore + 1);
    const core::AuditEntry &entry = log->back();
    CHECK(entry.id == done->auditId);
    CHECK(entry.action == "advance_many");
    CHECK(entry.target == "3 parcels");
    REQUIRE(entry.oldValue.size() == 3);
    CHECK(entry.oldValue[1]["parcel_id"] == b);
    CHECK(entry.oldValue[1]["state"]["stage"] == "candidate");
    CHECK(entry.newValue[1]["state"]["stage"] == "selected");
    CHECK(entry.newValue[1]["state"]["history"]["occurred_on"] == "2023-04-18");
    CHECK(countRows(*project, "stage_history") == 3);
    const std::string selected = snapshot(*project);

    // The history rows' ids change with each redo; everything else must be identical.
    const auto withoutIds = [&project] {
        return rowsText(*project,
                        "SELECT p.parcel_id, p.stage, h.kind, h.from_state, h.to_state, "
                        "h.occurred_on, h.recorded_at, h.recorded_by FROM parcels p LEFT JOIN "
                        "stage_history h ON h.parcel_fid = p.fid ORDER BY p.fid, h.id");
    };
    const std::string selectedState = withoutIds();
    // Two full cycles of undo and redo: the same state each time.
    std::int64_t latest = done->auditId;
    for (int cycle = 0; cycle < 2; ++cycle) {
        INFO("cycle " << cycle);
        auto undo = core::undoChange(*project, latest, "测试员");
        REQUIRE(undo.ok());
        CHECK(snapshot(*project) == before);
        auto redo = core::redoChange(*project, *undo, "测试员");
        REQUIRE(redo.ok());
        CHECK(withoutIds() == selectedState);
        latest = *redo;
    }
    CHECK(selected != before);

    // A later change to one of them refuses the undo of the whole, and changes nothing.
    core::StageChange later = changeTo(b, core::Stage::Restoring, "2023-04-25");
    REQUIRE(core::advanceParcel(*project, later).ok());
    const std::string restoring = snapshot(*project);
    auto stale = core::undoChange(*project, latest);
    REQUIRE_FALSE(stale.ok());
    CHECK(stale.error().detail.find("parcel " + b) != std::string::npos);
    CHECK(snapshot(*project) == restoring);

    // Nothing that may move: no entry, nothing changed.
    const std::size_t logNow = core::readAuditLog(*project)->size();
    auto none = core::advanceParcels(*project, {changeTo(a, core::Stage::Approved, "2023-05-01")});
    REQUIRE(none.ok());
    CHECK(none->auditId == 0);
    CHECK(none->moved.empty());
    CHECK(none->refused.size() == 1);
    CHECK(core::readAuditLog(*project)->size() == logNow);
    CHECK(snapshot(*project) == restoring);

    // An argument no parcel could take refuses the whole step before anything is read.
    auto rejected = core::advanceParcels(
        *project, {changeTo(c, core::Stage::Withdrawn, "2023-05-01")});  // no reason
    REQUIRE_FALSE(rejected.ok());
    CHECK(rejected.error().detail.find("needs a reason") != std::string::npos);
    CHECK(snapshot(*project) == restoring);

    // A single parcel that moves gets the entry of a single step.
    auto one = core::advanceParcels(*project, {changeTo(c, core::Stage::Restoring, "2023-04-25"),
                                               changeTo(a, core::Stage::Planted, "2023-04-25")});
    REQUIRE(one.ok());
    CHECK(one->moved == std::vector<std::string>{c});
    CHECK(core::readAuditLog(*project)->back().action == "advance");
    CHECK(core::readAuditLog(*project)->back().target == "parcel " + c);
}
