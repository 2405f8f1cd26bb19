// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/base/progress.h>

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QWidget;

namespace gengbao::app {

// Runs long work (an import, a screening) on a worker thread while the window stays responsive:
// a progress dialog with Cancel, fed from the core's Progress. The work opens its own Project on
// the worker thread (one connection per thread); cancelling makes the core roll its transaction
// back, so nothing is left half-done.
class TaskRunner
{
public:
    // The work returns the text to show when it is done, or an error message (`ok` false).
    struct Outcome
    {
        bool ok = true;
        QString message;
    };
    using Work = std::function<Outcome(core::Progress &progress)>;

    // Runs work with a modal progress dialog titled `title`; returns its outcome once it is
    // done (the event loop keeps running meanwhile).
    static Outcome run(QWidget *parent, const QString &title, Work work);
    // Some work is running (its connection may commit at any moment).
    static bool isRunning();
};

}  // namespace gengbao::app
