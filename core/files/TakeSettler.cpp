#include "TakeSettler.h"

#include <QDeadlineTimer>

#include <algorithm>

namespace aiband {

TakeSettler::TakeSettler(Settle settle, std::chrono::milliseconds quiet, std::chrono::milliseconds longest)
    : m_settle(std::move(settle)), m_quiet(quiet), m_longest(longest)
{
}

TakeSettler::~TakeSettler()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_changed.wakeAll();
    }
    if (m_thread)
        m_thread->wait();
}

void TakeSettler::committed()
{
    const Clock::time_point now = Clock::now();
    m_lastCommit.store(now.time_since_epoch().count(), std::memory_order_relaxed);
    QMutexLocker lock(&m_mutex);
    if (m_pending)   // a settle is already due: it looks at m_lastCommit when its time comes
        return;
    m_pending = true;
    m_firstPending = now;
    if (!m_thread) {
        m_thread.reset(QThread::create([this] { run(); }));
        m_thread->setObjectName(QStringLiteral("take settler"));
        m_thread->start();
    } else {
        m_changed.wakeOne();
    }
}

void TakeSettler::setDelays(std::chrono::milliseconds quiet, std::chrono::milliseconds longest)
{
    QMutexLocker lock(&m_mutex);
    m_quiet = quiet;
    m_longest = longest;
}

TakeSettler::Clock::time_point TakeSettler::due() const
{
    const Clock::time_point last{Clock::duration(m_lastCommit.load(std::memory_order_relaxed))};
    return std::min(last + m_quiet, m_firstPending + m_longest);
}

void TakeSettler::run()
{
    QMutexLocker lock(&m_mutex);
    while (true) {
        while (!m_pending && !m_stopping)
            m_changed.wait(&m_mutex);
        if (!m_pending)   // stopping with nothing committed since the last settle
            return;
        // Until the takes pause (or the longest wait is over): a later take moves the pause on.
        for (Clock::time_point when = due(); !m_stopping && Clock::now() < when; when = due()) {
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(when - Clock::now());
            m_changed.wait(&m_mutex, QDeadlineTimer(std::max<qint64>(left.count(), 1)));
        }
        m_pending = false;
        lock.unlock();
        m_settle();
        lock.relock();
    }
}

} // namespace aiband
