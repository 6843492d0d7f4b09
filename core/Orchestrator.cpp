#include "Orchestrator.h"

#include "config/AccessToken.h"
#include "logging/LogCategories.h"
#include "logging/Logging.h"
#include "server/ApiHttpServer.h"
#include "server/BoundedTcpServer.h"
#include "server/HttpApi.h"
#include "server/HttpRouter.h"
#include "server/RequestGuard.h"
#include "server/WebSocketHub.h"

#include <QHostAddress>
#include <QNetworkInterface>
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

// What each component takes from the settings, written once for construction and reconfigure().
GenerationSettings generationSettingsFrom(const Config &config)
{
    return GenerationSettings{config.generationQueueSize, config.generationTimeoutSeconds,
                              RequestLimits{config.maxChords, config.maxBars}};
}

ClientLimits clientLimitsFrom(const Config &config)
{
    return ClientLimits{config.generationRatePerMinute, config.generationBurst, config.maxGenerationsPerClient};
}

WebSocketSettings webSocketSettingsFrom(const Config &config)
{
    return WebSocketSettings{config.heartbeatIntervalSeconds, config.connectionTimeoutSeconds,
                             config.webSocketMaxMessageBytes, config.webSocketMaxMessagesPerSecond,
                             JsonShapeLimits{config.maxJsonDepth, config.maxJsonArrayItems}};
}

HttpConnectionLimits httpConnectionLimitsFrom(const Config &config)
{
    // An idle keep-alive connection may be waiting for a generation's answer: it is never closed
    // before backend.timeout has had its chance.
    const double idleSeconds = std::max(config.idleTimeoutSeconds, config.generationTimeoutSeconds + 1.0);
    return HttpConnectionLimits{HttpLimits{config.maxBodyBytes, config.maxHeaderBytes, config.maxUrlLength, config.maxRecordingBytes},
                                static_cast<int>(config.requestTimeoutSeconds * 1000),
                                static_cast<int>(idleSeconds * 1000)};
}

CleanupPolicy cleanupPolicyFrom(const Config &config)
{
    // A file younger than a minute is never removed: a plugin may just be loading it.
    return CleanupPolicy{config.cleanupHours, config.maxFiles, 60};
}

int maintenanceIntervalMs(const Config &config)
{
    return static_cast<int>(std::max(100.0, config.connectionTimeoutSeconds * 1000 / 4));
}

} // namespace

Orchestrator::Orchestrator(Config config, LogBuffer *logs, QObject *parent)
    : QObject(parent),
      m_config(std::move(config)),
      m_logs(logs),
      m_files(TakePublisher::takesFolderOf(m_config.filesDir), m_config.durableWrites),
      m_publisher(m_config.filesDir),
      m_generation(&m_files, StyleLibrary::load({QString::fromLatin1(StyleLibrary::kBuiltInFolder), m_config.stylesDir}),
                   m_config.defaultStyle, generationSettingsFrom(m_config)),
      m_session(&m_generation, &m_files, &m_publisher, clientLimitsFrom(m_config)),
      m_hub(std::make_unique<WebSocketHub>(webSocketSettingsFrom(m_config), &m_session)),
      m_cleanup(&m_files, cleanupPolicyFrom(m_config)),
      m_router(std::make_unique<HttpRouter>()),
      m_api(std::make_unique<HttpApiContext>(HttpApiContext{m_session, *this, *m_hub, *m_router, logs})),
      m_access(std::make_unique<AccessPolicy>())
{
    for (const QString &problem : m_generation.styles().problems())
        qCWarning(lcMusic).noquote() << "style skipped:" << problem;
    m_generation.setPublisher(&m_publisher);
    m_session.setSoundFont(m_config.soundFont);
    registerHttpApi(*m_router, *m_api);
    connect(m_hub.get(), &WebSocketHub::sessionCountChanged, this, &Orchestrator::pluginCountChanged);
    connect(&m_session, &BandSession::filesGenerated, &m_cleanup, &FileCleanup::fileWritten);
    connect(&m_cleanup, &FileCleanup::filesRemoved, this, &Orchestrator::filesRemoved);
    connect(&m_cleanup, &FileCleanup::folderRead, this, &Orchestrator::filesReread);
    // Sessions that went silent are closed, and plugins that only spoke HTTP are forgotten once
    // they stop sending heartbeats, both after websocket.connection_timeout.
    // Read on each tick, so a timeout changed by reconfigure() applies at once.
    m_maintenance.setInterval(maintenanceIntervalMs(m_config));
    connect(&m_maintenance, &QTimer::timeout, this, [this] {
        const double timeoutMs = m_config.connectionTimeoutSeconds * 1000;
        m_hub->dropStaleSessions();
        m_session.forgetSilentPlugins(QDateTime::currentDateTimeUtc().addMSecs(-static_cast<qint64>(timeoutMs)));
        m_cleanup.runInBackground();
        m_session.refreshStorageProblem();
    });
    m_maintenance.start();
    m_uptime.start();
}

