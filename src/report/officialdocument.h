// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/base/result.h>

#include <QFont>
#include <QList>
#include <QString>
#include <QStringList>

class QPagedPaintDevice;

namespace gengbao::report {

// The fonts of an official document (domain.md §5). Each is a list of families, the first one
// installed wins: the government fonts where a Windows PC has them, then the open Noto CJK fonts
// every Gengbao install has (fonts-noto-cjk).
struct DocumentFonts
{
    QStringList text = {QStringLiteral("仿宋_GB2312"),
                        QStringLiteral("FangSong_GB2312"),
                        QStringLiteral("仿宋"),
                        QStringLiteral("FangSong"),
                        QStringLiteral("Zhuque Fangsong"),
                        QStringLiteral("Noto Serif CJK SC")};
    QStringList title = {QStringLiteral("方正小标宋简体"), QStringLiteral("方正小标宋_GBK"),
                         QStringLiteral("FZXiaoBiaoSong-B05S"),
                         QStringLiteral("Noto Serif CJK SC")};
    QStringList heading = {QStringLiteral("黑体"), QStringLiteral("SimHei"),
                           QStringLiteral("Noto Sans CJK SC")};
    QStringList pageNumber = {QStringLiteral("宋体"), QStringLiteral("SimSun"),
                              QStringLiteral("Noto Serif CJK SC")};

    // Puts a family the user chose in front of a list.
    static void prefer(QStringList &list, const QString &family);
};

// The first installed family of a list (the last one when none is: Qt then substitutes).
QString installedFamily(const QStringList &candidates);

// A table of an official document: an optional caption line, the unit at the right above it, a
// header row repeated on every page it runs over, the rows and an optional total row. Column
// widths in mm add up to the text block's 156 mm.
struct DocumentTable
{
    QString caption;
    QString unit;
    QStringList columns;
    QList<double> widthsMm;
    QList<QStringList> rows;
    QStringList total;        // empty: none
    double pointSize = 14.0;  // 4号; 12 (小四) for a table with long codes
};

// A document in the GB/T 9704 layout: A4 portrait, margins top 37, left 28, right 26, bottom 35
// mm, 22 lines to the page; a heading such as "附件" in 3号黑体 on line 1 and the title in
// 2号小标宋 centred on line 3 (on line 1 without a heading); the tables; closing lines of text;
// page numbers "— N —" in 4号宋体 7 mm below the text block, odd pages right, even pages left.
struct OfficialDocument
{
    QString heading;
    QString title;
    QList<DocumentTable> tables;
    QStringList closing;
};

// Paints on a QPdfWriter or a QPrinter (whose page layout is set here).
core::Status paintDocument(const OfficialDocument &document, QPagedPaintDevice &device,
                           const DocumentFonts &fonts = {});

// A PDF file with its fonts embedded and its text map repaired (pdftext.h); written beside the
// target and renamed, so a failure never leaves half a file.
core::Status writeDocumentPdf(const OfficialDocument &document, const QString &path,
                              const DocumentFonts &fonts = {});

}  // namespace gengbao::report
