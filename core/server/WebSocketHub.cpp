#include "WebSocketHub.h"

#include "generation/GenerateRequest.h"
#include "generation/GenerationService.h"
#include "logging/LogCategories.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QWebSocket>

#include <algorithm>

namespace aiband {
namespace {

QString nowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

const std::vector<WebSocketHub::HandlerEntry> &WebSocketHub::handlers()
{
    static const std::vector<HandlerEntry> table{
        {"heartbeat", &WebSocketHub::handleHeartbeat},
        {"transport_update", &WebSocketHub::handleTransportUpdate},
        {"generation_request", &WebSocketHub::handleGenerationRequest},
    };
    return table;
}

WebSocketHub::WebSocketHub(WebSocketSettings settings, GenerationService *generation, QObject *parent)
    : QObject(parent), m_settings(settings), m_generation(generation)
{
    connect(m_generation, &GenerationService::generated, this, &WebSocketHub::deliverFiles);
    m_staleTimer.setInterval(static_cast<int>(std::max(100.0, m_settings.connectionTimeoutSeconds * 1000 / 4)));
    connect(&m_staleTimer, &QTimer::timeout, this, &WebSocketHub::dropStaleSessions);
    m_staleTimer.start();
}

WebSocketHub::~WebSocketHub()
{
    // Sessions' sockets must not call back into a half-destroyed hub.
    for (auto &session : m_sessions)
        session->socket->disconnect(this);
}

std::optional<QString> WebSocketHub::pluginIdFromPath(const QString &path)
{
    static const QString prefix = QStringLiteral("/ws/");
    if (!path.startsWith(prefix))
        return std::nullopt;
    const QString id = path.mid(prefix.size());
    if (!isValidPluginId(id))
        return std::nullopt;
    return id;
}

bool WebSocketHub::acceptsUpgrade(const QHttpServerRequest &request) const
{
    return pluginIdFromPath(request.url().path()).has_value();
}

void WebSocketHub::adopt(std::unique_ptr<QWebSocket> socket)
{
    const auto pluginId = pluginIdFromPath(socket->requestUrl().path());
    if (!pluginId) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("invalid plugin id"));
        return;
    }
    if (PluginSession *existing = sessionFor(*pluginId)) {
        qCInfo(lcWebSocket).noquote() << "plugin" << *pluginId << "reconnected; closing its previous session";
        closeSession(existing, static_cast<QWebSocketProtocol::CloseCode>(CloseReason::Replaced),
                     QStringLiteral("replaced by a newer connection with the same plugin id"));
    }

    socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(m_settings.maxMessageBytes));
    socket->setMaxAllowedIncomingFrameSize(static_cast<quint64>(m_settings.maxMessageBytes));
    QWebSocket *raw = socket.get();
    connect(raw, &QWebSocket::textMessageReceived, this,
            [this, raw](const QString &text) { onTextMessage(raw, text); });
    connect(raw, &QWebSocket::binaryMessageReceived, this, [this, raw](const QByteArray &) {
        if (PluginSession *session = sessionFor(raw))
            sendError(*session, QStringLiteral("binary_not_supported"),
                      QStringLiteral("messages are JSON text frames"));
    });
    connect(raw, &QWebSocket::disconnected, this, [this, raw] { onDisconnected(raw); });

    auto session = std::make_unique<PluginSession>();
    session->pluginId = *pluginId;
    session->address = raw->peerAddress().toString();
    session->connectedAt = QDateTime::currentDateTime();
    session->lastSeen = session->connectedAt;
    session->socket = std::move(socket);
    PluginSession &added = *session;
    m_sessions.push_back(std::move(session));
    qCInfo(lcWebSocket).noquote() << "plugin" << added.pluginId << "connected from" << added.address;

    send(added, QStringLiteral("connection_confirmed"),
         QJsonObject{{QStringLiteral("plugin_id"), added.pluginId},
                     {QStringLiteral("server_version"), QStringLiteral(AIBAND_VERSION)},
                     {QStringLiteral("heartbeat_interval"), m_settings.heartbeatIntervalSeconds},
                     {QStringLiteral("connection_timeout"), m_settings.connectionTimeoutSeconds},
                     {QStringLiteral("timestamp"), nowIso()}});
    emit sessionCountChanged(sessionCount());
}

