// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <report/mappainter.h>

#include <QObject>

#include <atomic>
#include <cstdint>
#include <memory>

namespace gengbao::app {

// What a rendered image shows: the view (extent, scale, size and device pixel ratio) and the
// versions of the geometry and the style it was drawn from (architecture.md "The map canvas",
// step 8). Two renders with equal keys draw the same image.
struct RenderKey
{
    report::Viewport view;
    std::uint64_t dataVersion = 0;
    std::uint64_t styleVersion = 0;

    bool operator==(const RenderKey &other) const = default;
};

// One render of the map into a QImage, off the GUI thread (architecture.md "The map canvas",
// step 5): MapPainter::render runs on QThreadPool, which paints the image in strips on threads of
// its own. Made and started by the canvas on the GUI thread; `finished` arrives there.
//
// Lifetime: the job is never owned by a parent, because its worker posts the result back to it.
// The canvas deletes a finished job (deleteLater); a job it no longer wants it cancels without
// waiting (cancelWithoutBlocking): the painter stops within a few hundred parcels, and the job
// deletes itself once its worker is done, without emitting anything.
class MapRenderJob : public QObject
{
    Q_OBJECT

public:
    // The painter is the canvas's, kept per scene and options (its hillshade blended once).
    MapRenderJob(std::shared_ptr<const report::MapPainter> painter, RenderKey key);
    ~MapRenderJob() override;

    void start();
    void cancelWithoutBlocking();

    const RenderKey &key() const { return mKey; }
    bool isRunning() const { return mRunning; }

signals:
    // The image and what it cost; not emitted after cancelWithoutBlocking.
    void finished(const report::RenderResult &result);

private:
    void workerDone(report::RenderResult result);

    std::shared_ptr<const report::MapPainter> mPainter;
    RenderKey mKey;
    // Shared with the worker, which may outlive a cancelled job's interest in it.
    std::shared_ptr<std::atomic<bool>> mCancel = std::make_shared<std::atomic<bool>>(false);
    bool mRunning = false;
    bool mAbandoned = false;
};

}  // namespace gengbao::app
