// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"
#include "../domain/lifecycle.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gengbao::core {

class Project;

// One step of a parcel along its stages. The date is when it happened (today by default; never
// in the future, never before the parcel's previous step; early dates are fine, as the seed
// allows early evidence). The accepted net area (0.01 mu) goes with approval only.
struct StageChange
{
    std::string parcelId;
    Stage to = Stage::Selected;
    std::string date;  // YYYY-MM-DD; empty: today
    std::string note;
    std::string document;  // e.g. the 举证 number from 国土调查云
    std::string reason;    // required for rejected and withdrawn (the note serves if empty)
    std::optional<std::int64_t> acceptedNetCentiMu;
    std::string user;  // default: the login name
};

// A step of a village proposal: the town's review, the county's approval, or a rejection.
struct ProposalChange
{
    std::string parcelId;
    Proposal to = Proposal::Reviewed;
    std::string date;
    std::string document;  // the review or approval document number
    std::string reason;    // required for a rejection
    std::string note;
    std::string user;
};

// One recorded step of a parcel, for its history.
struct HistoryEntry
{
    std::string kind;  // "stage" or "proposal"
    std::string from;
    std::string to;
    std::string date;
    std::string recordedBy;
    std::string note;
    std::string document;
    std::string reason;
};
// Every step of a parcel, oldest first.
Result<std::vector<HistoryEntry>> parcelHistory(Project &project, const std::string &parcelId);
// The attributes of the parcel as the county's file had them (JSON object text).
Result<std::string> parcelAttributes(Project &project, const std::string &parcelId);

// What a change did: its audit entry is the handle for undo and redo.
struct ChangeResult
{
    std::int64_t auditId = 0;
    std::string from;
    std::string to;
};

// Applies a change in one transaction with its history row and audit entry. The parcel's state is
// read inside the transaction: when two people (or processes) advance the same parcel at once,
// the second sees the first's result and gets a message saying what is allowed from there.
Result<ChangeResult> advanceParcel(Project &project, const StageChange &change);
Result<ChangeResult> reviewProposal(Project &project, const ProposalChange &change);

// A parcel of a step on many that refused it, and why.
struct StepRefusal
{
    std::string parcelId;
    Error error;
};
// What a step on many parcels did: one audit entry (0 when no parcel moved) for all that moved.
struct BatchChangeResult
{
    std::int64_t auditId = 0;
    std::vector<std::string> moved;
    std::vector<StepRefusal> refused;
};
// One step on many parcels as one operation in one transaction: every parcel that allows the
// step takes it, the others are listed with the reason, and the whole is one audit entry, so
// one undo ("advance_many" or "review_many"; a single parcel that moves gets the entry of
// advanceParcel). A parcel listed twice takes the step once. An error that is not a parcel's
// refusal (a bad argument, a full disk) changes nothing at all.
Result<BatchChangeResult> advanceParcels(Project &project, const std::vector<StageChange> &changes);
Result<BatchChangeResult> reviewProposals(Project &project,
                                          const std::vector<ProposalChange> &changes);

// The exact inverse of a recorded change (a stage or proposal step, or a task edit): the parcel
// or task returns to its identical former state, its history row goes, and the audit log gets an
// "undo" entry that names it. Refused when something changed the same parcel or task since.
Result<std::int64_t> undoChange(Project &project, std::int64_t auditId,
                                const std::string &user = {});
// Applies an undone change again, as a new audit entry.
Result<std::int64_t> redoChange(Project &project, std::int64_t auditId,
                                const std::string &user = {});

}  // namespace gengbao::core
