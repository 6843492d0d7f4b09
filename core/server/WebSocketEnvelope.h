#pragma once

#include "JsonShape.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <span>

namespace aiband {

// One message from a plugin, out of its {"type", "data", "request_id"} envelope.
struct IncomingMessage {
    QString type;
    QJsonObject data;       // {} when the envelope has none
    QJsonValue requestId;   // echoed on every answer to it; undefined when absent
};

// Reads a text frame: within the JSON shape limits, an object with a string "type" and, if
// any, an object "data". A refusal says why (invalid_json, invalid_message, the shape's 422
// errors); `requestId` receives the envelope's request_id whenever it could be read, so even a
// refusal can be matched to its request.
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
    Error,
};

struct ServerMessageRow {
    ServerMessage message;
    const char *type;      // the envelope's "type"
    const char *summary;   // when it is sent
};

std::span<const ServerMessageRow> serverMessages();
QString serverMessageType(ServerMessage message);

// The envelope as sent: compact JSON, request_id only when there is one.
QString envelopeText(ServerMessage message, const QJsonObject &data, const QJsonValue &requestId = {});
// The server's time as messages carry it (ISO 8601 UTC with milliseconds).
QString serverTimestamp();
// An Error as the data of an "error" message: {code, message, field[, retry_after]}.
QJsonObject errorMessageData(const Error &error);

} // namespace aiband
