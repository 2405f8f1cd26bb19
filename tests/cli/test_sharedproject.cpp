// SPDX-License-Identifier: GPL-3.0-or-later
// One project file used by the window and the CLI at once, and the file, the folder or the disk
// failing under it (issue 13's reliability campaign, kept in the suite). The window's part is
// played by a Project held open in this process, as ProjectSession holds it; the CLI runs as
// real processes beside it.
#include "../support/testfiles.h"

#include <core/base/openfiles.h>
#include <core/db/filelocks.h>
#include <core/db/statement.h>
#include <core/io/parcelreader.h>
#include <core/ops/lifecycle.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <filesystem>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace gengbao;
using namespace gengbao::test;
namespace fs = std::filesystem;

extern char **environ;

namespace {

const std::string kCli = std::string(GENGBAO_BIN_DIR) + "/gengbao-cli";

std::string quoted(const std::string &text)
{
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

CommandResult cli(const std::string &arguments)
{
    return runCommand(quoted(kCli) + " " + arguments);
}

std::unique_ptr<core::Project> openOk(const std::string &path)
{
    auto project = core::Project::open(path);
    if (!project)
        FAIL(project.error().message());
    return std::move(project).value();
}

// Descriptors of this process on files of `folder` that were deleted under it.
int deletedDescriptorsIn(const fs::path &folder)
{
    int deleted = 0;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator("/proc/self/fd", ec)) {
        const std::string target = fs::read_symlink(entry.path(), ec).string();
        if (!ec && target.rfind(folder.string(), 0) == 0 &&
            target.find("(deleted)") != std::string::npos)
            ++deleted;
    }
    return deleted;
}

std::vector<std::string> eligibleParcels(core::Project &project, int count)
{
    auto query = project.database().prepare(
        "SELECT parcel_id FROM parcels WHERE eligible = 1 ORDER BY fid LIMIT ?");
    query->bind(1, count);
    std::vector<std::string> ids;
    while (*query->step())
        ids.push_back(query->text(0));
    REQUIRE(ids.size() == std::size_t(count));
    return ids;
}

std::string stageOf(core::Project &project, const std::string &parcelId)
{
    auto query = project.database().prepare("SELECT stage FROM parcels WHERE parcel_id = ?");
    query->bind(1, parcelId);
    REQUIRE(*query->step());
    return query->text(0);
}

std::int64_t auditCount(core::Project &project)
{
    return countRows(project, "audit_log");
}

core::Status select(core::Project &project, const std::string &parcelId, const std::string &date)
{
    core::StageChange change;
    change.parcelId = parcelId;
    change.to = core::Stage::Selected;
    change.date = date;
    auto done = core::advanceParcel(project, change);
    if (!done)
        return done.error();
    return core::Status::success();
}

void expectIntact(const std::string &path)
{
    auto project = openOk(path);
    auto integrity = project->database().prepare("PRAGMA integrity_check");
    REQUIRE(*integrity->step());
    CHECK(integrity->text(0) == "ok");
    auto keys = project->database().prepare("PRAGMA foreign_key_check");
    CHECK_FALSE(*keys->step());
}

// A process started in the background (no shell in between: its pid is the program's).
struct Background
{
    pid_t pid = -1;
    explicit Background(const std::vector<std::string> &argv)
    {
        std::vector<char *> args;
        for (const std::string &arg : argv)
            args.push_back(const_cast<char *>(arg.c_str()));
        args.push_back(nullptr);
        REQUIRE(posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) == 0);
    }
    ~Background()
    {
        if (pid > 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
    }
};

}  // namespace

