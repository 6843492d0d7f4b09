#pragma once

#include "config/Config.h"
#include "files/FileStore.h"
#include "generation/GenerationService.h"
#include "server/HttpRouter.h"
#include "server/PluginRegistry.h"
#include "server/TransportClock.h"
#include "server/WebSocketHub.h"
#include "util/Result.h"

#include <QElapsedTimer>
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

    // Generates `fileName`'s track again from its metadata sidecar, with `seed` or a new random
    // one. `done` gets the same result as a generation (or invalid_filename, file_not_found,
    // metadata_not_found, busy, ...); it may be called before regenerate() returns.
    void regenerate(const QString &fileName, std::optional<quint32> seed,
                    std::function<void(const Result<GenerationResult> &)> done);

    // Why files cannot be written now (disk full, folder gone), for the tray; empty when fine.
    // Set by a failed write, cleared by the next successful one.
    QString storageProblem() const { return m_storageProblem; }
    // Removes files by age and count (plugin.cleanup_hours, plugin.max_files) now; runs by
    // itself on the maintenance timer and after writes that go over the count.
    QStringList cleanupFiles();

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

signals:
    void runningChanged(bool running);
    void pluginCountChanged(int count);
    void filesGenerated(const aiband::GenerationResult &result);
    void filesRemoved(const QStringList &names);        // by cleanup
    void storageProblemChanged(const QString &problem); // empty: writing works again
    void stopped();                                     // shutdown() has finished

private:
    void setStorageProblem(const QString &problem);
    bool drained() const;               // no generation running, every reply sent
    void finishShutdown();

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
    QPointer<ApiHttpServer> m_retiredHttp;   // stopped, waiting for its deleteLater
    QPointer<BoundedTcpServer> m_tcp;
    QElapsedTimer m_uptime;
    QString m_storageProblem;
    bool m_shuttingDown = false;
    QTimer m_drain;                     // polls the work in flight while shutting down
    QElapsedTimer m_drainClock;
};

} // namespace aiband
