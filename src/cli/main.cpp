// SPDX-License-Identifier: GPL-3.0-or-later
// gengbao-cli: the core operations for batch work and scripts. Machine-readable output on
// stdout, one-line errors on stderr, non-zero exit status on any error.

#include "arguments.h"
#include "commands.h"
#include "usage.h"

#include <gdal.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace gengbao::cli {
std::string gExecutablePath;  // for locating the bundled sample data
}

namespace {

// A usage mistake: its one line, then the lines of the command at fault (not all of them, which
// would push the line off a terminal), or for an unknown command the list of commands.
int usageError(const std::string &command, const std::string &message)
{
    std::cerr << "gengbao-cli: " << message << "\n";
    if (const auto usage = gengbao::cli::commandUsage(command))
        std::cerr << *usage;
    else
        std::cerr << "commands: " << gengbao::cli::commandNames() << "\n"
                  << "gengbao-cli --help describes every command\n";
    return 2;
}

bool isHelp(const std::string &arg)
{
    return arg == "--help" || arg == "-h" || arg == "help";
}

}  // namespace

int main(int argc, char **argv)
{
    GDALAllRegister();
    {
        std::error_code ec;  // argv[0] may be a bare name found on PATH
        const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
        gengbao::cli::gExecutablePath = !ec ? self.string() : (argc > 0 ? argv[0] : "");
    }
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << "usage: gengbao-cli COMMAND ...\ncommands: " << gengbao::cli::commandNames()
                  << "\ngengbao-cli --help describes every command\n";
        return 2;
    }
    if (isHelp(args[0]) && args.size() > 1) {  // help COMMAND
        const auto usage = gengbao::cli::commandUsage(args[1]);
        if (!usage)
            return usageError(args[1], "unknown command '" + args[1] + "'");
        std::cout << *usage;
        return 0;
    }
    if (isHelp(args[0])) {
        std::cout << gengbao::cli::fullUsage();
        return 0;
    }
    if (args[0] == "--version") {
        std::cout << "gengbao-cli 0.1.0\n";
        return 0;
    }
    const std::string command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (rest.size() == 1 && (rest[0] == "--help" || rest[0] == "-h")) {  // COMMAND --help
        if (const auto usage = gengbao::cli::commandUsage(command)) {
            std::cout << *usage;
            return 0;
        }
    }
    try {
        if (command == "new")
            return gengbao::cli::runNew(rest);
        if (command == "import")
            return gengbao::cli::runImport(rest);
        if (command == "export")
            return gengbao::cli::runExport(rest);
        if (command == "sample")
            return gengbao::cli::runSample(rest);
        if (command == "screen")
            return gengbao::cli::runScreen(rest);
        if (command == "runs")
            return gengbao::cli::runRuns(rest);
        if (command == "set-task")
            return gengbao::cli::runSetTask(rest);
        if (command == "allocate")
            return gengbao::cli::runAllocate(rest);
        if (command == "import-tasks")
            return gengbao::cli::runImportTasks(rest);
        if (command == "advance")
            return gengbao::cli::runAdvance(rest);
        if (command == "review")
            return gengbao::cli::runReview(rest);
        if (command == "report")
            return gengbao::cli::runReport(rest);
        if (command == "audit")
            return gengbao::cli::runAudit(rest);
        if (command == "render")
            return gengbao::cli::runRender(rest);
        if (command == "print" && !rest.empty() && rest[0] == "map")
            return gengbao::cli::runPrintMap({rest.begin() + 1, rest.end()});
        if (command == "print")
            return gengbao::cli::runPrint(rest);
        if (command == "add-layer")
            return gengbao::cli::runAddLayer(rest);
        if (command == "layers")
            return gengbao::cli::runLayers(rest);
        if (command == "propose")
            return gengbao::cli::runPropose(rest);
        if (command == "undo" || command == "redo")
            return gengbao::cli::runUndoRedo(rest, command == "undo");
        throw gengbao::cli::UsageError("unknown command '" + command + "'");
    } catch (const gengbao::cli::UsageError &error) {
        return usageError(command, error.what());
    } catch (const std::exception &error) {
        std::cerr << "gengbao-cli: " << error.what() << "\n";
        return 1;
    }
}
