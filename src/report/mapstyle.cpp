// SPDX-License-Identifier: GPL-3.0-or-later
#include "mapstyle.h"

#include <core/base/units.h>
#include <core/domain/lifecycle.h>
#include <core/domain/screening.h>

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace gengbao::report {

namespace {

constexpr const char *kContext = "MapStyle";

// Every word a map draws: the English source that lupdate collects for the app's translation and
// the Chinese of printed sheets. The Chinese repeats the app's zh_CN texts where they exist
// (scripts/translate_zh.py), so screen and paper say the same.
struct MapWord
{
    const char *source;
    const char *chinese;
};

constexpr MapWord kWords[] = {
    {QT_TRANSLATE_NOOP("MapStyle", "Screening"), "筛查结果"},
    {QT_TRANSLATE_NOOP("MapStyle", "Stage"), "阶段"},
    {QT_TRANSLATE_NOOP("MapStyle", "Village"), "村居"},
    {QT_TRANSLATE_NOOP("MapStyle", "Eligible"), "符合条件"},
    {QT_TRANSLATE_NOOP("MapStyle", "Slope over the limit"), "坡度超限"},
    {QT_TRANSLATE_NOOP("MapStyle", "Ecological red line"), "生态保护红线"},
    {QT_TRANSLATE_NOOP("MapStyle", "In the ecological red line"), "位于生态保护红线内"},
    {QT_TRANSLATE_NOOP("MapStyle", "In another constraint layer"), "位于其他管控区内"},
    {QT_TRANSLATE_NOOP("MapStyle", "Slope unknown"), "坡度未知"},
    {QT_TRANSLATE_NOOP("MapStyle", "Not screened"), "未筛查"},
    {QT_TRANSLATE_NOOP("MapStyle", "Village proposal under review"), "村居自选（待审核）"},
    {QT_TRANSLATE_NOOP("MapStyle", "Village proposal rejected"), "村居自选（未通过）"},
    {QT_TRANSLATE_NOOP("MapStyle", "No village"), "未定村居"},
    {QT_TRANSLATE_NOOP("MapStyle", "Village boundary"), "村界"},
    {QT_TRANSLATE_NOOP("MapStyle", "%1 mu"), "%1亩"},
    {QT_TRANSLATE_NOOP("MapStyle", "%1 m"), "%1米"},
    {QT_TRANSLATE_NOOP("MapStyle", "%1 km"), "%1千米"},
};

QColor blendWithWhite(const QColor &colour, double share)
{
    const auto mix = [share](int channel) {
        return int(std::lround(channel + (255 - channel) * share));
    };
    return QColor(mix(colour.red()), mix(colour.green()), mix(colour.blue()));
}

StyleClass styleClass(const QString &label, QRgb fill)
{
    const QColor fillColour = QColor::fromRgb(fill);
    return {label, fillColour, fillColour.darker(160), 0, true};
}

StyleClass styleClass(const char *source, LabelLanguage language, QRgb fill)
{
    return styleClass(mapText(source, language), fill);
}

// Eligibility: the one reason a legend can show per parcel, the most definite first: the red
// line is the law, a measured slope over the limit next, then other layers, then an unknown slope
// (excluded because it cannot be shown to be flat enough).
enum EligibilityClass : std::uint16_t {
    kEligible,
    kRedLine,
    kSlope,
    kOtherConstraint,
    kSlopeUnknown,
    kNotScreened,
};

std::uint16_t eligibilityClassOf(const core::ParcelRow &row)
{
    if (!row.eligible)
        return kNotScreened;
    if (*row.eligible)
        return kEligible;
    bool redLine = false, slope = false, other = false, unknown = false;
    for (const std::string &reason : row.reasons.value_or(std::vector<std::string>{})) {
        if (reason == core::kReasonRedLine || isRedLineKind(reason))
            redLine = true;
        else if (reason == core::kReasonSlope)
            slope = true;
        else if (reason == core::kReasonSlopeUnknown)
            unknown = true;
        else
            other = true;
    }
    if (redLine)
        return kRedLine;
    if (slope)
        return kSlope;
    if (other)
        return kOtherConstraint;
    if (unknown)
        return kSlopeUnknown;
    return kOtherConstraint;  // excluded without a recorded reason: not eligible all the same
}

std::vector<StyleClass> eligibilityClasses(LabelLanguage language)
{
    return {
        styleClass("Eligible", language, 0x4daf4a),
        styleClass("In the ecological red line", language, 0xe31a1c),
        styleClass("Slope over the limit", language, 0xff7f00),
        styleClass("In another constraint layer", language, 0x984ea3),
        styleClass("Slope unknown", language, 0xf2d13a),
        styleClass("Not screened", language, 0xbdbdbd),
    };
}

// Stage: a yellow-green-blue ramp from candidate to approved (after ColorBrewer YlGnBu, its pale
// first step warmed so that candidates show on paper), so "how far
// each village has come" reads as darkness; the side ways in colours of their own.
enum StageClass : std::uint16_t {
    kCandidate,
    kSelected,
    kRestoring,
    kPlanted,
    kEvidenceSubmitted,
    kVerified,
    kApproved,
    kRejected,
    kWithdrawn,
    kProposalPending,
    kProposalRejected,
};

// The stages keep core's order, so a stage's class is its number.
static_assert(kCandidate == std::uint16_t(core::Stage::Candidate) &&
              kApproved == std::uint16_t(core::Stage::Approved) &&
              kWithdrawn == std::uint16_t(core::Stage::Withdrawn));

std::uint16_t stageClassOf(const core::ParcelRow &row)
{
    if (row.proposal == "proposed" || row.proposal == "reviewed")
        return kProposalPending;
    if (row.proposal == "rejected")
        return kProposalRejected;
    const auto stage = core::parseStage(row.stage);
    return stage ? std::uint16_t(*stage) : std::uint16_t(kCandidate);
}

std::vector<StyleClass> stageClasses(LabelLanguage language)
{
    return {
        styleClass(stageLabel(core::Stage::Candidate, language), 0xf4d35e),
        styleClass(stageLabel(core::Stage::Selected, language), 0xb8e186),
        styleClass(stageLabel(core::Stage::Restoring, language), 0x7fcdbb),
        styleClass(stageLabel(core::Stage::Planted, language), 0x41b6c4),
        styleClass(stageLabel(core::Stage::EvidenceSubmitted, language), 0x1d91c0),
        styleClass(stageLabel(core::Stage::Verified, language), 0x225ea8),
        styleClass(stageLabel(core::Stage::Approved, language), 0x0c2c84),
        styleClass(stageLabel(core::Stage::Rejected, language), 0xe31a1c),
        styleClass(stageLabel(core::Stage::Withdrawn, language), 0x969696),
        styleClass("Village proposal under review", language, 0xf781bf),
        styleClass("Village proposal rejected", language, 0x8c510a),
    };
}

// Villages: twelve well-separated colours (Tableau 10 and two more), then hues a golden angle
// apart. Villages are numbered in order of their code (name when there is none), so the same
// project colours the same village the same way every time.
QColor villageColour(std::size_t index)
{
    static constexpr QRgb kPalette[] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f, 0xedc948,
                                        0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac, 0x86bcb6, 0xd37295};
    constexpr std::size_t kPaletteSize = sizeof(kPalette) / sizeof(kPalette[0]);
    if (index < kPaletteSize)
        return QColor::fromRgb(kPalette[index]);
    const double hue = std::fmod((index - kPaletteSize) * 137.508, 360.0);
    return QColor::fromHsv(int(hue), 140, 220);
}

std::string villageKey(const core::ParcelRow &row)
{
    if (row.villageCode && !row.villageCode->empty())
        return *row.villageCode;
    return row.village;
}

}  // namespace

