#include "PluginSession.h"

#include <QWebSocket>

namespace aiband {

QJsonObject PluginSession::toJson() const
{
    return QJsonObject{{QStringLiteral("plugin_id"), pluginId},
                       {QStringLiteral("address"), address},
                       {QStringLiteral("connected_since"), connectedAt.toUTC().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("last_seen"), lastSeen.toUTC().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("files_generated"), static_cast<qint64>(filesGenerated)}};
}

} // namespace aiband
