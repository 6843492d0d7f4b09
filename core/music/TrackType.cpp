#include "TrackType.h"

namespace aiband {

QString trackTypeName(TrackType type)
{
    switch (type) {
    case TrackType::Bass: return QStringLiteral("bass");
    case TrackType::Drums: return QStringLiteral("drums");
    case TrackType::Keys: return QStringLiteral("keys");
    }
    return {};
}

std::optional<TrackType> parseTrackType(const QString &name)
{
    for (TrackType type : {TrackType::Bass, TrackType::Drums, TrackType::Keys}) {
        if (name == trackTypeName(type))
            return type;
    }
    return std::nullopt;
}

QStringList trackTypeNames()
{
    return {trackTypeName(TrackType::Bass), trackTypeName(TrackType::Drums),
            trackTypeName(TrackType::Keys)};
}

} // namespace aiband
