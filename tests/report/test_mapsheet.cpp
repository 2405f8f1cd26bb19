// SPDX-License-Identifier: GPL-3.0-or-later
// The printed map sheet of the sample project, read back with poppler: pdftotext for the words,
// pdfinfo for the paper, pdftoppm for the picture.
#include "../support/testfiles.h"
#include "guiapp.h"

#include <core/ops/exportparcels.h>
#include <core/ops/mapdata.h>
#include <core/ops/sampleproject.h>
#include <report/mapsheet.h>

#include <catch2/catch.hpp>

#include <QImage>

#include <algorithm>
#include <cmath>
#include <iterator>

using namespace gengbao;
using namespace gengbao::test;

namespace {

// The sample project loaded as the map and the parcel table see it.
struct Sample
{
    TempDir dir;
    std::shared_ptr<const core::MapData> map;
    std::vector<core::ParcelRow> rows;
    core::ProjectSettings settings;
};

std::unique_ptr<Sample> loadSample()
{
    auto sample = std::make_unique<Sample>();
    core::Progress progress;
    const auto dataDir = core::locateDataDir("");
    REQUIRE(dataDir);
    const std::string path = sample->dir.file("sample.gpkg");
    REQUIRE(core::createSampleProject(path, *dataDir, progress).ok());
    auto project = core::Project::open(path);
    REQUIRE(project);
    auto map = core::loadMapData(**project, core::MapDataOptions{}, progress);
    REQUIRE(map);
    sample->map = std::make_shared<const core::MapData>(std::move(*map));
    auto rows = core::loadParcelRows(**project);
    REQUIRE(rows);
    sample->rows = std::move(*rows);
    sample->settings = (*project)->settings();
    return sample;
}

// pdftotext's lines with runs of spaces collapsed to one.
std::string pdfText(const std::string &pdf)
{
    const auto text = runCommand("pdftotext -layout '" + pdf + "' -");
    REQUIRE(text.status == 0);
    std::string collapsed;
    for (const char c : text.out) {
        if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ')
            continue;
        collapsed += c;
    }
    return collapsed;
}

// The first page at 30 dpi.
QImage rasterise(const TempDir &dir, const std::string &pdf)
{
    const auto done =
        runCommand("pdftoppm -r 30 -png -singlefile '" + pdf + "' '" + dir.file("page") + "'");
    REQUIRE(done.status == 0);
    QImage page(QString::fromStdString(dir.file("page.png")));
    REQUIRE_FALSE(page.isNull());
    return page.convertToFormat(QImage::Format_RGB32);
}

// Pixels within 24 of a colour on every channel.
int pixelsNear(const QImage &image, QRgb colour)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            if (std::abs(qRed(line[x]) - qRed(colour)) <= 24 &&
                std::abs(qGreen(line[x]) - qGreen(colour)) <= 24 &&
                std::abs(qBlue(line[x]) - qBlue(colour)) <= 24)
                ++count;
        }
    }
    return count;
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("The town's map sheet prints its title, legend and notes on an A4 page",
          "[report][mapsheet]")
{
    ensureGui();
    const auto sample = loadSample();
    // Every parcel of the sample is a county candidate that has not moved yet.
    const auto candidates =
        std::count_if(sample->rows.begin(), sample->rows.end(), [](const core::ParcelRow &row) {
            return row.stage == "candidate" && !row.proposal;
        });
    REQUIRE(candidates == 386);
    report::MapSheetOptions options;
    options.date = QDate(2024, 5, 1);
    auto sheet = report::makeMapSheet(sample->map, sample->rows, sample->settings, options);
    REQUIRE(sheet);
    CHECK(sheet->title == QStringLiteral("峨溶镇2023年耕地恢复补足潜力图斑分布图"));
    const std::string pdf = sample->dir.file("town.pdf");
    REQUIRE(report::writeMapSheetPdf(*sheet, QString::fromStdString(pdf)).ok());

    const std::string text = pdfText(pdf);
    INFO(text);
    CHECK(contains(text, "峨溶镇2023年耕地恢复补足潜力图斑分布图"));
    CHECK(contains(text, "阶段"));
    CHECK(contains(text, "备选 386"));  // the legend's line: label and count
    CHECK(contains(text, "生态保护红线"));
    CHECK(contains(text, "比例尺 1:"));
    CHECK(contains(text, "图斑：386个"));
    // The CRS note wraps in the panel: read it with the line breaks taken out.
    std::string joined;
    std::copy_if(text.begin(), text.end(), std::back_inserter(joined),
                 [](char c) { return c != ' ' && c != '\n'; });
    // EPSG:4545 is CGCS2000 3-degree zone 35, central meridian 75 + 3 * (4545 - 4534) = 108°E.
    CHECK(contains(joined, "坐标系：2000国家大地坐标系，高斯-克吕格投影3度带，中央经线108°E"
                           "（EPSG代码4545）制图日期"));
    CHECK(contains(text, "制图日期：2024年5月1日"));
    CHECK(contains(runCommand("pdfinfo '" + pdf + "'").out, "842 x 595 pts (A4)"));

    const QImage page = rasterise(sample->dir, pdf);
    CHECK(page.width() > page.height());  // landscape
    // Not blank: the hillshade and the parcels cover much of the page; candidates show in their
    // yellow (0xf4d35e) and the red line in its red outline.
    const int white = pixelsNear(page, qRgb(255, 255, 255));
    CHECK(white < page.width() * page.height() * 0.8);
    CHECK(pixelsNear(page, qRgb(0xf4, 0xd3, 0x5e)) > 20);
    CHECK(pixelsNear(page, qRgb(0xd7, 0x19, 0x1c)) > 20);
}

