#include "WebSocketHub.h"

#include "ClientLimiter.h"
#include "JsonReplies.h"
#include "PluginRegistry.h"
#include "TransportClock.h"
#include "generation/FlatGenerateForm.h"
#include "generation/GenerateRequest.h"
#include "generation/GenerationService.h"
#include "logging/LogCategories.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>

namespace aiband {
namespace {

const QString kSyncPath = QStringLiteral("/ws/sync");

// The server's time for replies. Formatting a date is costly next to answering a heartbeat, so
// a burst of replies within one millisecond shares the text.
QString nowIso()
{
    thread_local qint64 cachedMs = -1;
    thread_local QString cached;
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    if (ms != cachedMs) {
        cachedMs = ms;
        cached = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    }
    return cached;
}

QString serialize(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject envelope(const QString &type, const QJsonObject &data, const QJsonValue &requestId)
{
    QJsonObject message{{QStringLiteral("type"), type}, {QStringLiteral("data"), data}};
    if (!requestId.isUndefined() && !requestId.isNull())
        message.insert(QStringLiteral("request_id"), requestId);
    return message;
}

} // namespace

const std::vector<WebSocketHub::HandlerEntry> &WebSocketHub::handlers()
{
    static const std::vector<HandlerEntry> table{
        {"register", &WebSocketHub::handleRegister, false},
        {"heartbeat", &WebSocketHub::handleHeartbeat, false},
        {"transport_update", &WebSocketHub::handleTransportUpdate, true},
        {"generation_request", &WebSocketHub::handleGenerationRequest, true},
        {"generate_request", &WebSocketHub::handleGenerateRequest, true},
        {"status_request", &WebSocketHub::handleStatusRequest, true},
    };
    return table;
}

QStringList WebSocketHub::messageTypes()
{
    QStringList types;
    for (const HandlerEntry &entry : handlers())
        types.append(QLatin1String(entry.type));
    return types;
}

WebSocketHub::WebSocketHub(WebSocketSettings settings, GenerationService *generation, PluginRegistry *registry,
                           TransportClock *transport, ClientLimiter *limiter, QObject *parent)
    : QObject(parent), m_settings(settings), m_generation(generation), m_registry(registry), m_transport(transport),
      m_limiter(limiter)
{
    m_clock.start();
    connect(m_generation, &GenerationService::generated, this, &WebSocketHub::deliverFiles);
}

WebSocketHub::~WebSocketHub()
{
    // Sessions' sockets must not call back into a half-destroyed hub.
    for (auto &session : m_sessions)
        session->socket->disconnect(this);
}

std::optional<QString> WebSocketHub::pluginIdFromUrl(const QUrl &url)
{
    const QString path = url.path();
    if (path == kSyncPath) {
        const QString id = QUrlQuery(url).queryItemValue(QStringLiteral("plugin_id"), QUrl::FullyDecoded);
        if (id.isEmpty() || isValidPluginId(id))
            return id;
        return std::nullopt;
    }
    static const QString prefix = QStringLiteral("/ws/");
    if (!path.startsWith(prefix) || !isValidPluginId(path.mid(prefix.size())))
        return std::nullopt;
    return path.mid(prefix.size());
}

bool WebSocketHub::acceptsUpgrade(const QHttpServerRequest &request) const
{
    return pluginIdFromUrl(request.url()).has_value();
}

QUrl WebSocketHub::webSocketUrl(const QString &pluginId) const
{
    QUrl url = m_baseUrl;
    url.setScheme(QStringLiteral("ws"));
    url.setPath(QStringLiteral("/ws/") + pluginId);
    return url;
}

void WebSocketHub::adopt(std::unique_ptr<QWebSocket> socket)
{
    const auto pluginId = pluginIdFromUrl(socket->requestUrl());
    if (!pluginId) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("invalid plugin id"));
        return;
    }
    socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(m_settings.maxMessageBytes));
    socket->setMaxAllowedIncomingFrameSize(static_cast<quint64>(m_settings.maxMessageBytes));
    QWebSocket *raw = socket.get();
    connect(raw, &QWebSocket::textMessageReceived, this, [this, raw](const QString &text) { onTextMessage(raw, text); });
    connect(raw, &QWebSocket::binaryMessageReceived, this, [this, raw](const QByteArray &) {
        if (Session *session = sessionFor(raw))
            sendError(*session, makeError(QStringLiteral("binary_not_supported"), QStringLiteral("messages are JSON text frames")));
    });
    connect(raw, &QWebSocket::disconnected, this, [this, raw] { onDisconnected(raw); });

    auto session = std::make_unique<Session>();
    session->socket = std::move(socket);
    session->lastSeen = QDateTime::currentDateTimeUtc();
    session->messages = TokenBucket(m_settings.maxMessagesPerSecond, m_settings.maxMessagesPerSecond, m_clock.elapsed());
    Session &added = *session;
    m_bySocket.insert(raw, &added);
    m_sessions.push_back(std::move(session));
    if (!pluginId->isEmpty())
        bind(added, *pluginId);
    qCInfo(lcWebSocket).noquote() << "session from" << raw->peerAddress().toString()
                                  << (pluginId->isEmpty() ? QStringLiteral("(not registered yet)") : *pluginId);

    send(added, QStringLiteral("connection_confirmed"),
         QJsonObject{{QStringLiteral("plugin_id"), added.pluginId.isEmpty() ? QJsonValue() : QJsonValue(added.pluginId)},
                     {QStringLiteral("server_version"), QStringLiteral(AIBAND_VERSION)},
                     {QStringLiteral("heartbeat_interval"), m_settings.heartbeatIntervalSeconds},
                     {QStringLiteral("connection_timeout"), m_settings.connectionTimeoutSeconds},
                     {QStringLiteral("timestamp"), nowIso()}});
    emit sessionCountChanged(sessionCount());
}

