// SPDX-License-Identifier: GPL-3.0-or-later
// GBK round trips: shapefiles written by GDAL in real GBK bytes (or UTF-8), labelled every way
// counties label them, imported and read back as UTF-8 without mojibake or '?'.
#include "../support/testfiles.h"

#include <core/db/statement.h>
#include <core/ops/exportparcels.h>

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace gengbao;
using namespace gengbao::test;

namespace {

const std::string kVillage = "将家村";
const std::string kLandClass = "其他园地";
const std::string kRemark = "镕铓（生僻字）·测试";  // rarer characters, all inside GBK

VectorSpec chineseShapefile(std::vector<std::string> layerOptions)
{
    VectorSpec spec;
    spec.layerOptions = std::move(layerOptions);
    spec.fields = surveyFields();
    spec.fields.push_back({"BZ", FieldType::String, 100});
    auto feature = surveyFeature(squareWkt(588000, 3154000, 30), "500241000000000001",
                                 "5002411112070000000", kVillage, 900.0, std::nullopt, kLandClass);
    feature.values.push_back(kRemark);
    spec.features.push_back(feature);
    return spec;
}

void setLanguageDriver(const std::string &dbf, unsigned char ldid)
{
    std::fstream file(dbf, std::ios::binary | std::ios::in | std::ios::out);
    file.seekp(29);
    file.put(static_cast<char>(ldid));
}

unsigned char languageDriver(const std::string &dbf)
{
    std::ifstream file(dbf, std::ios::binary);
    file.seekg(29);
    return static_cast<unsigned char>(file.get());
}

core::ParcelRow importSingle(const TempDir &dir, const std::string &shp,
                             const std::string &expectedEncoding, const std::string &expectedOrigin,
                             std::optional<std::string> override = std::nullopt)
{
    auto project = newProject(dir);
    core::ImportRequest request;
    request.path = shp;
    request.encoding = override;
    core::Progress progress;
    auto summary = core::importParcels(*project, request, progress);
    if (!summary)
        FAIL(summary.error().message());
    CHECK(summary->encoding == expectedEncoding);
    CHECK(summary->encodingOrigin == expectedOrigin);
    auto rows = core::loadParcelRows(*project);
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 1);
    // The original attributes are kept verbatim too.
    auto attributes = project->database().prepare("SELECT attributes FROM parcels");
    REQUIRE(attributes.ok());
    REQUIRE(*attributes->step());
    const auto json = nlohmann::json::parse(attributes->text(0));
    CHECK(json.at("ZLDWMC") == kVillage);
    CHECK(json.at("BZ") == kRemark);
    return rows->front();
}

}  // namespace

