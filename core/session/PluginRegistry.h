#pragma once

#include "TransportClock.h"
#include "util/Result.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace aiband {

// What the orchestrator knows about one plugin instance, whether it talks over WebSocket,
// HTTP, or both.
struct PluginInfo {
    QString pluginId;
    QString name;
    QString version;
    QString daw;
    QString address;
    QDateTime connectedSince;   // first registration or connection
    QDateTime lastHeartbeat;    // last heartbeat, HTTP or WebSocket message
    quint64 filesGenerated = 0;
    bool connected = false;     // a WebSocket session is open (the protocol's "connected": true)
    bool awaitingSession = false;   // registered with no session open, and none opened since
    std::optional<TransportState> transport;
    QDateTime transportUpdatedAt;

    // The plugin spec's status: "connected" while a session is open or the plugin was heard
    // (HTTP or WebSocket) within `timeoutSeconds`, else "disconnected".
    QString status(double timeoutSeconds) const;
    QJsonObject toJson(double timeoutSeconds) const;
};

// What a plugin may say about itself when it registers, beside its plugin_id.
QStringList pluginDetailFields();   // name, version, daw
// Why a register body (plugin_id and the details) cannot be read: a field that is not one of
// those, or a detail that is not a string; named with `prefix` ("data."). The id itself is
// checked by its reader, which knows whether one is required.
std::optional<Error> invalidRegistration(const QJsonObject &body, const QString &prefix = {});

// Every plugin instance known to the server. The single place plugin details live: the
// WebSocket hub, the HTTP API and the UI read and update it here.
class PluginRegistry : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    const PluginInfo *find(const QString &pluginId) const;
    QList<PluginInfo> plugins() const { return m_plugins; }   // in order of arrival
    int connectedCount() const;

    // Creates the entry when new; fills in what the plugin said about itself.
    const PluginInfo &registerPlugin(const QString &pluginId, const QString &address,
                                     const QJsonObject &details = {});
    bool heartbeat(const QString &pluginId);     // false when unknown; does not emit changed()
    void setConnected(const QString &pluginId, bool connected);
    void setTransport(const QString &pluginId, const TransportState &state);
    void addFiles(const QString &pluginId, int count);
    // The plugin that registered last from `address` since `since` while it had no session,
    // and has opened none since: whom a /ws/sync connection without an id is, after a REST
    // register. A plugin whose session closed is not it: it knows its id.
    QString newestWithoutSession(const QString &address, const QDateTime &since) const;
    // Forgets plugins with no open session and no heartbeat since `cutoff`.
    int removeSilentSince(const QDateTime &cutoff);

signals:
    void changed();   // an entry added, removed, or its details, connection, transport or files changed

private:
    PluginInfo *entry(const QString &pluginId);
    void reindex();

    QList<PluginInfo> m_plugins;
    QHash<QString, qsizetype> m_index;   // plugin id -> position in m_plugins
};

} // namespace aiband