QWebSocket *WebSocketHub::openDetachedSession(const QString &pluginId, QStringList *replies)
{
    auto session = std::make_unique<Session>();
    session->socket = std::make_unique<QWebSocket>();   // never opened: only an identity
    session->captured = replies;
    session->lastSeen = QDateTime::currentDateTimeUtc();
    session->messages = TokenBucket(m_settings.maxMessagesPerSecond, m_settings.maxMessagesPerSecond, m_clock.elapsed());
    QWebSocket *raw = session->socket.get();
    Session &added = *session;
    m_bySocket.insert(raw, &added);
    m_sessions.push_back(std::move(session));
    if (!pluginId.isEmpty())
        bind(added, pluginId);
    return raw;
}

// Gives a session its plugin id. The newest connection wins: a plugin that reconnects after a
// network hiccup must not be locked out by its own stale session.
void WebSocketHub::bind(Session &session, const QString &pluginId)
{
    if (Session *existing = sessionFor(pluginId); existing && existing != &session) {
        qCInfo(lcWebSocket).noquote() << "plugin" << pluginId << "reconnected; closing its previous session";
        closeSession(existing, static_cast<QWebSocketProtocol::CloseCode>(CloseReason::Replaced),
                     QStringLiteral("replaced by a newer connection with the same plugin id"));
    }
    if (!session.pluginId.isEmpty())
        m_byPluginId.remove(session.pluginId);
    session.pluginId = pluginId;
    m_byPluginId.insert(pluginId, &session);
    m_registry->registerPlugin(pluginId, session.socket->peerAddress().toString());
    m_registry->setConnected(pluginId, true);
}

void WebSocketHub::closeAll(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    const bool hadSessions = !m_sessions.empty();
    while (!m_sessions.empty())
        closeSession(m_sessions.back().get(), code, reason);
    if (hadSessions)
        emit sessionCountChanged(0);
}

WebSocketHub::Session *WebSocketHub::sessionFor(const QWebSocket *socket)
{
    return m_bySocket.value(socket, nullptr);
}

WebSocketHub::Session *WebSocketHub::sessionFor(const QString &pluginId)
{
    return pluginId.isEmpty() ? nullptr : m_byPluginId.value(pluginId, nullptr);
}

void WebSocketHub::forget(Session *session, const QWebSocket *socket)
{
    m_bySocket.remove(socket);
    if (!session->pluginId.isEmpty() && m_byPluginId.value(session->pluginId) == session)
        m_byPluginId.remove(session->pluginId);
    std::erase_if(m_sessions, [session](const auto &s) { return s.get() == session; });
}

