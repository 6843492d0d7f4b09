#pragma once

#include "config/Config.h"
#include "files/FileStore.h"
#include "generation/GenerationService.h"
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

    const Config &config() const { return m_config; }
    quint16 port() const;                    // the bound port (differs from config when it is 0)
    QUrl baseUrl() const;                    // http://host:port
    qint64 uptimeSeconds() const;
    int pluginCount() const { return m_hub.sessionCount(); }
    int openConnections() const;             // HTTP and WebSocket connections now open

    FileStore &files() { return m_files; }
    const FileStore &files() const { return m_files; }
    GenerationService &generation() { return m_generation; }
    WebSocketHub &hub() { return m_hub; }
    PluginRegistry &plugins() { return m_plugins; }
    const PluginRegistry &plugins() const { return m_plugins; }
    TransportClock &transport() { return m_transport; }
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
    void accessTokenChanged();

private:
    Config m_config;
    LogBuffer *m_logs;
    FileStore m_files;
    GenerationService m_generation;
    PluginRegistry m_plugins;
    TransportClock m_transport;
    WebSocketHub m_hub;
    QTimer m_maintenance;
    HttpRouter m_router;
    QPointer<ApiHttpServer> m_http;
    QPointer<BoundedTcpServer> m_tcp;
    QElapsedTimer m_uptime;
    QString m_token;
    AccessPolicy m_access;

    Status prepareToken();
};

} // namespace aiband
