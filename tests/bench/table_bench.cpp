// SPDX-License-Identifier: GPL-3.0-or-later
// How fluid the parcel table is with a county's parcels: the median time (of 5) to sort by a
// column and to apply each filter, on the window's own model and proxy, offscreen.
//
//   QT_QPA_PLATFORM=offscreen build/bin/gengbao_table_bench PROJECT.gpkg
#include <app/models/parcelfilter.h>
#include <app/models/parceltablemodel.h>
#include <core/ops/exportparcels.h>
#include <core/project.h>

#include <QApplication>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

namespace {

double medianMs(const std::function<void()> &work)
{
    std::vector<double> times;
    for (int run = 0; run < 5; ++run) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
    }
    std::sort(times.begin(), times.end());
    return times[2];
}

}  // namespace

int main(int argc, char **argv)
{
    QApplication application(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: gengbao_table_bench PROJECT.gpkg\n");
        return 2;
    }
    using namespace gengbao;
    auto project = core::Project::open(argv[1]);
    if (!project) {
        std::fprintf(stderr, "%s\n", project.error().message().c_str());
        return 1;
    }
    const auto loadStart = std::chrono::steady_clock::now();
    auto rows = core::loadParcelRows(**project);
    if (!rows)
        return 1;
    const double loadMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - loadStart)
            .count();
    app::ParcelTableModel model;
    app::ParcelFilter filter(&model);
    filter.setSortRole(Qt::UserRole + 1);
    const double setMs = medianMs(
        [&] { model.setRows(std::make_shared<const std::vector<core::ParcelRow>>(*rows)); });
    const std::string village = rows->at(rows->size() / 2).villageCode.value_or("");
    // Asking for the row count makes the proxy build its mapping, as a view does at once.
    long long visible = 0;
    const struct
    {
        const char *name;
        std::function<void()> work;
    } steps[] = {
        {"sort by id (both ways)",
         [&] {
             filter.sort(app::ParcelTableModel::Id, Qt::DescendingOrder);
             visible += filter.rowCount();
             filter.sort(app::ParcelTableModel::Id, Qt::AscendingOrder);
             visible += filter.rowCount();
         }},
        {"sort by gross area (both ways)",
         [&] {
             filter.sort(app::ParcelTableModel::GrossMu, Qt::DescendingOrder);
             visible += filter.rowCount();
             filter.sort(app::ParcelTableModel::GrossMu, Qt::AscendingOrder);
             visible += filter.rowCount();
         }},
        {"filter one village (on and off)",
         [&] {
             filter.setVillageCode(QString::fromStdString(village));
             visible += filter.rowCount();
             filter.setVillageCode(QString());
             visible += filter.rowCount();
         }},
        {"filter eligible (on and off)",
         [&] {
             filter.setVerdict(app::ParcelFilter::Verdict::Eligible);
             visible += filter.rowCount();
             filter.setVerdict(app::ParcelFilter::Verdict::Any);
             visible += filter.rowCount();
         }},
        {"search text (on and off)",
         [&] {
             filter.setText(QStringLiteral("00123"));
             visible += filter.rowCount();
             filter.setText(QString());
             visible += filter.rowCount();
         }},
    };
    std::printf("parcels: %zu\nload rows from the project: %.0f ms\nset the model: %.0f ms\n",
                rows->size(), loadMs, setMs);
    for (const auto &step : steps)
        std::printf("%s: %.0f ms (median of 5)\n", step.name, medianMs(step.work));
    return visible > 0 ? 0 : 1;
}
