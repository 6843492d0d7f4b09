#pragma once

// Widgets as the user sees them, offscreen: shown at a window size, and whether a table shows
// each cell's text whole.

#include <QAbstractItemModel>
#include <QFontMetrics>
#include <QHeaderView>
#include <QStyle>
#include <QTableView>
#include <QTest>

namespace aiband::test {

// Shows `widget` as a window of `size`; false when it never got on screen.
inline bool showAt(QWidget &widget, QSize size)
{
    widget.resize(size);
    widget.show();
    return QTest::qWaitForWindowExposed(&widget);
}

// A cell's text is whole when its column is at least as wide as the text as the view's font
// draws it, plus the margins QStyledItemDelegate leaves on each side.

// Empty when every cell of `column` fits; else the first cut one, with the widths.
inline QString cutCell(const QTableView &view, int column)
{
    const QAbstractItemModel &model = *view.model();
    const QFontMetrics metrics(view.font());
    const int margin = view.style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, &view) + 1;
    const int width = view.horizontalHeader()->sectionSize(column);
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString text = model.index(row, column).data().toString();
        const int needed = metrics.horizontalAdvance(text) + 2 * margin;
        if (width < needed)
            return QStringLiteral("column %1, row %2: \"%3\" needs %4 px, has %5").arg(column).arg(row).arg(text).arg(needed).arg(width);
    }
    return {};
}

// The same for every column.
inline QString cutCell(const QTableView &view)
{
    for (int column = 0; column < view.model()->columnCount(); ++column) {
        if (const QString cut = cutCell(view, column); !cut.isEmpty())
            return cut;
    }
    return {};
}

} // namespace aiband::test
