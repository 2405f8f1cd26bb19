// SPDX-License-Identifier: GPL-3.0-or-later
#include "mapsheet.h"

#include "pdftext.h"

#include <core/geo/crs.h>

#include <ogr_srs_api.h>

#include <QFontMetricsF>
#include <QPageSize>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <cmath>

namespace gengbao::report {

namespace {

constexpr double kPointMm = 25.4 / 72.0;

// The page's parts in millimetres, by paper and orientation.
struct SheetLayout
{
    QSizeF page;
    QRectF title;
    QRectF map;
    QRectF legend;  // the legend entries
    QRectF notes;   // scale bar, scale, CRS, date
    double titlePt = 20;
    double headingPt = 14;
    double textPt = 10;
};

SheetLayout layoutFor(Paper paper, QPageLayout::Orientation orientation)
{
    const bool a3 = paper == Paper::A3;
    const bool landscape = orientation == QPageLayout::Landscape;
    const QSizeF portraitSize = a3 ? QSizeF(297, 420) : QSizeF(210, 297);
    SheetLayout layout;
    layout.page = landscape ? portraitSize.transposed() : portraitSize;
    layout.titlePt = a3 ? 26 : 20;
    layout.headingPt = a3 ? 16 : 14;
    layout.textPt = a3 ? 12 : 10;
    const double margin = a3 ? 15 : 12;
    const double titleHeight = a3 ? 22 : 16;
    const double gap = 5;
    const double width = layout.page.width() - 2 * margin;
    const double height = layout.page.height() - 2 * margin;
    layout.title = QRectF(margin, margin, width, titleHeight);
    const double top = margin + titleHeight;
    const double below = height - titleHeight;
    if (landscape) {
        // The map on the left, a panel on the right: the legend above, the notes at its foot.
        const double panel = a3 ? 85 : 64;
        const double notes = a3 ? 62 : 52;
        layout.map = QRectF(margin, top, width - panel - gap, below);
        layout.legend = QRectF(layout.map.right() + gap, top, panel, below - notes - gap);
        layout.notes = QRectF(layout.legend.left(), top + below - notes, panel, notes);
    } else {
        // The map above, a band below: the legend on the left two thirds, the notes beside it.
        const double band = a3 ? 80 : 58;
        layout.map = QRectF(margin, top, width, below - band - gap);
        const double bandTop = layout.map.bottom() + gap;
        layout.legend = QRectF(margin, bandTop, width * 0.62, band);
        layout.notes = QRectF(margin + width * 0.62 + gap, bandTop, width * 0.38 - gap, band);
    }
    return layout;
}

QFont fontOf(const QStringList &families, double points, bool bold = false)
{
    QFont font(installedFamily(families));
    font.setPointSizeF(points);
    font.setBold(bold);
    return font;
}

QFont titleFontOf(const DocumentFonts &fonts, double points)
{
    // The open fallback stands in for 方正小标宋, a heavy Song: its bold weight (as the annex).
    return fontOf(fonts.title, points,
                  installedFamily(fonts.title) == QStringLiteral("Noto Serif CJK SC"));
}

QString chineseDate(const QDate &date)
{
    return QStringLiteral("%1年%2月%3日").arg(date.year()).arg(date.month()).arg(date.day());
}

// Paints one sheet and remembers every character drawn, for the PDF text-map repair.
class SheetPainter
{
public:
    SheetPainter(const MapSheet &sheet, const QPagedPaintDevice &device, QPainter &painter)
        : mSheet(sheet)
        , mPainter(painter)
        , mUnitsPerMm(device.logicalDpiX() / 25.4)
        , mLayout(layoutFor(sheet.paper, sheet.orientation))
        , mTitleFont(titleFontOf(sheet.fonts, mLayout.titlePt))
        , mHeadingFont(fontOf(sheet.fonts.heading, mLayout.headingPt))
        , mTextFont(fontOf(sheet.fonts.text, mLayout.textPt))
        , mSmallFont(fontOf(sheet.fonts.heading, mLayout.textPt * 0.85))
    {}

    void paint()
    {
        drawText(mLayout.title, Qt::AlignCenter, mSheet.title, mTitleFont);
        const Viewport view = paintMap();
        paintLegend();
        paintNotes(view);
    }

    QString drawn() const { return mDrawn; }
    QList<QFont> fonts() const
    {
        return {mTitleFont, mHeadingFont, mTextFont, mSmallFont, mLabelFont};
    }

private:
    QRectF mm(const QRectF &rect) const
    {
        return {rect.x() * mUnitsPerMm, rect.y() * mUnitsPerMm, rect.width() * mUnitsPerMm,
                rect.height() * mUnitsPerMm};
    }
    double mm(double millimetres) const { return millimetres * mUnitsPerMm; }

