#include "Orchestrator.h"

#include "logging/LogCategories.h"
#include "server/ApiHttpServer.h"
#include "server/BoundedTcpServer.h"
#include "server/HttpApi.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QWebSocket>

namespace aiband {
namespace {

QHostAddress listenAddress(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    return QHostAddress(host);
}

} // namespace

Orchestrator::Orchestrator(Config config, LogBuffer *logs, QObject *parent)
    : QObject(parent),
      m_config(std::move(config)),
      m_logs(logs),
      m_files(m_config.filesDir, m_config.durableWrites),
      m_generation(&m_files, StyleLibrary::load({QString::fromLatin1(StyleLibrary::kBuiltInFolder), m_config.stylesDir}),
                   m_config.defaultStyle,
                   GenerationSettings{m_config.generationQueueSize, m_config.generationTimeoutSeconds}),
      m_hub(WebSocketSettings{m_config.heartbeatIntervalSeconds, m_config.connectionTimeoutSeconds,
                              m_config.webSocketMaxMessageBytes},
            &m_generation, &m_plugins, &m_transport)
{
    for (const QString &problem : m_generation.styles().problems())
        qCWarning(lcMusic).noquote() << "style skipped:" << problem;
    registerHttpApi(m_router, *this);
    connect(&m_hub, &WebSocketHub::sessionCountChanged, this, &Orchestrator::pluginCountChanged);
    connect(&m_generation, &GenerationService::generated, this, &Orchestrator::filesGenerated);
    connect(&m_generation, &GenerationService::generated, this, [this] {
        setStorageProblem({});
        if (m_files.count() > m_config.maxFiles)
            cleanupFiles();
    });
    connect(&m_generation, &GenerationService::failed, this, [this](const QString &, const Error &error) {
        if (error.code == QLatin1String("insufficient_storage") || error.code == QLatin1String("write_failed"))
            setStorageProblem(error.message);
    });
    // Sessions that went silent are closed, and plugins that only spoke HTTP are forgotten once
    // they stop sending heartbeats, both after websocket.connection_timeout.
    const double timeoutMs = m_config.connectionTimeoutSeconds * 1000;
    m_maintenance.setInterval(static_cast<int>(std::max(100.0, timeoutMs / 4)));
    connect(&m_maintenance, &QTimer::timeout, this, [this, timeoutMs] {
        m_hub.dropStaleSessions();
        m_plugins.removeSilentSince(QDateTime::currentDateTimeUtc().addMSecs(-static_cast<qint64>(timeoutMs)));
        cleanupFiles();
    });
    m_maintenance.start();
    m_uptime.start();
}

Orchestrator::~Orchestrator()
{
    stop();
    // The HTTP server (and its sockets) now, while the members it refers to still exist.
    delete m_retiredHttp.data();
}

Status Orchestrator::start()
{
    if (isRunning())
        return Done{};
    if (!m_generation.styles().find(m_config.defaultStyle)) {
        const QString message = QStringLiteral("the default style \"%1\" does not exist; available: %2")
                                    .arg(m_config.defaultStyle, m_generation.styles().names().join(QStringLiteral(", ")));
        qCCritical(lcMusic).noquote() << message;
        return makeError(QStringLiteral("unknown_style"), message);
    }
    if (Status prepared = m_files.prepare(); !prepared) {
        qCCritical(lcFiles).noquote() << prepared.error().message;
        return prepared;
    }
    cleanupFiles();

    auto *tcp = new BoundedTcpServer(m_config.maxConnections);
    // Qt's default backlog of 50 makes a burst of plugins connecting at once wait for a
    // one-second retry; let the kernel queue as many as we would accept.
    tcp->setListenBacklogSize(m_config.maxConnections);
    if (!tcp->listen(listenAddress(m_config.host), static_cast<quint16>(m_config.port))) {
        const QString message = QStringLiteral("cannot listen on %1:%2: %3")
                                    .arg(m_config.host).arg(m_config.port).arg(tcp->errorString());
        delete tcp;
        qCCritical(lcServer).noquote() << message;
        return makeError(QStringLiteral("listen_failed"), message);
    }
    auto *http = new ApiHttpServer(
        &m_router, [this](const QHttpServerRequest &request) { return m_hub.acceptsUpgrade(request); }, this);
    http->bind(tcp);
    connect(http, &ApiHttpServer::newWebSocketConnection, this, [this, http] {
        while (http->hasPendingWebSocketConnections())
            m_hub.adopt(http->nextPendingWebSocketConnection());
    });
    m_http = http;
    m_tcp = tcp;
    m_hub.setBaseUrl(baseUrl());
    m_uptime.restart();
    qCInfo(lcServer).noquote() << "listening on" << baseUrl().toString() << "files in" << m_files.directory();
    emit runningChanged(true);
    return Done{};
}

void Orchestrator::stop()
{
    if (!m_http)
        return;
    m_hub.closeAll();
    if (m_tcp)
        m_tcp->close();
    // Deleted later: stop() may be called from one of the server's own request handlers.
    m_http->deleteLater();
    m_retiredHttp = m_http;
    m_http = nullptr;
    m_tcp = nullptr;
    qCInfo(lcServer) << "stopped";
    emit runningChanged(false);
}

void Orchestrator::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_generation.refuseNewWork();
    if (m_tcp)
        m_tcp->close();   // no new connections; those open keep going
    qCInfo(lcServer).noquote() << "shutting down: waiting up to" << m_config.shutdownGraceSeconds << "s for"
                               << m_generation.pendingCount() << "generations and the replies being sent";
    m_drainClock.start();
    m_drain.setInterval(20);
    connect(&m_drain, &QTimer::timeout, this, [this] {
        const bool late = m_drainClock.elapsed() > m_config.shutdownGraceSeconds * 1000;
        if (!drained() && !late)
            return;
        if (late && !drained())
            qCWarning(lcServer).noquote() << "shutdown grace of" << m_config.shutdownGraceSeconds << "s over with"
                                          << m_generation.pendingCount() << "generations still running";
        m_drain.stop();
        finishShutdown();
    });
    m_drain.start();
}

