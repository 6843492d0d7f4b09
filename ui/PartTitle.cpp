#include "PartTitle.h"

#include "music/PartRegistry.h"

#include <QCoreApplication>

namespace aiband {

QString partTitle(const QString &trackType)
{
    const std::optional<TrackType> type = parseTrackType(trackType);
    if (!type)
        return trackType;
    // The titles are marked in the registry with this context, so existing translations apply.
    return QCoreApplication::translate("aiband::PartTitle", partRow(*type).title);
}

} // namespace aiband
