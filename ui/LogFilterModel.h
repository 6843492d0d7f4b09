#pragma once

#include "config/LogLevel.h"

#include <QSortFilterProxyModel>

namespace aiband {

// What the Logs tab shows of a LogTableModel: entries at or above a level whose message or
// category contains the search text (case-insensitive).
class LogFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setMinimumLevel(LogLevel level);
    void setSearchText(const QString &text);
    QStringList lines(const QModelIndexList &rows) const;   // the entries as log lines, in view order

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    LogLevel m_minimum = LogLevel::Debug;
    QString m_search;
};

} // namespace aiband
