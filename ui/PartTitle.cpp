#include "PartTitle.h"

#include <QCoreApplication>

namespace aiband {

QString partTitle(const QString &trackType)
{
    if (trackType == QLatin1String("bass"))
        return QCoreApplication::translate("aiband::PartTitle", "Bass");
    if (trackType == QLatin1String("drums"))
        return QCoreApplication::translate("aiband::PartTitle", "Drums");
    if (trackType == QLatin1String("keys"))
        return QCoreApplication::translate("aiband::PartTitle", "Keys");
    if (trackType == QLatin1String("full"))
        return QCoreApplication::translate("aiband::PartTitle", "Full band");
    return trackType;
}

} // namespace aiband
