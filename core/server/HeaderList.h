#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace aiband {

// Response headers decided before a route runs (CORS, Vary) and added to whatever it answers.
using HeaderList = QList<QPair<QByteArray, QByteArray>>;

} // namespace aiband
