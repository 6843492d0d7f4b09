#include "TakeSettler.h"

#include <QDeadlineTimer>

namespace aiband {

TakeSettler::TakeSettler(Settle settle, std::chrono::milliseconds delay) : m_settle(std::move(settle)), m_delay(delay) {}

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
    QMutexLocker lock(&m_mutex);
    if (m_pending)   // a settle is already due: no wake-up per take
        return;
    m_pending = true;
    if (!m_thread) {
        m_thread.reset(QThread::create([this] { run(); }));
        m_thread->setObjectName(QStringLiteral("take settler"));
        m_thread->start();
    } else {
        m_changed.wakeOne();
    }
}

void TakeSettler::setDelay(std::chrono::milliseconds delay)
{
    QMutexLocker lock(&m_mutex);
    m_delay = delay;
}

void TakeSettler::run()
{
    QMutexLocker lock(&m_mutex);
    while (true) {
        while (!m_pending && !m_stopping)
            m_changed.wait(&m_mutex);
        if (!m_pending)   // stopping with nothing committed since the last settle
            return;
        // The takes of the next moments join this settle: one sync of the file system for all.
        const QDeadlineTimer due(m_delay);
        while (!m_stopping && m_changed.wait(&m_mutex, due)) {
        }
        m_pending = false;
        lock.unlock();
        m_settle();
        lock.relock();
    }
}

} // namespace aiband
