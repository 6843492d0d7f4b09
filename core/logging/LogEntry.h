#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace aiband {

struct LogEntry {
    quint64 id = 0;          // increases by one per entry for the whole run; never reused
    QDateTime time;
    QString level;           // debug, info, warning, error, critical
    QString category;
    QString message;

    QJsonObject toJson() const;
    QString toLine() const;  // the form written to the log file and stderr
};

} // namespace aiband
