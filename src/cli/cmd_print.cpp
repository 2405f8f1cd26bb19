// SPDX-License-Identifier: GPL-3.0-or-later
#include "arguments.h"
#include "commands.h"
#include "offscreengui.h"
#include "output.h"

#include <core/ops/payouts.h>
#include <core/ops/plans.h>
#include <core/project.h>
#include <report/annex.h>
#include <report/payoutsheet.h>

namespace gengbao::cli {

int runPrint(const std::vector<std::string> &args)
{
    const Arguments arguments(
        args, {"-o", "--output", "--text-font", "--title-font", "--heading-font"}, {});
    const std::string &what = arguments.required(0, "what to print (annex, payouts)");
    const std::string &projectPath = arguments.required(1, "PROJECT.gpkg");
    arguments.expectPositionalCount(2);
    if (what != "annex" && what != "payouts")
        throw UsageError("unknown print '" + what + "' (known: annex, payouts)");
    const auto output = arguments.value("-o") ? arguments.value("-o") : arguments.value("--output");
    if (!output)
        throw UsageError("print annex needs -o OUT.pdf");

    auto project = core::Project::open(projectPath);
    if (!project)
        return fail(project.error());
    report::OfficialDocument document;
    if (what == "annex") {
        auto table = core::loadTaskTable(**project);
        if (!table)
            return fail(table.error());
        document = report::annexFromTable(*table);
    } else {
        auto statement = core::payoutStatement(**project);
        if (!statement)
            return fail(statement.error());
        document = report::payoutDocument(*statement);
    }
    OffscreenGui gui;
    report::DocumentFonts fonts;
    report::DocumentFonts::prefer(
        fonts.text, QString::fromStdString(arguments.value("--text-font").value_or("")));
    report::DocumentFonts::prefer(
        fonts.title, QString::fromStdString(arguments.value("--title-font").value_or("")));
    report::DocumentFonts::prefer(
        fonts.heading, QString::fromStdString(arguments.value("--heading-font").value_or("")));
    auto status = report::writeDocumentPdf(document, QString::fromStdString(*output), fonts);
    if (!status)
        return fail(status.error());
    return 0;
}

}  // namespace gengbao::cli