TEST_CASE("A village's map sheet frames the village on the paper asked for", "[report][mapsheet]")
{
    ensureGui();
    const auto sample = loadSample();
    const auto inVillage =
        std::count_if(sample->rows.begin(), sample->rows.end(),
                      [](const core::ParcelRow &row) { return row.village == "龙塘冲村"; });
    REQUIRE(inVillage > 0);
    report::MapSheetOptions options;
    options.village = "龙塘冲村";
    options.paper = report::Paper::A3;
    options.orientation = QPageLayout::Portrait;
    options.colourBy = report::ColourBy::Eligibility;
    auto sheet = report::makeMapSheet(sample->map, sample->rows, sample->settings, options);
    REQUIRE(sheet);
    CHECK(sheet->parcelCount == std::size_t(inVillage));
    // The frame shows the village, a part of the town.
    const core::Box town = sample->map->extent();
    CHECK(sheet->extent.width() * sheet->extent.height() < 0.8 * town.width() * town.height());
    const std::string pdf = sample->dir.file("village.pdf");
    REQUIRE(report::writeMapSheetPdf(*sheet, QString::fromStdString(pdf)).ok());
    const std::string text = pdfText(pdf);
    INFO(text);
    CHECK(contains(text, "峨溶镇龙塘冲村2023年耕地恢复补足潜力图斑分布图"));
    CHECK(contains(text, "筛查结果"));
    CHECK(contains(text, "符合条件"));
    CHECK(contains(text, "图斑：" + std::to_string(inVillage) + "个"));
    CHECK(contains(runCommand("pdfinfo '" + pdf + "'").out, "842 x 1191 pts (A3)"));
    const QImage page = rasterise(sample->dir, pdf);
    CHECK(page.height() > page.width());                   // portrait
    CHECK(pixelsNear(page, qRgb(0x4d, 0xaf, 0x4a)) > 20);  // eligible parcels, green
}

TEST_CASE("A map sheet of an unknown village is refused, naming the villages", "[report][mapsheet]")
{
    ensureGui();
    const auto sample = loadSample();
    report::MapSheetOptions options;
    options.village = "三江村";
    auto sheet = report::makeMapSheet(sample->map, sample->rows, sample->settings, options);
    REQUIRE_FALSE(sheet);
    CHECK(sheet.error().code == core::ErrorCode::InvalidArgument);
    CHECK(contains(sheet.error().detail, "no village '三江村'"));
    CHECK(contains(sheet.error().detail, "龙塘冲村"));
}

TEST_CASE("Map sheets print at a round scale with the CRS in words", "[report][mapsheet]")
{
    CHECK(report::roundSheetScale(30100) == 40000);
    CHECK(report::roundSheetScale(50000) == 50000);
    CHECK(report::roundSheetScale(12001) == 12500);
    CHECK(report::roundSheetScale(81000) == 100000);
    // EPSG:4526 is zone 38 with the zone prefix: central meridian 38 * 3 = 114°E.
    CHECK(report::crsNote(4526) ==
          QStringLiteral("坐标系：2000国家大地坐标系，高斯-克吕格投影3度带第38带，中央经线114°E"
                         "（EPSG代码4526）"));
    CHECK(report::parsePaper("a3") == report::Paper::A3);
    CHECK_FALSE(report::parsePaper("B5"));
}
