#include "LogBuffer.h"

#include <algorithm>

namespace aiband {

LogBuffer::LogBuffer(int capacity, QObject *parent)
    : QObject(parent), m_capacity(std::max(1, capacity))
{
}

void LogBuffer::append(LogEntry entry)
{
    {
        QMutexLocker lock(&m_mutex);
        entry.id = m_nextId++;
        m_entries.push_back(entry);
        while (m_entries.size() > static_cast<size_t>(m_capacity))
            m_entries.pop_front();
    }
    emit appended(entry);
}

QList<LogEntry> LogBuffer::since(quint64 id, int limit) const
{
    QMutexLocker lock(&m_mutex);
    // Ids are consecutive, so the first wanted entry's position follows from the oldest id.
    QList<LogEntry> result;
    if (m_entries.empty() || limit <= 0)
        return result;
    const quint64 oldest = m_entries.front().id;
    const size_t start = id < oldest ? 0 : static_cast<size_t>(id - oldest + 1);
    for (size_t i = start; i < m_entries.size() && result.size() < limit; ++i)
        result.append(m_entries[i]);
    return result;
}

quint64 LogBuffer::lastId() const
{
    QMutexLocker lock(&m_mutex);
    return m_nextId - 1;
}

void LogBuffer::setCapacity(int capacity)
{
    QMutexLocker lock(&m_mutex);
    m_capacity = std::max(1, capacity);
    while (m_entries.size() > static_cast<size_t>(m_capacity))
        m_entries.pop_front();
}

} // namespace aiband