void WebSocketHub::onDisconnected(QWebSocket *socket)
{
    Session *session = sessionFor(socket);
    if (!session)
        return;
    qCInfo(lcWebSocket).noquote() << "plugin" << session->pluginId << "disconnected";
    if (!session->pluginId.isEmpty())
        m_registry->setConnected(session->pluginId, false);
    // The socket is still emitting: hand it to the event loop for deletion.
    QWebSocket *gone = session->socket.release();
    forget(session, gone);
    gone->deleteLater();
    emit sessionCountChanged(sessionCount());
}

void WebSocketHub::dropStaleSessions()
{
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addMSecs(-static_cast<qint64>(m_settings.connectionTimeoutSeconds * 1000));
    QList<Session *> stale;
    for (auto &session : m_sessions) {
        if (session->lastSeen < cutoff)
            stale.append(session.get());
    }
    for (Session *session : stale) {
        qCInfo(lcWebSocket).noquote() << "plugin" << session->pluginId << "silent for"
                                      << m_settings.connectionTimeoutSeconds << "s; closing";
        closeSession(session, static_cast<QWebSocketProtocol::CloseCode>(CloseReason::HeartbeatTimeout),
                     QStringLiteral("no heartbeat within the connection timeout"));
    }
    if (!stale.isEmpty())
        emit sessionCountChanged(sessionCount());
}

bool WebSocketHub::disconnectPlugin(const QString &pluginId)
{
    Session *session = pluginId.isEmpty() ? nullptr : sessionFor(pluginId);
    if (!session)
        return false;
    qCInfo(lcWebSocket).noquote() << "plugin" << pluginId << "disconnected by the user";
    closeSession(session, static_cast<QWebSocketProtocol::CloseCode>(CloseReason::ClosedByUser),
                 QStringLiteral("disconnected from the dashboard"));
    emit sessionCountChanged(sessionCount());
    return true;
}

void WebSocketHub::closeSession(Session *session, QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (!session->pluginId.isEmpty())
        m_registry->setConnected(session->pluginId, false);
    // Detached first so its disconnect does not re-enter the hub; deleted later so the close
    // frame still goes out.
    QWebSocket *socket = session->socket.release();
    socket->disconnect(this);
    forget(session, socket);
    socket->close(code, reason);
    socket->deleteLater();
}

void WebSocketHub::onTextMessage(QWebSocket *socket, const QString &text)
{
    Session *session = sessionFor(socket);
    if (!session)
        return;
    session->lastSeen = QDateTime::currentDateTimeUtc();

    // A flood is refused before any parsing; one error per run of refused messages, so the
    // answer does not double the flood.
    const qint64 now = m_clock.elapsed();
    if (!session->messages.take(now)) {
        if (!session->throttled) {
            session->throttled = true;
            Error error = makeError(QStringLiteral("rate_limited"),
                                    QStringLiteral("more than %1 messages per second (websocket.max_messages_per_second); "
                                                   "messages are dropped until the rate falls")
                                        .arg(m_settings.maxMessagesPerSecond));
            error.retryAfterSeconds = 1;
            sendError(*session, error);
        }
        return;
    }
    session->throttled = false;

    const QByteArray utf8 = text.toUtf8();
    if (const auto shape = checkJsonShape(utf8, m_settings.json)) {
        sendError(*session, *shape);
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        sendError(*session, makeError(QStringLiteral("invalid_json"),
                                      QStringLiteral("messages must be JSON objects: {\"type\": ..., \"data\": {...}}")));
        return;
    }
    const QJsonObject message = document.object();
    const QJsonValue requestId = message.value(QStringLiteral("request_id"));
    const QJsonValue type = message.value(QStringLiteral("type"));
    const QJsonValue data = message.value(QStringLiteral("data"));
    if (!type.isString()) {
        sendError(*session, makeError(QStringLiteral("invalid_message"), QStringLiteral("\"type\" must be a string"),
                                      QStringLiteral("type")), requestId);
        return;
    }
    if (!data.isUndefined() && !data.isNull() && !data.isObject()) {
        sendError(*session, makeError(QStringLiteral("invalid_message"), QStringLiteral("\"data\" must be an object"),
                                      QStringLiteral("data")), requestId);
        return;
    }
    const auto entry = std::find_if(handlers().cbegin(), handlers().cend(),
                                    [&](const HandlerEntry &e) { return type.toString() == QLatin1String(e.type); });
    if (entry == handlers().cend()) {
        sendError(*session, makeError(QStringLiteral("unknown_type"),
                                      QStringLiteral("unknown message type \"%1\"; known: %2")
                                          .arg(type.toString(), messageTypes().join(QStringLiteral(", "))),
                                      QStringLiteral("type")), requestId);
        return;
    }
    if (entry->needsPluginId && session->pluginId.isEmpty()) {
        sendError(*session, makeError(QStringLiteral("not_registered"),
                                      QStringLiteral("send register with a plugin_id first")), requestId);
        return;
    }
    if (!session->pluginId.isEmpty())
        m_registry->heartbeat(session->pluginId);
    (this->*entry->handler)(*session, data.toObject(), requestId);
}

