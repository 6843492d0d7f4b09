#pragma once

#include "JsonShape.h"
#include "WebSocketEnvelope.h"
#include "generation/GenerationResult.h"
#include "session/AudioListening.h"
#include "util/Result.h"
#include "util/TokenBucket.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QWebSocketProtocol>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QHttpServerRequest;
class QTcpSocket;
class QWebSocket;

namespace aiband {

class BandSession;
class MessageCall;
class WebSocketTextFrame;
struct MessageRoute;

struct WebSocketSettings {
    double heartbeatIntervalSeconds = 30.0;
    double connectionTimeoutSeconds = 90.0;
    int maxMessageBytes = 1024 * 1024;
    int maxMessagesPerSecond = 200;  // per session, bursts up to as many
    JsonShapeLimits json;
};

// Close codes in the private range (4000-4999) that tell a plugin why it was closed.
// 1012 (service restart, RFC 6455 registry) has no name in Qt's CloseCode enum.
inline constexpr auto kCloseServiceRestart = static_cast<QWebSocketProtocol::CloseCode>(1012);

enum class CloseReason : quint16 {
    Replaced = 4001,        // another connection took over the same plugin id
    HeartbeatTimeout = 4002, // nothing heard for websocket.connection_timeout seconds
    ClosedByUser = 4003      // the user disconnected the plugin from the dashboard
};

// The WebSocket side of the server (docs/PROTOCOL.md): one session per plugin id, each
// message read from its envelope and dispatched through the handler table of
// server/WebSocketApi.cpp, which turns it into a BandSession call. The hub keeps the sessions,
// their message rate, the dispatch and the fan-out of what the band session announces
// (transport changes to every plugin, files to the plugin that asked).
class WebSocketHub : public QObject {
    Q_OBJECT
public:
    WebSocketHub(WebSocketSettings settings, BandSession *session, QObject *parent = nullptr);
    ~WebSocketHub() override;

    // The plugin id a path names: /ws/{id}, or /ws/sync?plugin_id={id} (and /ws?plugin_id=,
    // the published plugin's client). An empty string for /ws/sync or /ws without one (the
    // plugin registers by message, or over HTTP first, or only listens); nullopt for any other.
    static std::optional<QString> pluginIdFromUrl(const QUrl &url);
    bool acceptsUpgrade(const QHttpServerRequest &request) const;
    void adopt(std::unique_ptr<QWebSocket> socket);

    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    QUrl baseUrl() const { return m_baseUrl; }
    QUrl webSocketUrl(const QString &pluginId) const;
    int sessionCount() const { return static_cast<int>(m_sessions.size()); }
    void dropStaleSessions();
    // Closes the plugin's session with ClosedByUser; false when it has none.
    bool disconnectPlugin(const QString &pluginId);
    // Closes every session; the default code says the server is going away for good.
    void closeAll(QWebSocketProtocol::CloseCode code = QWebSocketProtocol::CloseCodeGoingAway,
                  const QString &reason = QStringLiteral("server shutting down"));
    // New heartbeat and timeout values apply to every session from now on.
    void setSettings(const WebSocketSettings &settings) { m_settings = settings; }
    const WebSocketSettings &settings() const { return m_settings; }
    BandSession &session() const { return *m_session; }

    static QStringList messageTypes();

    // Seam for the fuzz target (tests/fuzz): a session with no network behind it. Text given
    // to receiveText() goes through the same dispatcher as a frame from a plugin; what the hub
    // would send to this session is appended to `replies` instead. `replies` must outlive the
    // session (closeAll() ends it). Returns the handle receiveText() takes.
    QWebSocket *openDetachedSession(const QString &pluginId, QStringList *replies);
    void receiveText(QWebSocket *session, const QString &text) { onTextMessage(session, text); }

    // For the handlers (MessageCall): answers to one session, gives a session its plugin id.
    void sendTo(QWebSocket *socket, ServerMessage message, const MessageData &data, const QJsonValue &requestId);
    void sendErrorTo(QWebSocket *socket, const Error &error, const QJsonValue &requestId);
    void bindPlugin(QWebSocket *socket, const QString &pluginId);
    // audio_start: the session's binary frames are PCM of `format` from now on, heard by the
    // recognizer (docs/PROTOCOL.md, "Listening to a live input"). already_listening when it is.
    Status startAudio(QWebSocket *socket, const AudioStreamFormat &format);
    // audio_stop: what was heard; nullptr when the session was not listening.
    std::unique_ptr<AudioListening> stopAudio(QWebSocket *socket);

signals:
    void sessionCountChanged(int count);

private:
    struct Session {
        std::unique_ptr<QWebSocket> socket;   // a real connection, or only an identity (detached)
        std::function<void(const QString &)> deliver;   // writes one text message to the plugin
        QPointer<QTcpSocket> connection;   // the TCP connection under a real one, for fan-out frames
        QString pluginId;      // empty until a /ws/sync session registers
        QDateTime lastSeen;    // any message counts as a sign of life
        TokenBucket messages;  // websocket.max_messages_per_second
        bool throttled = false; // told about the current run of refused messages
        std::unique_ptr<AudioListening> audio;   // between audio_start and audio_stop
    };

    Session &addSession(std::unique_ptr<QWebSocket> socket, std::function<void(const QString &)> deliver,
                        const QString &pluginId);
    void onTextMessage(QWebSocket *socket, const QString &text);
    void onBinaryMessage(QWebSocket *socket, const QByteArray &bytes);
    void playChordsToBand(Session &session, const AudioChordStream::Update &update);
    bool admit(Session &session);   // the message rate; false: dropped (the plugin is told once)
    Session *admittedFrom(const QWebSocket *socket);
    void dispatch(Session &session, const IncomingMessage &message);
    void onDisconnected(QWebSocket *socket);
    Session *sessionFor(const QWebSocket *socket);
    Session *sessionFor(const QString &pluginId);
    void bind(Session &session, const QString &pluginId);
    void closeSession(Session *session, QWebSocketProtocol::CloseCode code, const QString &reason);
    // Drops a session from the list and the indexes; its socket must have been released.
    void forget(Session *session, const QWebSocket *socket);

    QString registeredOverHttp(const QWebSocket &socket) const;

    // Fan-out of what the band session announces. A message for several sessions is framed
    // once and written to each connection (WebSocketTextFrame.h); a detached session gets its text.
    void deliverFrame(Session &session, const WebSocketTextFrame &frame);
    void broadcastTransport(const QString &exceptPluginId);
    void deliverFiles(const GenerationResult &result);
    void describeFiles(Session &session, const GenerationResult &result);
    void announceTake(const GenerationResult &result);
    void notifyAll(const QString &message);

    void send(Session &session, ServerMessage message, const MessageData &data, const QJsonValue &requestId = {},
              const QJsonObject &atTop = {});
    void sendError(Session &session, const Error &error, const QJsonValue &requestId = {});

    WebSocketSettings m_settings;
    BandSession *m_session;
    QElapsedTimer m_clock;  // for the message-rate buckets
    QUrl m_baseUrl;
    std::vector<std::unique_ptr<Session>> m_sessions;
    // Lookups per message must not scan a thousand sessions.
    QHash<const QWebSocket *, Session *> m_bySocket;
    QHash<QString, Session *> m_byPluginId;
};

} // namespace aiband
