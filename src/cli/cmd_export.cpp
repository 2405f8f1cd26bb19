// SPDX-License-Identifier: GPL-3.0-or-later
#include "arguments.h"
#include "commands.h"
#include "output.h"

#include <core/base/csv.h>
#include <core/ops/exportparcels.h>
#include <core/ops/exportscreening.h>
#include <core/ops/payouts.h>
#include <core/project.h>
#include <report/xlsxpayouts.h>
#include <report/xlsxtasks.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace gengbao::cli {

int runExport(const std::vector<std::string> &args)
{
    const Arguments arguments(args, {"--format", "-o", "--output", "--run"}, {});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    const std::string &what =
        arguments.required(1, "what to export (parcels, villages, screening)");
    arguments.expectPositionalCount(2);
    if (what != "parcels" && what != "screening" && what != "villages" && what != "payouts")
        throw UsageError("unknown export '" + what +
                         "' (known: parcels, villages, screening, payouts)");
    const std::string format = arguments.value("--format").value_or("json");
    const bool spreadsheet = what == "villages" || what == "payouts";
    if (format != "json" && format != "csv" && !(format == "xlsx" && spreadsheet))
        throw UsageError("--format is json or csv" + std::string(spreadsheet ? " or xlsx" : "") +
                         ", not '" + format + "'");
    const auto output = arguments.value("-o") ? arguments.value("-o") : arguments.value("--output");
    if (format == "xlsx" && (!output || *output == "-"))
        throw UsageError("--format xlsx needs -o OUT.xlsx");
    std::int64_t runId = 0;  // the current run
    if (const auto run = arguments.value("--run")) {
        if (what != "screening")
            throw UsageError("--run goes with export screening");
        runId = positiveIntegerValue("--run", *run, "a run number (see gengbao-cli runs)");
    }

    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    std::vector<core::ParcelRow> rows;
    core::StoredScreeningRun run;
    core::TaskTable table;
    core::PayoutStatement payouts;
    if (what == "payouts") {
        auto loaded = core::payoutStatement(**project);
        if (!loaded)
            return fail(loaded.error());
        payouts = std::move(loaded).value();
        if (format == "xlsx") {
            auto written = report::writePayoutsXlsx(payouts, *output);
            return written ? 0 : fail(written.error());
        }
    } else if (what == "villages") {
        auto loaded = core::loadTaskTable(**project);
        if (!loaded)
            return fail(loaded.error());
        table = std::move(loaded).value();
        if (format == "xlsx") {
            auto written = report::writeTaskTableXlsx(table, *output);
            return written ? 0 : fail(written.error());
        }
    } else if (what == "parcels") {
        auto loaded = core::loadParcelRows(**project);
        if (!loaded)
            return fail(loaded.error());
        rows = std::move(loaded).value();
    } else {
        auto loaded = core::loadScreeningRun(**project, runId);
        if (!loaded)
            return fail(loaded.error());
        run = std::move(loaded).value();
    }
    const auto write = [&](std::ostream &stream) -> core::Status {
        if (what == "payouts")
            return format == "json" ? core::writePayoutsJson(payouts, stream)
                                    : core::writePayoutsCsv(payouts, stream);
        if (what == "villages") {
            if (format == "json") {
                stream << toJson(table).dump(2) << "\n";
            } else {
                stream << "village,village_code,potential_mu,task_mu,selected_mu,approved_mu,"
                          "shortfall_mu,remarks\r\n";
                for (const auto &row : toJson(table)) {
                    char numbers[160];
                    std::snprintf(numbers, sizeof numbers, "%.2f,%.2f,%.2f,%.2f,%.2f",
                                  row["potential_mu"].get<double>(), row["task_mu"].get<double>(),
                                  row["selected_mu"].get<double>(),
                                  row["approved_mu"].get<double>(),
                                  row["shortfall_mu"].get<double>());
                    stream << core::csv::field(row["village"].get<std::string>()) << ","
                           << core::csv::field(row["village_code"].get<std::string>()) << ","
                           << core::csv::number(numbers) << ","
                           << core::csv::field(row["remarks"].get<std::string>()) << "\r\n";
                }
            }
            return stream ? core::Status::success()
                          : core::makeError(core::ErrorCode::Io, {}, "cannot write the output");
        }
        if (what == "screening")
            return format == "json" ? core::writeScreeningJson(run, stream)
                                    : core::writeScreeningCsv(run, stream);
        return format == "json" ? core::writeParcelsJson(rows, stream)
                                : core::writeParcelsCsv(rows, stream);
    };
    if (!output || *output == "-") {
        auto status = write(std::cout);
        return status ? 0 : fail(status.error());
    }
    // Write beside the target and rename, so a failed export never leaves half a file.
    const std::string temporary = *output + ".part";
    {
        errno = 0;
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        if (!file)
            return fail(core::writeError(*output, errno));
        auto status = write(file);
        file.close();  // a full disk shows here at the latest, with errno set by write(2)
        if (!status || !file) {
            const int writeErrno = errno;
            std::remove(temporary.c_str());
            return fail(status && writeErrno ? core::writeError(*output, writeErrno)
                        : status
                            ? core::makeError(core::ErrorCode::Io, *output, "cannot be written")
                            : status.error());
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, *output, ec);
    if (ec) {
        std::remove(temporary.c_str());
        return fail(
            core::makeError(core::ErrorCode::Io, *output, "cannot be written: " + ec.message()));
    }
    return 0;
}

}  // namespace gengbao::cli
