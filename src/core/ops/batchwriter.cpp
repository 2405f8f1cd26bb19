// SPDX-License-Identifier: GPL-3.0-or-later
#include "batchwriter.h"

#include "../base/strings.h"
#include "../base/units.h"
#include "../db/database.h"
#include "../db/statement.h"
#include "../domain/village.h"
#include "../geo/geoscontext.h"

#include <cmath>
#include <cstdio>
#include <optional>
#include <unordered_set>

namespace gengbao::core {

namespace {

// Two parcels without BSM are the same when their vertices agree within 5 cm (survey precision;
// a reprojection round trip moves vertices by far less).
constexpr double kSameGeometryTolerance = 0.05;

void bindOptionalText(Statement &statement, int index, const std::string &text)
{
    if (text.empty())
        statement.bindNull(index);
    else
        statement.bind(index, text);
}

void bindNumberOrNull(Statement &statement, int index, double value)
{
    if (std::isnan(value))
        statement.bindNull(index);
    else
        statement.bind(index, value);
}

std::string formatArea(double squareMetres)
{
    char text[48];
    std::snprintf(text, sizeof text, "%.2f m²", squareMetres);
    return text;
}

// No candidate parcel is larger than this. A 潜力图斑 is a few mu to a few hundred mu (1,000 mu
// is 0.67 km²); a town is 50 to 300 km² and a county 1,000 to 3,000 km². 10 km² (15,000 mu) is
// fifteen times the largest plausible parcel and a tenth of a large town, so only a vertex far
// out of place (a mistyped or bit-flipped coordinate) makes a polygon this big.
constexpr double kMaxParcelAreaM2 = 10.0e6;
// Against TBMJ: a polygon more than this many times its TBMJ and larger by more than a hectare
// has a vertex out of place. A vertex thrown 10 km off a parcel with 10 m edges adds 5 ha; a
// TBMJ typo on a small parcel (a digit dropped) stays under the hectare and only warns.
constexpr double kMaxAreaToTbmj = 10.0;
constexpr double kMinImplausibleExcessM2 = 10000.0;

// TBMJ when it is a usable positive area (as insertParcel reads it), without warning here.
std::optional<double> usableTbmj(const MappedValues &values)
{
    const std::string &text = values[StandardField::TBMJ];
    if (text.empty())
        return std::nullopt;
    const auto number = parseNumber(text);
    if (number && *number > 0.0 && *number < 1e12)
        return *number;
    return std::nullopt;
}

}  // namespace

// Parcels already in the project, to skip duplicates: by BSM, and by geometry for parcels
// without one (through the GeoPackage R-tree, then the Hausdorff distance of the two).
class DuplicateFinder
{
public:
    static Result<DuplicateFinder> create(Database &db)
    {
        DuplicateFinder finder;
        auto bsms = db.prepare("SELECT bsm FROM parcels WHERE bsm IS NOT NULL");
        if (!bsms)
            return bsms.error();
        GENGBAO_TRY(
            bsms->forEachRow([&finder](Statement &row) { finder.mBsm.emplace(row.text(0)); }));
        auto candidates = db.prepare(
            "SELECT p.parcel_id, p.geom FROM rtree_parcels_geom r JOIN parcels p ON p.fid = r.id "
            "WHERE r.minx BETWEEN ?1 AND ?2 AND r.maxx BETWEEN ?3 AND ?4 "
            "AND r.miny BETWEEN ?5 AND ?6 AND r.maxy BETWEEN ?7 AND ?8");
        if (!candidates)
            return candidates.error();
        finder.mCandidates.emplace(std::move(candidates).value());
        return finder;
    }

    bool hasBsm(const std::string &bsm) const { return mBsm.count(bsm) > 0; }
    void addBsm(const std::string &bsm) { mBsm.insert(bsm); }

