#include "WarmThreadPool.h"

#include "util/ThreadHandoff.h"

#include <QSemaphore>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <utility>

namespace aiband {

// An idle worker sleeps on a semaphore of its own, not on a condition variable of the pool's
// lock: glibc marks a mutex a condition wait takes back as contended, so the woken thread's
// first unlock made a futex call that woke no one, one system call a take (strace).
struct WarmThreadPool::Worker {
    std::unique_ptr<QThread> thread;
    QSemaphore wake;             // one token per task handed to it while it sleeps, or to stop
    QRunnable *task = nullptr;   // given by start(), taken by the thread
};

WarmThreadPool::WarmThreadPool(int maxThreads) : m_maxThreads(std::max(1, maxThreads)) {}

WarmThreadPool::~WarmThreadPool()
{
    waitForDone();
    {
        // Every thread is idle now: each sleeps, or is about to, on its semaphore.
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        for (Worker *worker : m_idle)
            worker->wake.release();
        m_idle.clear();
    }
    for (const auto &worker : m_workers) {
        worker->thread->wait();
        AIBAND_HANDOFF_RECEIVE(worker.get());   // its end, seen through QThread::wait()
    }
}

void WarmThreadPool::start(QRunnable *task)
{
    std::unique_lock lock(m_mutex);
    if (!m_idle.empty()) {
        Worker *worker = m_idle.back();
        m_idle.pop_back();
        worker->task = task;
        ++m_busy;
        lock.unlock();
        worker->wake.release();
        return;
    }
    if (static_cast<int>(m_workers.size()) < m_maxThreads) {
        auto worker = std::make_unique<Worker>();
        worker->task = task;
        ++m_busy;
        Worker *started = worker.get();
        worker->thread.reset(QThread::create([this, started] { work(started); }));
        worker->thread->setObjectName(QStringLiteral("aiband-worker"));
        m_workers.push_back(std::move(worker));
        started->thread->start();
        return;
    }
    m_waiting.push_back(task);
}

bool WarmThreadPool::waitForDone(int msecs)
{
    std::unique_lock lock(m_mutex);
    const auto done = [this] { return m_busy == 0 && m_waiting.empty(); };
    if (msecs < 0) {
        m_allDone.wait(lock, done);
        return true;
    }
    return m_allDone.wait_for(lock, std::chrono::milliseconds(msecs), done);
}

int WarmThreadPool::threadCount() const
{
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_workers.size());
}

void WarmThreadPool::work(Worker *worker)
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (QRunnable *task = std::exchange(worker->task, nullptr)) {
            runTask(task, lock);
            --m_busy;
            // A task that waited for a thread goes to this one, which is awake already.
            if (!m_waiting.empty()) {
                worker->task = m_waiting.front();
                m_waiting.pop_front();
                ++m_busy;
                continue;
            }
            if (m_busy == 0)
                m_allDone.notify_all();
        }
        if (m_stopping) {
            lock.unlock();   // before the mark: the destructor's wait must come after every access
            AIBAND_HANDOFF_SEND(worker);
            return;
        }
        m_idle.push_back(worker);
        lock.unlock();
        worker->wake.acquire();   // start() gave it a task, or the pool is ending
        lock.lock();
    }
}

void WarmThreadPool::runTask(QRunnable *task, std::unique_lock<std::mutex> &lock)
{
    lock.unlock();
    const bool autoDelete = task->autoDelete();   // read first, as QThreadPool does: run() may change it
    task->run();
    if (autoDelete)
        delete task;
    lock.lock();
}

} // namespace aiband