QList<QJsonObject> WebSocketHub::sessionsAsJson() const
{
    QList<QJsonObject> list;
    for (const auto &session : m_sessions)
        list.append(session->toJson());
    return list;
}

void WebSocketHub::closeAll()
{
    const bool hadSessions = !m_sessions.empty();
    while (!m_sessions.empty())
        closeSession(m_sessions.back().get(), QWebSocketProtocol::CloseCodeGoingAway,
                     QStringLiteral("server shutting down"));
    if (hadSessions)
        emit sessionCountChanged(0);
}

PluginSession *WebSocketHub::sessionFor(const QWebSocket *socket)
{
    for (auto &session : m_sessions) {
        if (session->socket.get() == socket)
            return session.get();
    }
    return nullptr;
}

PluginSession *WebSocketHub::sessionFor(const QString &pluginId)
{
    for (auto &session : m_sessions) {
        if (session->pluginId == pluginId)
            return session.get();
    }
    return nullptr;
}

void WebSocketHub::onDisconnected(QWebSocket *socket)
{
    PluginSession *session = sessionFor(socket);
    if (!session)
        return;
    qCInfo(lcWebSocket).noquote() << "plugin" << session->pluginId << "disconnected";
    // The socket is still emitting: hand it to the event loop for deletion.
    session->socket.release()->deleteLater();
    std::erase_if(m_sessions, [session](const auto &s) { return s.get() == session; });
    emit sessionCountChanged(sessionCount());
}

void WebSocketHub::dropStaleSessions()
{
    const QDateTime cutoff = QDateTime::currentDateTime().addMSecs(
        -static_cast<qint64>(m_settings.connectionTimeoutSeconds * 1000));
    QList<PluginSession *> stale;
    for (auto &session : m_sessions) {
        if (session->lastSeen < cutoff)
            stale.append(session.get());
    }
    for (PluginSession *session : stale) {
        qCInfo(lcWebSocket).noquote() << "plugin" << session->pluginId << "silent for"
                                      << m_settings.connectionTimeoutSeconds << "s; closing";
        closeSession(session, static_cast<QWebSocketProtocol::CloseCode>(CloseReason::HeartbeatTimeout),
                     QStringLiteral("no heartbeat within the connection timeout"));
    }
    if (!stale.isEmpty())
        emit sessionCountChanged(sessionCount());
}

void WebSocketHub::closeSession(PluginSession *session, QWebSocketProtocol::CloseCode code,
                                const QString &reason)
{
    // Detached first so its disconnect does not re-enter the hub; deleted later so the close
    // frame still goes out.
    QWebSocket *socket = session->socket.release();
    socket->disconnect(this);
    socket->close(code, reason);
    socket->deleteLater();
    std::erase_if(m_sessions, [session](const auto &s) { return s.get() == session; });
}

void WebSocketHub::onTextMessage(QWebSocket *socket, const QString &text)
{
    PluginSession *session = sessionFor(socket);
    if (!session)
        return;
    session->lastSeen = QDateTime::currentDateTime();

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        sendError(*session, QStringLiteral("invalid_json"),
                  QStringLiteral("messages must be JSON objects: {\"type\": ..., \"data\": {...}}"));
        return;
    }
    const QJsonObject message = document.object();
    const QJsonValue requestId = message.value(QStringLiteral("request_id"));
    const QString type = message.value(QStringLiteral("type")).toString();
    const QJsonValue data = message.value(QStringLiteral("data"));
    if (!data.isUndefined() && !data.isNull() && !data.isObject()) {
        sendError(*session, QStringLiteral("invalid_message"), QStringLiteral("\"data\" must be an object"),
                  requestId);
        return;
    }
    for (const HandlerEntry &entry : handlers()) {
        if (type == QLatin1String(entry.type)) {
            (this->*entry.handler)(*session, data.toObject(), requestId);
            return;
        }
    }
    QStringList known;
    for (const HandlerEntry &entry : handlers())
        known.append(QLatin1String(entry.type));
    sendError(*session, QStringLiteral("unknown_type"),
              QStringLiteral("unknown message type \"%1\"; known: %2").arg(type, known.join(QStringLiteral(", "))),
              requestId);
}

