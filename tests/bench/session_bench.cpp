// SPDX-License-Identifier: GPL-3.0-or-later
// What an edit costs the window with a county's parcels (issue 14, item 4): from the call on the
// session until the parcel table's model and the map's styles show it, median of 5, offscreen.
//
//   QT_QPA_PLATFORM=offscreen build/bin/gengbao_session_bench PROJECT.gpkg [--batch N]
//
// PROJECT is a screened project (the shared generator's 100,000 parcels, imported and screened
// with its DEM and red line: tests/bench/README.md). The bench works on a copy beside it, so the
// project itself is never changed. It prints one line per operation:
//
//   advance-one: N ms    one eligible candidate parcel to selected
//   undo-one: N ms       the undo of one such step
//   set-task: N ms       one village's task
//   advance-300: N ms    300 eligible candidates to selected in one step (--batch: N of them)
//
// It also checks that the model and the map show every change, and fails if not: the suite runs
// it on the sample with a smaller batch ("app: the session benchmark's operations are correct").
//
// The window is stood in for by what it connects to the session's `changed`: the table model
// takes the session's rows (MainWindow::showSession) and a shown MapView restyles its parcels.
#include <app/map/mapview.h>
#include <app/models/parcelfilter.h>
#include <app/models/parceltablemodel.h>
#include <app/session/projectsession.h>
#include <report/vocabulary.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QUndoStack>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace gengbao;

constexpr int kRuns = 5;

// Lets every queued event run (deferred reloads, restyles): what the window does before the
// officer sees the change.
void settle()
{
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents);
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// The eligible candidates, in fid order.
std::vector<QString> eligibleCandidates(const app::ProjectSession &session)
{
    std::vector<QString> ids;
    for (const core::ParcelRow &row : session.rows()) {
        if (row.stage == "candidate" && row.eligible.value_or(false) && !row.proposal)
            ids.push_back(QString::fromStdString(row.id));
    }
    return ids;
}

}  // namespace

int main(int argc, char **argv)
{
    QApplication application(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    int batch = 300;
    if (arguments.size() == 4 && arguments[2] == QStringLiteral("--batch"))
        batch = std::max(1, arguments[3].toInt());
    else if (arguments.size() != 2) {
        std::fprintf(stderr, "usage: gengbao_session_bench PROJECT.gpkg [--batch N]\n");
        return 2;
    }
    namespace fs = std::filesystem;
    const fs::path source = argv[1];
    const fs::path copy = source.parent_path() / (source.stem().string() + "-session-bench.gpkg");
    std::error_code ec;
    fs::remove(copy, ec);
    fs::copy_file(source, copy, ec);
    if (ec) {
        std::fprintf(stderr, "%s: cannot be copied: %s\n", source.c_str(), ec.message().c_str());
        return 1;
    }

    app::ProjectSession session;
    if (const auto failure = session.open(QString::fromStdString(copy.string()))) {
        std::fprintf(stderr, "%s\n", failure->toUtf8().constData());
        return 1;
    }
    app::ParcelTableModel model;
    app::ParcelFilter filter(&model);
    model.setRows(session.sharedRows());
    // With the model as context: the session outlives it and still signals while it closes.
    QObject::connect(&session, &app::ProjectSession::changed, &model,
                     [&](const app::SessionChange &change) {
                         if (change.parcels)  // as MainWindow::showSession
                             model.setRows(session.sharedRows());
                     });
    app::MapView map(session);
    map.resize(1200, 800);
    map.show();
    // The map loads its snapshot on a thread: wait for it before timing.
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 120'000 && !map.isUpToDate())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    settle();

    const std::vector<QString> candidates = eligibleCandidates(session);
    if (candidates.size() < std::size_t(kRuns * (batch + 1))) {
        std::fprintf(stderr, "%s: %zu eligible candidates, %d needed: screen the project first\n",
                     source.c_str(), candidates.size(), kRuns * (batch + 1));
        return 1;
    }
    // Checks that the model shows what the step did, so that a fast but wrong update cannot
    // pass for a fast one.
    // The model's row of each parcel: rows are in fid order and a step never adds or removes
    // one, so the row found once stays the parcel's.
    std::map<QString, int> rowOf;
    for (int row = 0; row < int(session.rows().size()); ++row)
        rowOf.emplace(QString::fromStdString(session.rows()[std::size_t(row)].id), row);
    const auto stageShown = [&](const QString &id) {
        return model.index(rowOf.at(id), app::ParcelTableModel::Stage).data().toString();
    };
    // From the call until `shown` holds (the table and the map show the change), polling the
    // event loop; a change not shown within 60 s fails the bench.
    bool correct = true;
    const auto timed = [&](const std::function<void()> &operation,
                           const std::function<bool()> &shown) {
        QElapsedTimer timer;
        timer.start();
        operation();
        while (!(shown() && map.isUpToDate())) {
            if (timer.elapsed() > 60'000) {
                correct = false;
                break;
            }
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        }
        return double(timer.nsecsElapsed()) / 1e6;
    };

    app::ProjectSession::Step step;
    step.to = core::Stage::Selected;
    std::size_t next = 0;
    std::vector<double> advanceOne, undoOne, setTask, advanceMany;
    std::vector<QString> movedOne;
    const QString selected = report::stageLabel(core::Stage::Selected);
    const QString candidate = report::stageLabel(core::Stage::Candidate);
    for (int run = 0; run < kRuns; ++run) {
        const QString id = candidates[next++];
        advanceOne.push_back(timed([&] { session.advance({id}, step); },
                                   [&] { return stageShown(id) == selected; }));
        movedOne.push_back(id);
        settle();
    }
    for (int run = 0; run < kRuns; ++run) {
        const QString id = movedOne[std::size_t(kRuns - 1 - run)];
        undoOne.push_back(timed([&] { session.undoStack()->undo(); },
                                [&] { return stageShown(id) == candidate; }));
        settle();
    }
    const auto table = session.taskTable();
    if (!table || table->villages.empty()) {
        std::fprintf(stderr, "%s: has no villages\n", source.c_str());
        return 1;
    }
    const QString village = QString::fromStdString(table->villages.front().code);
    for (int run = 0; run < kRuns; ++run) {
        const std::int64_t task = 1000 + run;  // 10.00 mu, 10.01 mu, ...
        setTask.push_back(
            timed([&] { session.setTask(village, task, std::nullopt); }, [] { return true; }));
        const auto after = session.taskTable();
        correct = correct && after && after->villages.front().task == task;
        settle();
    }
    for (int run = 0; run < kRuns; ++run) {
        QStringList ids;
        for (int i = 0; i < batch; ++i)
            ids << candidates[next++];
        advanceMany.push_back(timed([&] { session.advance(ids, step); },
                                    [&] {
                                        return stageShown(ids.front()) == selected &&
                                               stageShown(ids.back()) == selected;
                                    }));
        settle();
    }

    std::printf("parcels: %zu\n", session.rows().size());
    std::printf("advance-one: %.0f ms\n", median(advanceOne));
    std::printf("undo-one: %.0f ms\n", median(undoOne));
    std::printf("set-task: %.0f ms\n", median(setTask));
    std::printf("advance-%d: %.0f ms\n", batch, median(advanceMany));
    fs::remove(copy, ec);
    fs::remove(copy.string() + "-wal", ec);
    fs::remove(copy.string() + "-shm", ec);
    if (!correct) {
        std::fprintf(stderr, "the table did not show every change\n");
        return 1;
    }
    return 0;
}