bool Orchestrator::drained() const
{
    if (m_generation.pendingCount() > 0)
        return false;
    // Replies (downloads, generation answers, close frames) still in the sockets' buffers.
    for (const QObject *owner : {static_cast<const QObject *>(m_http.data()), static_cast<const QObject *>(m_tcp.data())}) {
        if (!owner)
            continue;
        for (const QTcpSocket *socket : owner->findChildren<QTcpSocket *>()) {
            if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() > 0)
                return false;
        }
    }
    return true;
}

void Orchestrator::finishShutdown()
{
    // Plugins hear 1001 only now, after the answers to what they asked for.
    m_hub.closeAll();
    // The close frames go out before the sockets are dropped (bounded: a client that reads
    // nothing does not hold the stop).
    auto *flush = new QTimer(this);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    connect(flush, &QTimer::timeout, this, [this, flush, clock] {
        if (!drained() && clock->elapsed() < 1000)
            return;
        flush->deleteLater();
        stop();
        if (m_generation.pendingCount() > 0)
            m_generation.waitForRunning(-1);   // files are never left half-written
        qCInfo(lcServer) << "shutdown complete";
        emit stopped();
    });
    flush->start(10);
}

void Orchestrator::regenerate(const QString &fileName, std::optional<quint32> seed,
                              std::function<void(const Result<GenerationResult> &)> done)
{
    Result<GenerateRequest> request = m_generation.regenerationRequest(fileName, seed);
    if (!request) {
        done(request.error());
        return;
    }
    qCInfo(lcGeneration).noquote() << "regenerating" << fileName << "with seed" << request->arrangement.seed;
    if (const Status queued = m_generation.submit(std::move(request).value(), done); !queued)
        done(queued.error());
}

QStringList Orchestrator::cleanupFiles()
{
    const QStringList removed =
        m_files.cleanup(CleanupPolicy{m_config.cleanupHours, m_config.maxFiles, 60});
    if (!removed.isEmpty())
        emit filesRemoved(removed);
    return removed;
}

void Orchestrator::setStorageProblem(const QString &problem)
{
    if (problem == m_storageProblem)
        return;
    m_storageProblem = problem;
    if (problem.isEmpty())
        qCInfo(lcFiles) << "files are being written again";
    else
        qCWarning(lcFiles).noquote() << "storage problem:" << problem;
    emit storageProblemChanged(problem);
}

bool Orchestrator::isRunning() const
{
    return m_tcp && m_tcp->isListening();
}

quint16 Orchestrator::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QUrl Orchestrator::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_config.host);
    url.setPort(port());
    return url;
}

int Orchestrator::openConnections() const
{
    return m_tcp ? m_tcp->openConnections() : 0;
}

qint64 Orchestrator::uptimeSeconds() const
{
    return m_uptime.elapsed() / 1000;
}

} // namespace aiband