void WebSocketHub::deliver(Session &session, const QString &text)
{
    if (session.captured)
        session.captured->append(text);
    else
        session.socket->sendTextMessage(text);
}

void WebSocketHub::send(Session &session, const QString &type, const QJsonObject &data, const QJsonValue &requestId)
{
    deliver(session, serialize(envelope(type, data, requestId)));
}

void WebSocketHub::sendError(Session &session, const Error &error, const QJsonValue &requestId)
{
    qCDebug(lcWebSocket).noquote() << "error to" << session.pluginId << error.code << error.message;
    send(session, QStringLiteral("error"), errorBody(error).value(QStringLiteral("error")).toObject(), requestId);
}

void WebSocketHub::broadcastTransport(const QString &exceptPluginId)
{
    QJsonObject data = m_transport->toJson();
    data.insert(QStringLiteral("source_plugin_id"), m_transport->source());
    // One serialisation for every receiver.
    const QString text = serialize(envelope(QStringLiteral("transport_sync"), data, {}));
    for (auto &session : m_sessions) {
        if (!session->pluginId.isEmpty() && session->pluginId != exceptPluginId)
            deliver(*session, text);
    }
}

void WebSocketHub::handleRegister(Session &session, const QJsonObject &data, const QJsonValue &requestId)
{
    const QJsonValue id = data.value(QStringLiteral("plugin_id"));
    QString pluginId = session.pluginId;
    if (id.isString() && isValidPluginId(id.toString())) {
        pluginId = id.toString();
    } else if (!id.isUndefined() || pluginId.isEmpty()) {
        sendError(session, makeError(QStringLiteral("invalid_field"),
                                     QStringLiteral("plugin_id must be 1-64 letters, digits, '.', '_' or '-'"),
                                     QStringLiteral("data.plugin_id")), requestId);
        return;
    }
    if (pluginId != session.pluginId) {
        if (!session.pluginId.isEmpty())
            m_registry->setConnected(session.pluginId, false);
        bind(session, pluginId);
    }
    m_registry->registerPlugin(pluginId, session.socket->peerAddress().toString(), data);
    send(session, QStringLiteral("registered"),
         QJsonObject{{QStringLiteral("plugin_id"), pluginId},
                     {QStringLiteral("websocket_url"), webSocketUrl(pluginId).toString()},
                     {QStringLiteral("heartbeat_interval"), m_settings.heartbeatIntervalSeconds},
                     {QStringLiteral("connection_timeout"), m_settings.connectionTimeoutSeconds}},
         requestId);
}

void WebSocketHub::handleHeartbeat(Session &session, const QJsonObject &data, const QJsonValue &requestId)
{
    QJsonObject reply{{QStringLiteral("timestamp"), nowIso()}};
    if (data.contains(QStringLiteral("timestamp")))
        reply.insert(QStringLiteral("client_timestamp"), data.value(QStringLiteral("timestamp")));
    send(session, QStringLiteral("heartbeat_response"), reply, requestId);
}

void WebSocketHub::handleTransportUpdate(Session &session, const QJsonObject &data, const QJsonValue &requestId)
{
    Result<TransportState> state = parseTransport(data, m_transport->now(), QStringLiteral("data."));
    if (!state) {
        sendError(session, state.error(), requestId);
        return;
    }
    m_transport->set(*state, session.pluginId);
    m_registry->setTransport(session.pluginId, *state);
    broadcastTransport(session.pluginId);
}

