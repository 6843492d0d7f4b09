#pragma once

#include "config/Config.h"
#include "files/FileStore.h"
#include "generation/GenerationService.h"
#include "server/ClientLimiter.h"
#include "server/HttpRouter.h"
#include "server/PluginRegistry.h"
#include "server/RequestGuard.h"
#include "server/TransportClock.h"
#include "server/WebSocketHub.h"
#include "util/Result.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

namespace aiband {

class ApiHttpServer;
class BoundedTcpServer;
class LogBuffer;

// The application's core as one object: the server, the engine, the files and the plugin
// sessions. The UI and main() talk to this facade only, through its methods and signals.
class Orchestrator : public QObject {
    Q_OBJECT
public:
    // `logs` may be null (tests without a log router); /api/logs then answers empty.
    Orchestrator(Config config, LogBuffer *logs, QObject *parent = nullptr);
    ~Orchestrator() override;

    Status start();   // prepares the files folder and listens on host:port
    void stop();      // closes plugin sessions (1001) and stops listening
    bool isRunning() const;

    // Applies a changed configuration to the running application. Log level, generation
    // limits, default style, heartbeat and timeouts change at once; a new host or port moves
    // the listener: the new address is bound first, and when that fails (port busy) nothing
    // changes, the old address keeps serving and the Error names the field ("server.port" or
    // "server.host"). Plugin sessions are closed with 1012 only when the listener moves.
    // Settings read once at start (files folder, styles folder, log file, durable writes,
    // connection cap, WebSocket message size) keep their running values in config() and apply
    // at the next start: see restartSettingsDiffering().
    Status reconfigure(const Config &wanted);
    // Key paths of `wanted` that reconfigure() cannot apply to this run.
    QStringList restartSettingsDiffering(const Config &wanted) const;

    const Config &config() const { return m_config; }
    quint16 port() const;                    // the bound port (differs from config when it is 0)
    QUrl baseUrl() const;                    // http://host:port
    qint64 uptimeSeconds() const;
    int pluginCount() const { return m_hub.sessionCount(); }
    int openConnections() const;             // HTTP and WebSocket connections now open
    // Closes a plugin's WebSocket session (close code 4003); false when it has none open.
    bool disconnectPlugin(const QString &pluginId) { return m_hub.disconnectPlugin(pluginId); }

    FileStore &files() { return m_files; }
    const FileStore &files() const { return m_files; }
    GenerationService &generation() { return m_generation; }
    WebSocketHub &hub() { return m_hub; }
    PluginRegistry &plugins() { return m_plugins; }
    const PluginRegistry &plugins() const { return m_plugins; }
    TransportClock &transport() { return m_transport; }
    ClientLimiter &limiter() { return m_limiter; }
    LogBuffer *logs() const { return m_logs; }
    const HttpRouter &router() const { return m_router; }

    // Access (docs/SECURITY.md). The token is read or created by start(); empty before, or
    // when none could be had and none is required.
    QString accessToken() const { return m_token; }
    bool tokenRequired() const { return m_config.tokenRequired(); }
    // A new random token, written to server.token_file and required from the next request on
    // (open WebSocket sessions stay). Refused when server.token fixes the token.
    Status regenerateAccessToken();
    const AccessPolicy &accessPolicy() const { return m_access; }

signals:
    void runningChanged(bool running);
    void pluginCountChanged(int count);
    void filesGenerated(const aiband::GenerationResult &result);
    // After reconfigure(): config() holds the settings now in effect.
    void configChanged();
    // The listener moved to a new address (baseUrl() is the new one).
    void listenAddressChanged(const QUrl &baseUrl);
    void accessTokenChanged();

private:
    Result<BoundedTcpServer *> listen(const Config &config);
    void serve(BoundedTcpServer *tcp);

    Config m_config;
    LogBuffer *m_logs;
    FileStore m_files;
    GenerationService m_generation;
    PluginRegistry m_plugins;
    TransportClock m_transport;
    ClientLimiter m_limiter;
    WebSocketHub m_hub;
    QTimer m_maintenance;
    HttpRouter m_router;
    QPointer<ApiHttpServer> m_http;
    QPointer<BoundedTcpServer> m_tcp;
    QElapsedTimer m_uptime;
    QString m_token;
    AccessPolicy m_access;

    Status prepareToken();
    void updateAccessPolicy(quint16 port);   // from m_config, the token and the bound port
};

} // namespace aiband
