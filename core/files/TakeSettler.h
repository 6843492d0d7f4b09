#pragma once

#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <chrono>
#include <functional>
#include <memory>

namespace aiband {

// Settles durable takes a while after they are committed, on a thread of its own: a take is
// answered once its rows and bytes are in the takes index's journal (one sync), and its files
// reach the disk later, many takes at once (FileStore::settle()). Takes committed while a settle
// waits or runs go in the next one; nothing is settled while no take is committed, and what
// waits is settled when it is destroyed. The thread starts with the first take. Thread-safe.
class TakeSettler {
public:
    using Settle = std::function<void()>;

    TakeSettler(Settle settle, std::chrono::milliseconds delay);
    ~TakeSettler();
    TakeSettler(const TakeSettler &) = delete;
    TakeSettler &operator=(const TakeSettler &) = delete;

    // A take was committed: settle it within the delay.
    void committed();
    void setDelay(std::chrono::milliseconds delay);   // from the next settle on

private:
    void run();

    Settle m_settle;
    QMutex m_mutex;
    QWaitCondition m_changed;
    std::chrono::milliseconds m_delay;
    bool m_pending = false;
    bool m_stopping = false;
    std::unique_ptr<QThread> m_thread;   // a QThread: the takes index closes its connection when it ends
};

} // namespace aiband
