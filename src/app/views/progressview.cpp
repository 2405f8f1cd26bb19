// SPDX-License-Identifier: GPL-3.0-or-later
#include "progressview.h"

#include "../models/parceltablemodel.h"
#include "../session/projectsession.h"
#include "../session/strings.h"

#include <core/base/clock.h>
#include <core/ops/plans.h>
#include <core/ops/progress.h>

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QProgressBar>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <report/vocabulary.h>

namespace gengbao::app {

namespace {

QString mu(std::int64_t centi)
{
    return toQString(core::formatMu(centi));
}

QDateTime dayOf(const std::string &date)
{
    return QDateTime(QDate::fromString(toQString(date), Qt::ISODate), QTime(12, 0));
}

}  // namespace

ProgressView::ProgressView(ProjectSession &session, QWidget *parent)
    : SessionView(session, parent)
    , mVillages(new QTableWidget(this))
    , mChart(new QChartView(this))
    , mAsOf(new QLabel(this))
{
    mVillages->setObjectName(QStringLiteral("progressVillages"));
    mVillages->setColumnCount(10);
    using core::Stage;
    mVillages->setHorizontalHeaderLabels(
        {tr("Village"), tr("Task (mu)"), report::stageLabel(Stage::Selected),
         report::stageLabel(Stage::Restoring), report::stageLabel(Stage::Planted),
         report::stageLabel(Stage::EvidenceSubmitted), report::stageLabel(Stage::Verified),
         report::stageLabel(Stage::Approved), tr("Approved share of the task"),
         tr("Overdue parcels")});
    mVillages->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mVillages->verticalHeader()->hide();
    mVillages->horizontalHeader()->setStretchLastSection(true);
    mChart->setRenderHint(QPainter::Antialiasing);
    mChart->setMinimumHeight(240);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(mVillages);
    splitter->addWidget(mChart);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(mAsOf);
    layout->addWidget(splitter);
    reload();
}

void ProgressView::reload()
{
    mVillages->setRowCount(0);
    if (!mSession.project())
        return;
    auto report = core::progressReport(*mSession.project());
    if (!report)
        return;
    mAsOf->setText(tr("As of %1 (net areas in mu; the accepted area once approved).")
                       .arg(toQString(report->asOf)));
    mVillages->setRowCount(int(report->villages.size()));
    for (int row = 0; row < int(report->villages.size()); ++row) {
        const core::VillageProgress &village = report->villages[std::size_t(row)];
        mVillages->setItem(row, 0, new QTableWidgetItem(toQString(village.name)));
        mVillages->setItem(row, 1, new QTableWidgetItem(mu(village.task)));
        for (int stage = 0; stage < 6; ++stage)
            mVillages->setItem(row, 2 + stage,
                               new QTableWidgetItem(mu(village.reached[std::size_t(stage)])));
        auto *bar = new QProgressBar(mVillages);
        bar->setRange(0, 100);
        const std::int64_t approved = village.reached[5];
        bar->setValue(village.task > 0
                          ? int(std::min<std::int64_t>(100, approved * 100 / village.task))
                          : 100);
        mVillages->setCellWidget(row, 8, bar);
        QStringList overdue;
        for (const auto &[stage, count] : village.overdue)
            overdue << tr("%n late for %1", nullptr, int(count)).arg(report::stageLabel(stage));
        if (village.selectionShort > 0)
            overdue << tr("selection short by %1 mu").arg(mu(village.selectionShort));
        mVillages->setItem(row, 9, new QTableWidgetItem(overdue.join(QStringLiteral("; "))));
    }
    mVillages->resizeColumnsToContents();
    reloadChart();
}

void ProgressView::reloadChart()
{
    auto *chart = new QChart;
    chart->setTitle(tr("Approved net area against the target"));
    auto points = core::approvedOverTime(*mSession.project());
    auto plan = core::loadPlan(*mSession.project());
    const core::Program *restoration = plan ? plan->restoration() : nullptr;
    const double target = restoration && restoration->targetMu ? *restoration->targetMu : 0.0;
    std::string deadline = plan ? std::to_string(plan->year) + "-11-30" : core::today();
    if (restoration) {
        for (const core::Deadline &entry : restoration->deadlines) {
            if (entry.stage == "approved")
                deadline = entry.dueOn;
        }
    }
    const std::string start = plan ? std::to_string(plan->year) + "-01-01" : core::today();
    auto *approved = new QLineSeries;
    approved->setName(tr("Approved"));
    // A step line: the approved area changes on approval days and stays level in between.
    double level = 0.0;
    approved->append(dayOf(start).toMSecsSinceEpoch(), level);
    if (points) {
        for (const core::ApprovedPoint &point : *points) {
            const qint64 day = dayOf(point.date).toMSecsSinceEpoch();
            approved->append(day, level);
            level = double(point.approved) / 100.0;
            approved->append(day, level);
        }
    }
    // Level until today (or the deadline, for a past year's plan), never back in time.
    const std::string until = std::min(core::today(), deadline);
    if (!points || points->empty() || points->back().date < until)
        approved->append(dayOf(until).toMSecsSinceEpoch(), level);
    auto *goal = new QLineSeries;
    goal->setName(tr("Target"));
    goal->append(dayOf(start).toMSecsSinceEpoch(), target);
    goal->append(dayOf(deadline).toMSecsSinceEpoch(), target);
    auto *due = new QLineSeries;
    due->setName(tr("Approval deadline"));
    due->append(dayOf(deadline).toMSecsSinceEpoch(), 0);
    due->append(dayOf(deadline).toMSecsSinceEpoch(), target);
    for (QLineSeries *series : {approved, goal, due})
        chart->addSeries(series);
    auto *xAxis = new QDateTimeAxis;
    xAxis->setFormat(QStringLiteral("MM-dd"));
    xAxis->setRange(dayOf(start), dayOf(deadline).addDays(31));
    auto *yAxis = new QValueAxis;
    yAxis->setRange(0, std::max(target, points && !points->empty()
                                            ? double(points->back().approved) / 100.0
                                            : 0.0) *
                               1.1 +
                           1.0);
    yAxis->setTitleText(tr("mu"));
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    for (QLineSeries *series : {approved, goal, due}) {
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
    }
    QChart *old = mChart->chart();
    mChart->setChart(chart);
    delete old;
}

}  // namespace gengbao::app
