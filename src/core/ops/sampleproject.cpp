// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampleproject.h"

#include "../project.h"
#include "plans.h"

#include <cstdlib>
#include <filesystem>

namespace gengbao::core {

namespace fs = std::filesystem;

namespace {

constexpr const char *kSampleParcels = "sample/potential_2023.shp";
constexpr const char *kSampleDem = "sample/dem.tif";
constexpr const char *kSampleRedLine = "sample/redline.gpkg";

}  // namespace

std::optional<std::string> locateDataDir(const std::string &executablePath)
{
    std::vector<fs::path> candidates;
    if (const char *variable = std::getenv("GENGBAO_DATA_DIR"); variable && *variable)
        candidates.emplace_back(variable);
#ifdef GENGBAO_SOURCE_DATA_DIR
    candidates.emplace_back(GENGBAO_SOURCE_DATA_DIR);
#endif
    if (!executablePath.empty()) {
        std::error_code ec;
        const fs::path binary = fs::weakly_canonical(fs::path(executablePath), ec);
        candidates.push_back(binary.parent_path().parent_path() / "share" / "gengbao" / "data");
    }
    for (const auto &candidate : candidates) {
        std::error_code ec;
        if (fs::exists(candidate / kSampleParcels, ec))
            return candidate.string();
    }
    return std::nullopt;
}

Result<SampleProjectResult> createSampleProject(const std::string &path, const std::string &dataDir,
                                                Progress &progress)
{
    ProjectSettings settings;
    settings.town = "峨溶镇";
    settings.county = "秀山土家族苗族自治县";
    settings.year = 2023;
    settings.targetMu = 465.17;
    settings.crsEpsg = 4545;
    auto project = Project::create(path, settings);
    if (!project)
        return project.error();

    ImportRequest request;
    request.path = (fs::path(dataDir) / kSampleParcels).string();
    request.batchLabel = "2023年首批潜力图斑";
    request.source = ParcelSource::County;
    request.user = "sample";
    auto imported = importParcels(**project, request, progress);
    if (!imported) {
        project->reset();
        Project::removeFiles(path);
        return imported.error();
    }
    ScreeningRequest screening;
    screening.demPath = (fs::path(dataDir) / kSampleDem).string();
    screening.constraints = {{(fs::path(dataDir) / kSampleRedLine).string(), std::nullopt}};
    screening.user = "sample";
    auto screened = screenParcels(**project, screening, progress);
    if (!screened) {
        project->reset();
        Project::removeFiles(path);
        return screened.error();
    }
    // The plan as the seed issued it (2023-04-17) with its 任务分解表 tasks.
    Status planned = [&]() -> Status {
        auto plan = loadPlan(**project);
        if (!plan)
            return plan.error();
        plan->documentDate = "2023-04-17";
        GENGBAO_TRY(savePlan(**project, *plan));
        const std::pair<const char *, std::int64_t> tasks[] = {
            {"峨溶居委会", 11517}, {"龙塘冲村", 11000}, {"贵凳村", 9000}, {"黄瓜村", 3000},
            {"三溪村", 3000},      {"坝浪村", 3000},    {"新场村", 3000}, {"将家村", 3000}};
        for (const auto &[village, task] : tasks)
            GENGBAO_TRY(setVillageTask(**project, 0, village, task, std::nullopt));
        return Status::success();
    }();
    if (!planned) {
        project->reset();
        Project::removeFiles(path);
        return planned.error();
    }
    return SampleProjectResult{path, std::move(imported).value(), std::move(screened).value()};
}

}  // namespace gengbao::core
