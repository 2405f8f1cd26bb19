// SPDX-License-Identifier: GPL-3.0-or-later
// Village proposals drawn on the map: the ring checks, the parcel they make and its screening with
// the current run's rules and inputs. The scene is at the zone's central meridian (easting 500000
// in EPSG:4545), where the projection's scale is 1: a drawn square's ellipsoidal area equals its
// planar area to about 1e-8, so the expected areas are side².
#include "../support/testfiles.h"

#include <core/db/statement.h>
#include <core/ops/audit.h>
#include <core/ops/drawnparcel.h>
#include <core/ops/screenparcels.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <sstream>

using namespace gengbao;
using namespace gengbao::test;
namespace fs = std::filesystem;

namespace {

// The DEM: 10 m cells, 100 × 100, west edge 500000, north edge 3100000. Flat west of column 50;
// east of it a plane rising 30° to the east, whose Horn slope is 30° exactly (above the 25° limit).
constexpr double kWest = 500000.0;
constexpr double kNorth = 3100000.0;

double elevation(int column, int)
{
    const double rise = std::tan(30.0 * M_PI / 180.0) * 10.0;  // per 10 m cell
    return column < 50 ? 100.0 : 100.0 + (column - 50) * rise;
}

// Square rings (x0, y0, x1, y1, ...), open, counter-clockwise.
std::vector<double> squareRing(double x, double y, double side)
{
    return {x, y, x + side, y, x + side, y + side, x, y + side};
}

std::string squareAt(double x, double y, double side)
{
    return squareWkt(x, y, side);
}

// A project with one county parcel of 龙塘冲村 in the flat part, screened against the DEM and a red
// line over cells 20..40 (x 500200..500400, y 3099600..3099800).
std::unique_ptr<core::Project> screenedProject(const TempDir &dir, bool screen = true)
{
    VectorSpec parcels;
    parcels.fields = surveyFields();
    parcels.features.push_back(surveyFeature(squareAt(kWest + 50, kNorth - 950, 50), "1",
                                             "5002411112010000000", "龙塘冲村", std::nullopt));
    writeVector(dir.file("parcels.shp"), parcels);
    auto project = newProject(dir);
    importOk(*project, dir.file("parcels.shp"));
    DemSpec dem;
    dem.originX = kWest;
    dem.originY = kNorth;
    dem.elevation = elevation;
    writeDem(dir.file("dem.tif"), dem);
    VectorSpec redline;
    redline.driver = "GPKG";
    redline.layerName = "hx";
    redline.geometryType = 3;
    redline.fields = {{"HXMC", FieldType::String, 20}};
    redline.features.push_back({squareAt(kWest + 200, kNorth - 400, 200), {std::string("红线")}});
    writeVector(dir.file("redline.gpkg"), redline);
    if (screen) {
        core::ScreeningRequest request;
        request.demPath = dir.file("dem.tif");
        request.constraints.push_back({dir.file("redline.gpkg"), std::nullopt});
        core::Progress progress;
        auto summary = core::screenParcels(*project, request, progress);
        if (!summary)
            FAIL(summary.error().message());
        REQUIRE(summary->eligible == 1);
    }
    return project;
}

core::DrawnParcelResult proposeOk(core::Project &project, std::vector<double> ring,
                                  const std::string &village = "500241111201",
                                  const std::string &note = {})
{
    core::DrawnParcel parcel;
    parcel.ringXY = std::move(ring);
    parcel.villageCode = village;
    parcel.note = note;
    parcel.user = "村干部";
    core::Progress progress;
    auto result = core::proposeDrawnParcel(project, parcel, progress);
    if (!result)
        FAIL(result.error().message());
    return std::move(result).value();
}

struct ParcelRecord
{
    std::string source, stage, proposal, villageCode, zldwmc, bz, reasons, slopeSource;
    std::optional<std::int64_t> eligible, runId;
    double areaM2 = 0, grossMu = 0;
    std::optional<double> redlineM2, slopeDeg;
    std::string batchSource, batchLabel;
};

ParcelRecord record(core::Project &project, std::int64_t fid)
{
    auto query = project.database().prepare(
        "SELECT p.source, p.stage, p.proposal, p.village_code, p.zldwmc, p.bz, p.reasons, "
        "p.slope_source, p.eligible, p.screening_run_id, p.area_m2, p.gross_mu, "
        "p.redline_overlap_m2, p.slope_deg, b.source, b.label "
        "FROM parcels p JOIN batches b ON b.id = p.batch_id WHERE p.fid = ?");
    REQUIRE(query.ok());
    query->bind(1, fid);
    auto row = query->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    ParcelRecord out;
    out.source = query->text(0);
    out.stage = query->text(1);
    out.proposal = query->optionalText(2).value_or("");
    out.villageCode = query->optionalText(3).value_or("");
    out.zldwmc = query->optionalText(4).value_or("");
    out.bz = query->optionalText(5).value_or("");
    out.reasons = query->optionalText(6).value_or("");
    out.slopeSource = query->optionalText(7).value_or("");
    out.eligible = query->optionalInt64(8);
    out.runId = query->optionalInt64(9);
    out.areaM2 = query->real(10);
    out.grossMu = query->real(11);
    out.redlineM2 = query->optionalReal(12);
    out.slopeDeg = query->optionalReal(13);
    out.batchSource = query->text(14);
    out.batchLabel = query->text(15);
    return out;
}

std::int64_t scalar(core::Project &project, const std::string &sql)
{
    auto query = project.database().prepare(sql);
    REQUIRE(query.ok());
    auto row = query->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    return query->int64(0);
}

}  // namespace

