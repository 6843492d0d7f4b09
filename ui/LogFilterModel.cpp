#include "LogFilterModel.h"

#include "LogTableModel.h"

#include <algorithm>

namespace aiband {

void LogFilterModel::setMinimumLevel(LogLevel level)
{
    m_minimum = level;
    invalidateFilter();
}

void LogFilterModel::setSearchText(const QString &text)
{
    m_search = text.trimmed();
    invalidateFilter();
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    const QModelIndex first = source->index(sourceRow, 0, sourceParent);
    if (source->data(first, LogTableModel::LevelRole).toInt() < static_cast<int>(m_minimum))
        return false;
    if (m_search.isEmpty())
        return true;
    for (int column : {LogTableModel::Message, LogTableModel::Category}) {
        if (source->data(source->index(sourceRow, column, sourceParent)).toString().contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QStringList LogFilterModel::lines(const QModelIndexList &rows) const
{
    QList<int> sorted;
    for (const QModelIndex &index : rows)
        sorted.append(index.row());
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    QStringList result;
    for (int row : sorted)
        result.append(data(index(row, 0), LogTableModel::LineRole).toString());
    return result;
}

} // namespace aiband
