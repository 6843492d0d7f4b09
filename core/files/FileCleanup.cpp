#include "FileCleanup.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <utility>

namespace aiband {

FileCleanup::FileCleanup(FileStore *store, CleanupPolicy policy, QObject *parent)
    : QObject(parent), m_store(store), m_policy(policy)
{
    connect(&m_running, &QFutureWatcherBase::finished, this, &FileCleanup::backgroundPassFinished);
}

FileCleanup::~FileCleanup()
{
    m_running.waitForFinished();
}

QStringList FileCleanup::trimNow()
{
    m_running.waitForFinished();   // one pass at a time
    const QStringList removed = m_store->trim(m_policy);
    if (!removed.isEmpty())
        emit filesRemoved(removed);
    emit folderRead();
    return removed;
}

void FileCleanup::runInBackground()
{
    start(Pass::Full);
}

void FileCleanup::fileWritten()
{
    if (m_store->count() > m_policy.maxFiles)
        start(Pass::Trim);
}

void FileCleanup::start(Pass pass)
{
    if (m_busy) {
        m_pending = std::max(m_pending, pass);
        return;
    }
    m_busy = true;
    m_runningPass = pass;
    m_running.setFuture(QtConcurrent::run([store = m_store, policy = m_policy, pass] {
        return pass == Pass::Full ? store->cleanup(policy) : store->trim(policy);
    }));
}

void FileCleanup::backgroundPassFinished()
{
    m_busy = false;
    const QStringList removed = m_running.result();
    if (!removed.isEmpty())
        emit filesRemoved(removed);
    if (m_runningPass == Pass::Full)
        emit folderRead();
    const Pass pending = std::exchange(m_pending, Pass::None);
    // A trim asked during a pass is only needed if writes since left the folder over the count.
    if (pending == Pass::Full || (pending == Pass::Trim && m_store->count() > m_policy.maxFiles))
        start(pending);
}

} // namespace aiband
