// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/base/result.h>

#include <QFont>
#include <QList>
#include <QString>

#include <functional>

class QPdfWriter;

namespace gengbao::report {

// Makes the text of a PDF written by QPdfWriter copy and search as the characters drawn.
//
// Qt builds each font's ToUnicode map by looking up, for every glyph, the lowest code point that
// maps to it. CJK fonts such as Noto share one glyph between an ideograph and its Kangxi radical
// (足 U+8DB3 and ⾜ U+2F9C, 龙 and ⻰), so 龙塘冲村 would extract as ⻰塘冲村 and no search or
// pdftotext check would find it (QTBUG; wkhtmltopdf #4414 and PDFBox #470 met the same). Qt
// writes these maps uncompressed as 4-digit hex, so each radical is replaced in place by the
// ideograph of the drawn text that shares its glyph in one of the fonts: the same length, so the
// cross-reference offsets stay valid.
core::Status fixPdfToUnicode(const QString &path, const QString &drawnText,
                             const QList<QFont> &fonts);

// What a PDF's painter drew: every character, and the fonts it drew them in (for the fix above).
struct PdfText
{
    QString drawn;
    QList<QFont> fonts;
};

// Writes a PDF the way every Gengbao PDF is written: `paint` draws into a 600 dpi QPdfWriter on a
// file beside the target and says what text it drew; the text map is fixed (fixPdfToUnicode);
// then the file replaces the target, so a failure never leaves a half-written PDF behind.
core::Status writePdf(const QString &path, const QString &title,
                      const std::function<core::Status(QPdfWriter &, PdfText &)> &paint);

}  // namespace gengbao::report