TEST_CASE("the window and the CLI on one project see each other's changes and keep the WAL",
          "[cli][shared]")
{
    TempDir dir;
    const std::string path = dir.file("P.gpkg");
    REQUIRE(cli("sample " + quoted(path)).status == 0);

    auto window = openOk(path);
    const auto wal = core::fileIdentity(path + "-wal");
    REQUIRE(wal);
    REQUIRE(holdsLockOn(path));
    const std::vector<std::string> ids = eligibleParcels(*window, 4);
    const std::int64_t auditBefore = auditCount(*window);

    // What dropped the window's locks before: a worker's connection opened and closed.
    {
        auto worker = openOk(path);
    }
    CHECK(holdsLockOn(path));
    // The project (or its -shm file) offered as a file to read is refused without a descriptor
    // of its own being opened and closed.
    for (const std::string &offered : {path, path + "-shm", path + "-wal"}) {
        core::ReaderOptions options;
        options.path = offered;
        auto reader = core::ParcelReader::open(options);
        REQUIRE_FALSE(reader);
        CHECK(reader.error().code == core::ErrorCode::IsOpenProject);
    }
    CHECK(holdsLockOn(path));

    // Both sides write, in turns; a read-only command runs in between.
    REQUIRE(cli("runs " + quoted(path)).status == 0);
    REQUIRE(cli("advance " + quoted(path) + " " + ids[0] + " selected --date 2023-03-01").status ==
            0);
    REQUIRE(select(*window, ids[1], "2023-03-02"));
    REQUIRE(cli("advance " + quoted(path) + " " + ids[2] + " selected --date 2023-03-03").status ==
            0);
    REQUIRE(select(*window, ids[3], "2023-03-04"));

    // The window sees the CLI's steps, the CLI the window's.
    for (const std::string &id : ids)
        CHECK(stageOf(*window, id) == "selected");
    const CommandResult exported = cli("export " + quoted(path) + " parcels --format json");
    REQUIRE(exported.status == 0);
    int selectedInExport = 0;
    for (const auto &parcel : nlohmann::json::parse(exported.out)) {
        if (std::find(ids.begin(), ids.end(), parcel.at("id").get<std::string>()) != ids.end())
            selectedInExport += parcel.at("stage") == "selected" ? 1 : 0;
    }
    CHECK(selectedInExport == 4);
    CHECK(auditCount(*window) == auditBefore + 4);

    // The CLI never deleted the WAL or the -shm file under the open connection.
    CHECK(deletedDescriptorsIn(dir.path()) == 0);
    CHECK(core::fileIdentity(path + "-wal") == wal);
    CHECK(holdsLockOn(path));

    window.reset();
    expectIntact(path);
    auto reopened = openOk(path);
    CHECK(auditCount(*reopened) == auditBefore + 4);
}

TEST_CASE("after every action the project file alone holds what was committed", "[cli][shared]")
{
    TempDir dir;
    const std::string path = dir.file("P.gpkg");
    REQUIRE(cli("sample " + quoted(path)).status == 0);
    auto window = openOk(path);
    const std::string id = eligibleParcels(*window, 1).front();
    REQUIRE(select(*window, id, "2023-03-01"));

    // The officer copies the project to a USB stick while the window is open: the file only,
    // by another program (a descriptor of this process would drop its locks).
    const std::string copy = dir.file("copy.gpkg");
    REQUIRE(runCommand("cp " + quoted(path) + " " + quoted(copy)).status == 0);
    REQUIRE_FALSE(fs::exists(copy + "-wal"));
    auto copied = openOk(copy);
    CHECK(stageOf(*copied, id) == "selected");
    CHECK(fs::file_size(path + "-wal") == 0);  // the WAL was emptied, not only copied back
}