TEST_CASE("a parcel drawn inside the red line is a proposal excluded for it", "[core][propose]")
{
    TempDir dir;
    auto project = screenedProject(dir);
    // Cells 25..30 of the flat part, wholly inside the red line: 50 m × 50 m.
    const auto result =
        proposeOk(*project, squareRing(kWest + 250, kNorth - 350, 50), "龙塘冲村", "村民自报");
    CHECK(result.parcelId == "B" + std::to_string(result.batchId) + "-1");
    CHECK(result.areaM2 == Approx(2500.0).epsilon(1e-7));
    REQUIRE(result.screeningRunId);
    CHECK(*result.screeningRunId == 1);
    REQUIRE(result.eligible);
    CHECK_FALSE(*result.eligible);
    CHECK(result.reasons == std::vector<std::string>{"redline"});
    CHECK(result.notScreened.empty());

    const ParcelRecord parcel = record(*project, result.fid);
    CHECK(parcel.source == "village");
    CHECK(parcel.batchSource == "village");
    CHECK(parcel.stage == "candidate");
    CHECK(parcel.proposal == "proposed");
    CHECK(parcel.villageCode == "500241111201");
    CHECK(parcel.zldwmc == "龙塘冲村");
    CHECK(parcel.bz == "村民自报");
    CHECK(parcel.areaM2 == result.areaM2);
    CHECK(parcel.grossMu == Approx(result.areaM2 * 0.0015).epsilon(1e-12));
    CHECK(parcel.eligible == 0);
    CHECK(parcel.reasons == "[\"redline\"]");
    CHECK(parcel.runId == 1);
    REQUIRE(parcel.redlineM2);
    CHECK(*parcel.redlineM2 == Approx(2500.0).epsilon(1e-7));  // all of it
    // The run now covers it: its result row, and the run's counts.
    CHECK(scalar(*project, "SELECT count(*) FROM screening_results WHERE run_id = 1 AND "
                           "parcel_fid = " +
                               std::to_string(result.fid)) == 1);
    CHECK(scalar(*project, "SELECT screened_count FROM screening_runs WHERE id = 1") == 2);
    CHECK(scalar(*project, "SELECT eligible_count FROM screening_runs WHERE id = 1") == 1);
    auto runs = core::listScreeningRuns(*project);
    REQUIRE(runs.ok());
    CHECK(runs->back().excluded.at("redline") == 1);
    CHECK(countRows(*project, "rtree_parcels_geom") == 2);

    // The same square imported from a file gets the same area: the import's computation.
    TempDir other;
    VectorSpec spec;
    spec.fields = surveyFields();
    spec.features.push_back(surveyFeature(squareAt(kWest + 250, kNorth - 350, 50), "9",
                                          "5002411112010000000", "龙塘冲村", std::nullopt));
    writeVector(other.file("same.shp"), spec);
    auto imported = newProject(other);
    importOk(*imported, other.file("same.shp"));
    auto area = imported->database().prepare("SELECT area_m2 FROM parcels");
    REQUIRE(*area->step());
    CHECK(result.areaM2 == Approx(area->real(0)).epsilon(1e-12));

    auto audit = core::readAuditLog(*project);
    REQUIRE(audit.ok());
    CHECK(audit->back().action == "propose");
    CHECK(audit->back().user == "村干部");
    CHECK(audit->back().target == "parcel " + result.parcelId);
    CHECK(audit->back().newValue.at("reasons").at(0) == "redline");
}

TEST_CASE("a parcel drawn outside the red line on gentle ground is eligible; on steep ground not",
          "[core][propose]")
{
    TempDir dir;
    auto project = screenedProject(dir);
    const auto gentle = proposeOk(*project, squareRing(kWest + 100, kNorth - 650, 40));
    REQUIRE(gentle.eligible);
    CHECK(*gentle.eligible);
    CHECK(gentle.reasons.empty());
    CHECK(gentle.areaM2 == Approx(1600.0).epsilon(1e-7));
    const ParcelRecord flat = record(*project, gentle.fid);
    CHECK(flat.eligible == 1);
    CHECK(flat.slopeSource == "dem");
    REQUIRE(flat.slopeDeg);
    CHECK(*flat.slopeDeg == Approx(0.0).margin(1e-9));
    CHECK(flat.redlineM2 == 0.0);

    // Columns 70..80: the 30° plane, so the DEM excludes it (slope, not the red line).
    const auto steep = proposeOk(*project, squareRing(kWest + 700, kNorth - 500, 100));
    REQUIRE(steep.eligible);
    CHECK_FALSE(*steep.eligible);
    CHECK(steep.reasons == std::vector<std::string>{"slope"});
    const ParcelRecord slope = record(*project, steep.fid);
    REQUIRE(slope.slopeDeg);
    CHECK(*slope.slopeDeg == Approx(30.0).margin(1e-6));
    CHECK(scalar(*project, "SELECT screened_count FROM screening_runs WHERE id = 1") == 3);
    CHECK(scalar(*project, "SELECT eligible_count FROM screening_runs WHERE id = 1") == 2);
    // Each proposal is a batch of its own.
    CHECK(countRows(*project, "batches") == 3);
}

