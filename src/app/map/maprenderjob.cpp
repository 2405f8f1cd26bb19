// SPDX-License-Identifier: GPL-3.0-or-later
#include "maprenderjob.h"

#include <QThreadPool>

namespace gengbao::app {

MapRenderJob::MapRenderJob(std::shared_ptr<const report::MapPainter> painter, RenderKey key)
    : mPainter(std::move(painter))
    , mKey(std::move(key))
{}

MapRenderJob::~MapRenderJob() = default;

void MapRenderJob::start()
{
    if (mRunning)
        return;
    mRunning = true;
    // The worker holds the painter and the cancel flag by shared_ptr, and this job by pointer:
    // the job stays alive until workerDone has run (see the class comment).
    QThreadPool::globalInstance()->start(
        [this, painter = mPainter, view = mKey.view, cancel = mCancel] {
            report::RenderResult result;
            try {
                result = painter->render(view, 0, cancel.get());
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