TEST_CASE("a project file deleted or replaced while open is never written", "[cli][shared]")
{
    TempDir dir;
    const std::string path = dir.file("P.gpkg");
    REQUIRE(cli("sample " + quoted(path)).status == 0);

    SECTION("replaced by another project")
    {
        const std::string other = dir.file("other.gpkg");
        REQUIRE(cli("sample " + quoted(other)).status == 0);
        std::int64_t otherAudit = 0;
        {
            auto project = openOk(other);
            otherAudit = auditCount(*project);
        }
        auto window = openOk(path);
        const std::string id = eligibleParcels(*window, 1).front();
        fs::rename(other, path);  // mv other.gpkg P.gpkg

        const core::Status refused = select(*window, id, "2023-03-01");
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == core::ErrorCode::FileMoved);
        CHECK(refused.error().file == path);

        // What the window holds can still be saved under a new name.
        const std::string rescued = dir.file("rescued.gpkg");
        REQUIRE(window->saveCopy(rescued));
        window.reset();
        expectIntact(path);
        auto replacement = openOk(path);
        CHECK(auditCount(*replacement) == otherAudit);
        CHECK(stageOf(*replacement, id) == "candidate");
        expectIntact(rescued);
    }
    SECTION("deleted")
    {
        auto window = openOk(path);
        const std::vector<std::string> ids = eligibleParcels(*window, 2);
        REQUIRE(select(*window, ids[0], "2023-03-01"));
        fs::remove(path);

        const core::Status refused = select(*window, ids[1], "2023-03-02");
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == core::ErrorCode::FileMoved);

        const std::string rescued = dir.file("rescued.gpkg");
        REQUIRE(window->saveCopy(rescued));
        window.reset();
        expectIntact(rescued);
        auto copy = openOk(rescued);
        CHECK(stageOf(*copy, ids[0]) == "selected");
        CHECK(stageOf(*copy, ids[1]) == "candidate");
        CHECK_FALSE(fs::exists(rescued + ".partial"));
    }
}