void WebSocketHub::handleGenerationRequest(Session &session, const QJsonObject &data, const QJsonValue &requestId)
{
    generate(session, data, requestId, false);
}

void WebSocketHub::handleGenerateRequest(Session &session, const QJsonObject &data, const QJsonValue &requestId)
{
    generate(session, generateBodyFromFlatForm(data), requestId, isFlatForm(data));
}

void WebSocketHub::generate(Session &session, const QJsonObject &body, const QJsonValue &requestId, bool flatForm)
{
    QJsonObject request = body;
    request.insert(QStringLiteral("plugin_id"), session.pluginId);
    Result<GenerateRequest> parsed = m_generation->parseRequest(request);
    if (!parsed) {
        // Fields are named as the client wrote them, under the message's "data".
        Error error = flatForm ? errorForFlatForm(parsed.error()) : parsed.error();
        if (!error.field.isEmpty())
            error.field = QStringLiteral("data.") + error.field;
        sendError(session, error, requestId);
        return;
    }
    // Per plugin: the rate and the generations in flight (server.generation_rate_per_minute,
    // server.max_generations_per_client), shared with its HTTP requests.
    const QString client = QStringLiteral("plugin:") + session.pluginId;
    if (auto refusal = m_limiter->tryStart(client)) {
        sendError(session, *refusal, requestId);
        return;
    }
    // The session may be gone when the answer comes; the socket pointer tells.
    QPointer<QWebSocket> socket = session.socket.get();
    parsed->clientRequestId = requestId;
    const Status queued = m_generation->submit(std::move(parsed).value(), [this, socket, requestId, client](const Result<GenerationResult> &result) {
        m_limiter->finish(client);
        Session *target = socket ? sessionFor(socket.data()) : nullptr;
        if (!target)
            return;
        if (!result) {
            sendError(*target, result.error(), requestId);
            return;
        }
        QJsonArray files;
        for (const GeneratedFile &file : result->files)
            files.append(file.toJson(m_baseUrl));
        send(*target, QStringLiteral("generation_complete"),
             QJsonObject{{QStringLiteral("generation_id"), result->requestId},
                         {QStringLiteral("files"), files},
                         {QStringLiteral("metadata"), result->metadata},
                         {QStringLiteral("timings_ms"), QJsonObject{{QStringLiteral("engine"), result->engineMs},
                                                                    {QStringLiteral("write"), result->writeMs}}}},
             requestId);
    });
    if (!queued) {
        m_limiter->abandon(client);
        sendError(session, queued.error(), requestId);
    }
}

void WebSocketHub::handleStatusRequest(Session &session, const QJsonObject &, const QJsonValue &requestId)
{
    const PluginInfo *info = m_registry->find(session.pluginId);
    send(session, QStringLiteral("status"),
         QJsonObject{{QStringLiteral("transport"), m_transport->toJson()},
                     {QStringLiteral("plugin"), info ? QJsonValue(info->toJson()) : QJsonValue()}},
         requestId);
}

void WebSocketHub::deliverFiles(const GenerationResult &result)
{
    if (result.pluginId.isEmpty())
        return;
    m_registry->addFiles(result.pluginId, static_cast<int>(result.files.size()));
    Session *session = sessionFor(result.pluginId);
    if (!session)
        return;
    // Each file is described once, for files_ready's details and for its midi_ready.
    QList<QJsonObject> described;
    QJsonArray names;
    QJsonArray details;
    for (const GeneratedFile &file : result.files) {
        described.append(file.toJson(m_baseUrl));
        names.append(file.file.name);
        details.append(described.last());
    }
    send(*session, QStringLiteral("files_ready"),
         QJsonObject{{QStringLiteral("files"), names},
                     {QStringLiteral("details"), details},
                     {QStringLiteral("generation_id"), result.requestId}},
         result.clientRequestId);
    for (QJsonObject ready : described) {
        ready.insert(QStringLiteral("duration"), result.metadata.value(QStringLiteral("duration_beats")));
        ready.insert(QStringLiteral("key"), result.metadata.value(QStringLiteral("key")));
        ready.insert(QStringLiteral("tempo"), result.metadata.value(QStringLiteral("tempo")));
        send(*session, QStringLiteral("midi_ready"), ready, result.clientRequestId);
    }
}

} // namespace aiband
