#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace aiband {

struct StoredFile {
    QString name;       // file name only, e.g. 20261124-120001_bass_C_120_1a2b3c.mid
    QString path;       // absolute path in the takes folder, where it stays until cleanup
    qint64 sizeBytes = 0;
    QDateTime modified;
    QString trackType;  // read back from the name

    QJsonObject toJson() const;
};

// Seconds since 1970 with milliseconds, as the original orchestrator's listings gave times.
inline double unixSeconds(const QDateTime &time)
{
    return static_cast<double>(time.toMSecsSinceEpoch()) / 1000.0;
}

} // namespace aiband