TEST_CASE("a project locked by another program names it and changes nothing", "[cli][shared]")
{
    TempDir dir;
    const std::string path = dir.file("P.gpkg");
    REQUIRE(cli("sample " + quoted(path)).status == 0);
    std::string id;
    std::int64_t auditBefore = 0;
    {
        auto project = openOk(path);
        id = eligibleParcels(*project, 1).front();
        auditBefore = auditCount(*project);
    }
    // sqlite3 takes the write lock and keeps it while its shell command sleeps.
    const std::string script = dir.file("hold.sql");
    {
        std::FILE *file = std::fopen(script.c_str(), "w");
        std::fputs("BEGIN IMMEDIATE;\nDELETE FROM audit_log WHERE 0;\n.shell sleep 20\n", file);
        std::fclose(file);
    }
    Background holder({"sqlite3", "-init", script, path, ".quit"});
    bool locked = false;
    for (int i = 0; i < 100 && !locked; ++i) {
        for (const core::LockHolder &other : core::otherProgramsUsing(path))
            locked = locked || (other.pid == holder.pid && other.writing);
        if (!locked)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE(locked);

    const CommandResult result =
        cli("advance " + quoted(path) + " " + id + " selected --date 2023-03-01");
    CHECK(result.status == 1);
    INFO(result.err);
    CHECK(result.err.find("sqlite3 (process " + std::to_string(holder.pid) + ")") !=
          std::string::npos);
    CHECK(result.err.find("Wait until it has finished") != std::string::npos);
    for (const char *sqliteWords : {"database is locked", "step:", "prepare:", "SQLITE"})
        CHECK(result.err.find(sqliteWords) == std::string::npos);

    ::kill(holder.pid, SIGKILL);
    ::waitpid(holder.pid, nullptr, 0);
    holder.pid = -1;
    auto project = openOk(path);
    CHECK(stageOf(*project, id) == "candidate");
    CHECK(auditCount(*project) == auditBefore);
}

namespace {

// A private mount namespace (unshare -rm: no root needed where user namespaces are allowed),
// where the test mounts a small or a read-only tmpfs.
bool privateMountsWork()
{
    static const bool works = runCommand("unshare -rm true").status == 0;
    return works;
}

CommandResult inPrivateMount(const std::string &script)
{
    return runCommand("unshare -rm sh -c " + quoted("set -e; " + script));
}

}  // namespace

TEST_CASE("a project on a read-only disk can be read and exported, not changed", "[cli][shared]")
{
    if (!privateMountsWork()) {
        WARN("unshare -rm is not allowed here: the read-only disk is not simulated");
        return;
    }
    TempDir dir;
    const std::string path = dir.file("P.gpkg");
    REQUIRE(cli("sample " + quoted(path)).status == 0);
    std::string id;
    std::int64_t parcels = 0;
    {
        auto project = openOk(path);
        id = eligibleParcels(*project, 1).front();
        parcels = countRows(*project, "parcels");
    }
    const std::string disk = dir.file("disk");
    fs::create_directory(disk);
    const std::string onDisk = disk + "/P.gpkg";
    const std::string cliLine = quoted(kCli);
    const CommandResult result = inPrivateMount(
        "mount -t tmpfs -o size=8m tmpfs " + quoted(disk) + "; cp " + quoted(path) + " " +
        quoted(onDisk) + "; mount -o remount,ro " + quoted(disk) + "; " + cliLine + " export " +
        quoted(onDisk) + " parcels --format json > " + quoted(dir.file("parcels.json")) + "; " +
        cliLine + " report progress " + quoted(onDisk) + " --as-of 2023-06-30 --format csv > " +
        quoted(dir.file("progress.csv")) + "; " + cliLine + " advance " + quoted(onDisk) + " " +
        id + " selected --date 2023-03-01 2> " + quoted(dir.file("advance.err")) +
        " || echo refused=$?");
    INFO(result.err);
    REQUIRE(result.status == 0);
    CHECK(result.out.find("refused=1") != std::string::npos);
    const auto exported = nlohmann::json::parse(readFile(dir.file("parcels.json")));
    CHECK(std::int64_t(exported.size()) == parcels);
    CHECK(readFile(dir.file("progress.csv")).size() > 100);
    const std::string refusal = readFile(dir.file("advance.err"));
    INFO(refusal);
    CHECK(refusal.find("read-only") != std::string::npos);
    CHECK(refusal.find("attempt to write") == std::string::npos);
}

TEST_CASE("a full disk refuses an import and leaves the project as it was", "[cli][shared]")
{
    if (!privateMountsWork()) {
        WARN("unshare -rm is not allowed here: the full disk is not simulated");
        return;
    }
    TempDir dir;
    const std::string path = dir.file("P.gpkg");
    REQUIRE(cli("new " + quoted(path) + " --town 峨溶镇 --year 2023 --target 100").status == 0);
    // 4,000 parcels need about 2 MB in the project; the disk has room for the empty project only.
    VectorSpec spec;
    spec.fields = surveyFields();
    for (int i = 0; i < 4000; ++i) {
        const double x = 500000.0 + (i % 80) * 60.0, y = 3100000.0 + (i / 80) * 60.0;
        spec.features.push_back(surveyFeature(squareWkt(x, y, 50.0), "BSM" + std::to_string(i),
                                              "500241202300010000000", "黄瓜村", 2500.0));
    }
    const std::string parcels = dir.file("parcels.shp");
    writeVector(parcels, spec);
    const std::string disk = dir.file("disk");
    fs::create_directory(disk);
    const std::string onDisk = disk + "/P.gpkg";
    const std::string kept = dir.file("kept.gpkg");
    const CommandResult result = inPrivateMount(
        "mount -t tmpfs -o size=" + std::to_string(fs::file_size(path) / 1024 + 160) + "k tmpfs " +
        quoted(disk) + "; cp " + quoted(path) + " " + quoted(onDisk) + "; " + quoted(kCli) +
        " import " + quoted(onDisk) + " " + quoted(parcels) + " 2> " + quoted(dir.file("err")) +
        " > /dev/null || echo refused=$?; cp " + quoted(onDisk) + " " + quoted(kept));
    INFO(result.err);
    REQUIRE(result.status == 0);
    CHECK(result.out.find("refused=1") != std::string::npos);
    const std::string refusal = readFile(dir.file("err"));
    INFO(refusal);
    CHECK(refusal.find("the disk is full") != std::string::npos);
    CHECK(refusal.find("Nothing was changed") != std::string::npos);
    expectIntact(kept);
    auto project = openOk(kept);
    CHECK(countRows(*project, "parcels") == 0);
    CHECK(countRows(*project, "batches") == 0);
}
