#pragma once

#include "JsonShape.h"
#include "util/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <span>

namespace aiband {

// One message from a plugin, out of its {"type", "data", "request_id"} envelope, or with its
// fields beside "type" as the plugin's spec writes them ({"type": "transport_sync",
// "isPlaying": true, ...}).
struct IncomingMessage {
    QString type;
    QJsonObject data;       // {} when the message has none
    QJsonValue requestId;   // echoed on every answer to it; undefined when absent
    bool fieldsAtTop = false;   // the fields came beside "type", not in "data"

    // Where a field was, as the client wrote it: "data.tempo", or "tempo" at the top.
    QString fieldPrefix() const { return fieldsAtTop ? QString() : QStringLiteral("data."); }
};

// Reads a text frame: within the JSON shape limits, an object with a string "type" and its
// fields either in an object "data" or beside "type" (not both). A refusal says why
// (invalid_json, invalid_message, the shape's 422 errors); `requestId` receives the envelope's
// request_id whenever it could be read, so even a refusal can be matched to its request.
Result<IncomingMessage> readEnvelope(const QString &text, const JsonShapeLimits &limits, QJsonValue *requestId);

// Every message the server sends to plugins: one row each, so the protocol's outgoing side
// can be listed and documented like the incoming handler table (server/WebSocketApi.cpp).
enum class ServerMessage {
    ConnectionConfirmed,
    Registered,
    HeartbeatResponse,
    TransportSync,
    GenerationComplete,
    FilesReady,
    MidiReady,
    Status,
    GenerationResult,
    Notification,
    ChordsDetected,
    LiveStarted,
    LiveStopped,
    BandEvents,
    ChordHeard,
    LiveSaved,
    AudioStarted,
    AudioChords,
    AudioStopped,
    Error,
};

struct ServerMessageRow {
    ServerMessage message;
    const char *type;      // the envelope's "type"
    const char *summary;   // when it is sent
};

std::span<const ServerMessageRow> serverMessages();
QString serverMessageType(ServerMessage message);

// A message's data as sent: an object's compact text. Handlers give a QJsonObject; an answer
// made for every take (generation_complete, files_ready) gives the text it wrote itself, which
// must be the bytes compactJson() gives for its object.
class MessageData {
public:
    MessageData(const QJsonObject &object);   // NOLINT(google-explicit-constructor): every handler's
    static MessageData written(QByteArray compactText);
    const QByteArray &text() const { return m_text; }

private:
    MessageData() = default;
    QByteArray m_text;
};

// The envelope as sent: compact JSON, request_id only when there is one. `atTop` are fields
// written beside "type" for clients that read them there (the plugin's spec and client,
// docs/PROTOCOL.md "Compatibility"); they never replace type, data or request_id.
QString envelopeText(ServerMessage message, const MessageData &data, const QJsonValue &requestId = {},
                     const QJsonObject &atTop = {});
// The server's time as messages carry it (ISO 8601 UTC with milliseconds).
QString serverTimestamp();
// An Error as the data of an "error" message: {code, message, field[, retry_after]}.
QJsonObject errorMessageData(const Error &error);

} // namespace aiband
