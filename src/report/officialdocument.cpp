// SPDX-License-Identifier: GPL-3.0-or-later
#include "officialdocument.h"

#include "pdftext.h"

#include <QFontDatabase>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <cmath>

namespace gengbao::report {

namespace {

// GB/T 9704-2012 (domain.md §5): the text block (版心) is 156 x 225 mm at 28 mm from the left and
// 37 mm from the top, with 22 lines; page numbers sit 7 mm below it.
constexpr double kLeftMm = 28.0;
constexpr double kTopMm = 37.0;
constexpr double kBlockWidthMm = 156.0;
constexpr double kBlockHeightMm = 225.0;
constexpr int kLinesPerPage = 22;
constexpr double kLineMm = kBlockHeightMm / kLinesPerPage;
constexpr double kPageNumberGapMm = 7.0;
// 字号 in points: 2号 22, 3号 16, 4号 14.
constexpr double kTitlePt = 22.0;
constexpr double kHeadingPt = 16.0;
constexpr double kTablePt = 14.0;
constexpr double kPageNumberPt = 14.0;
constexpr double kPointMm = 25.4 / 72.0;

// Millimetres on the page to device units.
class PageGeometry
{
public:
    explicit PageGeometry(const QPagedPaintDevice &device)
        : mUnitsPerMm(device.logicalDpiX() / 25.4)
    {}
    double operator()(double mm) const { return mm * mUnitsPerMm; }
    QRectF rect(double x, double y, double width, double height) const
    {
        return {(*this)(x), (*this)(y), (*this)(width), (*this)(height)};
    }

private:
    double mUnitsPerMm;
};

QFont fontOf(const QStringList &families, double points, bool bold = false)
{
    QFont font(installedFamily(families));
    font.setPointSizeF(points);
    font.setBold(bold);
    return font;
}

QFont titleFontOf(const DocumentFonts &fonts)
{
    // The open fallback stands in for 方正小标宋, a heavy Song: its bold weight.
    return fontOf(fonts.title, kTitlePt,
                  installedFamily(fonts.title) == QStringLiteral("Noto Serif CJK SC"));
}

class DocumentPainter
{
public:
    DocumentPainter(const OfficialDocument &document, QPagedPaintDevice &device, QPainter &painter,
                    const DocumentFonts &fonts)
        : mDocument(document)
        , mDevice(device)
        , mPainter(painter)
        , mMm(device)
        , mTextFont(fontOf(fonts.text, kTablePt))
        , mTitleFont(titleFontOf(fonts))
        , mHeadingFont(fontOf(fonts.heading, kHeadingPt))
        , mNumberFont(fontOf(fonts.pageNumber, kPageNumberPt))
    {}

    bool paint()
    {
        if (!mDocument.heading.isEmpty()) {
            mPainter.setFont(mHeadingFont);
            mPainter.drawText(lineRect(mLine, 1), Qt::AlignLeft | Qt::AlignVCenter,
                              mDocument.heading);
            mLine = 3;
        }
        // The title centred; a title too long for one line takes two.
        mPainter.setFont(mTitleFont);
        const QRectF one = lineRect(mLine, 1);
        const bool wraps =
            mPainter.boundingRect(one, Qt::AlignCenter, mDocument.title).width() > one.width();
        const int titleLines = wraps ? 2 : 1;
        mPainter.drawText(lineRect(mLine, titleLines), Qt::AlignCenter | Qt::TextWordWrap,
                          mDocument.title);
        mLine += titleLines;
        for (int t = 0; t < mDocument.tables.size(); ++t) {
            if (t > 0 && !advance(1))
                return false;
            if (!paintTable(mDocument.tables[t]))
                return false;
        }
        mPainter.setFont(mTextFont);
        for (const QString &line : mDocument.closing) {
            if (!advance(0))
                return false;
            mPainter.drawText(lineRect(mLine++, 1), Qt::AlignLeft | Qt::AlignVCenter, line);
        }
        drawPageNumber();
        return true;
    }

private:
    // Moves down `lines` lines, starting a new page when this one is full.
    bool advance(int lines)
    {
        mLine += lines;
        if (mLine <= kLinesPerPage)
            return true;
        return newPage();
    }

