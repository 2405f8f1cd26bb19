// SPDX-License-Identifier: GPL-3.0-or-later
// `render` and `print map`: the map drawn by report::MapPainter, the same code as the app's canvas
// and its print sheet, without a display.
#include "arguments.h"
#include "commands.h"
#include "offscreengui.h"
#include "output.h"

#include <core/base/strings.h>
#include <core/ops/exportparcels.h>
#include <core/ops/mapdata.h>
#include <core/project.h>
#include <report/mappainter.h>
#include <report/mapsheet.h>
#include <report/mapstyle.h>

#include <QImage>

#include <iostream>
#include <memory>
#include <optional>

namespace gengbao::cli {

namespace {

constexpr int kMaxSide = 16384;

QSize parseSize(const std::string &text)
{
    const auto x = text.find_first_of("xX");
    const std::string_view all = text;
    const auto width = core::parsePositiveInteger(all.substr(0, x));
    const auto height =
        x == std::string::npos ? std::nullopt : core::parsePositiveInteger(all.substr(x + 1));
    if (!width || !height)
        throw UsageError("--size is WIDTHxHEIGHT in pixels, such as 1920x1080, not '" + text + "'");
    if (*width > kMaxSide || *height > kMaxSide)
        throw UsageError("--size takes 1 to " + std::to_string(kMaxSide) + " pixels a side, not '" +
                         text + "'");
    return QSize(static_cast<int>(*width), static_cast<int>(*height));
}

report::ColourBy colourByOption(const Arguments &arguments, report::ColourBy fallback)
{
    const auto value = arguments.value("--colour-by");
    if (!value)
        return fallback;
    const auto colourBy = report::parseColourBy(*value);
    if (!colourBy)
        throw UsageError("--colour-by is eligibility, stage or village, not '" + *value + "'");
    return *colourBy;
}

std::optional<std::string> outputOption(const Arguments &arguments)
{
    return arguments.value("-o") ? arguments.value("-o") : arguments.value("--output");
}

// The snapshot and the rows the map is drawn from (index-aligned, both in fid order).
struct LoadedMap
{
    std::shared_ptr<const core::MapData> data;
    std::vector<core::ParcelRow> rows;
    core::ProjectSettings settings;
};

core::Result<LoadedMap> loadMap(const std::string &projectPath)
{
    auto project = core::Project::open(projectPath);
    if (!project)
        return project.error();
    TerminalProgress progress;
    auto data = core::loadMapData(**project, core::MapDataOptions{}, progress);
    if (!data)
        return data.error();
    auto rows = core::loadParcelRows(**project);
    if (!rows)
        return rows.error();
    LoadedMap loaded;
    loaded.settings = (*project)->settings();
    loaded.data = std::make_shared<const core::MapData>(std::move(*data));
    loaded.rows = std::move(*rows);
    return loaded;
}

}  // namespace

int runRender(const std::vector<std::string> &args)
{
    const Arguments arguments(
        args, {"-o", "--output", "--village", "--colour-by", "--size", "--threads"}, {});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    arguments.expectPositionalCount(1);
    const auto output = outputOption(arguments);
    if (!output)
        throw UsageError("render needs -o OUT.png");
    const auto sizeText = arguments.value("--size");
    if (!sizeText)
        throw UsageError("render needs --size WIDTHxHEIGHT");
    const QSize size = parseSize(*sizeText);
    // The review of candidate parcels is about their screening verdict: that is the default.
    const report::ColourBy colourBy = colourByOption(arguments, report::ColourBy::Eligibility);
    int threads = 0;
    if (const auto text = arguments.value("--threads")) {
        const std::int64_t count = positiveIntegerValue("--threads", *text, "1 to 16");
        if (count > 16)
            throw UsageError("--threads is 1 to 16, not '" + *text + "'");
        threads = static_cast<int>(count);
    }

    auto loaded = loadMap(projectPath);
    if (!loaded)
        return fail(loaded.error());
    auto style =
        std::make_shared<report::MapStyle>(report::MapStyle::build(loaded->rows, colourBy));
    core::Box extent = loaded->data->extent();
    if (const auto village = arguments.value("--village")) {
        const auto focus = report::findVillage(*loaded->data, loaded->rows, *village);
        if (!focus) {
            core::Error error = report::unknownVillageError(loaded->rows, *village);
            error.file = projectPath;
            return fail(error);
        }
        style->dimOthers(focus->items);
        extent = focus->extent;
    }

    OffscreenGui gui;
    auto labels =
        std::make_shared<const report::ParcelLabels>(report::ParcelLabels::build(loaded->rows));
    auto scene = std::make_shared<const report::MapScene>(
        report::MapScene::make(loaded->data, std::move(style), std::move(labels)));
    const report::MapPainter painter(scene);
    const report::RenderResult rendered =
        painter.render(report::Viewport::fitting(extent, size), threads);
    if (rendered.image.isNull() || rendered.stats.failed)
        return fail(core::makeError(core::ErrorCode::Io, *output,
                                    "cannot render an image of " + *sizeText + " pixels"));
    if (!rendered.image.save(QString::fromStdString(*output), "PNG"))
        return fail(core::makeError(core::ErrorCode::Io, *output, "cannot be written"));
    std::cerr << "render: " << std::llround(rendered.milliseconds) << " ms\n";
    return 0;
}

int runPrintMap(const std::vector<std::string> &args)
{
    const Arguments arguments(args,
                              {"-o", "--output", "--village", "--paper", "--orientation",
                               "--colour-by", "--text-font", "--title-font", "--heading-font"},
                              {});
    const std::string &projectPath = arguments.required(0, "PROJECT.gpkg");
    arguments.expectPositionalCount(1);
    const auto output = outputOption(arguments);
    if (!output)
        throw UsageError("print map needs -o OUT.pdf");
    report::MapSheetOptions options;
    options.colourBy = colourByOption(arguments, report::ColourBy::Stage);
    if (const auto paper = arguments.value("--paper")) {
        const auto parsed = report::parsePaper(*paper);
        if (!parsed)
            throw UsageError("--paper is A4 or A3, not '" + *paper + "'");
        options.paper = *parsed;
    }
    if (const auto orientation = arguments.value("--orientation")) {
        if (*orientation == "landscape")
            options.orientation = QPageLayout::Landscape;
        else if (*orientation == "portrait")
            options.orientation = QPageLayout::Portrait;
        else
            throw UsageError("--orientation is landscape or portrait, not '" + *orientation + "'");
    }
    options.village = arguments.value("--village").value_or(std::string());

    auto loaded = loadMap(projectPath);
    if (!loaded)
        return fail(loaded.error());
    OffscreenGui gui;
    report::DocumentFonts::prefer(
        options.fonts.text, QString::fromStdString(arguments.value("--text-font").value_or("")));
    report::DocumentFonts::prefer(
        options.fonts.title, QString::fromStdString(arguments.value("--title-font").value_or("")));
    report::DocumentFonts::prefer(
        options.fonts.heading,
        QString::fromStdString(arguments.value("--heading-font").value_or("")));
    auto sheet = report::makeMapSheet(loaded->data, loaded->rows, loaded->settings, options);
    if (!sheet) {
        core::Error error = sheet.error();
        error.file = projectPath;
        return fail(error);
    }
    auto status = report::writeMapSheetPdf(*sheet, QString::fromStdString(*output));
    if (!status)
        return fail(status.error());
    return 0;
}

}  // namespace gengbao::cli
