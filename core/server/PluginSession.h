#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <memory>

class QWebSocket;

namespace aiband {

// One connected DAW plugin instance.
struct PluginSession {
    QString pluginId;
    QString address;
    QDateTime connectedAt;
    QDateTime lastSeen;          // last message of any kind, heartbeats included
    quint64 filesGenerated = 0;
    std::unique_ptr<QWebSocket> socket;

    QJsonObject toJson() const;  // what /api/plugin/status and the UI show
};

} // namespace aiband
