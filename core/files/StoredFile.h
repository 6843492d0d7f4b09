#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace aiband {

struct StoredFile {
    QString name;       // file name only, e.g. 20261124-120001_bass_C_120_1a2b3c.mid
    QString path;       // absolute path in the files folder (what a plugin watching it sees)
    qint64 sizeBytes = 0;
    QDateTime modified;
    QString trackType;  // read back from the name

    QJsonObject toJson() const;
};

} // namespace aiband