TEST_CASE("GBK shapefiles decode correctly however their encoding is declared", "[core][encoding]")
{
    TempDir dir;
    const std::string shp = dir.file("gbk.shp");
    const std::string dbf = dir.file("gbk.dbf");
    const std::string cpg = dir.file("gbk.cpg");

    SECTION(".cpg CP936, as GDAL writes it")
    {
        writeVector(shp, chineseShapefile({"ENCODING=CP936"}));
        // The DBF really holds GBK bytes: "将家村" is BD AB BC D2 B4 E5 in GBK.
        CHECK(readFile(dbf).find("\xBD\xAB\xBC\xD2\xB4\xE5") != std::string::npos);
        const auto row = importSingle(dir, shp, "GB18030", "cpg");
        CHECK(row.village == kVillage);
        CHECK(row.dlmc == kLandClass);
    }
    SECTION(".cpg 'ANSI 936', which GDAL itself does not understand")
    {
        writeVector(shp, chineseShapefile({"ENCODING=CP936"}));
        std::ofstream(cpg, std::ios::trunc) << "ANSI 936";
        CHECK(importSingle(dir, shp, "GB18030", "cpg").village == kVillage);
    }
    SECTION("no .cpg, DBF language byte 77 (ArcGIS)")
    {
        writeVector(shp, chineseShapefile({"ENCODING=LDID/77"}));
        REQUIRE_FALSE(std::filesystem::exists(cpg));
        REQUIRE(languageDriver(dbf) == 77);
        CHECK(importSingle(dir, shp, "GB18030", "dbf language byte").village == kVillage);
    }
    SECTION("no .cpg, no language byte: the strict UTF-8 check fails, so GBK")
    {
        writeVector(shp, chineseShapefile({"ENCODING=CP936"}));
        std::filesystem::remove(cpg);
        setLanguageDriver(dbf, 0);
        CHECK(importSingle(dir, shp, "GB18030", "detected").village == kVillage);
    }
    SECTION("language byte 87 ('ANSI') says nothing: detected")
    {
        writeVector(shp, chineseShapefile({"ENCODING=CP936"}));
        std::filesystem::remove(cpg);
        setLanguageDriver(dbf, 87);
        CHECK(importSingle(dir, shp, "GB18030", "detected").village == kVillage);
    }
    SECTION("UTF-8 with a .cpg")
    {
        writeVector(shp, chineseShapefile({"ENCODING=UTF-8"}));
        CHECK(importSingle(dir, shp, "UTF-8", "cpg").village == kVillage);
    }
    SECTION("UTF-8 without a .cpg: detected as UTF-8")
    {
        writeVector(shp, chineseShapefile({"ENCODING=UTF-8"}));
        std::filesystem::remove(cpg);
        setLanguageDriver(dbf, 0);
        CHECK(importSingle(dir, shp, "UTF-8", "detected").village == kVillage);
    }
    SECTION("a wrong .cpg is overridden by the officer")
    {
        writeVector(shp, chineseShapefile({"ENCODING=CP936"}));
        std::ofstream(cpg, std::ios::trunc) << "UTF-8";  // mislabelled
        CHECK(importSingle(dir, shp, "GB18030", "override", "GBK").village == kVillage);
    }
}

TEST_CASE("a mislabelled shapefile is refused and never turned into question marks",
          "[core][encoding]")
{
    TempDir dir;
    const std::string shp = dir.file("wrong.shp");
    writeVector(shp, chineseShapefile({"ENCODING=CP936"}));
    std::ofstream(dir.file("wrong.cpg"), std::ios::trunc) << "UTF-8";
    auto project = newProject(dir);
    core::ImportRequest request;
    request.path = shp;
    core::Progress progress;
    auto summary = core::importParcels(*project, request, progress);
    REQUIRE_FALSE(summary.ok());
    CHECK(summary.error().code == core::ErrorCode::UnknownEncoding);
    CHECK(summary.error().message().find(shp) == 0);
    CHECK(summary.error().message().find("--encoding") != std::string::npos);
    CHECK(countRows(*project, "parcels") == 0);
    CHECK(countRows(*project, "batches") == 0);
}

TEST_CASE("Chinese field names map to the standard fields", "[core][encoding][fields]")
{
    TempDir dir;
    const std::string shp = dir.file("aliases.shp");
    VectorSpec spec;
    spec.layerOptions = {"ENCODING=CP936"};
    // In GBK a DBF field name holds 5 Chinese characters (10 bytes).
    spec.fields = {{"标识码", FieldType::String, 18},
                   {"坐落单位代码", FieldType::String, 19},  // cut to 坐落单位代 by the DBF limit
                   {"坐落单位名称", FieldType::String, 60},
                   {"图斑面积", FieldType::Real, 15, 2},
                   {"地类名称", FieldType::String, 60}};
    spec.features.push_back({squareWkt(588000, 3154000, 30),
                             {std::string("500241000000000009"), std::string("5002411112030000000"),
                              std::string("黄瓜村"), 900.0, std::string("果园")}});
    writeVector(shp, spec);
    auto project = newProject(dir);
    core::ImportRequest request;
    request.path = shp;
    core::Progress progress;
    auto summary = core::importParcels(*project, request, progress);
    if (!summary)
        FAIL(summary.error().message());
    auto rows = core::loadParcelRows(*project);
    REQUIRE(rows->size() == 1);
    const auto &row = rows->front();
    CHECK(row.id == "500241000000000009");  // 标识码 -> BSM
    CHECK(row.villageCode == "500241111203");
    CHECK(row.village == "黄瓜村");
    CHECK(row.dlmc == "果园");
    CHECK(row.tbmjM2 == 900.0);  // 图斑面积 -> TBMJ
}