TEST_CASE("an invalid drawn parcel or an unknown village is refused and nothing changes",
          "[core][propose]")
{
    TempDir dir;
    auto project = screenedProject(dir);
    const auto counts = [&project] {
        return std::vector<std::int64_t>{
            countRows(*project, "parcels"), countRows(*project, "batches"),
            countRows(*project, "audit_log"), countRows(*project, "screening_results"),
            countRows(*project, "rtree_parcels_geom")};
    };
    const auto before = counts();
    struct Case
    {
        std::vector<double> ring;
        std::string village, expected;
    };
    const double x = kWest + 100, y = kNorth - 650;
    const std::vector<Case> cases = {
        // A bow tie: its edges cross at (x + 20, y + 20).
        {{x, y, x + 40, y + 40, x + 40, y, x, y + 40}, "龙塘冲村", "Self-intersection"},
        // Two distinct vertices, one repeated (snapping) and the closing vertex given.
        {{x, y, x + 40, y, x + 40, y, x, y}, "龙塘冲村", "at least 3 distinct vertices; it has 2"},
        // Three vertices on a line: no area.
        {{x, y, x + 20, y, x + 40, y}, "龙塘冲村", "not a valid polygon"},
        {{x, y, x + 40, y, x + 40}, "龙塘冲村", "odd number of coordinates"},
        {{x, y, x + 40, y, x + 40, std::nan("")}, "龙塘冲村", "not a number"},
        {squareRing(x, y, 40), "无此村", "no village 无此村 in the project (villages: 龙塘冲村)"},
    };
    for (const Case &item : cases) {
        INFO(item.expected);
        core::DrawnParcel parcel;
        parcel.ringXY = item.ring;
        parcel.villageCode = item.village;
        core::Progress progress;
        auto refused = core::proposeDrawnParcel(*project, parcel, progress);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().message().rfind(project->path(), 0) == 0);
        CHECK(refused.error().message().find(item.expected) != std::string::npos);
    }
    CHECK(counts() == before);

    // A cancel rolls the whole proposal back, its screening included.
    core::DrawnParcel parcel;
    parcel.ringXY = squareRing(x, y, 40);
    parcel.villageCode = "龙塘冲村";
    core::Progress cancelled;
    cancelled.cancel();
    auto refused = core::proposeDrawnParcel(*project, parcel, cancelled);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == core::ErrorCode::Cancelled);
    CHECK(counts() == before);
    CHECK(scalar(*project, "SELECT screened_count FROM screening_runs WHERE id = 1") == 1);
}

TEST_CASE("a drawn parcel stays unscreened, saying why, without a run or its files",
          "[core][propose]")
{
    TempDir dir;
    auto project = screenedProject(dir, false);
    const auto first = proposeOk(*project, squareRing(kWest + 100, kNorth - 650, 40));
    CHECK_FALSE(first.eligible);
    CHECK_FALSE(first.screeningRunId);
    CHECK(first.notScreened == "the project has not been screened yet");
    CHECK_FALSE(record(*project, first.fid).eligible);

    core::ScreeningRequest request;
    request.demPath = dir.file("dem.tif");
    request.constraints.push_back({dir.file("redline.gpkg"), std::nullopt});
    core::Progress progress;
    REQUIRE(core::screenParcels(*project, request, progress).ok());

    // The red line's file changed since the run: its verdict would not be the run's.
    VectorSpec moved;
    moved.driver = "GPKG";
    moved.layerName = "hx";
    moved.geometryType = 3;
    moved.fields = {{"HXMC", FieldType::String, 20}};
    moved.features.push_back({squareAt(kWest + 600, kNorth - 400, 100), {std::string("红线")}});
    fs::remove(dir.file("redline.gpkg"));
    writeVector(dir.file("redline.gpkg"), moved);
    const auto changed = proposeOk(*project, squareRing(kWest + 250, kNorth - 350, 50));
    CHECK_FALSE(changed.eligible);
    CHECK(changed.notScreened ==
          "the file " + dir.file("redline.gpkg") + " changed since screening run 1");

    fs::remove(dir.file("redline.gpkg"));
    const auto missing = proposeOk(*project, squareRing(kWest + 250, kNorth - 350, 50));
    CHECK(missing.notScreened ==
          "the file " + dir.file("redline.gpkg") + " of screening run 1 is missing");
    CHECK_FALSE(record(*project, missing.fid).eligible);
    // The run's record is as it was: two parcels screened then, none added since.
    CHECK(scalar(*project, "SELECT screened_count FROM screening_runs WHERE id = 1") == 2);
}
