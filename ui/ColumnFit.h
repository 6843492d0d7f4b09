#pragma once

#include <QObject>
#include <QTimer>

class QTableView;

namespace aiband {

// Keeps a table's columns as wide as what they show, in whatever language, and gives the rest
// of the width to one column. QHeaderView alone does neither: it sizes ResizeToContents columns
// when columns come, not when rows arrive or their text changes (a "just now" row inserted
// above "10 min" ones was cut off), and it squeezes a Stretch column below its text when the
// others take the width (a Spanish or German transport). Here every column is sized to its
// header and cells whenever either may have changed, and `fillColumn` gets whatever width is
// left, never less than its own text; a table wider than its view scrolls instead.
class ColumnFit : public QObject {
    Q_OBJECT
public:
    ColumnFit(QTableView *view, int fillColumn);

    void fit();   // at once; changes are otherwise fitted together on the next event-loop turn

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void schedule();

    QTableView *m_view;
    int m_fillColumn;
    QTimer m_pending;
};

} // namespace aiband