Orchestrator::~Orchestrator()
{
    stop();
    // Every HTTP server (and its sockets) now, while the members they refer to still exist: the
    // one stop() retired and any a moved listener left behind (reconfigure()), whose deleteLater
    // has not run yet. As children they would otherwise go after the members.
    qDeleteAll(findChildren<ApiHttpServer *>(Qt::FindDirectChildrenOnly));
}

Status Orchestrator::start()
{
    if (isRunning())
        return Done{};
    // shutdown() closed the listener but is still draining; a new one would take connections
    // that are about to be dropped.
    if (m_shuttingDown)
        return makeError(QStringLiteral("shutting_down"), QStringLiteral("the server is shutting down"));
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
    if (Status prepared = m_publisher.prepare(m_files); !prepared) {
        qCCritical(lcFiles).noquote() << prepared.error().message;
        return prepared;
    }
    if (Status token = prepareToken(); !token) {
        qCCritical(lcServer).noquote() << token.error().message;
        return token;
    }
    m_cleanup.trimNow();   // from the index prepare() has just read

    auto tcp = listen(m_config);
    if (!tcp) {
        qCCritical(lcServer).noquote() << tcp.error().message;
        return tcp.error();
    }
    serve(*tcp);
    m_uptime.restart();
    qCInfo(lcServer).noquote() << "listening on" << baseUrl().toString() << "files in" << m_files.directory();
    if (m_access->tokenRequired)
        qCInfo(lcServer).noquote() << "every request but GET /health needs the access token, kept in"
                                   << (m_config.token.isEmpty() ? m_config.tokenFile : QStringLiteral("server.token"));
    emit runningChanged(true);
    return Done{};
}

Result<BoundedTcpServer *> Orchestrator::listen(const Config &config)
{
    auto *tcp = new BoundedTcpServer(config.maxConnections, httpConnectionLimitsFrom(config));
    // Qt's default backlog of 50 makes a burst of plugins connecting at once wait for a
    // one-second retry; let the kernel queue as many as we would accept.
    tcp->setListenBacklogSize(config.maxConnections);
    if (!tcp->listen(listenAddress(config.host), static_cast<quint16>(config.port))) {
        const QString message = QStringLiteral("cannot listen on %1:%2: %3")
                                    .arg(config.host).arg(config.port).arg(tcp->errorString());
        delete tcp;
        return makeError(QStringLiteral("listen_failed"), message);
    }
    return tcp;
}

void Orchestrator::serve(BoundedTcpServer *tcp)
{
    updateAccessPolicy(tcp->serverPort());
    auto *http = new ApiHttpServer(
        m_router.get(), m_access.get(), [this](const QHttpServerRequest &request) { return m_hub->acceptsUpgrade(request); },
        this);
    http->bind(tcp);
    connect(http, &ApiHttpServer::newWebSocketConnection, this, [this, http] {
        while (http->hasPendingWebSocketConnections()) {
            if (std::unique_ptr<QWebSocket> webSocket = http->nextGuardedWebSocketConnection())
                m_hub->adopt(std::move(webSocket));
        }
    });
    m_http = http;
    m_tcp = tcp;
    m_hub->setBaseUrl(baseUrl());
}

void Orchestrator::updateAccessPolicy(quint16 port)
{
    QStringList localAddresses;
    for (const QHostAddress &address : QNetworkInterface::allAddresses())
        localAddresses.append(address.toString());
    *m_access = AccessPolicy::forServer(m_config.host, port, m_config.allowedHosts, m_config.allowedOrigins,
                                       localAddresses);
    m_access->token = m_token;
    m_access->tokenRequired = tokenRequired();
}

QStringList Orchestrator::restartSettingsDiffering(const Config &wanted) const
{
    return startOnlySettingsDiffering(m_config, wanted);
}

