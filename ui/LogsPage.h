#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;

namespace aiband {

class LogBuffer;
class LogFilterModel;
class LogTableModel;

// The Logs tab: the log as it happens, filtered by level and text, lines copyable.
class LogsPage : public QWidget {
    Q_OBJECT
public:
    explicit LogsPage(LogBuffer *buffer, QWidget *parent = nullptr);

    LogTableModel *model() const { return m_model; }
    LogFilterModel *filter() const { return m_filter; }
    QTableView *view() const { return m_view; }
    QComboBox *levelBox() const { return m_level; }
    QLineEdit *searchField() const { return m_search; }

    // Copies the selected lines, or every shown line when none is selected; returns the text.
    QString copyLines();

private:
    LogTableModel *m_model;
    LogFilterModel *m_filter;
    QTableView *m_view;
    QComboBox *m_level;
    QLineEdit *m_search;
};

} // namespace aiband
