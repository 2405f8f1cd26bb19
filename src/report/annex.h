// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/base/result.h>
#include <core/ops/plans.h>

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

// The task breakdown annex (任务分解表) as printed: every figure is text already rounded to
// 0.01 mu, and the 合计 row is the sum of the printed rows.
struct AnnexDocument
{
    QString heading = QStringLiteral("附件");
    QString title;
    QString unit = QStringLiteral("单位：亩");
    QStringList columns = {QStringLiteral("序号"), QStringLiteral("村居"),
                           QStringLiteral("潜力图斑面积"), QStringLiteral("任务数"),
                           QStringLiteral("备注")};
    struct Row
    {
        QString number, village, potential, task, remarks;
    };
    QList<Row> rows;
    Row total;
};

AnnexDocument annexFromTable(const core::TaskTable &table);

// Paints the annex in the official layout: A4 portrait, GB/T 9704 margins (top 37, left 28,
// right 26, bottom 35 mm), "附件" in 3号黑体 on line 1, the title in 2号小标宋 centred on line 3,
// "单位：亩" at the right above the table, a table that repeats its header on every page, and
// page numbers "— N —" in 4号宋体 7 mm below the text block (odd pages right, even pages left).
// device may be a QPdfWriter or a QPrinter; its page layout is set here.
core::Status paintAnnex(const AnnexDocument &annex, QPagedPaintDevice &device,
                        const DocumentFonts &fonts = {});

// The annex as a PDF file with its fonts embedded; written beside the target and renamed, so a
// failure never leaves half a file.
core::Status writeAnnexPdf(const AnnexDocument &annex, const QString &path,
                           const DocumentFonts &fonts = {});

}  // namespace gengbao::report
