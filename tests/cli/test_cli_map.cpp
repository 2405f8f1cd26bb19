// SPDX-License-Identifier: GPL-3.0-or-later
// gengbao-cli render and print map as a script uses them: an image of the asked size with the
// render time on stderr, a PDF sheet whose text pdftotext reads, one-line errors.
#include "../support/testfiles.h"

#include <catch2/catch.hpp>

#include <gdal.h>

#include <array>
#include <cstdint>
#include <regex>
#include <vector>

using namespace gengbao::test;

namespace {

const std::string kCli = std::string(GENGBAO_BIN_DIR) + "/gengbao-cli";

CommandResult cli(const std::string &arguments)
{
    return runCommand("'" + kCli + "' " + arguments);
}

std::size_t lineCount(const std::string &text)
{
    std::size_t lines = 0;
    for (const char c : text)
        lines += c == '\n' ? 1 : 0;
    return lines;
}

struct Png
{
    int width = 0, height = 0;
    std::vector<std::array<std::uint8_t, 3>> pixels;  // row-major RGB
};

// Read back with GDAL, a decoder other than Qt's.
Png readPng(const std::string &path)
{
    Png png;
    GDALDatasetH dataset = GDALOpen(path.c_str(), GA_ReadOnly);
    REQUIRE(dataset != nullptr);
    png.width = GDALGetRasterXSize(dataset);
    png.height = GDALGetRasterYSize(dataset);
    REQUIRE(GDALGetRasterCount(dataset) >= 3);
    std::vector<std::uint8_t> band(std::size_t(png.width) * std::size_t(png.height));
    png.pixels.resize(band.size());
    for (int b = 0; b < 3; ++b) {
        REQUIRE(GDALRasterIO(GDALGetRasterBand(dataset, b + 1), GF_Read, 0, 0, png.width,
                             png.height, band.data(), png.width, png.height, GDT_Byte, 0,
                             0) == CE_None);
        for (std::size_t i = 0; i < band.size(); ++i)
            png.pixels[i][std::size_t(b)] = band[i];
    }
    GDALClose(dataset);
    return png;
}

std::size_t pixelsOf(const Png &png, std::uint8_t r, std::uint8_t g, std::uint8_t b)
{
    std::size_t count = 0;
    for (const auto &pixel : png.pixels)
        count += pixel[0] == r && pixel[1] == g && pixel[2] == b ? 1 : 0;
    return count;
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("cli render writes an image of the asked size and says how long it took", "[cli][map]")
{
    TempDir dir;
    const std::string project = dir.file("sample.gpkg");
    REQUIRE(cli("sample " + project).status == 0);
    const auto rendered = cli("render " + project + " --size 640x480 -o " + dir.file("town.png"));
    INFO(rendered.err);
    REQUIRE(rendered.status == 0);
    CHECK(std::regex_match(rendered.err, std::regex("render: [0-9]+ ms\n")));
    const Png town = readPng(dir.file("town.png"));
    CHECK(town.width == 640);
    CHECK(town.height == 480);
    // Coloured by eligibility by default: the sample's eligible parcels in 0x4daf4a and its
    // parcels in the red line in 0xe31a1c, each drawn opaque somewhere.
    CHECK(pixelsOf(town, 0x4d, 0xaf, 0x4a) > 100);
    CHECK(pixelsOf(town, 0xe3, 0x1a, 0x1c) > 0);

    // By stage every parcel is a candidate (0xf4d35e); none is green.
    REQUIRE(
        cli("render " + project + " --size 640x480 --colour-by stage -o " + dir.file("stage.png"))
            .status == 0);
    const Png stage = readPng(dir.file("stage.png"));
    CHECK(pixelsOf(stage, 0xf4, 0xd3, 0x5e) > 100);
    CHECK(pixelsOf(stage, 0x4d, 0xaf, 0x4a) == 0);

    // One village (109 of the 386 parcels), zoomed in: its parcels cover more of the image than
    // all the town's did (the other villages' are drawn lighter, not green).
    REQUIRE(cli("render " + project + " --village 龙塘冲村 --size 640x480 -o " +
                dir.file("village.png"))
                .status == 0);
    const Png village = readPng(dir.file("village.png"));
    CHECK(pixelsOf(village, 0x4d, 0xaf, 0x4a) > pixelsOf(town, 0x4d, 0xaf, 0x4a));
}

TEST_CASE("cli render refuses bad input in one line", "[cli][map]")
{
    TempDir dir;
    const std::string project = dir.file("sample.gpkg");
    REQUIRE(cli("sample " + project).status == 0);
    const std::string out = " -o " + dir.file("x.png");

    const auto village = cli("render " + project + " --village 三江村 --size 100x100" + out);
    CHECK(village.status == 1);
    CHECK(lineCount(village.err) == 1);
    CHECK(contains(village.err, project));
    CHECK(contains(village.err, "no village '三江村'"));

    for (const std::string size : {"640", "0x480", "640x-1", "20000x10", "axb"}) {
        const auto bad = cli("render " + project + " --size " + size + out);
        INFO(size);
        CHECK(bad.status == 2);
        CHECK(contains(bad.err.substr(0, bad.err.find('\n')), "--size"));
    }
    CHECK(cli("render " + project + " --size 100x100").status == 2);  // no -o
    CHECK(cli("render " + project + " --size 100x100 --colour-by verdict" + out).status == 2);
    const auto missing = cli("render " + dir.file("none.gpkg") + " --size 100x100" + out);
    CHECK(missing.status == 1);
    CHECK(lineCount(missing.err) == 1);
    CHECK_FALSE(std::filesystem::exists(dir.file("x.png")));
}

TEST_CASE("cli print map draws the sheet to PDF", "[cli][map]")
{
    TempDir dir;
    const std::string project = dir.file("sample.gpkg");
    REQUIRE(cli("sample " + project).status == 0);
    const auto printed = cli("print map " + project + " -o " + dir.file("map.pdf"));
    INFO(printed.err);
    REQUIRE(printed.status == 0);
    const auto text = runCommand("pdftotext " + dir.file("map.pdf") + " -");
    REQUIRE(text.status == 0);
    CHECK(contains(text.out, "峨溶镇2023年耕地恢复补足潜力图斑分布图"));
    CHECK(contains(text.out, "阶段"));  // coloured by stage by default
    CHECK(contains(text.out, "备选"));
    CHECK(contains(text.out, "比例尺 1:"));
    CHECK(contains(runCommand("pdfinfo " + dir.file("map.pdf")).out, "842 x 595 pts (A4)"));

    const auto village = cli("print map " + project +
                             " --village 龙塘冲村 --paper A3 --orientation portrait "
                             "--colour-by eligibility -o " +
                             dir.file("village.pdf"));
    INFO(village.err);
    REQUIRE(village.status == 0);
    const auto villageText = runCommand("pdftotext " + dir.file("village.pdf") + " -");
    CHECK(contains(villageText.out, "峨溶镇龙塘冲村2023年耕地恢复补足潜力图斑分布图"));
    CHECK(contains(villageText.out, "符合条件"));
    CHECK(contains(runCommand("pdfinfo " + dir.file("village.pdf")).out, "842 x 1191 pts (A3)"));

    const auto unknown =
        cli("print map " + project + " --village 三江村 -o " + dir.file("bad.pdf"));
    CHECK(unknown.status == 1);
    CHECK(lineCount(unknown.err) == 1);
    CHECK(contains(unknown.err, "no village '三江村'"));
    CHECK_FALSE(std::filesystem::exists(dir.file("bad.pdf")));
    CHECK(cli("print map " + project + " --paper B5 -o " + dir.file("b.pdf")).status == 2);
    CHECK(cli("print map " + project + " --orientation up -o " + dir.file("b.pdf")).status == 2);
    CHECK(cli("print map " + project).status == 2);  // no -o
}
