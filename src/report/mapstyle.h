// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "vocabulary.h"

#include <core/geo/polygonset.h>
#include <core/ops/exportparcels.h>
#include <core/ops/mapdata.h>

#include <QBrush>
#include <QColor>
#include <QPen>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gengbao::report {

enum class ColourBy { Eligibility, Stage, Village };
std::optional<ColourBy> parseColourBy(std::string_view name);  // "eligibility", "stage", "village"

// LabelLanguage (vocabulary.h) is the language of the words a map draws (legend, units, layer
// names). Printed sheets are Chinese whatever the app's language, as the annex and the payout
// statement are; the screen follows the app through QCoreApplication::translate("MapStyle", ...),
// whose zh_CN texts are the same Chinese. Stage names come from vocabulary.h.

// One style class of parcels: the legend's line and how its parcels are drawn.
struct StyleClass
{
    QString label;
    QColor fill;
    QColor outline;
    std::size_t count = 0;  // parcels in the class
    bool inLegend = true;   // false for the dimmed copies of a village sheet
};

// How each parcel is coloured: a class per map item (index-aligned with MapData::parcels and
// loadParcelRows, both in fid order) and the classes themselves. Built on the GUI thread from the
// parcel rows; immutable afterwards and shared read-only with render workers. A restyle (another
// ColourBy, an attribute edit) builds a new one; the geometry snapshot stays.
class MapStyle
{
public:
    static MapStyle build(const std::vector<core::ParcelRow> &rows, ColourBy colourBy,
                          LabelLanguage language = LabelLanguage::Chinese);

    ColourBy colourBy() const { return mColourBy; }
    QString title() const { return mTitle; }  // the legend's heading: 筛查结果, 阶段, 村居
    std::size_t itemCount() const { return mItemClass.size(); }
    std::uint16_t classOf(std::size_t item) const { return mItemClass[item]; }
    const std::vector<StyleClass> &classes() const { return mClasses; }
    // The classes to show in a legend: those with parcels, in the order of the scheme.
    std::vector<StyleClass> legend() const;

    // Draws every item not in `keep` in a lighter copy of its class, left out of the legend (the
    // other villages on a village's sheet). keep is index-aligned with the items.
    void dimOthers(const std::vector<bool> &keep);

private:
    ColourBy mColourBy = ColourBy::Stage;
    QString mTitle;
    std::vector<std::uint16_t> mItemClass;
    std::vector<StyleClass> mClasses;
};

// How a reference layer is drawn. Fills are drawn under the parcels, outlines over them, so a
// parcel inside the red line shows both its own colour and the red hatching's edge.
struct LayerStyle
{
    QString label;  // for a legend
    QPen outline;   // width in nominal pixels (scaled by MapPaintOptions::pixelScale)
    QBrush fill;    // Qt::NoBrush for none
};

// By kind: the red line ("redline" or 生态保护红线) red, outlined and hatched; village boundaries
// ("village") dashed grey; any other constraint layer a dark purple outline with a light tint.
LayerStyle layerStyle(const core::MapLayer &layer, LabelLanguage language = LabelLanguage::Chinese);
bool isRedLineKind(std::string_view kind);

// The text drawn beside each parcel when zoomed in: its TBBH (else its id) and its net area in mu
// (the accepted one once recorded), with two decimals. Index-aligned with the items.
struct ParcelLabels
{
    std::vector<QString> names;
    std::vector<double> netMu;

    static ParcelLabels build(const std::vector<core::ParcelRow> &rows);
    QString areaText(std::size_t item, LabelLanguage language) const;  // "12.34亩" / "12.34 mu"
};

// One village picked by name or 12-digit code: its parcels and the extent to show (its boundary
// from the village layer when the project has one, else the box of its parcels).
struct VillageFocus
{
    std::string name;
    std::string code;         // may be empty when the parcels carry no code
    std::vector<bool> items;  // index-aligned with the map items
    std::size_t parcelCount = 0;
    core::Box extent;
};

// nullopt when no parcel and no boundary has this name or code.
std::optional<VillageFocus> findVillage(const core::MapData &map,
                                        const std::vector<core::ParcelRow> &rows,
                                        const std::string &nameOrCode);
// "no village 'X' in the project (villages: A, B, C)": InvalidArgument, without a file.
core::Error unknownVillageError(const std::vector<core::ParcelRow> &rows,
                                const std::string &nameOrCode);

// Words shared by the legend, the scale bar and the sheet in the chosen language.
QString mapText(const char *source, LabelLanguage language);

}  // namespace gengbao::report
