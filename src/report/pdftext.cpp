// SPDX-License-Identifier: GPL-3.0-or-later
#include "pdftext.h"

#include <QFile>
#include <QHash>
#include <QPdfWriter>
#include <QRawFont>
#include <QSet>

namespace gengbao::report {

namespace {

// CJK Radicals Supplement and Kangxi Radicals.
constexpr char32_t kRadicalsFirst = 0x2E80;
constexpr char32_t kRadicalsLast = 0x2FDF;

quint32 glyphOf(const QRawFont &font, char32_t codePoint)
{
    const QList<quint32> glyphs = font.glyphIndexesForString(QString::fromUcs4(&codePoint, 1));
    return glyphs.size() == 1 ? glyphs.front() : 0;
}

// Radical -> the drawn ideograph that shares its glyph.
QHash<char32_t, char32_t> radicalReplacements(const QString &drawnText, const QList<QFont> &fonts)
{
    QSet<char32_t> drawn;
    for (const char32_t codePoint : drawnText.toUcs4()) {
        if (codePoint >= 0x3400 && codePoint <= 0xFFFF)
            drawn.insert(codePoint);
    }
    QHash<char32_t, char32_t> replacements;
    for (const QFont &font : fonts) {
        const QRawFont raw = QRawFont::fromFont(font);
        if (!raw.isValid())
            continue;
        QHash<quint32, char32_t> byGlyph;
        for (const char32_t codePoint : drawn) {
            if (const quint32 glyph = glyphOf(raw, codePoint))
                byGlyph.insert(glyph, codePoint);
        }
        for (char32_t radical = kRadicalsFirst; radical <= kRadicalsLast; ++radical) {
            const quint32 glyph = glyphOf(raw, radical);
            if (glyph && byGlyph.contains(glyph) && !replacements.contains(radical))
                replacements.insert(radical, byGlyph.value(glyph));
        }
    }
    return replacements;
}

QByteArray hex4(char32_t codePoint)
{
    return QByteArray::number(uint(codePoint), 16).toUpper().rightJustified(4, '0');
}

}  // namespace

core::Status fixPdfToUnicode(const QString &path, const QString &drawnText,
                             const QList<QFont> &fonts)
{
    const auto replacements = radicalReplacements(drawnText, fonts);
    if (replacements.isEmpty())
        return core::Status::success();
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return core::makeError(core::ErrorCode::Io, path.toStdString(), "cannot be reopened");
    QByteArray pdf = file.readAll();
    bool changed = false;
    // Only inside ToUnicode CMaps: from "begincmap" to "endcmap".
    for (qsizetype start = pdf.indexOf("begincmap"); start >= 0;
         start = pdf.indexOf("begincmap", start + 1)) {
        const qsizetype end = pdf.indexOf("endcmap", start);
        if (end < 0)
            break;
        for (auto it = replacements.cbegin(); it != replacements.cend(); ++it) {
            const QByteArray from = '<' + hex4(it.key()) + '>';
            const QByteArray to = '<' + hex4(it.value()) + '>';
            for (qsizetype at = pdf.indexOf(from, start); at >= 0 && at < end;
                 at = pdf.indexOf(from, at + to.size())) {
                pdf.replace(at, to.size(), to);
                changed = true;
            }
        }
    }
    if (!changed)
        return core::Status::success();
    file.seek(0);
    if (file.write(pdf) != pdf.size())
        return core::makeError(core::ErrorCode::Io, path.toStdString(), "cannot be rewritten");
    return core::Status::success();
}

core::Status writePdf(const QString &path, const QString &title,
                      const std::function<core::Status(QPdfWriter &, PdfText &)> &paint)
{
    const QString partial = path + QStringLiteral(".part");
    PdfText text;
    {
        QPdfWriter writer(partial);
        writer.setResolution(600);
        writer.setTitle(title);
        writer.setCreator(QStringLiteral("Gengbao"));
        auto status = paint(writer, text);
        if (!status) {
            QFile::remove(partial);
            core::Error error = status.error();
            error.file = path.toStdString();
            return error;
        }
    }
    if (auto fixed = fixPdfToUnicode(partial, text.drawn, text.fonts); !fixed) {
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
