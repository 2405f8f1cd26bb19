// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A parcel's way from candidate to approval (the seed plan's sections 四 and 五, domain.md
// §3.4–3.5), and a village proposal's way through the town's review and the county's approval.
namespace gengbao::core {

enum class Stage {
    Candidate,
    Selected,
    Restoring,
    Planted,
    EvidenceSubmitted,
    Verified,
    Approved,
    Rejected,   // by the town's or the county's check; reworked from restoring or planted
    Withdrawn,  // a village dropped a selected parcel
};

std::string_view stageName(Stage stage);  // "evidence_submitted"
std::optional<Stage> parseStage(std::string_view name);
// Every stage, in the enum's order (candidate to approved, then rejected and withdrawn).
const std::vector<Stage> &allStages();
// The stages a parcel goes through in order, candidate to approved.
const std::vector<Stage> &progressStages();
// How far along a stage is: candidate 0 ... approved 6; a rejected parcel counts as planted (its
// evidence must be submitted again), a withdrawn one as a candidate.
int stageRank(Stage stage);

// A village proposal (村居自选图斑): proposed → reviewed (by the town) → approved (by the county),
// or rejected at either step with a reason. County parcels have none.
enum class Proposal { Proposed, Reviewed, Approved, Rejected };
std::string_view proposalName(Proposal proposal);
std::optional<Proposal> parseProposal(std::string_view name);

// What a transition needs to know about the parcel besides its stage.
struct ParcelStanding
{
    std::optional<bool> eligible;      // none: not screened
    std::optional<Proposal> proposal;  // village parcels only
};

// Why a transition is refused, in words that say what is allowed; empty when it is allowed.
std::string refusalOf(Stage from, Stage to, const ParcelStanding &standing);
std::vector<Stage> nextStages(Stage from);

std::string refusalOfProposal(Proposal from, Proposal to);

}  // namespace gengbao::core
