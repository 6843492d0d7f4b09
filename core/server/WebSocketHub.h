#pragma once

#include "JsonShape.h"
#include "TokenBucket.h"
#include "generation/GenerationResult.h"
#include "util/Result.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <QWebSocketProtocol>

#include <memory>
#include <optional>
#include <vector>

class QHttpServerRequest;
class QWebSocket;

namespace aiband {

class ClientLimiter;
class GenerationService;
class PluginRegistry;
class TransportClock;

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

// The WebSocket side of the server (docs/PROTOCOL.md): one session per plugin id, messages in
// the {"type", "data", "request_id"} envelope, dispatched through one handler table.
class WebSocketHub : public QObject {
    Q_OBJECT
public:
    WebSocketHub(WebSocketSettings settings, GenerationService *generation, PluginRegistry *registry,
                 TransportClock *transport, ClientLimiter *limiter, QObject *parent = nullptr);
    ~WebSocketHub() override;

    // The plugin id a path names: /ws/{id}, or /ws/sync?plugin_id={id}. An empty string for
    // /ws/sync without one (the plugin registers by message); nullopt for any other path.
    static std::optional<QString> pluginIdFromUrl(const QUrl &url);
    bool acceptsUpgrade(const QHttpServerRequest &request) const;
    void adopt(std::unique_ptr<QWebSocket> socket);

    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    QUrl webSocketUrl(const QString &pluginId) const;
    int sessionCount() const { return static_cast<int>(m_sessions.size()); }
    // Sends the shared transport as transport_sync to every registered session but one.
    void broadcastTransport(const QString &exceptPluginId = {});
    void dropStaleSessions();
    // Closes the plugin's session with ClosedByUser; false when it has none.
    bool disconnectPlugin(const QString &pluginId);
    // Closes every session; the default code says the server is going away for good.
    void closeAll(QWebSocketProtocol::CloseCode code = QWebSocketProtocol::CloseCodeGoingAway,
                  const QString &reason = QStringLiteral("server shutting down"));
    // New heartbeat and timeout values apply to every session from now on.
    void setSettings(const WebSocketSettings &settings) { m_settings = settings; }
    const WebSocketSettings &settings() const { return m_settings; }

    static QStringList messageTypes();

    // Seam for tests and the fuzz target (tests/fuzz): a session with no network behind it.
    // Text given to receiveText() goes through the same dispatcher as a frame from a plugin;
    // what the hub would send to this session is appended to `replies` instead. `replies` must
    // outlive the session (closeAll() ends it). Returns the handle receiveText() takes.
    QWebSocket *openDetachedSession(const QString &pluginId, QStringList *replies);
    void receiveText(QWebSocket *session, const QString &text) { onTextMessage(session, text); }

signals:
    void sessionCountChanged(int count);

private:
    struct Session {
        std::unique_ptr<QWebSocket> socket;
        QString pluginId;      // empty until a /ws/sync session registers
        QDateTime lastSeen;    // any message counts as a sign of life
        TokenBucket messages;  // websocket.max_messages_per_second
        bool throttled = false; // told about the current run of refused messages
        QStringList *captured = nullptr; // detached sessions: replies are collected, not sent
    };
    using Handler = void (WebSocketHub::*)(Session &, const QJsonObject &data, const QJsonValue &requestId);
    struct HandlerEntry {
        const char *type;
        Handler handler;
        bool needsPluginId;
    };
    static const std::vector<HandlerEntry> &handlers();

    void onTextMessage(QWebSocket *socket, const QString &text);
    void onDisconnected(QWebSocket *socket);
    Session *sessionFor(const QWebSocket *socket);
    Session *sessionFor(const QString &pluginId);
    void bind(Session &session, const QString &pluginId);
    void closeSession(Session *session, QWebSocketProtocol::CloseCode code, const QString &reason);
    // Drops a session from the list and the indexes; its socket must have been released.
    void forget(Session *session, const QWebSocket *socket);
    void deliverFiles(const GenerationResult &result);
    void generate(Session &session, const QJsonObject &body, const QJsonValue &requestId, bool flatForm);

    static void deliver(Session &session, const QString &text);
    void send(Session &session, const QString &type, const QJsonObject &data, const QJsonValue &requestId = {});
    void sendError(Session &session, const Error &error, const QJsonValue &requestId = {});

    void handleRegister(Session &session, const QJsonObject &data, const QJsonValue &requestId);
    void handleHeartbeat(Session &session, const QJsonObject &data, const QJsonValue &requestId);
    void handleTransportUpdate(Session &session, const QJsonObject &data, const QJsonValue &requestId);
    void handleGenerationRequest(Session &session, const QJsonObject &data, const QJsonValue &requestId);
    void handleGenerateRequest(Session &session, const QJsonObject &data, const QJsonValue &requestId);
    void handleStatusRequest(Session &session, const QJsonObject &data, const QJsonValue &requestId);

    WebSocketSettings m_settings;
    GenerationService *m_generation;
    PluginRegistry *m_registry;
    TransportClock *m_transport;
    ClientLimiter *m_limiter;
    QElapsedTimer m_clock;  // for the message-rate buckets
    QUrl m_baseUrl;
    std::vector<std::unique_ptr<Session>> m_sessions;
    // Lookups per message must not scan a thousand sessions.
    QHash<const QWebSocket *, Session *> m_bySocket;
    QHash<QString, Session *> m_byPluginId;
};

} // namespace aiband
