#include "FileCleanup.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace aiband {

FileCleanup::FileCleanup(FileStore *store, CleanupPolicy policy, QObject *parent)
    : QObject(parent), m_store(store), m_policy(policy)
{
    m_soon.setSingleShot(true);
    connect(&m_pass, &QFutureWatcherBase::finished, this, &FileCleanup::backgroundPassFinished);
    connect(&m_soon, &QTimer::timeout, this, &FileCleanup::runInBackground);
}

FileCleanup::~FileCleanup()
{
    m_pass.waitForFinished();
}

QStringList FileCleanup::runNow()
{
    m_pass.waitForFinished();   // one pass at a time
    const QStringList removed = m_store->cleanup(m_policy, QDateTime::currentDateTimeUtc(), &m_nextChance);
    if (!removed.isEmpty())
        emit filesRemoved(removed);
    return removed;
}

void FileCleanup::runInBackground()
{
    if (m_busy)
        return;
    m_busy = true;
    m_pass.setFuture(QtConcurrent::run([store = m_store, policy = m_policy] {
        Pass pass;
        pass.removed = store->cleanup(policy, QDateTime::currentDateTimeUtc(), &pass.nextChance);
        return pass;
    }));
}

void FileCleanup::backgroundPassFinished()
{
    m_busy = false;
    const Pass pass = m_pass.result();
    m_nextChance = pass.nextChance;
    if (!pass.removed.isEmpty())
        emit filesRemoved(pass.removed);
}

void FileCleanup::fileWritten()
{
    if (m_store->count() <= m_policy.maxFiles || m_soon.isActive())
        return;
    // Not before the last pass's youngest kept file can go: files written since are younger.
    const qint64 wait = m_nextChance.isValid() ? QDateTime::currentDateTimeUtc().msecsTo(m_nextChance) : 0;
    m_soon.start(static_cast<int>(std::clamp<qint64>(wait, 1000, 3600 * 1000)));
}

} // namespace aiband
