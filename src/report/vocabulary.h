// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/domain/lifecycle.h>

#include <QString>

#include <string_view>

// The one table of the names an officer reads for core's kinds (issue 14, item 3): the stages,
// the steps of a village proposal and the actions of the audit log. The window's table, filters and
// dialogs, the map legend, the progress view and every print take their words from here; nowhere
// else spells them.
namespace gengbao::report {

// Chinese always (prints in the official layout, the printed legend), or the interface's
// language through tr() (context "Vocabulary").
enum class LabelLanguage { Chinese, Interface };

QString stageLabel(core::Stage stage, LabelLanguage language = LabelLanguage::Interface);
QString proposalLabel(core::Proposal proposal, LabelLanguage language = LabelLanguage::Interface);

// A stored name ("evidence_submitted", "reviewed") as its label; a name core does not know is
// shown as it is, so that a newer project's stage is still readable.
QString stageLabel(std::string_view name, LabelLanguage language = LabelLanguage::Interface);
QString proposalLabel(std::string_view name, LabelLanguage language = LabelLanguage::Interface);

// An audit log entry's action ("advance", "set_task", "undo", ...) as the audit view shows it;
// an action it does not know is shown as it is.
QString actionLabel(std::string_view action, LabelLanguage language = LabelLanguage::Interface);

// An audit log entry's target ("parcel 5002…", "village 500241111203", "3 parcels", "batch 2")
// as the audit view shows it; a target it does not recognise is shown as it is. (Display only:
// the targets become structured ids with the undo registry.)
QString targetLabel(std::string_view target);

}  // namespace gengbao::report