void WebSocketHub::send(PluginSession &session, const QString &type, const QJsonObject &data,
                        const QJsonValue &requestId)
{
    QJsonObject envelope{{QStringLiteral("type"), type}, {QStringLiteral("data"), data}};
    if (!requestId.isUndefined() && !requestId.isNull())
        envelope.insert(QStringLiteral("request_id"), requestId);
    session.socket->sendTextMessage(QString::fromUtf8(QJsonDocument(envelope).toJson(QJsonDocument::Compact)));
}

void WebSocketHub::sendError(PluginSession &session, const QString &code, const QString &message,
                             const QJsonValue &requestId)
{
    qCDebug(lcWebSocket).noquote() << "error to" << session.pluginId << code << message;
    send(session, QStringLiteral("error"),
         QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}, requestId);
}

void WebSocketHub::handleHeartbeat(PluginSession &session, const QJsonObject &data, const QJsonValue &requestId)
{
    QJsonObject reply{{QStringLiteral("timestamp"), nowIso()}};
    if (data.contains(QStringLiteral("timestamp")))
        reply.insert(QStringLiteral("client_timestamp"), data.value(QStringLiteral("timestamp")));
    send(session, QStringLiteral("heartbeat_response"), reply, requestId);
}

void WebSocketHub::handleTransportUpdate(PluginSession &session, const QJsonObject &data,
                                         const QJsonValue &requestId)
{
    // Relayed as is to the other plugins; the shared transport clock arrives with the protocol work.
    QJsonObject sync = data;
    sync.insert(QStringLiteral("source_plugin_id"), session.pluginId);
    for (auto &other : m_sessions) {
        if (other.get() != &session)
            send(*other, QStringLiteral("transport_sync"), sync);
    }
    Q_UNUSED(requestId);
}

void WebSocketHub::handleGenerationRequest(PluginSession &session, const QJsonObject &data,
                                           const QJsonValue &requestId)
{
    QJsonObject body = data;
    body.insert(QStringLiteral("plugin_id"), session.pluginId);
    Result<GenerateRequest> request = m_generation->parseRequest(body);
    if (!request) {
        send(session, QStringLiteral("error"),
             QJsonObject{{QStringLiteral("code"), request.error().code},
                         {QStringLiteral("message"), request.error().message},
                         {QStringLiteral("field"), request.error().field}},
             requestId);
        return;
    }
    Result<GenerationResult> result = m_generation->generate(*request);
    if (!result) {
        sendError(session, result.error().code, result.error().message, requestId);
        return;
    }
    QJsonArray files;
    for (const GeneratedFile &file : result->files)
        files.append(file.toJson(m_baseUrl));
    send(session, QStringLiteral("generation_complete"),
         QJsonObject{{QStringLiteral("generation_id"), result->requestId},
                     {QStringLiteral("files"), files},
                     {QStringLiteral("metadata"), result->metadata}},
         requestId);
}

void WebSocketHub::deliverFiles(const GenerationResult &result)
{
    PluginSession *session = result.pluginId.isEmpty() ? nullptr : sessionFor(result.pluginId);
    if (!session)
        return;
    session->filesGenerated += static_cast<quint64>(result.files.size());
    QJsonArray names;
    QJsonArray details;
    for (const GeneratedFile &file : result.files) {
        names.append(file.file.name);
        details.append(file.toJson(m_baseUrl));
    }
    send(*session, QStringLiteral("files_ready"),
         QJsonObject{{QStringLiteral("files"), names},
                     {QStringLiteral("details"), details},
                     {QStringLiteral("generation_id"), result.requestId}});
    for (const GeneratedFile &file : result.files) {
        QJsonObject ready = file.toJson(m_baseUrl);
        ready.insert(QStringLiteral("duration"), result.metadata.value(QStringLiteral("duration_beats")));
        ready.insert(QStringLiteral("key"), result.metadata.value(QStringLiteral("key")));
        ready.insert(QStringLiteral("tempo"), result.metadata.value(QStringLiteral("tempo")));
        send(*session, QStringLiteral("midi_ready"), ready);
    }
}

} // namespace aiband
