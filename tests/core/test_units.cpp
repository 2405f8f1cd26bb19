// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/base/csv.h>
#include <core/base/strings.h>
#include <core/base/units.h>
#include <core/domain/village.h>
#include <core/geo/crs.h>
#include <core/io/encoding.h>

#include <catch2/catch.hpp>

#include <cmath>

using namespace gengbao::core;

TEST_CASE("decimal rounding is half away from zero on the decimal value", "[core][units]")
{
    // Binary 1.005 is 1.00499999999999989...; a person and Excel round it to 1.01.
    CHECK(roundDecimal(1.005, 2) == 1.01);
    CHECK(roundDecimal(2.675, 2) == 2.68);
    CHECK(roundDecimal(-1.005, 2) == -1.01);
    CHECK(roundDecimal(0.125, 2) == 0.13);
    CHECK(roundDecimal(0.124999, 2) == 0.12);
    CHECK(roundDecimal(123456.785, 2) == 123456.79);
    CHECK(roundDecimal(0.0049, 2) == 0.0);
    CHECK(roundDecimal(0.005, 2) == 0.01);
    CHECK(roundToScaled(465.17, 2) == 46517);
}

TEST_CASE("mu is square metres times 0.0015 exactly", "[core][units]")
{
    CHECK(squareMetresToMu(10000.0 / 15.0) == Approx(1.0).epsilon(1e-15));
    CHECK(squareMetresToMu(1.0) == 0.0015);
    // The plan's target: 465.17 mu is 310113.33 m² (465.17 / 0.0015 = 310113.333...).
    CHECK(roundDecimal(squareMetresToMu(310113.33), 2) == 465.17);
    // Dividing by 666.67 instead is 5e-6 too small: 666671.333 m² is 1000.007 mu (1000.01 printed),
    // but 666671.333 / 666.67 = 1000.002 prints as 1000.00.
    const double squareMetres = 666671.333;
    CHECK(roundDecimal(squareMetresToMu(squareMetres), 2) == 1000.01);
    CHECK(roundDecimal(squareMetres / 666.67, 2) == 1000.00);
}

TEST_CASE("net area deducts the rounded gross x KCXS as the survey does", "[core][units]")
{
    // Hand calculation: 1234.50 × 0.1886 = 232.8267 -> 232.83; net 1234.50 - 232.83 = 1001.67.
    CHECK(deductionSquareMetres(1234.50, 0.1886) == 232.83);
    CHECK(netSquareMetres(1234.50, 0.1886) == Approx(1001.67).margin(1e-9));
    // A tie: 1.50 × 0.0100 = 0.015 exactly -> 0.02 (the binary product 0.01499... would give 0.01).
    CHECK(deductionSquareMetres(1.50, 0.0100) == 0.02);
    // 3061.92 × 0.068 = 208.21056 -> 208.21.
    CHECK(deductionSquareMetres(3061.92, 0.068) == 208.21);
    CHECK(netSquareMetres(100.0, std::nullopt) == 100.0);
    CHECK(netSquareMetres(100.0, 0.0) == 100.0);
}

TEST_CASE("the village key is the first 12 digits of a 12- 16- or 19-digit ZLDWDM",
          "[core][village]")
{
    CHECK(villageCodeFromZldwdm("5002411112010000000") == "500241111201");
    CHECK(villageCodeFromZldwdm("5002411112010001") == "500241111201");
    CHECK(villageCodeFromZldwdm("500241111201") == "500241111201");
    CHECK(villageCodeFromZldwdm(" 500241111201 ") == "500241111201");
    CHECK_FALSE(villageCodeFromZldwdm("500241111201000"));  // 15 digits
    CHECK_FALSE(villageCodeFromZldwdm("50024111120A0000000"));
    CHECK_FALSE(villageCodeFromZldwdm(""));
    CHECK(isVillageLevelCode("5002411112010000000"));
    CHECK_FALSE(isVillageLevelCode("5002411112010010000"));  // a 村民小组
}

