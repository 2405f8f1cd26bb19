// SPDX-License-Identifier: GPL-3.0-or-later
#include "annex.h"

#include "pdftext.h"

#include <QFile>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>

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
// Column widths in mm, adding up to the text block's width.
constexpr double kColumnsMm[] = {18.0, 40.0, 36.0, 30.0, 32.0};

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
    // The open fallbacks stand in for heavier government faces: 方正小标宋 is a bold-looking Song.
    font.setBold(bold);
    return font;
}

class AnnexPainter
{
public:
    AnnexPainter(const AnnexDocument &annex, QPagedPaintDevice &device, QPainter &painter,
                 const DocumentFonts &fonts)
        : mAnnex(annex)
        , mDevice(device)
        , mPainter(painter)
        , mMm(device)
        , mTextFont(fontOf(fonts.text, kTablePt))
        , mTitleFont(fontOf(fonts.title, kTitlePt,
                            installedFamily(fonts.title) == QStringLiteral("Noto Serif CJK SC")))
        , mHeadingFont(fontOf(fonts.heading, kHeadingPt))
        , mNumberFont(fontOf(fonts.pageNumber, kPageNumberPt))
    {}

    bool paint()
    {
        int line = 1;
        mPainter.setFont(mHeadingFont);
        mPainter.drawText(lineRect(line, 1), Qt::AlignLeft | Qt::AlignVCenter, mAnnex.heading);
        // The title centred on line 3; a title too long for one line takes two.
        line = 3;
        mPainter.setFont(mTitleFont);
        const QRectF one = lineRect(line, 1);
        const bool wraps =
            mPainter.boundingRect(one, Qt::AlignCenter, mAnnex.title).width() > one.width();
        const int titleLines = wraps ? 2 : 1;
        mPainter.drawText(lineRect(line, titleLines), Qt::AlignCenter | Qt::TextWordWrap,
                          mAnnex.title);
        line += titleLines;
        mPainter.setFont(mTextFont);
        mPainter.drawText(lineRect(line, 1), Qt::AlignRight | Qt::AlignVCenter, mAnnex.unit);
        ++line;

        QList<AnnexDocument::Row> rows = mAnnex.rows;
        rows.append(mAnnex.total);
        AnnexDocument::Row header{mAnnex.columns.value(0), mAnnex.columns.value(1),
                                  mAnnex.columns.value(2), mAnnex.columns.value(3),
                                  mAnnex.columns.value(4)};
        int next = 0;
        while (next < rows.size()) {
            // The header on every page, then as many rows as the page's lines hold.
            drawRow(line++, header);
            while (next < rows.size() && line <= kLinesPerPage)
                drawRow(line++, rows[next++]);
            drawPageNumber();
            if (next < rows.size()) {
                if (!mDevice.newPage())
                    return false;
                ++mPage;
                line = 1;
            }
        }
        return true;
    }

private:
    // Lines [line, line + count) of the text block, full width.
    QRectF lineRect(int line, int count) const
    {
        return mMm.rect(kLeftMm, kTopMm + (line - 1) * kLineMm, kBlockWidthMm, count * kLineMm);
    }

    void drawRow(int line, const AnnexDocument::Row &row)
    {
        const QString cells[] = {row.number, row.village, row.potential, row.task, row.remarks};
        double x = kLeftMm;
        const double y = kTopMm + (line - 1) * kLineMm;
        mPainter.setFont(mTextFont);
        QPen pen(Qt::black);
        pen.setWidthF(mMm(0.5 * kPointMm));
        mPainter.setPen(pen);
        for (int column = 0; column < 5; ++column) {
            const QRectF cell = mMm.rect(x, y, kColumnsMm[column], kLineMm);
            mPainter.drawRect(cell);
            mPainter.drawText(cell.adjusted(mMm(1), 0, -mMm(1), 0),
                              Qt::AlignCenter | Qt::TextWordWrap, cells[column]);
            x += kColumnsMm[column];
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

    const AnnexDocument &mAnnex;
    QPagedPaintDevice &mDevice;
    QPainter &mPainter;
    PageGeometry mMm;
    QFont mTextFont, mTitleFont, mHeadingFont, mNumberFont;
    int mPage = 1;
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

AnnexDocument annexFromTable(const core::TaskTable &table)
{
    const auto mu = [](std::int64_t centiMu) {
        return QString::fromStdString(core::formatMu(centiMu));
    };
    AnnexDocument annex;
    annex.title = QString::fromStdString(table.program.annexTitle);
    int number = 1;
    std::int64_t potential = 0, task = 0;
    for (const core::VillageTask &village : table.villages) {
        annex.rows.append({QString::number(number++), QString::fromStdString(village.name),
                           mu(village.potential), mu(village.task),
                           QString::fromStdString(village.remarks)});
        potential += village.potential;  // the sum of the printed rows
        task += village.task;
    }
    annex.total = {QStringLiteral("合计"), QString(), mu(potential), mu(task), QString()};
    return annex;
}

core::Status paintAnnex(const AnnexDocument &annex, QPagedPaintDevice &device,
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
    AnnexPainter annexPainter(annex, device, painter, fonts);
    const bool done = annexPainter.paint();
    painter.end();
    if (!done)
        return core::makeError(core::ErrorCode::Io, {}, "cannot start a new page");
    return core::Status::success();
}

core::Status writeAnnexPdf(const AnnexDocument &annex, const QString &path,
                           const DocumentFonts &fonts)
{
    const QString partial = path + QStringLiteral(".part");
    // Every character the annex draws, to repair the PDF's text map (pdftext.h).
    QString drawn = annex.heading + annex.title + annex.unit + annex.columns.join(QString());
    for (const auto &row : annex.rows + QList<AnnexDocument::Row>{annex.total})
        drawn += row.number + row.village + row.potential + row.task + row.remarks;
    const QList<QFont> usedFonts = {fontOf(fonts.text, kTablePt), fontOf(fonts.title, kTitlePt),
                                    fontOf(fonts.heading, kHeadingPt),
                                    fontOf(fonts.pageNumber, kPageNumberPt)};
    {
        QPdfWriter writer(partial);
        writer.setResolution(600);
        writer.setTitle(annex.title);
        writer.setCreator(QStringLiteral("Gengbao"));
        auto status = paintAnnex(annex, writer, fonts);
        if (!status) {
            QFile::remove(partial);
            core::Error error = status.error();
            error.file = path.toStdString();
            return error;
        }
    }
    if (auto fixed = fixPdfToUnicode(partial, drawn, usedFonts); !fixed) {
        QFile::remove(partial);
        return fixed.error();
    }
    QFile::remove(path);
    if (!QFile::exists(partial) || !QFile::rename(partial, path)) {
        QFile::remove(partial);
        return core::makeError(core::ErrorCode::Io, path.toStdString(), "cannot be written");
    }
    return core::Status::success();
}

}  // namespace gengbao::report
