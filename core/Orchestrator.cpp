#include "Orchestrator.h"

#include "logging/LogCategories.h"
#include "server/ApiHttpServer.h"
#include "server/BoundedTcpServer.h"
#include "server/HttpApi.h"

#include <QHostAddress>
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
                   GenerationSettings{m_config.generationQueueSize, m_config.generationTimeoutSeconds,
                                      RequestLimits{m_config.maxChords, m_config.maxBars}}),
      m_limiter(ClientLimits{m_config.generationRatePerMinute, m_config.generationBurst,
                             m_config.maxGenerationsPerClient}),
      m_hub(WebSocketSettings{m_config.heartbeatIntervalSeconds, m_config.connectionTimeoutSeconds,
                              m_config.webSocketMaxMessageBytes, m_config.webSocketMaxMessagesPerSecond,
                              JsonShapeLimits{m_config.maxJsonDepth, m_config.maxJsonArrayItems}},
            &m_generation, &m_plugins, &m_transport, &m_limiter)
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

    // An idle keep-alive connection may be waiting for a generation's answer: it is never closed
    // before backend.timeout has had its chance.
    const double idleSeconds = std::max(m_config.idleTimeoutSeconds, m_config.generationTimeoutSeconds + 1.0);
    auto *tcp = new BoundedTcpServer(
        m_config.maxConnections,
        HttpConnectionLimits{HttpLimits{m_config.maxBodyBytes, m_config.maxHeaderBytes, m_config.maxUrlLength},
                             static_cast<int>(m_config.requestTimeoutSeconds * 1000), static_cast<int>(idleSeconds * 1000)});
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
