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
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <optional>

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
    // Generates `fileName`'s track again from its metadata sidecar, with `seed` or a new random
    // one. `done` gets the same result as a generation (or invalid_filename, file_not_found,
    // metadata_not_found, busy, ...); it may be called before regenerate() returns.
    void regenerate(const QString &fileName, std::optional<quint32> seed,
                    std::function<void(const Result<GenerationResult> &)> done);

    // Why files cannot be written now (disk full, folder gone), for the tray; empty when fine.
    // Set by a failed write, cleared by the next successful one.
    QString storageProblem() const { return m_storageProblem; }
    // Removes files by age and count (plugin.cleanup_hours, plugin.max_files) now; runs by
    // itself at start, and in the background on the maintenance timer and after writes that go
    // over the count (cleanupFilesInBackground()).
    QStringList cleanupFiles();
    // The same pass on a worker thread, so listing and removing thousands of files never holds
    // the server's thread; filesRemoved() follows. Does nothing while a pass is running.
    void cleanupFilesInBackground();

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

    void filesRemoved(const QStringList &names);        // by cleanup
    void storageProblemChanged(const QString &problem); // empty: writing works again
    void stopped();                                     // shutdown() has finished

private:
    Result<BoundedTcpServer *> listen(const Config &config);
    void serve(BoundedTcpServer *tcp);
    void setStorageProblem(const QString &problem);
    bool drained() const;               // no generation running, every reply sent
    void finishShutdown();
    void cleanupPassFinished();
    CleanupPolicy cleanupPolicy() const;   // plugin.cleanup_hours and plugin.max_files now

    Config m_config;
    LogBuffer *m_logs;
    FileStore m_files;
    GenerationService m_generation;
    PluginRegistry m_plugins;
    TransportClock m_transport;
    ClientLimiter m_limiter;
    WebSocketHub m_hub;
    QTimer m_maintenance;
    QTimer m_cleanupSoon;               // the folder went over plugin.max_files
    QDateTime m_nextCleanupChance;      // when the last pass's youngest kept file may go
    struct CleanupPass {
        QStringList removed;
        QDateTime nextChance;
    };
    QFutureWatcher<CleanupPass> m_cleanup;   // the background pass
    bool m_cleanupBusy = false;              // until its result has been handled here
    HttpRouter m_router;
    QPointer<ApiHttpServer> m_http;
    QPointer<BoundedTcpServer> m_tcp;
    QElapsedTimer m_uptime;
    QString m_token;
    AccessPolicy m_access;

    Status prepareToken();
    void updateAccessPolicy(quint16 port);   // from m_config, the token and the bound port
    QString m_storageProblem;
    bool m_shuttingDown = false;
    QTimer m_drain;                     // polls the work in flight while shutting down
    QElapsedTimer m_drainClock;
};

} // namespace aiband