TEST_CASE("CRS helpers pick CGCS2000 Gauss-Kruger zones", "[core][crs]")
{
    // CM 108°E is zone 36 -> EPSG:4545; 秀山 at 108.9°E; 铜梁 at 106.05°E is CM 105°E -> EPSG:4544.
    CHECK(crs::nearestGaussKrugerEpsg(108.9) == 4545);
    CHECK(crs::nearestGaussKrugerEpsg(106.05) == 4544);
    CHECK(crs::nearestGaussKrugerEpsg(109.6) == 4546);
    CHECK(crs::nearestGaussKrugerEpsg(75.0) == 4534);
    CHECK(crs::nearestGaussKrugerEpsg(135.0) == 4554);
    // 8-digit eastings carry the zone: 36588115.69 is zone 36 with prefix -> EPSG:4524.
    CHECK(crs::zonePrefixedEpsgFromCoordinates(36588115.69, 36589000.0, 3154183.7, 3155000.0) ==
          4524);
    CHECK_FALSE(crs::zonePrefixedEpsgFromCoordinates(588115.69, 589000.0, 3154183.7, 3155000.0));
    CHECK_FALSE(
        crs::zonePrefixedEpsgFromCoordinates(36588115.69, 37000100.0, 3154183.7, 3155000.0));
    CHECK(crs::checkProjectCrs(4545).ok());
    CHECK_FALSE(crs::checkProjectCrs(4490).ok());  // geographic
}

TEST_CASE("encoding names from .cpg files and DBF language bytes", "[core][encoding]")
{
    CHECK(encoding::fromCpg("ANSI 936") == "GB18030");
    CHECK(encoding::fromCpg("936\r\n") == "GB18030");
    CHECK(encoding::fromCpg("GBK") == "GB18030");
    CHECK(encoding::fromCpg("cp936") == "GB18030");
    CHECK(encoding::fromCpg("GB2312") == "GB18030");
    CHECK(encoding::fromCpg("UTF-8") == "UTF-8");
    CHECK(encoding::fromCpg("65001") == "UTF-8");
    CHECK_FALSE(encoding::fromCpg("no such code page"));
    CHECK(encoding::fromLanguageDriver(77) == "GB18030");
    CHECK_FALSE(encoding::fromLanguageDriver(87));  // "ANSI": says nothing
    CHECK_FALSE(encoding::fromLanguageDriver(0));
    // Strict UTF-8: GBK "村" (B4 E5) is not UTF-8; real UTF-8 "村" (E6 9D 91) is.
    CHECK_FALSE(isValidUtf8("\xB4\xE5"));
    CHECK(isValidUtf8("\xE6\x9D\x91"));
    CHECK_FALSE(isValidUtf8("\xC0\xAF"));  // overlong '/'
    // "将家村" cut after 8 of its 9 bytes: valid but for a 2-byte tail.
    std::size_t tail = 0;
    CHECK(checkUtf8("\xE5\xB0\x86\xE5\xAE\xB6\xE6\x9D", &tail) == Utf8Check::TruncatedTail);
    CHECK(tail == 2);
    CHECK(checkUtf8("\xE5\xB0\x86\xB4\xE5") == Utf8Check::Invalid);  // GBK inside
}

TEST_CASE("an ESRI .prj of a Gauss-Kruger zone is recognised as its EPSG code", "[core][crs]")
{
    // The .prj ArcGIS writes for EPSG:4545 (as in the sample data); OSRIsSame says it differs.
    const char *esri =
        R"(PROJCS["CGCS2000_3_Degree_GK_CM_108E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",)"
        R"(DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],)"
        R"(UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],)"
        R"(PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0],)"
        R"(PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]])";
    SrsPtr srs(OSRNewSpatialReference(nullptr));
    REQUIRE(OSRSetFromUserInput(srs.get(), esri) == OGRERR_NONE);
    CHECK(crs::isEpsg(srs.get(), 4545));
    CHECK_FALSE(crs::isEpsg(srs.get(), 4544));
    CHECK(crs::describe(srs.get()) == "EPSG:4545");
}

