#include "ColumnFit.h"

#include <QEvent>
#include <QHeaderView>
#include <QTableView>

namespace aiband {

ColumnFit::ColumnFit(QTableView *view, int fillColumn)
    : QObject(view), m_view(view), m_fillColumn(fillColumn)
{
    // Sizes are set here, so the header must not apply a mode of its own over them.
    QHeaderView *header = view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);

    // A burst of rows (a take of five parts, a thousand files at start) is one fit.
    m_pending.setSingleShot(true);
    m_pending.setInterval(0);
    connect(&m_pending, &QTimer::timeout, this, &ColumnFit::fit);

    QAbstractItemModel *model = view->model();
    Q_ASSERT(model);   // the view's model is set first
    connect(model, &QAbstractItemModel::rowsInserted, this, &ColumnFit::schedule);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ColumnFit::schedule);
    connect(model, &QAbstractItemModel::dataChanged, this, &ColumnFit::schedule);
    connect(model, &QAbstractItemModel::modelReset, this, &ColumnFit::schedule);
    connect(model, &QAbstractItemModel::layoutChanged, this, &ColumnFit::schedule);
    connect(model, &QAbstractItemModel::headerDataChanged, this, &ColumnFit::schedule);
    // The width to fill changes with the window and when a vertical scroll bar comes or goes.
    view->viewport()->installEventFilter(this);
    fit();
}

void ColumnFit::fit()
{
    m_pending.stop();
    QHeaderView *header = m_view->horizontalHeader();
    int used = 0;
    for (int column = 0; column < header->count(); ++column) {
        m_view->resizeColumnToContents(column);   // the header's text or the widest shown cell
        if (!header->isSectionHidden(column))
            used += header->sectionSize(column);
    }
    const int spare = m_view->viewport()->width() - used;
    if (spare > 0 && m_fillColumn < header->count())
        header->resizeSection(m_fillColumn, header->sectionSize(m_fillColumn) + spare);
}

bool ColumnFit::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        schedule();
    return QObject::eventFilter(watched, event);
}

void ColumnFit::schedule()
{
    if (!m_pending.isActive())
        m_pending.start();
}

} // namespace aiband
