// SPDX-License-Identifier: GPL-3.0-or-later
#include "taskrunner.h"

#include <QEventLoop>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>

#include <mutex>

namespace gengbao::app {

namespace {

// The core's progress, read by the GUI thread's timer.
class SharedProgress : public core::Progress
{
public:
    void report(double fraction, std::string_view stage) override
    {
        mFraction.store(fraction);
        std::lock_guard lock(mMutex);
        mStage = std::string(stage);
    }
    double fraction() const { return mFraction.load(); }
    std::string stage() const
    {
        std::lock_guard lock(mMutex);
        return mStage;
    }

private:
    std::atomic<double> mFraction{0.0};
    mutable std::mutex mMutex;
    std::string mStage;
};

}  // namespace

namespace {

// GUI thread only, like run() itself; nested runs count twice.
int gRunning = 0;

}  // namespace

bool TaskRunner::isRunning()
{
    return gRunning > 0;
}

TaskRunner::Outcome TaskRunner::run(QWidget *parent, const QString &title, Work work)
{
    ++gRunning;
    SharedProgress progress;
    Outcome outcome;
    QProgressDialog dialog(title, QProgressDialog::tr("Cancel"), 0, 1000, parent);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(300);
    dialog.setAutoClose(false);
    dialog.setAutoReset(false);
    QObject::connect(&dialog, &QProgressDialog::canceled, [&progress] { progress.cancel(); });

    QEventLoop loop;
    QThread *thread = QThread::create([&] { outcome = work(progress); });
    QObject::connect(thread, &QThread::finished, &loop, &QEventLoop::quit);
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, &dialog,
                     [&] { dialog.setValue(int(progress.fraction() * 1000)); });
    timer.start(100);
    thread->start();
    loop.exec();  // the window keeps painting and answering while the work runs
    thread->wait();
    delete thread;
    timer.stop();
    dialog.close();
    --gRunning;
    return outcome;
}

}  // namespace gengbao::app
