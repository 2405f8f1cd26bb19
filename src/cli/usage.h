// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

// The usage text of gengbao-cli: one table with an entry per form of a command, from which --help
// prints all of it and a usage error only the lines of the command at fault.
namespace gengbao::cli {

// Every command with its options and what it does (gengbao-cli --help).
std::string fullUsage();
// The lines of one command's forms ("export" has four), with a hint to --help; nullopt for an
// unknown command.
std::optional<std::string> commandUsage(std::string_view command);
// The command names, comma-separated, for an unknown command.
std::string commandNames();

}  // namespace gengbao::cli
