#pragma once

#include "FileStore.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace aiband {

// When the folder is cleaned up (plugin.cleanup_hours, plugin.max_files): at once at start, in
// the background on the maintenance clock, and soon after a write that left more files than
// allowed. A pass lists the whole folder, so passes never overlap, run on a worker thread so
// thousands of files never hold the server's thread, and come at most once a second after
// writes, and not before the youngest file the last pass kept could go: under a stream of
// generations every file is younger than the minute each is kept (docs/BENCHMARKS.md).
class FileCleanup : public QObject {
    Q_OBJECT
public:
    FileCleanup(FileStore *store, CleanupPolicy policy, QObject *parent = nullptr);
    ~FileCleanup() override;   // waits for a running pass: it removes files through the store

    void setPolicy(const CleanupPolicy &policy) { m_policy = policy; }
    // A pass now, on this thread (after any background pass); returns the names removed.
    QStringList runNow();
    // A pass on a worker thread; filesRemoved() follows. Does nothing while one is running.
    void runInBackground();
    // A file was written: schedules a pass if the folder is now over the count.
    void fileWritten();

signals:
    void filesRemoved(const QStringList &names);

private:
    struct Pass {
        QStringList removed;
        QDateTime nextChance;
    };
    void backgroundPassFinished();

    FileStore *m_store;
    CleanupPolicy m_policy;
    QTimer m_soon;                  // the folder went over the count
    QDateTime m_nextChance;         // when the last pass's youngest kept file may go
    QFutureWatcher<Pass> m_pass;    // the background pass
    bool m_busy = false;            // until its result has been handled here
};

} // namespace aiband