TEST_CASE("an area in mu is digits with at most 2 decimals, or refused saying so",
          "[core][units][numbers]")
{
    CHECK(*parseAreaCentiMu("115.17") == 11517);
    CHECK(*parseAreaCentiMu("110") == 11000);
    CHECK(*parseAreaCentiMu("17.5") == 1750);
    CHECK(*parseAreaCentiMu("0.010") == 1);  // zeros beyond the second place say nothing
    CHECK(*parseAreaCentiMu("0") == 0);
    CHECK(*parseAreaCentiMu("1000000") == kMaxAreaCentiMu);
    const auto detail = [](const char *text) {
        auto parsed = parseAreaCentiMu(text);
        REQUIRE_FALSE(parsed.ok());
        return parsed.error().detail;
    };
    const std::string form = "is not an area in mu (a decimal number with at most 2 places, e.g. "
                             "58.40)";
    for (const char *text :
         {"TRUE", "0x10", "1e308", "1E+3", "inf", "nan", "-0", "+5", " 12.5", "12.5 ", "1,000.00",
          "12.", ".5", "", "三十", "50%", "12.5.1", "2023-04-05", "1 000"}) {
        INFO("'" << text << "'");
        CHECK(detail(text) == "'" + std::string(text) + "' " + form);
    }
    CHECK(detail("-5") == "'-5' is negative; an area in mu is 0 or more");
    CHECK(detail("-0.01") == "'-0.01' is negative; an area in mu is 0 or more");
    CHECK(detail("12.345") ==
          "'12.345' has more than 2 decimal places (areas are kept to 0.01 mu)");
    CHECK(detail("1000000.01").find("is more than 1000000 mu") != std::string::npos);
    CHECK(detail("99999999999999999999999").find("is more than 1000000 mu") !=
          std::string::npos);  // no overflow on the way
}

TEST_CASE("an area held as a number is its 2-decimal value in truth", "[core][units][numbers]")
{
    CHECK(*areaCentiMuOfNumber(115.17000000000002, "115.17000000000002") == 11517);
    CHECK(*areaCentiMuOfNumber(30.000000000000004, "x") == 3000);
    CHECK(*areaCentiMuOfNumber(-0.0, "-0") == 0);
    CHECK(*areaCentiMuOfNumber(1e6, "1E+6") == kMaxAreaCentiMu);
    CHECK(areaCentiMuOfNumber(1e308, "1E+308").error().detail.find("'1E+308' is more than") == 0);
    CHECK(areaCentiMuOfNumber(12.345, "12.345").error().detail.find("more than 2 decimal") !=
          std::string::npos);
    CHECK(areaCentiMuOfNumber(-5, "-5").error().detail.find("negative") != std::string::npos);
    CHECK_FALSE(areaCentiMuOfNumber(std::nan(""), "nan").ok());
    CHECK_FALSE(areaCentiMuOfNumber(INFINITY, "inf").ok());
}

