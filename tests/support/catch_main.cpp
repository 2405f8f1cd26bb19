// SPDX-License-Identifier: GPL-3.0-or-later
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <gdal.h>

int main(int argc, char *argv[])
{
    GDALAllRegister();
    return Catch::Session().run(argc, argv);
}
