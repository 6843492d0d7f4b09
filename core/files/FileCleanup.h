#pragma once

#include "FileStore.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace aiband {

// When the folder is cleaned up (plugin.cleanup_hours, plugin.max_files), always on a worker
// thread but at start:
// - a trim at start, from the index FileStore::prepare() has just read;
// - a full pass (the index reconciled with the folder, one stat per file, then trimmed) on the
//   maintenance clock and when the window saw the folder change, so others' changes are seen;
// - a trim from the index alone as soon as a write leaves more files than allowed, so the count
//   holds during a burst of generations (the trim costs what it removes, not the folder's size).
// One pass at a time; what is asked meanwhile runs once after it (a full pass covers a trim).
class FileCleanup : public QObject {
    Q_OBJECT
public:
    FileCleanup(FileStore *store, CleanupPolicy policy, QObject *parent = nullptr);
    ~FileCleanup() override;   // waits for a running pass: it removes files through the store

    void setPolicy(const CleanupPolicy &policy) { m_policy = policy; }
    // A trim now, on this thread (after any background pass), from the index as it is: at start,
    // where prepare() has just read the folder. Returns the names removed.
    QStringList trimNow();
    // A full pass on a worker thread; filesRemoved() follows.
    void runInBackground();
    // A file was written: trims at once (on a worker thread) if the folder is over the count.
    void fileWritten();

signals:
    void filesRemoved(const QStringList &names);
    void folderRead();   // a full pass is over: the store's index holds what the folder does

private:
    enum class Pass { None, Trim, Full };
    void start(Pass pass);
    void backgroundPassFinished();

    FileStore *m_store;
    CleanupPolicy m_policy;
    QFutureWatcher<QStringList> m_running;   // the background pass, its names removed
    Pass m_runningPass = Pass::None;
    Pass m_pending = Pass::None;             // asked while one was running
    bool m_busy = false;                     // until its result has been handled here
};

} // namespace aiband
