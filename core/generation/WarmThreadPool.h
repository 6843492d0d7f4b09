#pragma once

#include <QRunnable>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

class QThread;

namespace aiband {

// Runs tasks on up to maxThreads threads, giving each new task to the thread that became idle
// last. QThreadPool gives it to the one idle longest, so one client's takes, one after another,
// each ran on a different thread of eight: every take found its thread's takes-index connection
// with a page cache another thread's commit had made stale (8 pread64 per take) and its caches
// cold; on the thread idle last a take without durable writes went from 597-701 to 540-578 us
// (docs/BENCHMARKS.md, "A warm thread per take"). A thread is also woken only after the pool's
// lock is released, where QThreadPool's woken thread ran into the lock still held and slept again.
//
// Threads are made as tasks need them and stay until the pool is destroyed (QThreadPool ends a
// thread idle for 30 s): a tray app idle for hours keeps at most maxThreads parked threads.
// Thread-safe.
class WarmThreadPool {
public:
    explicit WarmThreadPool(int maxThreads);
    ~WarmThreadPool();   // waits for every task, then ends the threads
    WarmThreadPool(const WarmThreadPool &) = delete;
    WarmThreadPool &operator=(const WarmThreadPool &) = delete;

    // Runs `task` (deleted after it ran when it is autoDelete(), as QThreadPool does).
    void start(QRunnable *task);
    // True once no task runs or waits; false when `msecs` (-1: no limit) passed first.
    bool waitForDone(int msecs = -1);

    int maxThreadCount() const { return m_maxThreads; }
    int threadCount() const;

private:
    struct Worker;
    void work(Worker *worker);
    void runTask(QRunnable *task, std::unique_lock<std::mutex> &lock);

    const int m_maxThreads;
    mutable std::mutex m_mutex;   // guards everything below
    std::condition_variable m_allDone;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::vector<Worker *> m_idle;        // the one idle last at the back
    std::deque<QRunnable *> m_waiting;   // tasks no thread was free for
    int m_busy = 0;                      // tasks given to a thread and not finished
    bool m_stopping = false;
};

} // namespace aiband