std::optional<ColourBy> parseColourBy(std::string_view name)
{
    if (name == "eligibility")
        return ColourBy::Eligibility;
    if (name == "stage")
        return ColourBy::Stage;
    if (name == "village")
        return ColourBy::Village;
    return std::nullopt;
}

QString mapText(const char *source, LabelLanguage language)
{
    if (language == LabelLanguage::Interface)
        return QCoreApplication::translate(kContext, source);
    for (const MapWord &word : kWords) {
        if (std::string_view(word.source) == source)
            return QString::fromUtf8(word.chinese);
    }
    return QString::fromUtf8(source);
}

MapStyle MapStyle::build(const std::vector<core::ParcelRow> &rows, ColourBy colourBy,
                         LabelLanguage language)
{
    MapStyle style;
    style.mColourBy = colourBy;
    style.mItemClass.resize(rows.size());
    switch (colourBy) {
    case ColourBy::Eligibility:
        style.mTitle = mapText("Screening", language);
        style.mClasses = eligibilityClasses(language);
        for (std::size_t i = 0; i < rows.size(); ++i)
            style.mItemClass[i] = eligibilityClassOf(rows[i]);
        break;
    case ColourBy::Stage:
        style.mTitle = mapText("Stage", language);
        style.mClasses = stageClasses(language);
        for (std::size_t i = 0; i < rows.size(); ++i)
            style.mItemClass[i] = stageClassOf(rows[i]);
        break;
    case ColourBy::Village: {
        style.mTitle = mapText("Village", language);
        std::map<std::string, std::string> nameOfKey;  // sorted by key: the stable numbering
        for (const core::ParcelRow &row : rows)
            nameOfKey.emplace(villageKey(row), row.village);
        std::map<std::string, std::uint16_t> classOfKey;
        for (const auto &[key, name] : nameOfKey) {
            const QColor fill = villageColour(style.mClasses.size());
            classOfKey.emplace(key, std::uint16_t(style.mClasses.size()));
            style.mClasses.push_back(
                {name.empty() ? mapText("No village", language) : QString::fromStdString(name),
                 fill, fill.darker(160), 0, true});
        }
        for (std::size_t i = 0; i < rows.size(); ++i)
            style.mItemClass[i] = classOfKey.at(villageKey(rows[i]));
        break;
    }
    }
    for (const std::uint16_t c : style.mItemClass)
        ++style.mClasses[c].count;
    return style;
}

