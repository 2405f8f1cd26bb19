// SPDX-License-Identifier: GPL-3.0-or-later
// A child process killed in the middle of an import leaves the file consistent: the batch is
// either whole or absent (SQLite's WAL and the single import transaction make it so).
#include "../support/testfiles.h"

#include <core/db/statement.h>

#include <catch2/catch.hpp>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace gengbao;
using namespace gengbao::test;

namespace {

constexpr int kParcels = 12000;

// Signals the parent through a pipe at a chosen moment of the import, then keeps going slowly,
// so the parent's SIGKILL lands while the transaction is open.
struct SignallingProgress : core::Progress
{
    int fd = -1;
    int reports = 0;
    void report(double fraction, std::string_view stage) override
    {
        if (stage == "importing" && fraction > 0.0 && ++reports == 2) {
            [[maybe_unused]] auto written = ::write(fd, "x", 1);
            ::usleep(500000);
        }
    }
};

void expectConsistent(const std::string &path, std::int64_t parcels, std::int64_t batches)
{
    auto project = core::Project::open(path);
    if (!project)
        FAIL(project.error().message());
    auto check = (*project)->database().prepare("PRAGMA integrity_check");
    REQUIRE(*check->step());
    CHECK(check->text(0) == "ok");
    CHECK(countRows(**project, "parcels") == parcels);
    CHECK(countRows(**project, "batches") == batches);
    CHECK(countRows(**project, "rtree_parcels_geom") == parcels);
    // Whatever batch is there is whole.
    auto counts =
        (*project)->database().prepare("SELECT b.imported_count, (SELECT count(*) FROM parcels p "
                                       "WHERE p.batch_id = b.id) FROM batches b");
    while (*counts->step())
        CHECK(counts->int64(0) == counts->int64(1));
}

}  // namespace

TEST_CASE("an import killed half-way leaves the batch absent and after commit whole",
          "[core][import][crash]")
{
    TempDir dir;
    VectorSpec spec;
    spec.fields = surveyFields();
    for (int i = 0; i < kParcels; ++i) {
        spec.features.push_back(surveyFeature(
            squareWkt(570000 + 25 * (i % 400), 3150000 + 25 * (i / 400), 20),
            std::to_string(100000 + i), "5002411112010000000", "龙塘冲村", std::nullopt));
    }
    writeVector(dir.file("big.shp"), spec);
    const std::string path = dir.file("project.gpkg");
    {
        auto project = newProject(dir);
        VectorSpec small;
        small.fields = surveyFields();
        small.features.push_back(surveyFeature(squareWkt(560000, 3150000, 20), "existing",
                                               "5002411112010000000", "龙塘冲村", std::nullopt));
        writeVector(dir.file("small.shp"), small);
        importOk(*project, dir.file("small.shp"));
    }

    const auto runChild = [&](bool killDuringImport) {
        int pipeFds[2];
        REQUIRE(::pipe(pipeFds) == 0);
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            ::close(pipeFds[0]);
            auto project = core::Project::open(path);
            if (!project)
                ::_exit(3);
            SignallingProgress progress;
            progress.fd = killDuringImport ? pipeFds[1] : -1;
            core::ImportRequest request;
            request.path = dir.file("big.shp");
            auto summary = core::importParcels(**project, request, progress);
            if (!killDuringImport && summary.ok()) [[maybe_unused]]
                auto written = ::write(pipeFds[1], "x", 1);  // committed
            ::pause();                                       // wait to be killed
            ::_exit(0);
        }
        ::close(pipeFds[1]);
        char signal = 0;
        REQUIRE(::read(pipeFds[0], &signal, 1) == 1);
        ::close(pipeFds[0]);
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        CHECK(WIFSIGNALED(status));
    };

    SECTION("killed during the import: the batch is absent")
    {
        runChild(true);
        expectConsistent(path, 1, 1);
    }
    SECTION("killed after the commit: the batch is whole")
    {
        runChild(false);
        expectConsistent(path, 1 + kParcels, 2);
    }
}