    void drawText(const QRectF &rectMm, int flags, const QString &text, const QFont &font)
    {
        mPainter.setFont(font);
        mPainter.setPen(Qt::black);
        mPainter.drawText(mm(rectMm), flags, text);
        mDrawn += text;
    }

    Viewport paintMap()
    {
        const QRectF frame = mm(mLayout.map);
        const QSize size(int(frame.width()), int(frame.height()));
        // Fit with a margin, then round the scale up to one a reader can say.
        const Viewport fitted = Viewport::fitting(mSheet.extent, size, mm(4));
        const double unitsPerMetreOfPaper = mUnitsPerMm * 1000.0;
        const double scale = roundSheetScale(fitted.metresPerPixel() * unitsPerMetreOfPaper);
        const Viewport view(fitted.centreX(), fitted.centreY(), scale / unitsPerMetreOfPaper, size);
        mScale = scale;

        MapPaintOptions options;
        options.background = Qt::white;
        options.pixelScale = mUnitsPerMm * 25.4 / 96.0;
        options.labelFont = fontOf(mSheet.fonts.heading, 8);
        options.labelPixelSize = 10;
        options.parcelOutlineWidth = 0.5;
        options.hillshadeOpacity = 0.35;
        options.language = LabelLanguage::Chinese;
        const MapPainter painter(mSheet.scene, options);
        const PaintStats stats =
            painter.paint(mPainter, view, QRectF(frame.topLeft(), QSizeF(size)));
        mLabelFont = pixelFont(options.labelFont, options.labelPixelSize * options.pixelScale);
        if (stats.labels > 0 && mSheet.scene->labels) {
            // What the labels may have drawn: ids and "亩" (the repair needs every ideograph).
            mDrawn += mapText("%1 mu", LabelLanguage::Chinese);
            for (const QString &name : mSheet.scene->labels->names)
                mDrawn += name;
        }

        QPen framePen(Qt::black, mm(0.35));
        framePen.setJoinStyle(Qt::MiterJoin);
        mPainter.setPen(framePen);
        mPainter.setBrush(Qt::NoBrush);
        mPainter.drawRect(QRectF(frame.topLeft(), QSizeF(size)));

        // The north arrow in the frame's top right corner, on white so the map does not eat it.
        const QRectF arrowMm(mLayout.map.right() - 14, mLayout.map.top() + 3, 10, 17);
        mPainter.setPen(Qt::NoPen);
        mPainter.setBrush(QColor(255, 255, 255, 215));
        mPainter.drawRect(mm(arrowMm.adjusted(-1.5, -1, 1.5, 1)));
        MapPainter::drawNorthArrow(mPainter, mm(arrowMm), mHeadingFont);
        mDrawn += QStringLiteral("N");
        return view;
    }

    static QFont pixelFont(const QFont &base, double pixels)
    {
        QFont font(base);
        font.setPixelSize(std::max(1, int(std::lround(pixels))));
        return font;
    }

    struct Entry
    {
        QString label;
        QString count;
        QBrush fill;
        QPen outline;
    };

    void paintLegend()
    {
        std::vector<Entry> entries;
        for (const StyleClass &styleClass : mSheet.legend) {
            QPen pen(styleClass.outline, mm(0.2));
            entries.push_back({styleClass.label, QString::number(styleClass.count),
                               QBrush(styleClass.fill), pen});
        }
        const double pixelScale = mUnitsPerMm * 25.4 / 96.0;
        for (const LayerStyle &layer : mSheet.layerLegend) {
            QPen pen = layer.outline;
            pen.setWidthF(pen.widthF() * pixelScale);
            pen.setCosmetic(true);
            QBrush fill = layer.fill;
            fill.setTransform(QTransform::fromScale(pixelScale, pixelScale));
            entries.push_back({layer.label, QString(), fill, pen});
        }

        const QRectF area = mLayout.legend;
        const double headingHeight = 9;
        const double headingWidth = std::min(area.width(), 60.0);
        drawText(QRectF(area.left(), area.top(), headingWidth, headingHeight), Qt::AlignCenter,
                 QStringLiteral("图　例"), mHeadingFont);
        const double subHeight = 7;
        drawText(QRectF(area.left(), area.top() + headingHeight, area.width(), subHeight),
                 Qt::AlignLeft | Qt::AlignVCenter, mSheet.legendTitle, mTextFont);
        const double rowHeight = mLayout.textPt * kPointMm * 1.9;
        const double top = area.top() + headingHeight + subHeight;
        const int rowsPerColumn = std::max(1, int((area.bottom() - top) / rowHeight));
        const int columns = std::max(
            1, int((entries.size() + std::size_t(rowsPerColumn) - 1) / std::size_t(rowsPerColumn)));
        // A column no wider than a label needs, so that the count stays beside its label.
        const double columnWidth = std::min(area.width() / columns, 60.0);
        const double swatchWidth = std::min(10.0, columnWidth * 0.25);
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const int column = int(i) / rowsPerColumn;
            const int row = int(i) % rowsPerColumn;
            if (column >= columns)
                break;
            const double x = area.left() + column * columnWidth;
            const double y = top + row * rowHeight;
            const Entry &entry = entries[i];
            const QRectF swatch(x, y + rowHeight * 0.2, swatchWidth, rowHeight * 0.6);
            mPainter.setPen(entry.outline);
            mPainter.setBrush(entry.fill);
            mPainter.drawRect(mm(swatch));
            const double textLeft = x + swatchWidth + 2;
            const double textWidth = columnWidth - swatchWidth - 4;
            drawText(QRectF(textLeft, y, textWidth, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                     entry.label, mTextFont);
            if (!entry.count.isEmpty())
                drawText(QRectF(textLeft, y, textWidth, rowHeight),
                         Qt::AlignRight | Qt::AlignVCenter, entry.count, mSmallFont);
        }
    }

