#include "TrackType.h"

namespace aiband {

namespace {
constexpr TrackType kAll[] = {TrackType::Bass, TrackType::Drums, TrackType::Keys, TrackType::Full};
}

QString trackTypeName(TrackType type)
{
    switch (type) {
    case TrackType::Bass: return QStringLiteral("bass");
    case TrackType::Drums: return QStringLiteral("drums");
    case TrackType::Keys: return QStringLiteral("keys");
    case TrackType::Full: return QStringLiteral("full");
    }
    return {};
}

std::optional<TrackType> parseTrackType(const QString &name)
{
    for (TrackType type : kAll) {
        if (name == trackTypeName(type))
            return type;
    }
    return std::nullopt;
}

QStringList trackTypeNames()
{
    QStringList names;
    for (TrackType type : kAll)
        names.append(trackTypeName(type));
    return names;
}

} // namespace aiband
