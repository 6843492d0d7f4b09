#include "WebSocketEnvelope.h"

#include "JsonReplies.h"

#include "util/CompactJson.h"
#include "util/IsoTime.h"

#include <QDateTime>
#include <QJsonDocument>

#include <algorithm>
#include <array>

namespace aiband {
namespace {

const auto kServerMessages = std::to_array<ServerMessageRow>({
    {ServerMessage::ConnectionConfirmed, "connection_confirmed", "a session opened: its plugin id, heartbeat and timeout"},
    {ServerMessage::Registered, "registered", "the answer to register"},
    {ServerMessage::HeartbeatResponse, "heartbeat_response", "the answer to heartbeat"},
    {ServerMessage::TransportSync, "transport_sync", "the shared transport changed (to every plugin but its source)"},
    {ServerMessage::GenerationComplete, "generation_complete", "the answer to generation_request and generate_request"},
    {ServerMessage::FilesReady, "files_ready", "a generation for this plugin stored its files"},
    {ServerMessage::MidiReady, "midi_ready", "one of those files, with its tempo, key and length"},
    {ServerMessage::Status, "status", "the answer to status_request"},
    {ServerMessage::GenerationResult, "generation_result",
     "a take for this session: bass_data and drum_data (base64 MIDI files) at the top, for the plugin's client"},
    {ServerMessage::Notification, "notification", "a sentence for the musician (a new take, a storage problem) in message"},
    {ServerMessage::ChordsDetected, "chords_detected", "the answer to detect_chords (POST /api/chords/detect's answer)"},
    {ServerMessage::LiveStarted, "live_started", "the answer to live_start: the band, its members and this session's parts"},
    {ServerMessage::LiveStopped, "live_stopped", "the answer to live_stop"},
    {ServerMessage::BandEvents, "band_events",
     "a live session's notes for the beats ahead; with replaces_from_beat, they replace those sent from there"},
    {ServerMessage::ChordHeard, "chord_heard", "a chord the live band heard, and the beat it plays it from (every member)"},
    {ServerMessage::LiveSaved, "live_saved", "the answer to live_save: the take's files (as generation_complete) and its beats"},
    {ServerMessage::AudioStarted, "audio_started", "the answer to audio_start: binary frames are this PCM from now on"},
    {ServerMessage::AudioChords, "audio_chords", "beats and chords heard in the audio stream since the last one, tempo and key so far"},
    {ServerMessage::AudioStopped, "audio_stopped", "the answer to audio_stop: seconds heard and every chord"},
    {ServerMessage::Error, "error", "a message could not be done: code, message, field"},
});

Error invalidMessage(const QString &message, const QString &field = {})
{
    return makeError(QStringLiteral("invalid_message"), message, field);
}

} // namespace

Result<IncomingMessage> readEnvelope(const QString &text, const JsonShapeLimits &limits, QJsonValue *requestId)
{
    *requestId = QJsonValue(QJsonValue::Undefined);
    const QByteArray utf8 = text.toUtf8();
    if (const auto shape = checkJsonShape(utf8, limits))
        return *shape;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return makeError(QStringLiteral("invalid_json"),
                         QStringLiteral("messages must be JSON objects: {\"type\": ..., \"data\": {...}}"));
    const QJsonObject message = document.object();
    *requestId = message.value(QStringLiteral("request_id"));
    const QJsonValue type = message.value(QStringLiteral("type"));
    const QJsonValue data = message.value(QStringLiteral("data"));
    if (!type.isString())
        return invalidMessage(QStringLiteral("\"type\" must be a string"), QStringLiteral("type"));
    if (!data.isUndefined() && !data.isNull() && !data.isObject())
        return invalidMessage(QStringLiteral("\"data\" must be an object"), QStringLiteral("data"));
    // Fields beside type, data and request_id: counted first, copied only when there are some
    // (removing the three from a copy was a twentieth of answering a heartbeat, callgrind).
    const qsizetype envelopeFields = 1 + (data.isUndefined() ? 0 : 1) + (requestId->isUndefined() ? 0 : 1);
    if (message.size() == envelopeFields)
        return IncomingMessage{type.toString(), data.toObject(), *requestId};
    QJsonObject atTop = message;
    for (const char *envelopeField : {"type", "data", "request_id"})
        atTop.remove(QLatin1String(envelopeField));
    if (data.isObject())
        return invalidMessage(QStringLiteral("fields go either in \"data\" or beside \"type\", not both; \"%1\" is "
                                             "beside it").arg(atTop.begin().key()),
                              atTop.begin().key());
    return IncomingMessage{type.toString(), atTop, *requestId, true};
}

std::span<const ServerMessageRow> serverMessages()
{
    return kServerMessages;
}

QString serverMessageType(ServerMessage message)
{
    const auto row = std::find_if(kServerMessages.cbegin(), kServerMessages.cend(),
                                  [message](const ServerMessageRow &r) { return r.message == message; });
    return QLatin1String(row->type);
}

MessageData::MessageData(const QJsonObject &object) : m_text(compactJson(object)) {}

MessageData MessageData::written(QByteArray compactText)
{
    MessageData data;
    data.m_text = std::move(compactText);
    return data;
}

// Written field by field in the order a QJsonObject keeps its keys (ascending), the envelope's
// own three among `atTop`'s, so the bytes are those of compactJson() of the object: building that
// object (each insert converts the value, `data` whole) was 20,300 of the 48,100 instructions of
// answering a heartbeat (callgrind).
QString envelopeText(ServerMessage message, const MessageData &data, const QJsonValue &requestId,
                     const QJsonObject &atTop)
{
    CompactObjectText text;
    auto field = atTop.constBegin();
    // atTop's fields before `name`; its own `name`, if any, gives way to the envelope's.
    const auto upTo = [&](QLatin1String name) {
        for (; field != atTop.constEnd() && field.key() < name; ++field)
            text.addField(field.key(), field.value());
        if (field != atTop.constEnd() && field.key() == name)
            ++field;
    };
    upTo(QLatin1String("data"));
    text.addText(QLatin1String("data"), data.text());
    if (!requestId.isUndefined() && !requestId.isNull()) {
        upTo(QLatin1String("request_id"));
        text.add(QLatin1String("request_id"), requestId);
    }
    upTo(QLatin1String("type"));
    text.add(QLatin1String("type"), serverMessageType(message));
    for (; field != atTop.constEnd(); ++field)
        text.addField(field.key(), field.value());
    return QString::fromUtf8(text.text());
}

// Formatting a date is costly next to answering a heartbeat, so a burst of messages within one
// millisecond shares the text.
QString serverTimestamp()
{
    thread_local qint64 cachedMs = -1;
    thread_local QString cached;
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    if (ms != cachedMs) {
        cachedMs = ms;
        cached = isoTimeWithMs(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
    }
    return cached;
}

QJsonObject errorMessageData(const Error &error)
{
    return errorBody(error).value(QStringLiteral("error")).toObject();
}

} // namespace aiband
