#include "LogEntry.h"

#include "util/IsoTime.h"

namespace aiband {

QJsonObject LogEntry::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), static_cast<qint64>(id)},
                       {QStringLiteral("time"), isoTimeWithMs(time)},
                       {QStringLiteral("level"), level},
                       {QStringLiteral("category"), category},
                       {QStringLiteral("message"), message}};
}

QString LogEntry::toLine() const
{
    return QStringLiteral("%1 %2 %3: %4")
        .arg(logTimeWithMs(time), level.toUpper().leftJustified(8), category, message);
}

} // namespace aiband
