// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportscreening.h"

#include "../base/csv.h"
#include "screeningstore.h"

namespace gengbao::core {

namespace {

using json = nlohmann::ordered_json;

template <typename T> json orNull(const std::optional<T> &value)
{
    return value ? json(*value) : json(nullptr);
}

json parcelJson(const ParcelScreening &parcel)
{
    json out;
    out["id"] = parcel.parcelId;
    out["eligible"] = parcel.verdict.eligible;
    out["reasons"] = parcel.verdict.reasons;
    out["flags"] = parcel.verdict.flags;
    out["slope_deg"] = orNull(parcel.slope.slopeDeg);
    out["slope_max_deg"] = orNull(parcel.slopeMaxDeg);
    out["slope_steep_share"] = orNull(parcel.slopeSteepShare);
    out["slope_grade"] = orNull(parcel.slope.grade);
    out["slope_grade_attr"] = orNull(parcel.slope.attributeGrade);
    const auto source = slopeSourceName(parcel.slope.source);
    out["slope_source"] = source.empty() ? json(nullptr) : json(std::string(source));
    out["dem_coverage"] = orNull(parcel.demCoverage);
    out["redline_overlap_m2"] = orNull(parcel.redLineOverlapM2);
    out["remainder_m2"] = orNull(parcel.remainderM2);
    for (std::size_t i = 0; i < parcel.overlapM2.size(); ++i)
        out["overlap_" + std::to_string(i + 1) + "_m2"] = parcel.overlapM2[i];
    return out;
}

}  // namespace

Status writeScreeningJson(const StoredScreeningRun &run, std::ostream &out)
{
    json document;
    document["run"] = screeningSummaryJson(run.summary);
    json parcels = json::array();
    for (const ParcelScreening &parcel : run.parcels)
        parcels.push_back(parcelJson(parcel));
    document["parcels"] = std::move(parcels);
    out << document.dump(2) << '\n';
    return out ? Status::success() : makeError(ErrorCode::Io, {}, "cannot write the output");
}

Status writeScreeningCsv(const StoredScreeningRun &run, std::ostream &out)
{
    const std::size_t layers = run.parcels.empty() ? 0 : run.parcels.front().overlapM2.size();
    ParcelScreening blank;
    blank.overlapM2.assign(layers, 0.0);
    const json header = parcelJson(blank);
    bool first = true;
    for (auto it = header.begin(); it != header.end(); ++it, first = false)
        out << (first ? "" : ",") << it.key();
    out << "\r\n";
    for (const ParcelScreening &parcel : run.parcels) {
        const json row = parcelJson(parcel);
        first = true;
        for (auto it = row.begin(); it != row.end(); ++it, first = false)
            out << (first ? "" : ",") << csv::value(it.value());
        out << "\r\n";
    }
    return out ? Status::success() : makeError(ErrorCode::Io, {}, "cannot write the output");
}

}  // namespace gengbao::core
