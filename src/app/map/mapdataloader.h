// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/base/issue.h>
#include <core/base/progress.h>
#include <core/ops/mapdata.h>

#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QThread;

namespace gengbao::app {

// Loads the map's snapshot (core::loadMapData) off the GUI thread, on a Project connection of its
// own (one per thread, as TaskRunner's workers do), in two steps: the parcels and the reference
// layers first, so the map shows as soon as they are read, then the hillshade of the DEM, which
// takes seconds at county scale. A new load cancels the one running without waiting for it; the
// results of a cancelled load are never delivered. GUI thread only; the destructor cancels and
// waits for the workers (each stops at its next progress check).
class MapDataLoader : public QObject
{
    Q_OBJECT

public:
    explicit MapDataLoader(QObject *parent = nullptr);
    ~MapDataLoader() override;

    // `version` comes back with the results, so the caller can tell a stale load from the last.
    void load(const QString &projectPath, std::uint64_t version, bool hillshade = true);
    void cancel();
    bool isLoading() const { return mCurrent != nullptr; }

signals:
    void loaded(std::uint64_t version, std::shared_ptr<const core::MapData> data);
    // The second step of the same load, always after `loaded` unless cancelled: the hillshade
    // (null when the run used no DEM or it could not be made) and the problems met.
    void hillshadeLoaded(std::uint64_t version, std::shared_ptr<const core::Hillshade> hillshade,
                         const std::vector<core::Issue> &issues);
    void failed(std::uint64_t version, const QString &message);

private:
    struct Task
    {
        core::Progress progress;
        QThread *thread = nullptr;
    };
    void finished(Task *task);

    std::vector<std::shared_ptr<Task>> mTasks;  // running, the current one last
    Task *mCurrent = nullptr;
};

}  // namespace gengbao::app
