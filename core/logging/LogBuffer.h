#pragma once

#include "LogEntry.h"

#include <QList>
#include <QMutex>
#include <QObject>

#include <deque>

namespace aiband {

// The most recent log entries, kept in memory for GET /api/logs and the Logs tab.
// Thread-safe: messages arrive from generation threads too.
class LogBuffer : public QObject {
    Q_OBJECT
public:
    explicit LogBuffer(int capacity, QObject *parent = nullptr);

    void append(LogEntry entry);             // assigns the id
    QList<LogEntry> since(quint64 id, int limit) const;  // entries with a larger id, oldest first
    quint64 lastId() const;
    void setCapacity(int capacity);

signals:
    // Queued to whoever listens (the UI), so emitting from any thread is safe.
    void appended(const aiband::LogEntry &entry);

private:
    mutable QMutex m_mutex;
    std::deque<LogEntry> m_entries;
    int m_capacity;
    quint64 m_nextId = 1;
};

} // namespace aiband
