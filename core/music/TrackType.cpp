#include "TrackType.h"

#include "PartRegistry.h"

namespace aiband {

QString trackTypeName(TrackType type)
{
    return QString::fromLatin1(partRow(type).name);
}

std::optional<TrackType> parseTrackType(const QString &name)
{
    for (const PartRow &row : partRows()) {
        if (name == QLatin1String(row.name))
            return typeOf(row);
    }
    return std::nullopt;
}

QStringList trackTypeNames()
{
    QStringList names;
    for (const PartRow &row : partRows())
        names.append(QString::fromLatin1(row.name));
    return names;
}

} // namespace aiband
