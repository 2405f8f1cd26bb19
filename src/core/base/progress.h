// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <string_view>

namespace gengbao::core {

// Progress and cancellation for long operations: a std-only QgsFeedback. An operation calls
// report() from its own thread and polls cancelled(); when cancelled it rolls its transaction
// back and returns ErrorCode::Cancelled, so nothing is left half-done.
class Progress
{
public:
    virtual ~Progress() = default;
    // fraction in [0, 1]; stage is a short English label ("reading", "writing").
    virtual void report(double fraction, std::string_view stage)
    {
        (void)fraction;
        (void)stage;
    }
    virtual bool cancelled() const { return mCancelled.load(std::memory_order_relaxed); }
    // Thread-safe: the GUI thread calls this while a worker runs.
    void cancel() { mCancelled.store(true, std::memory_order_relaxed); }

private:
    std::atomic<bool> mCancelled{false};
};

}  // namespace gengbao::core
