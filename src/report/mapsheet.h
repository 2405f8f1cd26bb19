// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mappainter.h"
#include "mapstyle.h"
#include "officialdocument.h"

#include <core/base/result.h>
#include <core/ops/exportparcels.h>
#include <core/ops/mapdata.h>
#include <core/project.h>

#include <QDate>
#include <QPageLayout>
#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

class QPagedPaintDevice;

namespace gengbao::report {

enum class Paper { A4, A3 };
std::optional<Paper> parsePaper(std::string_view name);  // "A4", "A3" (either case)

struct MapSheetOptions
{
    Paper paper = Paper::A4;
    QPageLayout::Orientation orientation = QPageLayout::Landscape;
    ColourBy colourBy = ColourBy::Stage;
    std::string village;  // a village's name or code; empty: the whole town
    QDate date;           // the date printed on the sheet; invalid: today
    QString title;  // empty: "峨溶镇[某村]2023年耕地恢复补足潜力图斑分布图"
    DocumentFonts fonts;
};

// A printed map sheet, ready to paint: the title, the map of the town or of one village (its
// parcels coloured, the other villages' lighter), a legend with the count of parcels per class,
// a scale bar of a round length and the scale as a ratio, a north arrow, the date and the CRS.
// Everything on it is Chinese, as on the project's other printed documents.
struct MapSheet
{
    QString title;
    QString villageName;  // empty for the town
    std::shared_ptr<const MapScene> scene;
    core::Box extent;  // what the map frame must show
    QString legendTitle;
    std::vector<StyleClass> legend;
    std::vector<LayerStyle> layerLegend;  // the reference layers on the map
    QString crsNote;                      // 坐标系：...
    QString dateNote;                     // 制图日期：2024年5月1日
    std::size_t parcelCount = 0;          // parcels of the town or of the village
    Paper paper = Paper::A4;
    QPageLayout::Orientation orientation = QPageLayout::Landscape;
    DocumentFonts fonts;
};

// Builds the sheet from the map snapshot and the parcel rows (index-aligned, both in fid order).
// An unknown village is an InvalidArgument error naming the villages there are.
core::Result<MapSheet> makeMapSheet(std::shared_ptr<const core::MapData> map,
                                    const std::vector<core::ParcelRow> &rows,
                                    const core::ProjectSettings &settings,
                                    const MapSheetOptions &options);

// Paints the sheet on one page of a QPdfWriter or a QPrinter (whose page layout is set here).
core::Status paintMapSheet(const MapSheet &sheet, QPagedPaintDevice &device);

// A PDF file with its fonts embedded and its text map repaired (pdftext.h); written beside the
// target and renamed, so a failure never leaves half a file.
core::Status writeMapSheetPdf(const MapSheet &sheet, const QString &path);

// The scale a sheet prints at: the smallest of 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 or 8 × 10^n
// not below `fitted` (so the map shows at least what was asked, at a figure one can say).
double roundSheetScale(double fitted);

// "坐标系：2000国家大地坐标系，高斯-克吕格投影3度带，中央经线108°E（EPSG代码4545）" and the like.
QString crsNote(int epsg);

}  // namespace gengbao::report
