#pragma once

#include "PluginSession.h"
#include "generation/GenerationResult.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocketProtocol>

#include <memory>
#include <optional>
#include <vector>

class QHttpServerRequest;
class QWebSocket;

namespace aiband {

class GenerationService;

struct WebSocketSettings {
    double heartbeatIntervalSeconds = 30.0;
    double connectionTimeoutSeconds = 90.0;
    int maxMessageBytes = 1024 * 1024;
};

// Close codes in the private range (4000-4999) that tell a plugin why it was closed.
enum class CloseReason : quint16 {
    Replaced = 4001,        // another connection took over the same plugin id
    HeartbeatTimeout = 4002 // nothing heard for websocket.connection_timeout seconds
};

// The WebSocket side of the server: one session per plugin id, messages in the
// {"type", "data", "request_id"} envelope, dispatched through one handler table.
class WebSocketHub : public QObject {
    Q_OBJECT
public:
    WebSocketHub(WebSocketSettings settings, GenerationService *generation, QObject *parent = nullptr);
    ~WebSocketHub() override;

    // The plugin id of a /ws/{plugin_id} path, when the path is one and the id is valid.
    static std::optional<QString> pluginIdFromPath(const QString &path);
    bool acceptsUpgrade(const QHttpServerRequest &request) const;
    void adopt(std::unique_ptr<QWebSocket> socket);

    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    int sessionCount() const { return static_cast<int>(m_sessions.size()); }
    QList<QJsonObject> sessionsAsJson() const;
    void closeAll();

signals:
    void sessionCountChanged(int count);

private:
    using Handler = void (WebSocketHub::*)(PluginSession &, const QJsonObject &data, const QJsonValue &requestId);
    struct HandlerEntry {
        const char *type;
        Handler handler;
    };
    static const std::vector<HandlerEntry> &handlers();

    void onTextMessage(QWebSocket *socket, const QString &text);
    void onDisconnected(QWebSocket *socket);
    void dropStaleSessions();
    void closeSession(PluginSession *session, QWebSocketProtocol::CloseCode code, const QString &reason);
    PluginSession *sessionFor(const QWebSocket *socket);
    PluginSession *sessionFor(const QString &pluginId);
    void deliverFiles(const GenerationResult &result);

    void send(PluginSession &session, const QString &type, const QJsonObject &data,
              const QJsonValue &requestId = {});
    void sendError(PluginSession &session, const QString &code, const QString &message,
                   const QJsonValue &requestId = {});

    void handleHeartbeat(PluginSession &session, const QJsonObject &data, const QJsonValue &requestId);
    void handleTransportUpdate(PluginSession &session, const QJsonObject &data, const QJsonValue &requestId);
    void handleGenerationRequest(PluginSession &session, const QJsonObject &data, const QJsonValue &requestId);

    WebSocketSettings m_settings;
    GenerationService *m_generation;
    QUrl m_baseUrl;
    std::vector<std::unique_ptr<PluginSession>> m_sessions;
    QTimer m_staleTimer;
};

} // namespace aiband
