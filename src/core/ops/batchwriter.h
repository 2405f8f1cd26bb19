// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../base/result.h"
#include "../db/gpkg.h"
#include "../domain/parcel.h"
#include "../io/fieldmapping.h"
#include "importparcels.h"
#include "parcelgeometry.h"

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

namespace gengbao::core {

class Database;
class DuplicateFinder;
class Statement;

// Writes one import batch inside the caller's transaction, feature by feature: decides whether a
// prepared feature is rejected (by the geometry stage, or for an area no parcel can have), a
// duplicate (same BSM, or without BSM the same geometry) or a new
// parcel; checks its TBMJ, KCXS and slope fields; records the village; inserts the parcel and its
// R-tree entry; and counts everything and lists the problems in the summary.
// SQLite thread only.
class BatchWriter
{
public:
    static Result<BatchWriter> begin(Database &db, std::int64_t batchId, ParcelSource source,
                                     ImportSummary &summary);
    BatchWriter(BatchWriter &&) noexcept;
    ~BatchWriter();

    Status admit(const RawFeature &raw, const PreparedGeometry &geometry,
                 const MappedValues &values, const std::string &attributesJson);

    // Puts the R-tree trigger back, stores the issues and the batch's counts. Call once, before
    // committing, and only when something was imported.
    Status finish();

private:
    BatchWriter() = default;
    // Why a feature's computed area is more than any parcel can be, or than its TBMJ allows.
    static std::optional<std::string> implausibleArea(const PreparedGeometry &geometry,
                                                      const MappedValues &values);
    void addIssue(Issue::Severity severity, std::string code, std::int64_t fid,
                  std::string parcelId, std::string detail);
    // A numeric field's value in [low or (low, high); NaN when absent, or when unreadable or out
    // of range, with a warning naming the value and the problem.
    double checkedNumber(const MappedValues &values, StandardField field, double low,
                         bool lowIncluded, double high, std::int64_t fid,
                         const std::string &parcelId, const char *code, const char *problem);
    Status ensureVillage(const std::string &code, const std::string &name, bool exact);
    Status insertParcel(const RawFeature &raw, const PreparedGeometry &geometry,
                        const MappedValues &values, const std::string &attributesJson,
                        const std::string &parcelId);

    Database *mDatabase = nullptr;
    ImportSummary *mSummary = nullptr;
    std::int64_t mBatchId = 0;
    std::string mSource;
    std::unique_ptr<DuplicateFinder> mDuplicates;
    std::unique_ptr<gpkg::RtreeBulkInsert> mRtree;
    std::unique_ptr<Statement> mParcel, mVillage;
    std::unordered_set<std::string> mVillagesDone;
};

}  // namespace gengbao::core
