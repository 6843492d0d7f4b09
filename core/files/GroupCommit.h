#pragma once

#include <QList>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <utility>

namespace aiband {

// A group commit: takes that are ready while another batch's commit is in flight wait for it
// and then go together, in one commit for all of them (one transaction of the takes index, one
// round of syncs). The first of a batch to find no commit in flight leads it: it takes every
// waiting entry and runs the commit on its own thread; the others sleep until their entry is
// done. Nothing waits for company: a take alone is committed at once, so a lone take pays one
// commit, and N takes arriving during a commit pay one more between them.
//
// `Entry` is what one take brings (its rows, its files) and where its outcome is written; the
// commit function must set every entry's outcome. Thread-safe.
template <typename Entry>
class GroupCommit {
public:
    using Commit = std::function<void(const QList<Entry *> &batch)>;

    explicit GroupCommit(Commit commit) : m_commit(std::move(commit)) {}
    GroupCommit(const GroupCommit &) = delete;
    GroupCommit &operator=(const GroupCommit &) = delete;

    // Returns once `entry` has been committed (alone or with others); its outcome is in it.
    void commit(Entry &entry)
    {
        std::unique_lock lock(m_mutex);
        Waiting waiting{&entry};
        m_waiting.append(&waiting);
        while (!waiting.done) {
            if (m_inFlight) {
                m_finished.wait(lock);
                continue;
            }
            m_inFlight = true;
            const QList<Waiting *> batch = std::exchange(m_waiting, {});
            lock.unlock();
            QList<Entry *> entries;
            entries.reserve(batch.size());
            for (Waiting *member : batch)
                entries.append(member->entry);
            m_commit(entries);
            lock.lock();
            for (Waiting *member : batch)
                member->done = true;
            m_inFlight = false;
            ++m_batches;
            m_finished.notify_all();
        }
    }

    // Entries waiting for the next round (for tests).
    int waiting() const
    {
        std::lock_guard lock(m_mutex);
        return static_cast<int>(m_waiting.size());
    }

    // How many commits have run: fewer than the entries when takes were grouped (for tests).
    quint64 batches() const
    {
        std::lock_guard lock(m_mutex);
        return m_batches;
    }

private:
    struct Waiting {
        Entry *entry;
        bool done = false;
    };

    Commit m_commit;
    // The standard library's, not QMutex and QWaitCondition, so that a ThreadSanitizer build sees
    // a wait release the lock (TakeSettler.h says why).
    mutable std::mutex m_mutex;
    std::condition_variable m_finished;
    QList<Waiting *> m_waiting;
    bool m_inFlight = false;
    quint64 m_batches = 0;
};

} // namespace aiband
