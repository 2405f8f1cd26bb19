// SPDX-License-Identifier: GPL-3.0-or-later
#include "lifecycle.h"

#include <algorithm>
#include <array>
#include <utility>

namespace gengbao::core {

namespace {

constexpr std::array<std::pair<Stage, std::string_view>, 9> kStageNames = {{
    {Stage::Candidate, "candidate"},
    {Stage::Selected, "selected"},
    {Stage::Restoring, "restoring"},
    {Stage::Planted, "planted"},
    {Stage::EvidenceSubmitted, "evidence_submitted"},
    {Stage::Verified, "verified"},
    {Stage::Approved, "approved"},
    {Stage::Rejected, "rejected"},
    {Stage::Withdrawn, "withdrawn"},
}};

constexpr std::array<std::pair<Proposal, std::string_view>, 4> kProposalNames = {{
    {Proposal::Proposed, "proposed"},
    {Proposal::Reviewed, "reviewed"},
    {Proposal::Approved, "approved"},
    {Proposal::Rejected, "rejected"},
}};

std::string list(const std::vector<Stage> &stages)
{
    std::string text;
    for (std::size_t i = 0; i < stages.size(); ++i) {
        if (i > 0)
            text += i + 1 == stages.size() ? " or " : ", ";
        text += stageName(stages[i]);
    }
    return text;
}

}  // namespace

std::string_view stageName(Stage stage)
{
    for (const auto &[value, name] : kStageNames) {
        if (value == stage)
            return name;
    }
    return "candidate";
}

std::optional<Stage> parseStage(std::string_view name)
{
    for (const auto &[value, text] : kStageNames) {
        if (text == name)
            return value;
    }
    return std::nullopt;
}

const std::vector<Stage> &allStages()
{
    static const std::vector<Stage> stages = {
        Stage::Candidate, Stage::Selected,          Stage::Restoring,
        Stage::Planted,   Stage::EvidenceSubmitted, Stage::Verified,
        Stage::Approved,  Stage::Rejected,          Stage::Withdrawn};
    return stages;
}

const std::vector<Stage> &progressStages()
{
    static const std::vector<Stage> stages = {
        Stage::Candidate,         Stage::Selected, Stage::Restoring, Stage::Planted,
        Stage::EvidenceSubmitted, Stage::Verified, Stage::Approved};
    return stages;
}

int stageRank(Stage stage)
{
    switch (stage) {
    case Stage::Candidate:
    case Stage::Withdrawn:
        return 0;
    case Stage::Selected:
        return 1;
    case Stage::Restoring:
        return 2;
    case Stage::Planted:
    case Stage::Rejected:
        return 3;
    case Stage::EvidenceSubmitted:
        return 4;
    case Stage::Verified:
        return 5;
    case Stage::Approved:
        return 6;
    }
    return 0;
}

std::string_view proposalName(Proposal proposal)
{
    for (const auto &[value, name] : kProposalNames) {
        if (value == proposal)
            return name;
    }
    return "proposed";
}

std::optional<Proposal> parseProposal(std::string_view name)
{
    for (const auto &[value, text] : kProposalNames) {
        if (text == name)
            return value;
    }
    return std::nullopt;
}

std::vector<Stage> nextStages(Stage from)
{
    switch (from) {
    case Stage::Candidate:
        return {Stage::Selected};
    case Stage::Selected:
        return {Stage::Restoring, Stage::Withdrawn};
    case Stage::Restoring:
        return {Stage::Planted};
    case Stage::Planted:
        return {Stage::EvidenceSubmitted};
    case Stage::EvidenceSubmitted:
        return {Stage::Verified, Stage::Rejected};
    case Stage::Verified:
        return {Stage::Approved, Stage::Rejected};
    case Stage::Rejected:
        return {Stage::Restoring, Stage::Planted};  // rework
    case Stage::Withdrawn:
        return {Stage::Selected};  // the village takes it up again
    case Stage::Approved:
        break;
    }
    return {};
}

std::string refusalOf(Stage from, Stage to, const ParcelStanding &standing)
{
    const std::vector<Stage> next = nextStages(from);
    const std::string here = "it is " + std::string(stageName(from));
    if (std::find(next.begin(), next.end(), to) == next.end()) {
        if (next.empty())
            return here + " and goes no further";
        return here + ": it can go to " + list(next) + " only, not to " +
               std::string(stageName(to));
    }
    if (to == Stage::Selected) {
        if (!standing.eligible)
            return "it has not been screened: screen the parcels before selecting any";
        if (!*standing.eligible)
            return "it was excluded by screening (see its reasons): it cannot be selected";
        if (standing.proposal && *standing.proposal != Proposal::Approved)
            return "it is a village proposal that is " +
                   std::string(proposalName(*standing.proposal)) +
                   ": it needs the town's review and the county's approval first";
    }
    return {};
}

std::string refusalOfProposal(Proposal from, Proposal to)
{
    const bool allowed =
        (from == Proposal::Proposed && (to == Proposal::Reviewed || to == Proposal::Rejected)) ||
        (from == Proposal::Reviewed && (to == Proposal::Approved || to == Proposal::Rejected));
    if (allowed)
        return {};
    switch (from) {
    case Proposal::Proposed:
        return "the proposal awaits the town's review: it can be reviewed or rejected only";
    case Proposal::Reviewed:
        return "the town has reviewed the proposal: the county approves or rejects it";
    case Proposal::Approved:
        return "the county has approved the proposal already";
    case Proposal::Rejected:
        return "the proposal was rejected; it stays on record with its reason";
    }
    return "not allowed";
}

}  // namespace gengbao::core
