#include "StoredFile.h"

namespace aiband {

QJsonObject StoredFile::toJson() const
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("path"), path},
                       {QStringLiteral("size_bytes"), sizeBytes},
                       {QStringLiteral("modified"), modified.toUTC().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("track_type"), trackType}};
}

} // namespace aiband