TEST_CASE("counts, decimals and dates typed by a person are read strictly", "[core][numbers]")
{
    CHECK(*parsePositiveInteger("42") == 42);
    CHECK(*parsePositiveInteger("9223372036854775807") == 9223372036854775807LL);
    for (const char *text :
         {"0", "-1", "+1", " 1", "1 ", "0x10", "1e3", "1.0", "", "abc", "9223372036854775808"}) {
        INFO("'" << text << "'");
        CHECK_FALSE(parsePositiveInteger(text));
    }
    CHECK(*parseDecimal("25") == 25.0);
    CHECK(*parseDecimal("0.5") == 0.5);
    for (const char *text : {"-1", "+1", "inf", "nan", "1e3", "0x10", " 1", ".5", "5.", ""}) {
        INFO("'" << text << "'");
        CHECK_FALSE(parseDecimal(text));
    }
    // parseNumber (survey attributes) takes exponents but not inf and nan.
    CHECK(*parseNumber("1e3") == 1000.0);
    CHECK(*parseNumber(" 12 ") == 12.0);
    CHECK_FALSE(parseNumber("inf"));
    CHECK_FALSE(parseNumber("nan"));
    CHECK_FALSE(parseNumber("-infinity"));

    CHECK(isCalendarDate("2023-04-05"));
    CHECK(isCalendarDate("2024-02-29"));
    for (const char *text :
         {"2023-02-30", "2023-02-29", "2023-13-01", "2023-00-10", "", "2023-4-5", "2023- 4-05",
          "2023-+4-05", "2023/04/05", "20230405", "2023-04-05 ", "today"}) {
        INFO("'" << text << "'");
        CHECK_FALSE(isCalendarDate(text));
    }
}

TEST_CASE("text is trimmed at its ends only", "[core][strings]")
{
    const std::string ideographic = "\xE3\x80\x80";  // U+3000
    CHECK(trimmedText("  需 自选\t图斑  ") == "需 自选\t图斑");
    CHECK(trimmedText(ideographic + "国道旁" + ideographic + "荒地" + ideographic + " ") ==
          "国道旁" + ideographic + "荒地");
    CHECK(trimmedText(ideographic + ideographic) == "");
    CHECK(trimmed(ideographic + "x") == ideographic + "x");  // trimmed() keeps to ASCII
}

TEST_CASE("CSV text cells that a spreadsheet would evaluate are neutralised, numbers never",
          "[core][csv]")
{
    CHECK(csv::field("=HYPERLINK(\"http://x\",\"y\")") ==
          "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    CHECK(csv::field("+1") == "'+1");
    CHECK(csv::field("-12.50") == "'-12.50");  // a text that looks like a number is still text
    CHECK(csv::field("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv::field("\tx") == "'\tx");
    CHECK(csv::field("\rx") == "\"'\rx\"");
    CHECK(csv::field("\xEF\xBC\x9D"
                     "1+1") == "'\xEF\xBC\x9D"
                               "1+1");  // ＝1+1
    CHECK(csv::field("峨溶居委会") == "峨溶居委会");
    CHECK(csv::field("a=b") == "a=b");
    CHECK(csv::field("'=x") == "''=x");  // so that reading back takes exactly one away
    CHECK(csv::field("'quoted'") == "'quoted'");
    CHECK(csv::field("") == "");
    // Numbers are not text: a negative stays a number.
    CHECK(csv::numberText(-12.5) == "-12.5");
    CHECK(csv::number("-12.50") == "-12.50");
    CHECK(csv::value(nlohmann::ordered_json(-3)) == "-3");
    CHECK(csv::value(nlohmann::ordered_json(-0.25)) == "-0.25");
    CHECK(csv::value(nlohmann::ordered_json("-0.25")) == "'-0.25");
    CHECK(csv::value(nlohmann::ordered_json::array({"=a", "b"})) == "'=a;b");

    // Read back verbatim: restoredText undoes exactly what field added (before RFC quoting).
    for (const std::string text : {"=1+2", "+", "-", "@", "\t", "'=x", "''-y", "'", "''", "x'",
                                   "-12.50", "普通备注", "'普通", "\xEF\xBC\xA0x", ""}) {
        INFO("'" << text << "'");
        const std::string written =
            csv::needsNeutralising(text) ? "'" + text : text;  // field() less the quoting
        CHECK(csv::restoredText(written) == text);
        CHECK(csv::field(text).find(written) != std::string::npos);
    }
    CHECK(csv::restoredText("'plain") == "'plain");  // an apostrophe we did not add stays
}