    // The parcel id of an existing parcel with the same geometry, if any.
    Result<std::optional<std::string>> sameGeometry(const PreparedGeometry &parcel)
    {
        // The R-tree keeps 32-bit floats rounded outwards (0.25 m steps at northing 3e6), so the
        // candidate window is a metre wider; the distance test below decides.
        const double t = kSameGeometryTolerance + 1.0;
        const gpkg::Envelope &e = parcel.envelope;
        Statement &query = *mCandidates;
        query.bind(1, e.minX - t).bind(2, e.minX + t).bind(3, e.maxX - t).bind(4, e.maxX + t);
        query.bind(5, e.minY - t).bind(6, e.minY + t).bind(7, e.maxY - t).bind(8, e.maxY + t);
        std::optional<std::string> match;
        GeosGeometry mine;
        for (;;) {
            auto row = query.step();
            if (!row) {
                query.reset();
                return row.error();
            }
            if (!*row)
                break;
            if (!mine)
                mine = geometryOf(parcel.blob);
            const auto blob = query.blob(1);
            GeosGeometry theirs = geometryOf(blob);
            // Hausdorff, not EqualsExact: reprojection can move a tie between two vertices'
            // x and change where a normalised ring starts.
            double distance = 0.0;
            if (mine && theirs &&
                GEOSHausdorffDistance_r(mContext.handle(), mine.get(), theirs.get(), &distance) ==
                    1 &&
                distance <= kSameGeometryTolerance) {
                match = query.text(0);
                break;
            }
        }
        query.reset();
        return match;
    }

private:
    DuplicateFinder()
        : mReader(GEOSWKBReader_create_r(mContext.handle()), ReaderDeleter{&mContext})
    {}
    GeosGeometry geometryOf(const std::vector<unsigned char> &blob)
    {
        auto decoded = gpkg::decodeGeometry(blob);
        if (!decoded)
            return {};
        GeosGeometry geometry(mContext.handle(),
                              GEOSWKBReader_read_r(mContext.handle(), mReader.get(),
                                                   decoded->wkb.data(), decoded->wkb.size()));
        return geometry;
    }
    struct ReaderDeleter
    {
        GeosContext *context;
        void operator()(GEOSWKBReader *reader) const
        {
            GEOSWKBReader_destroy_r(context->handle(), reader);
        }
    };