    bool newPage()
    {
        drawPageNumber();
        if (!mDevice.newPage())
            return false;
        ++mPage;
        mLine = 1;
        return true;
    }

    bool paintTable(const DocumentTable &table)
    {
        // Caption, unit and header stay with at least one row.
        const int lead = (table.caption.isEmpty() ? 0 : 1) + (table.unit.isEmpty() ? 0 : 1);
        if (mLine + lead + 1 > kLinesPerPage && !newPage())
            return false;
        if (!table.caption.isEmpty()) {
            mPainter.setFont(mHeadingFont);
            mPainter.drawText(lineRect(mLine++, 1), Qt::AlignLeft | Qt::AlignVCenter,
                              table.caption);
        }
        if (!table.unit.isEmpty()) {
            mPainter.setFont(mTextFont);
            mPainter.drawText(lineRect(mLine++, 1), Qt::AlignRight | Qt::AlignVCenter, table.unit);
        }
        QList<QStringList> rows = table.rows;
        if (!table.total.isEmpty())
            rows.append(table.total);
        int next = 0;
        for (;;) {
            drawRow(mLine++, table, table.columns, 1);  // the header on every page
            while (next < rows.size()) {
                const int lines = rowLines(table, rows[next]);
                if (mLine + lines - 1 > kLinesPerPage)
                    break;
                drawRow(mLine, table, rows[next++], lines);
                mLine += lines;
            }
            if (next >= rows.size())
                return true;
            if (!newPage())
                return false;
        }
    }

    // How many grid lines a row takes: one, or as many as its longest cell needs once wrapped
    // (a long remark), never more than a page holds under its header.
    int rowLines(const DocumentTable &table, const QStringList &cells) const
    {
        QFont font = mTextFont;
        font.setPointSizeF(table.pointSize);
        const QFontMetricsF metrics(font, &mDevice);
        const double lineHeight = mMm(kLineMm);
        double tallest = 0;
        for (int column = 0; column < table.widthsMm.size(); ++column) {
            const double width = mMm(table.widthsMm[column]) - 2 * mMm(1);
            tallest = std::max(tallest, metrics
                                            .boundingRect(QRectF(0, 0, width, 1e9),
                                                          Qt::AlignCenter | Qt::TextWordWrap,
                                                          cells.value(column))
                                            .height());
        }
        const int lines = int(std::ceil(tallest / lineHeight - 1e-9));
        return std::clamp(lines, 1, kLinesPerPage - 1);
    }

    // Lines [line, line + count) of the text block, full width.
    QRectF lineRect(int line, int count) const
    {
        return mMm.rect(kLeftMm, kTopMm + (line - 1) * kLineMm, kBlockWidthMm, count * kLineMm);
    }

    // A row over `lines` grid lines from `line`.
    void drawRow(int line, const DocumentTable &table, const QStringList &cells, int lines)
    {
        double x = kLeftMm;
        const double y = kTopMm + (line - 1) * kLineMm;
        QFont font = mTextFont;
        font.setPointSizeF(table.pointSize);
        mPainter.setFont(font);
        QPen pen(Qt::black);
        pen.setWidthF(mMm(0.5 * kPointMm));
        mPainter.setPen(pen);
        for (int column = 0; column < table.widthsMm.size(); ++column) {
            const double width = table.widthsMm[column];
            const QRectF cell = mMm.rect(x, y, width, lines * kLineMm);
            mPainter.drawRect(cell);
            mPainter.drawText(cell.adjusted(mMm(1), 0, -mMm(1), 0),
                              Qt::AlignCenter | Qt::TextWordWrap, cells.value(column));
            x += width;
        }
    }

