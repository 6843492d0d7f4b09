#include "TakeSettler.h"

#include "util/ThreadHandoff.h"

#include <algorithm>

namespace aiband {

TakeSettler::TakeSettler(Settle settle, std::chrono::milliseconds quiet, std::chrono::milliseconds longest)
    : m_settle(std::move(settle)), m_quiet(quiet), m_longest(longest)
{
}

TakeSettler::~TakeSettler()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    if (m_thread) {
        m_thread->wait();
        AIBAND_HANDOFF_RECEIVE(this);   // the thread's end, seen through QThread::wait()
    }
}

void TakeSettler::committed()
{
    const Clock::time_point now = Clock::now();
    m_lastCommit.store(now.time_since_epoch().count(), std::memory_order_relaxed);
    schedule(now, false);
}

void TakeSettler::retry()
{
    schedule(Clock::now(), true);
}

int TakeSettler::failuresInARow() const
{
    std::lock_guard lock(m_mutex);
    return m_failuresInARow;
}

void TakeSettler::schedule(Clock::time_point now, bool retry)
{
    std::unique_lock lock(m_mutex);
    if (m_pending && !retry)   // a settle is already due: it looks at m_lastCommit when its time comes
        return;
    if (retry)
        ++m_failuresInARow;
    m_pending = true;
    m_retrying = retry;
    m_firstPending = now;
    if (!m_thread) {
        m_thread.reset(QThread::create([this] { run(); }));
        m_thread->setObjectName(QStringLiteral("take settler"));
        m_thread->start();
    } else {
        lock.unlock();
        m_changed.notify_one();
    }
}

void TakeSettler::setDelays(std::chrono::milliseconds quiet, std::chrono::milliseconds longest)
{
    std::lock_guard lock(m_mutex);
    m_quiet = quiet;
    m_longest = longest;
}

TakeSettler::Clock::time_point TakeSettler::due() const
{
    if (m_retrying) {
        // `longest` doubled for each failure in a row after the first, up to kLongestRetry.
        const int doublings = std::min(m_failuresInARow - 1, 16);
        return m_firstPending + std::min(m_longest * (1 << doublings), std::max(m_longest, kLongestRetry));
    }
    const Clock::time_point last{Clock::duration(m_lastCommit.load(std::memory_order_relaxed))};
    return std::min(last + m_quiet, m_firstPending + m_longest);
}

void TakeSettler::run()
{
    std::unique_lock lock(m_mutex);
    while (true) {
        m_changed.wait(lock, [this] { return m_pending || m_stopping; });
        if (!m_pending) {   // stopping with nothing committed since the last settle
            lock.unlock();   // before the mark: the destructor's wait must come after every access
            AIBAND_HANDOFF_SEND(this);
            return;
        }
        // Until the takes pause (or the longest wait is over): a later take moves the pause on.
        for (Clock::time_point when = due(); !m_stopping && Clock::now() < when; when = due())
            m_changed.wait_until(lock, when);
        m_pending = false;
        m_retrying = false;
        const int failuresBefore = m_failuresInARow;   // a settle that fails asks again (retry())
        const bool last = m_stopping;
        lock.unlock();
        m_settle();
        if (last) {
            // One attempt while stopping. A settle that fails asks for another (FileStore::settle),
            // and a disk that keeps failing kept the destructor, and the app's quit, in that loop
            // for ever; what it leaves waits in the takes index for the next start.
            AIBAND_HANDOFF_SEND(this);
            return;
        }
        lock.lock();
        if (m_failuresInARow == failuresBefore)
            m_failuresInARow = 0;
    }
}

} // namespace aiband
