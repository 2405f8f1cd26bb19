// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/base/strings.h>
#include <core/base/units.h>
#include <core/domain/village.h>
#include <core/geo/crs.h>
#include <core/io/encoding.h>

#include <catch2/catch.hpp>

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
