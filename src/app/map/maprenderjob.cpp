// SPDX-License-Identifier: GPL-3.0-or-later
#include "maprenderjob.h"

#include <QThreadPool>

namespace gengbao::app {

MapRenderJob::MapRenderJob(std::shared_ptr<const report::MapScene> scene,
                           report::MapPaintOptions options, RenderKey key)
    : mScene(std::move(scene))
    , mOptions(std::move(options))
    , mKey(std::move(key))
{}

MapRenderJob::~MapRenderJob() = default;

void MapRenderJob::start()
{
    if (mRunning)
        return;
    mRunning = true;
    // The worker holds the scene and the cancel flag by shared_ptr, and this job by pointer: the
    // job stays alive until workerDone has run (see the class comment).
    const report::MapPainter painter(mScene, mOptions);
    QThreadPool::globalInstance()->start([this, painter, view = mKey.view, cancel = mCancel] {
        report::RenderResult result;
        try {
            result = painter.render(view, 0, cancel.get());
        } catch (...) {
            // Nothing escapes a worker (QGIS renderLayerStatic): the canvas keeps its image.
            result = {};
            result.stats.failed = true;
        }
        QMetaObject::invokeMethod(
            this, [this, result] { workerDone(result); }, Qt::QueuedConnection);
    });
}

void MapRenderJob::cancelWithoutBlocking()
{
    mCancel->store(true);
    mAbandoned = true;
    if (!mRunning)
        deleteLater();
}

void MapRenderJob::workerDone(report::RenderResult result)
{
    mRunning = false;
    if (mAbandoned) {
        deleteLater();
        return;
    }
    emit finished(result);
}

}  // namespace gengbao::app
