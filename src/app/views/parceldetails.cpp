// SPDX-License-Identifier: GPL-3.0-or-later
#include "parceldetails.h"

#include "../models/parceltablemodel.h"
#include "../session/strings.h"

#include <core/base/units.h>
#include <core/ops/lifecycle.h>

#include <nlohmann/json.hpp>
#include <report/vocabulary.h>

namespace gengbao::app {

namespace {

QString escaped(const std::string &text)
{
    return toQString(text).toHtmlEscaped();
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(label, value);
}

QString number(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

}  // namespace

ParcelDetails::ParcelDetails(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("parcelDetails"));
}

void ParcelDetails::showParcel(core::Project *project, const core::ParcelRow *parcel)
{
    if (!project || !parcel) {
        setHtml(QStringLiteral("<p>%1</p>").arg(tr("Select a parcel to see its details.")));
        return;
    }
    QString html = QStringLiteral("<h3>%1</h3><table>").arg(escaped(parcel->id));
    html += row(tr("Village"), escaped(parcel->village));
    html += row(tr("Land class"), parcel->dlmc ? escaped(*parcel->dlmc) : QString());
    html += row(tr("Stage"), report::stageLabel(parcel->stage));
    html += row(tr("TBMJ (m²)"), parcel->tbmjM2 ? number(*parcel->tbmjM2, 2) : QString());
    html += row(tr("Computed area (m²)"), number(parcel->areaM2, 2));
    html += row(tr("Gross area (mu)"), number(parcel->grossMu, 2));
    html += row(tr("Net area (mu)"), number(parcel->netMu, 2));
    if (parcel->acceptedNetMu)
        html += row(tr("Accepted net area (mu)"), number(*parcel->acceptedNetMu, 2));
    html += row(tr("Screening"), ParcelTableModel::verdictText(*parcel));
    if (parcel->slopeDeg)
        html += row(tr("Slope (°)"), number(*parcel->slopeDeg, 2) + QStringLiteral(" (") +
                                         escaped(parcel->slopeSource.value_or("")) +
                                         QStringLiteral(")"));
    if (parcel->redlineOverlapM2)
        html += row(tr("Red line overlap (m²)"), number(*parcel->redlineOverlapM2, 2));
    if (parcel->remainderM2 && *parcel->remainderM2 > 0)
        html += row(tr("Eligible remainder (m²)"), number(*parcel->remainderM2, 2));
    QStringList flags;
    for (const std::string &flag : parcel->flags.value_or(std::vector<std::string>{}))
        flags << ParcelTableModel::reasonName(flag);
    if (!flags.isEmpty())
        html += row(tr("For review"), flags.join(tr(", ")));
    html += QStringLiteral("</table>");

    if (auto history = core::parcelHistory(*project, parcel->id); history && !history->empty()) {
        html += QStringLiteral("<h4>%1</h4><table>").arg(tr("Stage history"));
        for (const core::HistoryEntry &entry : *history) {
            const QString step = entry.kind == "stage" ? report::stageLabel(entry.to)
                                                       : tr("Proposal: %1").arg(escaped(entry.to));
            QString detail = escaped(entry.recordedBy);
            for (const std::string *extra : {&entry.document, &entry.note, &entry.reason}) {
                if (!extra->empty())
                    detail += QStringLiteral(" · ") + escaped(*extra);
            }
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                        .arg(toQString(entry.date), step, detail);
        }
        html += QStringLiteral("</table>");
    }
    if (auto attributes = core::parcelAttributes(*project, parcel->id)) {
        const auto parsed = nlohmann::ordered_json::parse(*attributes, nullptr, false);
        if (parsed.is_object()) {
            html += QStringLiteral("<h4>%1</h4><table>").arg(tr("Attributes of the county's file"));
            for (const auto &[key, value] : parsed.items())
                html +=
                    row(escaped(key), value.is_string()
                                          ? escaped(value.get<std::string>())
                                          : (value.is_null() ? QString() : escaped(value.dump())));
            html += QStringLiteral("</table>");
        }
    }
    setHtml(html);
}

}  // namespace gengbao::app
