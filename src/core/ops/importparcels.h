// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/issue.h"
#include "../base/progress.h"
#include "../base/result.h"
#include "../domain/parcel.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gengbao::core {

class Project;

struct ImportRequest
{
    std::string path;
    std::optional<std::string> layer;
    std::string batchLabel;  // default: the file name without extension
    ParcelSource source = ParcelSource::County;
    std::optional<std::string> encoding;                // override the detected shapefile encoding
    std::optional<int> sourceEpsg;                      // override a missing or wrong source CRS
    std::map<std::string, std::string> fieldOverrides;  // standard name -> source field
    std::string user;                                   // default: the login name
};

struct ImportCounts
{
    std::int64_t read = 0;
    std::int64_t imported = 0;
    std::int64_t repaired = 0;
    std::int64_t duplicates = 0;
    std::int64_t rejected = 0;
};

struct ImportSummary
{
    std::int64_t batchId = 0;  // 0 when nothing new was imported and the project is unchanged
    std::string batchLabel;
    std::string file;
    std::string layer;
    std::string encoding;
    std::string encodingOrigin;
    std::string sourceCrs;
    int projectEpsg = 0;
    bool projectCrsChosen = false;  // this import set the project's CRS
    ImportCounts counts;
    std::vector<Issue> issues;
};

// Imports one file of candidate parcels as a new batch, in one transaction: reprojected to the
// project CRS (chosen from the data on a project's first import), invalid rings repaired with
// GEOS MakeValid, ellipsoidal areas computed, 三调 fields mapped, parcels already in the project
// (same BSM, or same geometry when there is no BSM) skipped. Whole-file problems return an Error
// and change nothing; problems with single features become Issues. Cancellable through
// progress: a cancelled import leaves nothing behind. Uses both cores for the geometry work.
// The project CRS a first import of this file would choose (the CGCS2000 3-degree zone without
// prefix nearest the data), for a new project's dialog to propose before anything is created.
Result<int> proposeProjectCrs(const std::string &path);

Result<ImportSummary> importParcels(Project &project, const ImportRequest &request,
                                    Progress &progress);

}  // namespace gengbao::core