    void drawPageNumber()
    {
        // "— N —": the dashes and the number drawn apart with half a character between them,
        // so that a text extractor sees three words, as the reader does.
        mPainter.setFont(mNumberFont);
        const QFontMetricsF metrics(mNumberFont, &mDevice);
        const QString dash = QStringLiteral("—");
        const QString number = QString::number(mPage);
        const double gap = metrics.horizontalAdvance(QStringLiteral("0"));
        const double width =
            2 * metrics.horizontalAdvance(dash) + metrics.horizontalAdvance(number) + 2 * gap;
        const double indent = mMm(kPageNumberPt * kPointMm);  // one character of space
        const double left =
            mPage % 2 == 1 ? mMm(kLeftMm + kBlockWidthMm) - indent - width : mMm(kLeftMm) + indent;
        const double baseline = mMm(kTopMm + kBlockHeightMm + kPageNumberGapMm) + metrics.ascent();
        double x = left;
        for (const QString &part : {dash, number, dash}) {
            mPainter.drawText(QPointF(x, baseline), part);
            x += metrics.horizontalAdvance(part) + gap;
        }
    }

    const OfficialDocument &mDocument;
    QPagedPaintDevice &mDevice;
    QPainter &mPainter;
    PageGeometry mMm;
    QFont mTextFont, mTitleFont, mHeadingFont, mNumberFont;
    int mPage = 1;
    int mLine = 1;
};

}  // namespace

void DocumentFonts::prefer(QStringList &list, const QString &family)
{
    if (family.isEmpty())
        return;
    list.removeAll(family);
    list.prepend(family);
}

QString installedFamily(const QStringList &candidates)
{
    const QStringList families = QFontDatabase::families();
    for (const QString &candidate : candidates) {
        if (families.contains(candidate, Qt::CaseInsensitive))
            return candidate;
    }
    return candidates.isEmpty() ? QString() : candidates.last();
}

core::Status paintDocument(const OfficialDocument &document, QPagedPaintDevice &device,
                           const DocumentFonts &fonts)
{
    // Full-page mode: the page numbers lie in the bottom margin, outside the text block.
    QPageLayout layout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                       QMarginsF(kLeftMm, kTopMm, 210.0 - kLeftMm - kBlockWidthMm,
                                 297.0 - kTopMm - kBlockHeightMm),
                       QPageLayout::Millimeter);
    layout.setMode(QPageLayout::FullPageMode);
    if (!device.setPageLayout(layout))
        return core::makeError(core::ErrorCode::Io, {}, "the printer does not take an A4 page");
    QPainter painter;
    if (!painter.begin(&device))
        return core::makeError(core::ErrorCode::Io, {}, "cannot start printing");
    DocumentPainter documentPainter(document, device, painter, fonts);
    const bool done = documentPainter.paint();
    painter.end();
    if (!done)
        return core::makeError(core::ErrorCode::Io, {}, "cannot start a new page");
    return core::Status::success();
}

core::Status writeDocumentPdf(const OfficialDocument &document, const QString &path,
                              const DocumentFonts &fonts)
{
    // Every character drawn, to repair the PDF's text map (pdftext.h).
    QString drawn = document.heading + document.title + document.closing.join(QString());
    for (const DocumentTable &table : document.tables) {
        drawn += table.caption + table.unit + table.columns.join(QString()) +
                 table.total.join(QString());
        for (const QStringList &row : table.rows)
            drawn += row.join(QString());
    }
    const QList<QFont> usedFonts = {fontOf(fonts.text, kTablePt), titleFontOf(fonts),
                                    fontOf(fonts.heading, kHeadingPt),
                                    fontOf(fonts.pageNumber, kPageNumberPt)};
    return writePdf(path, document.title, [&](QPdfWriter &writer, PdfText &text) {
        text = {drawn, usedFonts};
        return paintDocument(document, writer, fonts);
    });
}

}  // namespace gengbao::report
