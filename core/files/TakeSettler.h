#pragma once

#include <QThread>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

namespace aiband {

// Settles durable takes on a thread of its own, once they pause: a take is answered once its
// rows and bytes are in the takes index's journal (one sync), and its files reach the disk later,
// many takes at once (FileStore::settle(), one sync of the file system). That sync writes every
// folder the takes changed, and a take renaming or linking in a folder being written waits for
// it, so it runs when no take has been committed for `quiet`, and at the latest `longest` after
// the first take it settles, however busy the takes keep it. Nothing runs while no take is
// committed; what waits is settled when it is destroyed, in one attempt (a settle that fails there
// is not tried again). The thread starts with the first take.
// Thread-safe.
class TakeSettler {
public:
    using Settle = std::function<void()>;

    TakeSettler(Settle settle, std::chrono::milliseconds quiet, std::chrono::milliseconds longest);
    ~TakeSettler();
    TakeSettler(const TakeSettler &) = delete;
    TakeSettler &operator=(const TakeSettler &) = delete;

    // A take was committed: settle it once the takes pause, or within `longest`. Wakes the
    // thread only for the first take of a settle, not for every take.
    void committed();
    // A settle failed: try again `longest` from now, takes or not, and twice as long after each
    // further failure in a row, up to kLongestRetry: every try writes every waiting part again,
    // which a disk that keeps failing was asked to do every 2 s for as long as it failed. A settle
    // that does not ask again starts the count over.
    void retry();
    static constexpr std::chrono::milliseconds kLongestRetry{60000};
    int failuresInARow() const;   // settles that asked again since the last that did not (for tests)
    void setDelays(std::chrono::milliseconds quiet, std::chrono::milliseconds longest);   // from the next take on

private:
    using Clock = std::chrono::steady_clock;
    void run();
    void schedule(Clock::time_point now, bool retry);
    Clock::time_point due() const;   // under m_mutex

    Settle m_settle;
    // The standard library's, not QMutex and QWaitCondition: a wait releases the lock inside
    // libQt6Core, where a ThreadSanitizer build cannot see it, and every later lock looked like a
    // second lock of a held mutex (docs/RELIABILITY.md, "Churn").
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::chrono::milliseconds m_quiet;
    std::chrono::milliseconds m_longest;
    bool m_pending = false;
    bool m_retrying = false;   // the pending settle is a failed one's retry (due() says when)
    int m_failuresInARow = 0;
    bool m_stopping = false;
    Clock::time_point m_firstPending;
    std::atomic<Clock::rep> m_lastCommit{0};   // Clock ticks; read without the lock
    std::unique_ptr<QThread> m_thread;   // a QThread: the takes index closes its connection when it ends
};

} // namespace aiband
