#pragma once

#include "config/Config.h"
#include "files/FileCleanup.h"
#include "files/FileStore.h"
#include "files/TakePublisher.h"
#include "generation/GenerationService.h"
#include "server/ServerInfo.h"
#include "session/BandSession.h"
#include "util/Result.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace aiband {

class ApiHttpServer;
class BoundedTcpServer;
class HttpRouter;
class LogBuffer;
class WebSocketHub;
struct AccessPolicy;
struct HttpApiContext;
struct WebSocketSettings;

// The application's core: builds every layer from one Config (the file store, generation, the
// band session, the HTTP and WebSocket transports) and runs their lifecycle: start, reconfigure,
// graceful shutdown, the maintenance clock. Actions are not here: the window, HTTP and WebSocket all call
// the same BandSession (session()).
class Orchestrator : public QObject, public ServerInfo {
    Q_OBJECT
public:
    // `logs` may be null (tests without a log router); /api/logs then answers empty.
    Orchestrator(Config config, LogBuffer *logs, QObject *parent = nullptr);
    ~Orchestrator() override;

    Status start();   // prepares the files folder and listens on host:port
    void stop();      // at once: closes plugin sessions (1001) and stops listening
    // The graceful stop (SIGTERM, SIGINT, the tray's Quit): stops accepting connections and
    // generations, lets running generations and downloads finish for up to
    // server.shutdown_grace seconds, closes plugin sessions with 1001, then emits stopped().
    void shutdown();
    bool isShuttingDown() const { return m_shuttingDown; }
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

    // Every action of the band: what the window calls, as HTTP and WebSocket do.
    BandSession &session() { return m_session; }
    const BandSession &session() const { return m_session; }

    const Config &config() const override { return m_config; }
    quint16 port() const;                    // the bound port (differs from config when it is 0)
    QUrl baseUrl() const override;           // http://host:port
    QString baseUrlText() const override;
    qint64 uptimeSeconds() const override;
    int pluginCount() const;
    int openConnections() const;             // HTTP and WebSocket connections now open
    // Closes a plugin's WebSocket session (close code 4003); false when it has none open.
    bool disconnectPlugin(const QString &pluginId);
    // Someone changed the files folder (the window's folder watcher saw it): the store reads it
    // again on a worker thread (a cleanup pass), and filesReread() follows.
    void rereadFiles() { m_cleanup.runInBackground(); }

    LogBuffer *logs() const { return m_logs; }
    const HttpRouter &router() const { return *m_router; }                  // the routes served
    const WebSocketSettings &webSocketSettings() const;                       // in effect now
    // Replaces the engine (a seam for tests and fault injection: one that throws or takes its
    // time), before the first generation.
    void setRenderer(GenerationService::Renderer renderer) { m_generation.setRenderer(std::move(renderer)); }
    // Replaces the takes' sync when settling (fault injection: a disk that loses writes).
    void setSyncHook(FileStore::SyncHook hook) { m_files.setSyncHook(std::move(hook)); }

    // Access (docs/SECURITY.md). The token is read or created by start(); empty before, or
    // when none could be had and none is required.
    QString accessToken() const { return m_token; }
    bool tokenRequired() const { return m_config.tokenRequired(); }
    // A new random token, written to server.token_file and required from the next request on
    // (open WebSocket sessions stay). Refused when server.token fixes the token.
    Status regenerateAccessToken();
    const AccessPolicy &accessPolicy() const { return *m_access; }

signals:
    void runningChanged(bool running);
    void pluginCountChanged(int count);
    // After reconfigure(): config() holds the settings now in effect.
    void configChanged();
    // The listener moved to a new address (baseUrl() is the new one).
    void listenAddressChanged(const QUrl &baseUrl);
    void accessTokenChanged();

    void filesRemoved(const QStringList &names);        // by cleanup (FileCleanup: at start, on the
                                                        // maintenance clock, after writes over the count)
    void filesReread();                                 // session().files() has read the folder again
    void stopped();                                     // shutdown() has finished

private:
    Result<BoundedTcpServer *> listen(const Config &config);
    void serve(BoundedTcpServer *tcp);
    bool drained() const;               // no generation running, every reply sent
    void finishShutdown();

    Config m_config;
    LogBuffer *m_logs;
    FileStore m_files;                 // every take, in <plugin.folder>/takes
    TakePublisher m_publisher;         // the newest take in <plugin.folder>, and per plugin
    GenerationService m_generation;
    BandSession m_session;
    // The transports are held by pointer so that the window, which includes this header, sees
    // none of their types (docs/ARCHITECTURE.md, "Layers").
    std::unique_ptr<WebSocketHub> m_hub;
    FileCleanup m_cleanup;
    QTimer m_maintenance;
    std::unique_ptr<HttpRouter> m_router;
    std::unique_ptr<HttpApiContext> m_api;
    QPointer<ApiHttpServer> m_http;
    QPointer<BoundedTcpServer> m_tcp;
    QElapsedTimer m_uptime;
    QString m_token;
    std::unique_ptr<AccessPolicy> m_access;

    Status prepareToken();
    void updateAccessPolicy(quint16 port);   // from m_config, the token and the bound port

    struct BaseUrl {
        QString host;        // m_config.host when it was made
        quint16 port = 0;    // the bound port then
        QUrl url;
        QString text;
    };
    const BaseUrl &currentBaseUrl() const;
    mutable BaseUrl m_baseUrl;   // a cache: made again when host or port changed
    bool m_shuttingDown = false;
    QTimer m_drain;                     // polls the work in flight while shutting down
    QElapsedTimer m_drainClock;
};

} // namespace aiband