    void paintNotes(const Viewport &view)
    {
        const QRectF area = mLayout.notes;
        const double pixelScale = mUnitsPerMm * 25.4 / 96.0;
        double y = area.top() + 2;
        const double lineHeight = mLayout.textPt * kPointMm * 1.7;
        // The scale bar: up to 80% of the notes' width.
        MapPainter::drawScaleBar(mPainter, view, QPointF(mm(area.left() + 3), mm(y + 11)),
                                 mm(area.width() * 0.8), mSmallFont, pixelScale,
                                 LabelLanguage::Chinese);
        mDrawn += QStringLiteral("0米千米");
        y += 13;
        drawText(QRectF(area.left(), y, area.width(), lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                 QStringLiteral("比例尺 1:%1").arg(qint64(std::llround(mScale))), mTextFont);
        y += lineHeight;
        drawText(QRectF(area.left(), y, area.width(), lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                 QStringLiteral("图斑：%1个").arg(mSheet.parcelCount), mTextFont);
        y += lineHeight;
        // The CRS note wraps to as many lines as the panel's width needs; the date follows it.
        const int wrapped = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
        mPainter.setFont(mTextFont);
        const QRectF crsBox = mPainter.boundingRect(
            mm(QRectF(area.left(), y, area.width(), area.height())), wrapped, mSheet.crsNote);
        drawText(QRectF(area.left(), y, area.width(), crsBox.height() / mUnitsPerMm), wrapped,
                 mSheet.crsNote, mTextFont);
        y += crsBox.height() / mUnitsPerMm + 1;
        drawText(QRectF(area.left(), y, area.width(), lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                 mSheet.dateNote, mTextFont);
    }

    const MapSheet &mSheet;
    QPainter &mPainter;
    double mUnitsPerMm;
    SheetLayout mLayout;
    QFont mTitleFont, mHeadingFont, mTextFont, mSmallFont, mLabelFont;
    double mScale = 0;
    QString mDrawn;
};

QPageSize pageSizeOf(Paper paper)
{
    return QPageSize(paper == Paper::A3 ? QPageSize::A3 : QPageSize::A4);
}

core::Status paintSheet(const MapSheet &sheet, QPagedPaintDevice &device, QString *drawn,
                        QList<QFont> *fonts)
{
    QPageLayout layout(pageSizeOf(sheet.paper), sheet.orientation, QMarginsF(0, 0, 0, 0),
                       QPageLayout::Millimeter);
    layout.setMode(QPageLayout::FullPageMode);
    if (!device.setPageLayout(layout))
        return core::makeError(core::ErrorCode::Io, {},
                               sheet.paper == Paper::A3 ? "the printer does not take an A3 page"
                                                        : "the printer does not take an A4 page");
    QPainter painter;
    if (!painter.begin(&device))
        return core::makeError(core::ErrorCode::Io, {}, "cannot start printing");
    SheetPainter sheetPainter(sheet, device, painter);
    sheetPainter.paint();
    painter.end();
    if (drawn)
        *drawn = sheetPainter.drawn();
    if (fonts)
        *fonts = sheetPainter.fonts();
    return core::Status::success();
}

}  // namespace

std::optional<Paper> parsePaper(std::string_view name)
{
    if (name == "A4" || name == "a4")
        return Paper::A4;
    if (name == "A3" || name == "a3")
        return Paper::A3;
    return std::nullopt;
}

double roundSheetScale(double fitted)
{
    if (!(fitted > 0))
        return 1;
    static constexpr double kSteps[] = {1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8, 10};
    const double power = std::pow(10.0, std::floor(std::log10(fitted)));
    for (const double step : kSteps) {
        if (step * power >= fitted * (1 - 1e-9))
            return step * power;
    }
    return 10 * power;
}

QString crsNote(int epsg)
{
    // Figures follow Chinese text here, never Latin letters: in a Latin run the Noto CJK fonts
    // draw digits with glyphs that Qt's PDF text map leaves out, so "EPSG:4545" would extract
    // as "EPSG:" (the drawing is right; search and pdftotext are not).
    QString description;
    if (epsg >= 4534 && epsg <= 4554) {
        description = QStringLiteral("2000国家大地坐标系，高斯-克吕格投影3度带，中央经线%1°E")
                          .arg(75 + 3 * (epsg - 4534));
    } else if (epsg >= 4513 && epsg <= 4533) {
        const int zone = 25 + (epsg - 4513);
        description = QStringLiteral("2000国家大地坐标系，高斯-克吕格投影3度带第%1带，中央经线%2°E")
                          .arg(zone)
                          .arg(3 * zone);
    } else if (auto srs = core::crs::fromEpsg(epsg); srs) {
        const char *name = OSRGetName(srs->get());
        description = name ? QString::fromUtf8(name) : QString();
    }
    const QString code = QStringLiteral("EPSG代码%1").arg(epsg);
    return description.isEmpty() ? QStringLiteral("坐标系：%1").arg(code)
                                 : QStringLiteral("坐标系：%1（%2）").arg(description, code);
}

core::Result<MapSheet> makeMapSheet(std::shared_ptr<const core::MapData> map,
                                    const std::vector<core::ParcelRow> &rows,
                                    const core::ProjectSettings &settings,
                                    const MapSheetOptions &options)
{
    if (!map)
        return core::makeError(core::ErrorCode::InvalidArgument, {}, "no map data");
    MapSheet sheet;
    auto style = std::make_shared<MapStyle>(MapStyle::build(rows, options.colourBy));
    sheet.extent = map->extent();
    sheet.parcelCount = rows.size();
    if (!options.village.empty()) {
        const auto focus = findVillage(*map, rows, options.village);
        if (!focus)
            return unknownVillageError(rows, options.village);
        style->dimOthers(focus->items);
        sheet.extent = focus->extent;
        sheet.villageName = QString::fromStdString(focus->name);
        sheet.parcelCount = focus->parcelCount;
    }
    sheet.title = !options.title.isEmpty()
                      ? options.title
                      : QStringLiteral("%1%2%3年耕地恢复补足潜力图斑分布图")
                            .arg(QString::fromStdString(settings.town), sheet.villageName)
                            .arg(settings.year);
    sheet.legendTitle = style->title();
    sheet.legend = style->legend();
    for (const core::MapLayer &layer : map->layers) {
        if (!layer.shapes || layer.shapes->size() == 0)
            continue;
        LayerStyle layerLegend = layerStyle(layer, LabelLanguage::Chinese);
        const bool seen =
            std::any_of(sheet.layerLegend.begin(), sheet.layerLegend.end(),
                        [&](const LayerStyle &other) { return other.label == layerLegend.label; });
        if (!seen)
            sheet.layerLegend.push_back(layerLegend);
    }
    sheet.crsNote = crsNote(map->epsg != 0 ? map->epsg : settings.crsEpsg.value_or(0));
    const QDate date = options.date.isValid() ? options.date : QDate::currentDate();
    sheet.dateNote = QStringLiteral("制图日期：%1").arg(chineseDate(date));
    sheet.paper = options.paper;
    sheet.orientation = options.orientation;
    sheet.fonts = options.fonts;
    auto labels = std::make_shared<const ParcelLabels>(ParcelLabels::build(rows));
    sheet.scene = std::make_shared<const MapScene>(MapScene::make(
        std::move(map), std::move(style), std::move(labels), LabelLanguage::Chinese));
    return sheet;
}

core::Status paintMapSheet(const MapSheet &sheet, QPagedPaintDevice &device)
{
    return paintSheet(sheet, device, nullptr, nullptr);
}

core::Status writeMapSheetPdf(const MapSheet &sheet, const QString &path)
{
    return writePdf(path, sheet.title, [&sheet](QPdfWriter &writer, PdfText &text) {
        return paintSheet(sheet, writer, &text.drawn, &text.fonts);
    });
}

}  // namespace gengbao::report
