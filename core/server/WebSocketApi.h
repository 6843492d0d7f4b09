#pragma once

#include "WebSocketEnvelope.h"
#include "session/AudioListening.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QPointer>
#include <QWebSocket>
#include <QString>

#include <memory>
#include <span>

class QWebSocket;

namespace aiband {

class BandSession;
class WebSocketHub;
struct WebSocketSettings;

// One message from a plugin being handled: what it said, which session it came from, and how
// to answer. Handlers answer through it and call the band session; they never see a socket.
class MessageCall {
public:
    MessageCall(WebSocketHub &hub, QWebSocket *socket, const IncomingMessage &message, QString pluginId);
    // Lives for one dispatch only (it refers to the message being read): to answer later, keep
    // later(), never the call.
    MessageCall(const MessageCall &) = delete;
    MessageCall &operator=(const MessageCall &) = delete;

    const QJsonObject &data() const { return m_message.data; }
    const QString &pluginId() const { return m_pluginId; }   // the session's; empty before register
    QString peerAddress() const;   // formatted only when asked: most messages never need it
    BandSession &session() const;
    const WebSocketSettings &settings() const;
    QUrl webSocketUrl(const QString &pluginId) const;
    QUrl baseUrl() const;   // http://host:port, for the files' download links
    const QJsonValue &requestId() const { return m_message.requestId; }
    // How the client named this message's fields: "data." or nothing (fields beside "type").
    QString fieldPrefix() const { return m_message.fieldPrefix(); }
    // Refuses (answers invalid_field) a field outside `known`; true when there was one.
    bool refusesUnknownFields(const QStringList &known) const;

    // Answers now, with the message's request id.
    void reply(ServerMessage message, const MessageData &data) const;
    void fail(const Error &error) const;
    // This session takes `pluginId` (the newest connection with an id wins).
    void bindPlugin(const QString &pluginId) const;
    // This session's binary frames become PCM of `format` (audio_start), or stop being (audio_stop).
    Status startAudio(const AudioStreamFormat &format) const;
    std::unique_ptr<AudioListening> stopAudio() const;

    // An answer for later (a generation): sent only if the session is still open by then.
    class Later {
    public:
        void reply(ServerMessage message, const MessageData &data) const;
        void fail(const Error &error) const;

    private:
        friend class MessageCall;
        QPointer<WebSocketHub> m_hub;
        QPointer<QWebSocket> m_socket;
        QJsonValue m_requestId;
    };
    Later later() const;

private:
    WebSocketHub &m_hub;
    QWebSocket *m_socket;
    const IncomingMessage &m_message;
    QString m_pluginId;
};

// The incoming side of the protocol: one row per message type. Adding a message that exists
// over HTTP is one row here and a few lines translating its data into the BandSession call.
struct MessageRoute {
    const char *type;
    void (*handle)(const MessageCall &call);
    bool needsPluginId;   // refused with not_registered before a /ws/sync session registers
    const char *summary;
};

std::span<const MessageRoute> webSocketRoutes();
const MessageRoute *findWebSocketRoute(const QString &type);

} // namespace aiband