std::vector<StyleClass> MapStyle::legend() const
{
    std::vector<StyleClass> entries;
    for (const StyleClass &styleClass : mClasses) {
        if (styleClass.inLegend && styleClass.count > 0)
            entries.push_back(styleClass);
    }
    return entries;
}

void MapStyle::dimOthers(const std::vector<bool> &keep)
{
    const std::size_t own = mClasses.size();
    for (std::size_t c = 0; c < own; ++c) {
        const StyleClass &bright = mClasses[c];
        mClasses.push_back({bright.label, blendWithWhite(bright.fill, 0.7),
                            blendWithWhite(bright.outline, 0.7), 0, false});
    }
    for (std::size_t i = 0; i < mItemClass.size() && i < keep.size(); ++i) {
        if (keep[i])
            continue;
        --mClasses[mItemClass[i]].count;
        mItemClass[i] = std::uint16_t(mItemClass[i] + own);
        ++mClasses[mItemClass[i]].count;
    }
}

bool isRedLineKind(std::string_view kind)
{
    return kind == core::kReasonRedLine || kind == core::kRedLineKind;
}

LayerStyle layerStyle(const core::MapLayer &layer, LabelLanguage language)
{
    // One nominal pixel wide: up to that the raster engine strokes with its fast cosmetic stroker;
    // wider, the red line's 200k vertices go through the general stroker, ten times slower.
    LayerStyle style;
    if (isRedLineKind(layer.kind)) {
        style.label = mapText("Ecological red line", language);
        style.outline = QPen(QColor(0xd7, 0x19, 0x1c), 1.0);
        style.fill = QBrush(QColor(0xd7, 0x19, 0x1c, 150), Qt::BDiagPattern);
    } else if (layer.kind == "village") {
        style.label = mapText("Village boundary", language);
        style.outline = QPen(QColor(0x63, 0x63, 0x63), 1.0, Qt::DashLine);
        style.fill = Qt::NoBrush;
    } else {
        // The officer's own name for the layer says what it is (永久基本农田, 城镇开发边界...).
        style.label = QString::fromStdString(layer.name.empty() ? layer.kind : layer.name);
        style.outline = QPen(QColor(0x54, 0x27, 0x88), 1.0, Qt::DashDotLine);
        style.fill = QBrush(QColor(0x54, 0x27, 0x88, 28));
    }
    style.outline.setCosmetic(true);
    return style;
}

ParcelLabels ParcelLabels::build(const std::vector<core::ParcelRow> &rows)
{
    ParcelLabels labels;
    labels.names.reserve(rows.size());
    labels.netMu.reserve(rows.size());
    for (const core::ParcelRow &row : rows) {
        labels.names.push_back(
            QString::fromStdString(row.tbbh && !row.tbbh->empty() ? *row.tbbh : row.id));
        labels.netMu.push_back(row.acceptedNetMu.value_or(row.netMu));
    }
    return labels;
}

QString ParcelLabels::areaText(std::size_t item, LabelLanguage language) const
{
    return mapText("%1 mu", language).arg(QString::number(netMu[item], 'f', 2));
}

std::optional<VillageFocus> findVillage(const core::MapData &map,
                                        const std::vector<core::ParcelRow> &rows,
                                        const std::string &nameOrCode)
{
    VillageFocus focus;
    focus.items.assign(rows.size(), false);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const core::ParcelRow &row = rows[i];
        if (row.village != nameOrCode && row.villageCode.value_or(std::string()) != nameOrCode)
            continue;
        focus.items[i] = true;
        ++focus.parcelCount;
        if (focus.name.empty()) {
            focus.name = row.village;
            focus.code = row.villageCode.value_or(std::string());
        }
        if (map.parcels && i < map.parcels->size())
            focus.extent.expand(map.parcels->bbox(i));
    }
    // The boundary, when the project keeps the village layer, frames the village better than its
    // parcels do (a village whose parcels lie in one corner).
    core::Box boundary;
    for (const core::MapLayer &layer : map.layers) {
        if (layer.kind != "village" || !layer.shapes)
            continue;
        for (std::size_t s = 0; s < layer.labels.size() && s < layer.shapes->size(); ++s) {
            const std::string &label = layer.labels[s];
            if (label != nameOrCode && (focus.name.empty() || label != focus.name))
                continue;
            if (focus.name.empty())
                focus.name = label;
            boundary.expand(layer.shapes->bbox(s));
        }
    }
    if (!boundary.empty()) {
        focus.extent = boundary;
        return focus;
    }
    if (focus.parcelCount == 0)
        return std::nullopt;
    return focus;
}

core::Error unknownVillageError(const std::vector<core::ParcelRow> &rows,
                                const std::string &nameOrCode)
{
    std::set<std::string> names;
    for (const core::ParcelRow &row : rows) {
        if (!row.village.empty())
            names.insert(row.village);
    }
    std::string known;
    for (const std::string &name : names)
        known += (known.empty() ? "" : ", ") + name;
    return core::makeError(core::ErrorCode::InvalidArgument, {},
                           "no village '" + nameOrCode + "' in the project" +
                               (known.empty() ? std::string() : " (villages: " + known + ")"));
}

}  // namespace gengbao::report
