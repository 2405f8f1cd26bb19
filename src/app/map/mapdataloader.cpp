// SPDX-License-Identifier: GPL-3.0-or-later
#include "mapdataloader.h"

#include "../session/strings.h"

#include <core/project.h>
#include <report/errortext.h>

#include <QThread>

#include <algorithm>

namespace gengbao::app {

MapDataLoader::MapDataLoader(QObject *parent)
    : QObject(parent)
{}

MapDataLoader::~MapDataLoader()
{
    // The workers post to this object: they must be done before it goes.
    for (const auto &task : mTasks)
        task->progress.cancel();
    for (const auto &task : mTasks) {
        task->thread->wait();
        delete task->thread;
    }
}

void MapDataLoader::load(const QString &projectPath, std::uint64_t version, bool hillshade)
{
    cancel();
    auto task = std::make_shared<Task>();
    Task *raw = task.get();
    const std::string path = toUtf8(projectPath);
    // Everything the worker reports goes through queued calls on this object, which checks that
    // the task is still the current one: a cancelled load says nothing.
    const auto post = [this, raw](auto function) {
        QMetaObject::invokeMethod(
            this,
            [this, raw, function] {
                if (raw == mCurrent)
                    function();
            },
            Qt::QueuedConnection);
    };
    task->thread = QThread::create([this, raw, path, version, hillshade, post] {
        try {
            auto project = core::Project::open(path);
            if (!project) {
                const QString message = report::errorText(project.error());
                post([this, version, message] { emit failed(version, message); });
                return;
            }
            core::MapDataOptions options;
            options.hillshade = false;  // the second step
            auto data = core::loadMapData(**project, options, raw->progress);
            if (!data) {
                if (data.error().code == core::ErrorCode::Cancelled)
                    return;
                const QString message = report::errorText(data.error());
                post([this, version, message] { emit failed(version, message); });
                return;
            }
            const core::Box extent = data->extent();
            auto shared = std::make_shared<const core::MapData>(std::move(data).value());
            post([this, version, shared] { emit loaded(version, shared); });
            // The second step always reports back (without a hillshade when there is none or it
            // cannot be made), so that the caller knows the load is complete.
            std::shared_ptr<const core::Hillshade> image;
            std::vector<core::Issue> issues;
            if (hillshade) {
                auto shade =
                    core::loadHillshade(**project, extent, core::MapDataOptions{}, raw->progress);
                if (raw->progress.cancelled())
                    return;
                if (shade && shade->hillshade)
                    image = std::make_shared<const core::Hillshade>(std::move(*shade->hillshade));
                if (shade)
                    issues = std::move(shade->issues);
            }
            post([this, version, image, issues] { emit hillshadeLoaded(version, image, issues); });
        } catch (const std::exception &exception) {
            const QString message = QString::fromUtf8(exception.what());
            post([this, version, message] { emit failed(version, message); });
        } catch (...) {
            post([this, version] { emit failed(version, tr("The map could not be loaded.")); });
        }
    });
    connect(task->thread, &QThread::finished, this, [this, raw] { finished(raw); });
    mTasks.push_back(task);
    mCurrent = raw;
    task->thread->start();
}

void MapDataLoader::cancel()
{
    if (mCurrent)
        mCurrent->progress.cancel();
    mCurrent = nullptr;
}

void MapDataLoader::finished(Task *task)
{
    const auto found = std::find_if(mTasks.begin(), mTasks.end(),
                                    [task](const auto &held) { return held.get() == task; });
    if (found == mTasks.end())
        return;
    (*found)->thread->wait();
    delete (*found)->thread;
    mTasks.erase(found);
    if (task == mCurrent)
        mCurrent = nullptr;
}

}  // namespace gengbao::app