Status Orchestrator::reconfigure(const Config &wanted)
{
    if (!m_generation.styles().find(wanted.defaultStyle))
        return makeError(QStringLiteral("unknown_style"),
                         QStringLiteral("the style \"%1\" does not exist; available: %2")
                             .arg(wanted.defaultStyle, m_generation.styles().names().join(QStringLiteral(", "))),
                         QStringLiteral("engine.default_style"));

    if (wanted.tokenRequired() && m_token.isEmpty())
        return makeError(QStringLiteral("token_unavailable"),
                         QStringLiteral("an access token is required for this setting, but none could be "
                                        "read or made (see server.token_file)"),
                         wanted.requireToken ? QStringLiteral("server.require_token") : QStringLiteral("server.host"));

    // Everything that is read live takes the new value; what is fixed at start keeps the old
    // (the connection cap and HTTP limits of a moved listener too).
    const Config applied = withStartOnlyFrom(wanted, m_config);
    // Same address and port (or port 0 again): the listener stays, whatever the host is spelled.
    const bool moves = isRunning()
                       && (listenAddress(wanted.host) != listenAddress(m_config.host) || wanted.port != m_config.port);
    BoundedTcpServer *replacement = nullptr;
    if (moves) {
        auto tcp = listen(applied);
        if (!tcp) {
            qCWarning(lcServer).noquote() << tcp.error().message << "; still serving on" << baseUrl().toString();
            Error error = tcp.error();
            error.field = wanted.port != m_config.port ? QStringLiteral("server.port") : QStringLiteral("server.host");
            return error;
        }
        replacement = *tcp;
    }

    m_config = applied;
    applyLogLevel(m_config.effectiveLogLevel());
    m_generation.setDefaultStyle(m_config.defaultStyle);
    m_generation.setSettings(generationSettingsFrom(m_config));
    m_session.setLimits(clientLimitsFrom(m_config));
    m_session.setSoundFont(m_config.soundFont);
    m_cleanup.setPolicy(cleanupPolicyFrom(m_config));
    m_hub->setSettings(webSocketSettingsFrom(m_config));   // the message size stays: m_config keeps the running one
    m_maintenance.setInterval(maintenanceIntervalMs(m_config));

    if (replacement) {
        // Plugins reconnect to the new address they find in their settings; 1012 tells them
        // the server restarted rather than went away.
        m_hub->closeAll(kCloseServiceRestart, QStringLiteral("server moved to a new address"));
        m_tcp->close();
        m_http->deleteLater();   // reconfigure() may run inside one of its handlers
        serve(replacement);
        qCInfo(lcServer).noquote() << "now listening on" << baseUrl().toString();
        emit listenAddressChanged(baseUrl());
    } else if (isRunning()) {
        updateAccessPolicy(port());    // allowed hosts, origins or require_token may have changed
        m_hub->setBaseUrl(baseUrl());   // the host may be spelled differently
    }
    qCInfo(lcConfig) << "settings applied";
    emit configChanged();
    return Done{};
}

// The token: server.token when set, else the token file's (made on first start). Without one
// the server may only start when no token is required.
Status Orchestrator::prepareToken()
{
    if (!m_config.token.isEmpty()) {
        m_token = m_config.token;
        return Done{};
    }
    const QString why = m_config.requireToken
        ? QStringLiteral("server.require_token is on")
        : QStringLiteral("server.host %1 is reachable from the network").arg(m_config.host);
    if (m_config.tokenFile.isEmpty()) {
        m_token.clear();
        if (!tokenRequired())
            return Done{};
        return makeError(QStringLiteral("token_unavailable"),
                         QStringLiteral("%1, so an access token is required, but neither server.token nor "
                                        "server.token_file is set").arg(why));
    }
    Result<QString> token = AccessToken::loadOrCreate(m_config.tokenFile);
    if (!token) {
        m_token.clear();
        if (!tokenRequired()) {
            qCWarning(lcServer).noquote() << token.error().message;
            return Done{};
        }
        return makeError(token.error().code, QStringLiteral("%1, so an access token is required: %2")
                                                 .arg(why, token.error().message));
    }
    m_token = *token;
    return Done{};
}

Status Orchestrator::regenerateAccessToken()
{
    if (!m_config.token.isEmpty())
        return makeError(QStringLiteral("token_fixed"),
                         QStringLiteral("the token is set by server.token (or AIBAND_TOKEN); change it there"));
    if (m_config.tokenFile.isEmpty())
        return makeError(QStringLiteral("token_unavailable"), QStringLiteral("no token file is set (server.token_file)"));
    const QString token = AccessToken::generate();
    if (Status written = AccessToken::write(m_config.tokenFile, token); !written)
        return written;
    m_token = token;
    m_access->token = token;
    qCInfo(lcServer).noquote() << "access token regenerated in" << m_config.tokenFile;
    emit accessTokenChanged();
    return Done{};
}

void Orchestrator::stop()
{
    if (!m_http)
        return;
    m_hub->closeAll();
    if (m_tcp)
        m_tcp->close();
    // Deleted later: stop() may be called from one of the server's own request handlers.
    m_http->deleteLater();
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
    if (m_generation.pendingCount() > 0 || m_session.deletesPending() > 0)
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
    m_hub->closeAll();
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

int Orchestrator::pluginCount() const
{
    return m_hub->sessionCount();
}

bool Orchestrator::disconnectPlugin(const QString &pluginId)
{
    return m_hub->disconnectPlugin(pluginId);
}

const WebSocketSettings &Orchestrator::webSocketSettings() const
{
    return m_hub->settings();
}

bool Orchestrator::isRunning() const
{
    return m_tcp && m_tcp->isListening();
}

quint16 Orchestrator::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

// Made again only when the host or the bound port changed: every GET /health and every
// generation's answer asks for it, and a QUrl built and written out each time was 5,600
// instructions of a GET /health's 87,000 (callgrind).
const Orchestrator::BaseUrl &Orchestrator::currentBaseUrl() const
{
    const quint16 bound = port();
    if (m_baseUrl.text.isEmpty() || m_baseUrl.host != m_config.host || m_baseUrl.port != bound) {
        QUrl url;
        url.setScheme(QStringLiteral("http"));
        url.setHost(m_config.host);
        url.setPort(bound);
        m_baseUrl = {m_config.host, bound, url, url.toString()};
    }
    return m_baseUrl;
}

QUrl Orchestrator::baseUrl() const
{
    return currentBaseUrl().url;
}

QString Orchestrator::baseUrlText() const
{
    return currentBaseUrl().text;
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
