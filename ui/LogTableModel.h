#pragma once

#include "logging/LogEntry.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <deque>

namespace aiband {

class LogBuffer;

// The log buffer's entries as a table, growing live as lines are logged, oldest first; past
// `maxRows` the oldest rows are dropped, as the buffer itself does.
class LogTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Level, Category, Message, ColumnCount };
    enum Role {
        LevelRole = Qt::UserRole,   // int: the LogLevel enum value
        LineRole,                   // the entry as one log-file line (what Copy copies)
    };

    // `buffer` may be null (a core without a log router): the table stays empty.
    explicit LogTableModel(LogBuffer *buffer, int maxRows = 5000, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void append(const LogEntry &entry);

private:
    std::deque<LogEntry> m_entries;
    quint64 m_lastId = 0;
    int m_maxRows;
};

} // namespace aiband
