#include "Orchestrator.h"

#include "config/AccessToken.h"
#include "logging/LogCategories.h"
#include "server/ApiHttpServer.h"
#include "server/BoundedTcpServer.h"
#include "server/HttpApi.h"

#include <QHostAddress>
#include <QNetworkInterface>
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
    // Sessions that went silent are closed, and plugins that only spoke HTTP are forgotten once
    // they stop sending heartbeats, both after websocket.connection_timeout.
    const double timeoutMs = m_config.connectionTimeoutSeconds * 1000;
    m_maintenance.setInterval(static_cast<int>(std::max(100.0, timeoutMs / 4)));
    connect(&m_maintenance, &QTimer::timeout, this, [this, timeoutMs] {
        m_hub.dropStaleSessions();
        m_plugins.removeSilentSince(QDateTime::currentDateTimeUtc().addMSecs(-static_cast<qint64>(timeoutMs)));
    });
    m_maintenance.start();
    m_uptime.start();
}

Orchestrator::~Orchestrator()
{
    stop();
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
    if (Status token = prepareToken(); !token) {
        qCCritical(lcServer).noquote() << token.error().message;
        return token;
    }

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
    QStringList localAddresses;
    for (const QHostAddress &address : QNetworkInterface::allAddresses())
        localAddresses.append(address.toString());
    m_access = AccessPolicy::forServer(m_config.host, tcp->serverPort(), m_config.allowedHosts,
                                       m_config.allowedOrigins, localAddresses);
    m_access.token = m_token;
    m_access.tokenRequired = tokenRequired();
    auto *http = new ApiHttpServer(
        &m_router, &m_access, [this](const QHttpServerRequest &request) { return m_hub.acceptsUpgrade(request); },
        this);
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
    if (m_access.tokenRequired)
        qCInfo(lcServer).noquote() << "every request but GET /health needs the access token, kept in"
                                   << (m_config.token.isEmpty() ? m_config.tokenFile : QStringLiteral("server.token"));
    emit runningChanged(true);
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
    m_access.token = token;
    qCInfo(lcServer).noquote() << "access token regenerated in" << m_config.tokenFile;
    emit accessTokenChanged();
    return Done{};
}

void Orchestrator::stop()
{
    if (!isRunning())
        return;
    m_hub.closeAll();
    m_tcp->close();
    // Deleted later: stop() may be called from one of the server's own request handlers.
    m_http->deleteLater();
    m_http = nullptr;
    m_tcp = nullptr;
    qCInfo(lcServer) << "stopped";
    emit runningChanged(false);
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
