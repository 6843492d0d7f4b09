#include "LogTableModel.h"

#include "config/LogLevel.h"
#include "logging/LogBuffer.h"

#include <QBrush>
#include <QColor>

namespace aiband {

LogTableModel::LogTableModel(LogBuffer *buffer, int maxRows, QObject *parent)
    : QAbstractTableModel(parent), m_maxRows(std::max(1, maxRows))
{
    if (!buffer)
        return;
    // Connected before reading, so nothing logged in between is missed; append() skips the
    // entries the read already brought (their queued signals arrive afterwards).
    connect(buffer, &LogBuffer::appended, this, &LogTableModel::append);
    for (const LogEntry &entry : buffer->since(0, m_maxRows))
        append(entry);
}

void LogTableModel::append(const LogEntry &entry)
{
    if (entry.id != 0 && entry.id <= m_lastId)
        return;
    m_lastId = std::max(m_lastId, entry.id);
    if (static_cast<int>(m_entries.size()) >= m_maxRows) {
        beginRemoveRows({}, 0, 0);
        m_entries.pop_front();
        endRemoveRows();
    }
    const int row = static_cast<int>(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.push_back(entry);
    endInsertRows();
}

int LogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int LogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= static_cast<int>(m_entries.size()))
        return {};
    const LogEntry &entry = m_entries[static_cast<size_t>(index.row())];
    const LogLevel level = parseLogLevel(entry.level).value_or(LogLevel::Info);
    switch (role) {
    case LevelRole: return static_cast<int>(level);
    case LineRole: return entry.toLine();
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: return entry.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
        case Level: return entry.level;
        case Category: return entry.category;
        case Message: return entry.message;
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == Message ? QVariant(entry.message) : QVariant();
    case Qt::ForegroundRole:
        if (index.column() != Level)
            return {};
        if (level >= LogLevel::Error)
            return QBrush(QColor(0xdc, 0x26, 0x26));
        if (level == LogLevel::Warning)
            return QBrush(QColor(0xb4, 0x53, 0x09));
        return {};
    }
    return {};
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Level: return tr("Level");
    case Category: return tr("Category");
    case Message: return tr("Message");
    }
    return {};
}

} // namespace aiband
