#include "WebSocketHub.h"

#include "LiveMessages.h"
#include "WebSocketApi.h"
#include "WebSocketFrameGuard.h"
#include "WebSocketTextFrame.h"
#include "generation/GenerateRequest.h"
#include "logging/LogCategories.h"
#include "music/Chord.h"
#include "music/Key.h"
#include "session/BandSession.h"
#include "util/CompactJson.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>

namespace aiband {
namespace {

const QString kSyncPath = QStringLiteral("/ws/sync");
// The published plugin's own client connects here, with no id, and listens for takes.
const QString kPluginClientPath = QStringLiteral("/ws");

// The plugin's spec reads transport_sync's fields beside "type", in its own spelling.
QJsonObject transportInSpecSpelling(const QJsonObject &transport)
{
    return QJsonObject{{QStringLiteral("isPlaying"), transport.value(QStringLiteral("is_playing"))},
                       {QStringLiteral("currentBeat"), transport.value(QStringLiteral("current_beat"))},
                       {QStringLiteral("tempo"), transport.value(QStringLiteral("tempo"))},
                       {QStringLiteral("timestamp"), serverTimestamp()}};
}

// A key as the plugin's spec spells it ("C major"); as given when it is not one we read.
QString keySpelledOut(const QJsonValue &key)
{
    const Result<Key> parsed = parseKey(key.toString());
    return parsed ? parsed->spelledOut() : key.toString();
}

// "bass and drums, 90 BPM, C major": what a notification says a take holds.
QString takeSummary(const GenerationResult &result)
{
    QStringList parts;
    for (const GeneratedFile &file : result.files)
        parts.append(file.trackType);
    const QString last = parts.size() > 1 ? parts.takeLast() : QString();
    const QString named = last.isEmpty() ? parts.join(QString()) : parts.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last;
    return QStringLiteral("New take: %1, %2 BPM, %3")
        .arg(named)
        .arg(result.arrangement.tempoBpm)
        .arg(keySpelledOut(result.arrangement.key));
}

} // namespace

QStringList WebSocketHub::messageTypes()
{
    QStringList types;
    for (const MessageRoute &route : webSocketRoutes())
        types.append(QLatin1String(route.type));
    return types;
}

WebSocketHub::WebSocketHub(WebSocketSettings settings, BandSession *session, QObject *parent)
    : QObject(parent), m_settings(settings), m_session(session)
{
    m_clock.start();
    connect(m_session, &BandSession::transportChanged, this, &WebSocketHub::broadcastTransport);
    connect(m_session, &BandSession::filesGenerated, this, &WebSocketHub::deliverFiles);
    connect(m_session, &BandSession::liveEvents, this, [this](const QString &pluginId, const LiveEvents &events) {
        if (Session *session = sessionFor(pluginId))
            send(*session, ServerMessage::BandEvents, bandEventsJson(events));
    });
    connect(m_session, &BandSession::chordHeard, this, [this](const QStringList &pluginIds, const HeardChord &chord) {
        const WebSocketTextFrame frame(envelopeText(ServerMessage::ChordHeard, chordHeardJson(chord)));
        for (const QString &pluginId : pluginIds)
            if (Session *session = sessionFor(pluginId))
                deliverFrame(*session, frame);
    });
    connect(m_session, &BandSession::storageProblemChanged, this, [this](const QString &problem) {
        notifyAll(problem.isEmpty() ? QStringLiteral("Takes are written again.")
                                    : QStringLiteral("Takes cannot be written: %1").arg(problem));
    });
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
    if (path == kSyncPath || path == kPluginClientPath) {
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

// ---- sessions

WebSocketHub::Session &WebSocketHub::addSession(std::unique_ptr<QWebSocket> socket,
                                                std::function<void(const QString &)> deliver, const QString &pluginId)
{
    auto session = std::make_unique<Session>();
    session->socket = std::move(socket);
    session->deliver = std::move(deliver);
    session->lastSeen = QDateTime::currentDateTimeUtc();
    session->messages = TokenBucket(m_settings.maxMessagesPerSecond, m_settings.maxMessagesPerSecond, m_clock.elapsed());
    Session &added = *session;
    m_bySocket.insert(added.socket.get(), &added);
    m_sessions.push_back(std::move(session));
    if (!pluginId.isEmpty())
        bind(added, pluginId);
    return added;
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
    connect(raw, &QWebSocket::binaryMessageReceived, this, [this, raw](const QByteArray &bytes) { onBinaryMessage(raw, bytes); });
    connect(raw, &QWebSocket::disconnected, this, [this, raw] { onDisconnected(raw); });

    Session &added = addSession(std::move(socket), [raw](const QString &text) { raw->sendTextMessage(text); },
                                pluginId->isEmpty() ? registeredOverHttp(*raw) : *pluginId);
    added.connection = WebSocketFrameGuard::connectionOf(*raw);
    qCInfo(lcWebSocket).noquote() << "session from" << raw->peerAddress().toString()
                                  << (added.pluginId.isEmpty() ? QStringLiteral("(no plugin id)") : added.pluginId);

    send(added, ServerMessage::ConnectionConfirmed,
         QJsonObject{{QStringLiteral("plugin_id"), added.pluginId.isEmpty() ? QJsonValue() : QJsonValue(added.pluginId)},
                     {QStringLiteral("server_version"), QStringLiteral(AIBAND_VERSION)},
                     {QStringLiteral("heartbeat_interval"), m_settings.heartbeatIntervalSeconds},
                     {QStringLiteral("connection_timeout"), m_settings.connectionTimeoutSeconds},
                     {QStringLiteral("timestamp"), serverTimestamp()}});
    emit sessionCountChanged(sessionCount());
}

// The plugin's spec registers over HTTP, then opens /ws/sync without an id: it is the plugin
// that registered last from the same address and has no session yet (docs/PROTOCOL.md).
QString WebSocketHub::registeredOverHttp(const QWebSocket &socket) const
{
    if (socket.requestUrl().path() != kSyncPath)
        return {};
    const QDateTime since = QDateTime::currentDateTimeUtc().addMSecs(-static_cast<qint64>(m_settings.connectionTimeoutSeconds * 1000));
    return m_session->pluginAwaitingSession(socket.peerAddress().toString(), since);
}

QWebSocket *WebSocketHub::openDetachedSession(const QString &pluginId, QStringList *replies)
{
    // The socket is never opened: it is only the session's identity.
    Session &added = addSession(std::make_unique<QWebSocket>(), [replies](const QString &text) { replies->append(text); },
                                pluginId);
    return added.socket.get();
}

// Gives a session its plugin id. The newest connection wins: a plugin that reconnects after a
// network hiccup must not be locked out by its own stale session.
void WebSocketHub::bind(Session &session, const QString &pluginId)
{
    if (Session *existing = sessionFor(pluginId); existing && existing != &session) {
        qCInfo(lcWebSocket).noquote() << "plugin" << pluginId << "reconnected; closing its previous session";
        closeSession(existing, static_cast<QWebSocketProtocol::CloseCode>(CloseReason::Replaced),
                     QStringLiteral("replaced by a newer connection with the same plugin id"));
        emit sessionCountChanged(sessionCount());   // a register on /ws/sync replaces one too
    }
    if (!session.pluginId.isEmpty()) {
        m_byPluginId.remove(session.pluginId);
        m_session->pluginDisconnected(session.pluginId);
    }
    session.pluginId = pluginId;
    m_byPluginId.insert(pluginId, &session);
    m_session->pluginConnected(pluginId, session.socket->peerAddress().toString());
}

void WebSocketHub::bindPlugin(QWebSocket *socket, const QString &pluginId)
{
    if (Session *session = sessionFor(socket))
        bind(*session, pluginId);
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
        m_session->pluginDisconnected(session->pluginId);
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
        m_session->pluginDisconnected(session->pluginId);
    // Detached first so its disconnect does not re-enter the hub; deleted later so the close
    // frame still goes out.
    QWebSocket *socket = session->socket.release();
    socket->disconnect(this);
    forget(session, socket);
    socket->close(code, reason);
    socket->deleteLater();
}

// ---- dispatch

// The session a frame came from, seen now, if the message rate lets it in.
WebSocketHub::Session *WebSocketHub::admittedFrom(const QWebSocket *socket)
{
    Session *session = sessionFor(socket);
    if (!session)
        return nullptr;
    session->lastSeen = QDateTime::currentDateTimeUtc();
    return admit(*session) ? session : nullptr;
}

void WebSocketHub::onTextMessage(QWebSocket *socket, const QString &text)
{
    Session *session = admittedFrom(socket);
    if (!session)
        return;
    QJsonValue requestId;
    const Result<IncomingMessage> message = readEnvelope(text, m_settings.json, &requestId);
    if (!message) {
        sendError(*session, message.error(), requestId);
        return;
    }
    dispatch(*session, *message);
}

// Binary frames are PCM of an audio stream (audio_start); outside one they are refused, as the
// protocol is JSON text. What the recognizer decides goes back at once (audio_chords), and to the
// band when the session is live, as a chord_event would.
void WebSocketHub::onBinaryMessage(QWebSocket *socket, const QByteArray &bytes)
{
    Session *session = admittedFrom(socket);
    if (!session)
        return;
    if (!session->audio) {
        sendError(*session, makeError(QStringLiteral("binary_not_supported"),
                                      QStringLiteral("messages are JSON text frames; binary frames carry PCM audio only "
                                                     "after audio_start")));
        return;
    }
    if (auto refusal = session->audio->tooFast(bytes.size())) {
        sendError(*session, *refusal);
        return;
    }
    const AudioChordStream::Update update = session->audio->feed(bytes);
    if (update.beats.isEmpty() && update.chords.isEmpty())
        return;
    send(*session, ServerMessage::AudioChords, audioUpdateJson(update, session->audio->secondsHeard()));
    playChordsToBand(*session, update);
}

// A chord heard at some second of the stream is placed on the transport where that second was:
// now, less how long ago it sounded. The band moves it to the next beat it can still play.
void WebSocketHub::playChordsToBand(Session &session, const AudioChordStream::Update &update)
{
    if (session.pluginId.isEmpty() || !m_session->isLive(session.pluginId))
        return;
    const TransportState now = m_session->transport();
    const double heard = session.audio->secondsHeard();
    for (const HeardAudioChord &heardChord : session.audio->chordsForBand(update.chords)) {
        const Result<Chord> chord = parseChord(heardChord.chord);
        if (!chord)
            continue;   // the recognizer spells only chords parseChord reads (N.C. is not played)
        const double beat = std::max(0.0, now.beat - (heard - heardChord.startSeconds) * now.tempoBpm / 60.0);
        m_session->hearChord(session.pluginId, beat, *chord);
    }
}

Status WebSocketHub::startAudio(QWebSocket *socket, const AudioStreamFormat &format)
{
    Session *session = sessionFor(socket);
    if (!session)
        return makeError(QStringLiteral("not_connected"), QStringLiteral("the session is gone"));
    if (session->audio)
        return makeError(QStringLiteral("already_listening"),
                         QStringLiteral("an audio stream is open: send audio_stop before another audio_start"));
    session->audio = std::make_unique<AudioListening>(format);
    return Done{};
}

std::unique_ptr<AudioListening> WebSocketHub::stopAudio(QWebSocket *socket)
{
    Session *session = sessionFor(socket);
    return session ? std::move(session->audio) : nullptr;
}

// A flood is refused before any parsing; one error per run of refused messages, so the answer
// does not double the flood.
bool WebSocketHub::admit(Session &session)
{
    if (session.messages.take(m_clock.elapsed())) {
        session.throttled = false;
        return true;
    }
    if (!session.throttled) {
        session.throttled = true;
        Error error = makeError(QStringLiteral("rate_limited"),
                                QStringLiteral("more than %1 messages per second (websocket.max_messages_per_second); "
                                               "messages are dropped until the rate falls")
                                    .arg(m_settings.maxMessagesPerSecond));
        error.retryAfterSeconds = 1;
        sendError(session, error);
    }
    return false;
}

void WebSocketHub::dispatch(Session &session, const IncomingMessage &message)
{
    const MessageRoute *route = findWebSocketRoute(message.type);
    if (!route) {
        sendError(session, makeError(QStringLiteral("unknown_type"),
                                     QStringLiteral("unknown message type \"%1\"; known: %2")
                                         .arg(message.type, messageTypes().join(QStringLiteral(", "))),
                                     QStringLiteral("type")), message.requestId);
        return;
    }
    if (route->needsPluginId && session.pluginId.isEmpty()) {
        sendError(session, makeError(QStringLiteral("not_registered"), QStringLiteral("send register with a plugin_id first")),
                  message.requestId);
        return;
    }
    if (!session.pluginId.isEmpty())
        m_session->pluginSeen(session.pluginId);
    route->handle(MessageCall(*this, session.socket.get(), message, session.pluginId));
}

// ---- sending

void WebSocketHub::send(Session &session, ServerMessage message, const MessageData &data, const QJsonValue &requestId,
                        const QJsonObject &atTop)
{
    session.deliver(envelopeText(message, data, requestId, atTop));
}

void WebSocketHub::sendError(Session &session, const Error &error, const QJsonValue &requestId)
{
    qCDebug(lcWebSocket).noquote() << "error to" << session.pluginId << error.code << error.message;
    send(session, ServerMessage::Error, errorMessageData(error), requestId);
}

void WebSocketHub::sendTo(QWebSocket *socket, ServerMessage message, const MessageData &data, const QJsonValue &requestId)
{
    if (Session *session = sessionFor(socket))   // none: it closed while the answer was prepared
        send(*session, message, data, requestId);
}

void WebSocketHub::sendErrorTo(QWebSocket *socket, const Error &error, const QJsonValue &requestId)
{
    if (Session *session = sessionFor(socket))
        sendError(*session, error, requestId);
}

// ---- fan-out

void WebSocketHub::broadcastTransport(const QString &exceptPluginId)
{
    QJsonObject data = m_session->transportJson();
    data.insert(QStringLiteral("source_plugin_id"), m_session->transportSource());
    // One serialisation and one frame for every receiver, each written at once: the first
    // receivers have it while the rest are served (docs/BENCHMARKS.md, "Broadcast").
    const WebSocketTextFrame frame(envelopeText(ServerMessage::TransportSync, data, {}, transportInSpecSpelling(data)));
    for (auto &session : m_sessions) {
        if (session->pluginId.isEmpty() || session->pluginId == exceptPluginId)
            continue;
        deliverFrame(*session, frame);
    }
}

// Straight to the connection when the frame is the one QWebSocket would write (a message it
// would not split) and the session is open; otherwise the way every other message goes, which
// for a session that is closing is nowhere.
void WebSocketHub::deliverFrame(Session &session, const WebSocketTextFrame &frame)
{
    if (session.connection && session.socket->state() == QAbstractSocket::ConnectedState &&
        static_cast<quint64>(frame.payloadSize()) <= session.socket->outgoingFrameSize())
        writeTextFrame(*session.connection, frame);
    else
        session.deliver(frame.text());
}

// The asker hears files_ready and a midi_ready per file, then (with every session without an
// id) the take's generation_result and notification.
void WebSocketHub::deliverFiles(const GenerationResult &result)
{
    if (Session *session = sessionFor(result.pluginId))
        describeFiles(*session, result);
    announceTake(result);
}

void WebSocketHub::describeFiles(Session &session, const GenerationResult &result)
{
    // Each file's fields written as text (keys ascending): built as QJsonObjects and written out,
    // files_ready and the midi_ready of each file were 240,000 instructions a take (callgrind).
    QStringList names;
    for (const GeneratedFile &file : result.files)
        names.append(file.file.name);
    DownloadUrls urls(m_baseUrl);
    send(session, ServerMessage::FilesReady,
         MessageData::written(CompactObjectText()
                                  .addText(QLatin1String("details"), result.filesText(urls))
                                  .add(QLatin1String("files"), names)
                                  .add(QLatin1String("generation_id"), result.requestId)
                                  .text()),
         result.clientRequestId);
    const ArrangementSummary &take = result.arrangement;
    for (const GeneratedFile &file : result.files) {
        // The spec's midi_ready, read beside "type": its four fields, its key spelling.
        QJsonObject spec;
        spec.insert(QStringLiteral("duration"), take.durationBeats);
        spec.insert(QStringLiteral("filename"), file.file.name);
        spec.insert(QStringLiteral("key"), keySpelledOut(take.key));
        spec.insert(QStringLiteral("track_type"), file.trackType);
        send(session, ServerMessage::MidiReady, MessageData::written(file.toJsonText(urls, &take)),
             result.clientRequestId, spec);
    }
}

// The plugin's client hears of takes as generation_result (the parts' bytes) and notification
// (a sentence): the plugin that asked, and every session without a plugin id, which follows
// the shared watched folder that every take reaches.
void WebSocketHub::announceTake(const GenerationResult &result)
{
    QList<Session *> listeners;
    for (auto &session : m_sessions) {
        if (session->pluginId.isEmpty() || session->pluginId == result.pluginId)
            listeners.append(session.get());
    }
    if (listeners.isEmpty())
        return;
    QJsonObject take{{QStringLiteral("bass_data"), QString()},
                     {QStringLiteral("drum_data"), QString()},
                     {QStringLiteral("generation_id"), result.requestId}};
    QJsonArray names;
    for (const GeneratedFile &file : result.files) {
        names.append(file.file.name);
        const char *field = file.trackType == QLatin1String("bass")    ? "bass_data"
                            : file.trackType == QLatin1String("drums") ? "drum_data"
                                                                       : nullptr;
        if (field)
            take.insert(QLatin1String(field), QString::fromLatin1(file.midi.toBase64()));
    }
    take.insert(QStringLiteral("files"), names);
    const QJsonObject notice{{QStringLiteral("message"), takeSummary(result)}};
    const WebSocketTextFrame resultFrame(envelopeText(ServerMessage::GenerationResult, take, {}, take));
    const WebSocketTextFrame noticeFrame(envelopeText(ServerMessage::Notification, notice, {}, notice));
    for (Session *session : listeners) {
        deliverFrame(*session, resultFrame);
        deliverFrame(*session, noticeFrame);
    }
}

void WebSocketHub::notifyAll(const QString &message)
{
    const QJsonObject notice{{QStringLiteral("message"), message}};
    const WebSocketTextFrame frame(envelopeText(ServerMessage::Notification, notice, {}, notice));
    for (auto &session : m_sessions)
        deliverFrame(*session, frame);
}

} // namespace aiband
