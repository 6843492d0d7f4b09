#pragma once

// What a table model shows in one cell, as text: the tests assert model rows, not pixels.

#include <QAbstractItemModel>
#include <QString>

namespace aiband::test {

inline QString cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

} // namespace aiband::test