    std::unordered_set<std::string> mBsm;
    std::optional<Statement> mCandidates;
    // Declared before the reader that uses it; heap-allocated so moves keep its address.
    std::unique_ptr<GeosContext> mContextOwner = std::make_unique<GeosContext>();
    GeosContext &mContext = *mContextOwner;
    std::unique_ptr<GEOSWKBReader, ReaderDeleter> mReader;
};

Result<BatchWriter> BatchWriter::begin(Database &db, std::int64_t batchId, ParcelSource source,
                                       ImportSummary &summary)
{
    BatchWriter writer;
    writer.mDatabase = &db;
    writer.mSummary = &summary;
    writer.mBatchId = batchId;
    writer.mSource = std::string(sourceName(source));
    auto duplicates = DuplicateFinder::create(db);
    if (!duplicates)
        return duplicates.error();
    writer.mDuplicates = std::make_unique<DuplicateFinder>(std::move(duplicates).value());
    auto rtree = gpkg::RtreeBulkInsert::begin(db, "parcels", "geom");
    if (!rtree)
        return rtree.error();
    writer.mRtree = std::make_unique<gpkg::RtreeBulkInsert>(std::move(rtree).value());
    auto parcel = db.prepare(
        "INSERT INTO parcels (geom, parcel_id, batch_id, source, source_fid, bsm, tbybh, tbbh, "
        "dlbm, dlmc, zldwdm, zldwmc, village_code, qsdwdm, qsdwmc, tbmj_m2, kcxs, gdlx, gdpdjb, "
        "pdjb, slope_attr_deg, zzsxdm, bz, area_m2, gross_m2, net_m2, gross_mu, net_mu, "
        "area_mismatch, repaired, stage, attributes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, "
        "?26, ?27, ?28, ?29, ?30, ?31, ?32)");
    if (!parcel)
        return parcel.error();
    writer.mParcel = std::make_unique<Statement>(std::move(parcel).value());
    auto village =
        db.prepare("INSERT INTO villages (code, name, name_is_exact) VALUES (?1, ?2, ?3) "
                   "ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
                   "name_is_exact = 1 "
                   "WHERE excluded.name_is_exact = 1 AND villages.name_is_exact = 0");
    if (!village)
        return village.error();
    writer.mVillage = std::make_unique<Statement>(std::move(village).value());
    return writer;
}

BatchWriter::BatchWriter(BatchWriter &&) noexcept = default;
BatchWriter::~BatchWriter() = default;

void BatchWriter::addIssue(Issue::Severity severity, std::string code, std::int64_t fid,
                           std::string parcelId, std::string detail)
{
    mSummary->issues.push_back(
        Issue{severity, std::move(code), fid, std::move(parcelId), std::move(detail)});
}

Status BatchWriter::ensureVillage(const std::string &code, const std::string &name, bool exact)
{
    const std::string key = code + (exact ? "!" : "");
    if (!mVillagesDone.insert(key).second)
        return Status::success();
    mVillage->bind(1, code).bind(2, name.empty() ? code : name).bind(3, exact ? 1 : 0);
    return mVillage->run();
}

Status BatchWriter::admit(const RawFeature &raw, const PreparedGeometry &geometry,
                          const MappedValues &values, const std::string &attributesJson)
{
    ImportCounts &counts = mSummary->counts;
    // Only messages need this text; most features have none.
    const auto feature = [&raw] { return "feature " + std::to_string(raw.fid); };
    ++counts.read;
    if (geometry.rejected) {
        ++counts.rejected;
        addIssue(Issue::Severity::Error, geometry.code, raw.fid, {},
                 feature() + " " + geometry.detail + "; not imported");
        return Status::success();
    }
    if (const auto why = implausibleArea(geometry, values)) {
        ++counts.rejected;
        addIssue(Issue::Severity::Error, kImplausibleArea, raw.fid, {},
                 feature() + " " + *why + "; not imported");
        return Status::success();
    }
    const std::string &bsm = values[StandardField::BSM];
    if (!bsm.empty() && mDuplicates->hasBsm(bsm)) {
        ++counts.duplicates;
        addIssue(Issue::Severity::Info, "duplicate", raw.fid, bsm,
                 feature() + ": BSM " + bsm + " is already in the project; skipped");
        return Status::success();
    }
    if (bsm.empty()) {
        auto same = mDuplicates->sameGeometry(geometry);
        if (!same)
            return same.error();
        if (*same) {
            ++counts.duplicates;
            addIssue(Issue::Severity::Info, "duplicate", raw.fid, **same,
                     feature() + " has the same geometry as parcel " + **same + "; skipped");
            return Status::success();
        }
    }
    const std::string parcelId =
        !bsm.empty() ? bsm : "B" + std::to_string(mBatchId) + "-" + std::to_string(raw.fid);
    GENGBAO_TRY(insertParcel(raw, geometry, values, attributesJson, parcelId));
    if (!bsm.empty())
        mDuplicates->addBsm(bsm);
    for (const std::string &field : raw.truncatedFields) {
        addIssue(Issue::Severity::Warning, "text_cut", raw.fid, parcelId,
                 feature() + ": field " + field +
                     " was cut in the middle of a character by the program that wrote the file "
                     "(its DBF field is too narrow); the broken last character was dropped");
    }
    if (geometry.repaired) {
        ++counts.repaired;
        addIssue(Issue::Severity::Warning, "repaired", raw.fid, parcelId,
                 feature() + ": " + geometry.repairDetail);
    }
    ++counts.imported;
    return Status::success();
}

std::optional<std::string> BatchWriter::implausibleArea(const PreparedGeometry &geometry,
                                                        const MappedValues &values)
{
    const double area = geometry.areaM2;
    char text[320];
    if (area > kMaxParcelAreaM2) {
        std::snprintf(text, sizeof text,
                      "measures %s (%.2f km²), more than any candidate parcel can be (%.0f km²): "
                      "a vertex far out of place, a damaged or mistyped coordinate",
                      formatArea(area).c_str(), area / 1e6, kMaxParcelAreaM2 / 1e6);
        return text;
    }
    const auto tbmj = usableTbmj(values);
    if (tbmj && area > kMaxAreaToTbmj * *tbmj && area - *tbmj > kMinImplausibleExcessM2) {
        std::snprintf(text, sizeof text,
                      "measures %s, %.0f times its TBMJ of %s: a vertex far out of place (a "
                      "damaged or mistyped coordinate), or a TBMJ not in m²",
                      formatArea(area).c_str(), area / *tbmj, formatArea(*tbmj).c_str());
        return text;
    }
    return std::nullopt;
}

double BatchWriter::checkedNumber(const MappedValues &values, StandardField field, double low,
                                  bool lowIncluded, double high, std::int64_t fid,
                                  const std::string &parcelId, const char *code,
                                  const char *problem)
{
    const std::string &text = values[field];
    if (text.empty())
        return std::nan("");
    const auto number = parseNumber(text);
    if (number && (lowIncluded ? *number >= low : *number > low) && *number < high)
        return *number;
    addIssue(Issue::Severity::Warning, code, fid, parcelId,
             std::string(standardFieldName(field)) + " '" + text + "' " + problem);
    return std::nan("");
}

Status BatchWriter::insertParcel(const RawFeature &raw, const PreparedGeometry &geometry,
                                 const MappedValues &values, const std::string &attributesJson,
                                 const std::string &parcelId)
{
    // Areas: TBMJ is authoritative; the computed ellipsoidal area checks it.
    const double tbmj =
        checkedNumber(values, StandardField::TBMJ, 0.0, false, 1e12, raw.fid, parcelId, "bad_tbmj",
                      "is not a positive area; the computed area is used");
    const double kcxs =
        checkedNumber(values, StandardField::KCXS, 0.0, true, 1.0, raw.fid, parcelId, "bad_kcxs",
                      "is not a coefficient below 1; ignored");
    const double slope =
        checkedNumber(values, StandardField::Slope, 0.0, true, 90.0, raw.fid, parcelId, "bad_slope",
                      "is not an angle in degrees; ignored");
    bool mismatch = false;
    if (!std::isnan(tbmj)) {
        const double difference = std::fabs(tbmj - geometry.areaM2) / geometry.areaM2;
        if (difference > kAreaMismatchTolerance) {
            mismatch = true;
            char text[256];
            std::snprintf(text, sizeof text,
                          "TBMJ %s differs from the computed ellipsoidal area %s by %.2f %% "
                          "(over 0.1 %%): check the CRS or the geometry",
                          formatArea(tbmj).c_str(), formatArea(geometry.areaM2).c_str(),
                          difference * 100.0);
            addIssue(Issue::Severity::Warning, "area_mismatch", raw.fid, parcelId, text);
        }
    }
    // TBMJ is the authoritative gross area; the computed ellipsoidal area checks it.
    const double gross = std::isnan(tbmj) ? geometry.areaM2 : tbmj;
    const double net =
        netSquareMetres(gross, std::isnan(kcxs) ? std::nullopt : std::optional<double>(kcxs));

    const std::string &zldwdm = values[StandardField::ZLDWDM];
    const auto villageCode = villageCodeFromZldwdm(zldwdm);
    if (villageCode) {
        GENGBAO_TRY(
            ensureVillage(*villageCode, values[StandardField::ZLDWMC], isVillageLevelCode(zldwdm)));
    } else {
        addIssue(Issue::Severity::Warning, "no_village", raw.fid, parcelId,
                 zldwdm.empty() ? std::string("has no ZLDWDM village code")
                                : "ZLDWDM '" + zldwdm + "' is not a 12-, 16- or 19-digit code");
    }

    Statement &insert = *mParcel;
    insert.bindBlob(1, geometry.blob.data(), geometry.blob.size());
    insert.bind(2, parcelId).bind(3, mBatchId).bind(4, mSource).bind(5, raw.fid);
    bindOptionalText(insert, 6, values[StandardField::BSM]);
    bindOptionalText(insert, 7, values[StandardField::TBYBH]);
    bindOptionalText(insert, 8, values[StandardField::TBBH]);
    bindOptionalText(insert, 9, values[StandardField::DLBM]);
    bindOptionalText(insert, 10, values[StandardField::DLMC]);
    bindOptionalText(insert, 11, zldwdm);
    bindOptionalText(insert, 12, values[StandardField::ZLDWMC]);
    insert.bind(13, villageCode);
    bindOptionalText(insert, 14, values[StandardField::QSDWDM]);
    bindOptionalText(insert, 15, values[StandardField::QSDWMC]);
    bindNumberOrNull(insert, 16, tbmj);
    bindNumberOrNull(insert, 17, kcxs);
    bindOptionalText(insert, 18, values[StandardField::GDLX]);
    bindOptionalText(insert, 19, values[StandardField::GDPDJB]);
    bindOptionalText(insert, 20, values[StandardField::PDJB]);
    bindNumberOrNull(insert, 21, slope);
    bindOptionalText(insert, 22, values[StandardField::ZZSXDM]);
    bindOptionalText(insert, 23, values[StandardField::BZ]);
    insert.bind(24, geometry.areaM2).bind(25, gross).bind(26, net);
    insert.bind(27, squareMetresToMu(gross)).bind(28, squareMetresToMu(net));
    insert.bind(29, mismatch ? 1 : 0).bind(30, geometry.repaired ? 1 : 0);
    insert.bind(31, kStageCandidate).bind(32, attributesJson);
    GENGBAO_TRY(insert.run());
    return mRtree->add(mDatabase->lastInsertRowId(), geometry.envelope);
}

Status BatchWriter::finish()
{
    GENGBAO_TRY(mRtree->finish());
    auto issue = mDatabase->prepare("INSERT INTO import_issues (batch_id, source_fid, parcel_id, "
                                    "severity, code, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!issue)
        return issue.error();
    for (const Issue &item : mSummary->issues) {
        issue->bind(1, mBatchId);
        if (item.sourceFid >= 0)
            issue->bind(2, item.sourceFid);
        if (!item.parcelId.empty())
            issue->bind(3, item.parcelId);
        issue->bind(4, severityName(item.severity)).bind(5, item.code).bind(6, item.detail);
        GENGBAO_TRY(issue->run());
    }
    const ImportCounts &counts = mSummary->counts;
    auto batch = mDatabase->prepare(
        "UPDATE batches SET read_count = ?1, imported_count = ?2, repaired_count = ?3, "
        "duplicate_count = ?4, rejected_count = ?5 WHERE id = ?6");
    if (!batch)
        return batch.error();
    batch->bind(1, counts.read).bind(2, counts.imported).bind(3, counts.repaired);
    batch->bind(4, counts.duplicates).bind(5, counts.rejected).bind(6, mBatchId);
    GENGBAO_TRY(batch->run());
    return gpkg::refreshExtent(*mDatabase, "parcels");
}

}  // namespace gengbao::core