TEST_CASE("the officer's field mapping overrides the detected one", "[core][fields]")
{
    TempDir dir;
    const std::string shp = dir.file("mj.shp");
    VectorSpec spec;
    spec.fields = {{"BSM", FieldType::String, 18},
                   {"MJ", FieldType::Real, 15, 2},
                   {"TBMJ", FieldType::Real, 15, 2}};
    // TBMJ holds an old, wrong value; MJ holds the county's current 图斑面积.
    spec.features.push_back({squareWkt(588000, 3154000, 30), {std::string("1"), 899.83, 1.0}});
    writeVector(shp, spec);
    auto project = newProject(dir);
    core::ImportRequest request;
    request.path = shp;
    request.fieldOverrides = {{"tbmj", "mj"}};
    core::Progress progress;
    REQUIRE(core::importParcels(*project, request, progress).ok());
    CHECK(core::loadParcelRows(*project)->front().tbmjM2 == 899.83);

    request.fieldOverrides = {{"TBMJ", "NO_SUCH_FIELD"}};
    auto refused = core::importParcels(*project, request, progress);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message().find("NO_SUCH_FIELD") != std::string::npos);
}

TEST_CASE("a value cut in the middle of a character loses only that character", "[core][encoding]")
{
    // Other programs than GDAL cut a value to the DBF field width in bytes, which can split a
    // character. Reproduced by replacing the value's last byte with the DBF pad (a space).
    TempDir dir;
    const auto cutLastByte = [](const std::string &dbf, const std::string &value) {
        std::string bytes = readFile(dbf);
        const auto at = bytes.find(value);
        REQUIRE(at != std::string::npos);
        bytes[at + value.size() - 1] = ' ';
        std::ofstream(dbf, std::ios::binary | std::ios::trunc) << bytes;
    };
    SECTION("GBK: 将家村 cut to 将家 and half of 村")
    {
        writeVector(dir.file("cut.shp"), chineseShapefile({"ENCODING=CP936"}));
        cutLastByte(dir.file("cut.dbf"), "\xBD\xAB\xBC\xD2\xB4\xE5");
        auto project = newProject(dir);
        const auto summary = importOk(*project, dir.file("cut.shp"));
        CHECK(core::loadParcelRows(*project)->front().village == "将家");
        REQUIRE(summary.issues.size() == 1);
        CHECK(summary.issues[0].code == "text_cut");
        CHECK(summary.issues[0].detail.find("ZLDWMC") != std::string::npos);
    }
    SECTION("UTF-8 without .cpg: still detected as UTF-8, not as GBK mojibake")
    {
        writeVector(dir.file("cut.shp"), chineseShapefile({"ENCODING=UTF-8"}));
        std::filesystem::remove(dir.file("cut.cpg"));
        setLanguageDriver(dir.file("cut.dbf"), 0);
        cutLastByte(dir.file("cut.dbf"), "\xE5\xB0\x86\xE5\xAE\xB6\xE6\x9D\x91");  // 将家村
        auto project = newProject(dir);
        const auto summary = importOk(*project, dir.file("cut.shp"));
        CHECK(summary.encoding == "UTF-8");
        CHECK(core::loadParcelRows(*project)->front().village == "将家");
        CHECK(core::loadParcelRows(*project)->front().dlmc == kLandClass);
    }
}
