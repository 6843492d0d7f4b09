#include "WebSocketApi.h"

#include "LiveMessages.h"
#include "WebSocketHub.h"
#include "generation/GenerateRequest.h"
#include "session/BandSession.h"
#include "util/CompactJson.h"
#include "util/KnownFields.h"

#include <QJsonArray>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

namespace aiband {

// ---- MessageCall

MessageCall::MessageCall(WebSocketHub &hub, QWebSocket *socket, const IncomingMessage &message, QString pluginId)
    : m_hub(hub), m_socket(socket), m_message(message), m_pluginId(std::move(pluginId))
{
}

QString MessageCall::peerAddress() const
{
    return m_socket->peerAddress().toString();
}

BandSession &MessageCall::session() const { return m_hub.session(); }
const WebSocketSettings &MessageCall::settings() const { return m_hub.settings(); }
QUrl MessageCall::webSocketUrl(const QString &pluginId) const { return m_hub.webSocketUrl(pluginId); }
QUrl MessageCall::baseUrl() const { return m_hub.baseUrl(); }

void MessageCall::reply(ServerMessage message, const MessageData &data) const
{
    m_hub.sendTo(m_socket, message, data, m_message.requestId);
}

void MessageCall::fail(const Error &error) const
{
    m_hub.sendErrorTo(m_socket, error, m_message.requestId);
}

bool MessageCall::refusesUnknownFields(const QStringList &known) const
{
    const std::optional<Error> unknown = unknownField(data(), known, fieldPrefix());
    if (unknown)
        fail(*unknown);
    return unknown.has_value();
}

void MessageCall::bindPlugin(const QString &pluginId) const
{
    m_hub.bindPlugin(m_socket, pluginId);
}

Status MessageCall::startAudio(const AudioStreamFormat &format) const
{
    return m_hub.startAudio(m_socket, format);
}

std::unique_ptr<AudioListening> MessageCall::stopAudio() const
{
    return m_hub.stopAudio(m_socket);
}

MessageCall::Later MessageCall::later() const
{
    Later later;
    later.m_hub = &m_hub;
    later.m_socket = m_socket;
    later.m_requestId = m_message.requestId;
    return later;
}

void MessageCall::Later::reply(ServerMessage message, const MessageData &data) const
{
    if (m_hub && m_socket)
        m_hub->sendTo(m_socket.data(), message, data, m_requestId);
}

void MessageCall::Later::fail(const Error &error) const
{
    if (m_hub && m_socket)
        m_hub->sendErrorTo(m_socket.data(), error, m_requestId);
}

namespace {

// Fields are named as the client wrote them: under the message's "data", or beside "type".
Error asWritten(Error error, const MessageCall &call)
{
    if (!error.field.isEmpty())
        error.field = call.fieldPrefix() + error.field;
    return error;
}

// ---- the handlers: each turns one message into a BandSession call and its result into a reply

void handleRegister(const MessageCall &call)
{
    if (auto invalid = invalidRegistration(call.data(), call.fieldPrefix())) {
        call.fail(*invalid);
        return;
    }
    const QJsonValue id = call.data().value(QStringLiteral("plugin_id"));
    QString pluginId = call.pluginId();
    if (id.isString() && isValidPluginId(id.toString())) {
        pluginId = id.toString();
    } else if (!id.isUndefined() || pluginId.isEmpty()) {
        call.fail(invalidPluginIdError(call.fieldPrefix() + QStringLiteral("plugin_id")));
        return;
    }
    if (pluginId != call.pluginId())
        call.bindPlugin(pluginId);
    call.session().registerPlugin(pluginId, call.peerAddress(), call.data());
    call.reply(ServerMessage::Registered,
               QJsonObject{{QStringLiteral("plugin_id"), pluginId},
                           {QStringLiteral("websocket_url"), call.webSocketUrl(pluginId).toString()},
                           {QStringLiteral("heartbeat_interval"), call.settings().heartbeatIntervalSeconds},
                           {QStringLiteral("connection_timeout"), call.settings().connectionTimeoutSeconds}});
}

void handleHeartbeat(const MessageCall &call)
{
    if (call.refusesUnknownFields({QStringLiteral("timestamp")}))
        return;
    // Written as text, keys ascending: the most frequent message there is, and a QJsonObject
    // built and written out was 9,000 of the 31,700 instructions of answering it (callgrind).
    CompactObjectText reply;
    if (const QJsonValue client = call.data().value(QStringLiteral("timestamp")); !client.isUndefined())
        reply.add(QLatin1String("client_timestamp"), client);
    reply.add(QLatin1String("timestamp"), serverTimestamp());
    call.reply(ServerMessage::HeartbeatResponse, MessageData::written(reply.text()));
}

void handleTransportUpdate(const MessageCall &call)
{
    Result<TransportState> state = parseTransport(call.data(), call.session().transport(), {}, call.fieldPrefix());
    if (!state) {
        call.fail(state.error());
        return;
    }
    call.session().reportTransport(*state, call.pluginId());
}

// generation_complete's data (and live_saved's, with the beats it saved) written field by field,
// keys ascending, from the texts the take already has (its files', its arrangement's): built as
// a QJsonObject it was 173,000 instructions a take before it was written out (callgrind).
QByteArray generationCompleteText(const GenerationResult &result, const QUrl &baseUrl,
                                  std::optional<std::pair<double, double>> savedBeats = std::nullopt)
{
    DownloadUrls urls(baseUrl);
    CompactObjectText text;
    text.addText(QLatin1String("files"), result.filesText(urls));
    if (savedBeats)
        text.add(QLatin1String("from_beat"), savedBeats->first);
    text.add(QLatin1String("generation_id"), result.requestId)
        .addText(QLatin1String("metadata"), result.metadataJsonText())
        .addText(QLatin1String("timings_ms"), CompactObjectText()
                                                  .add(QLatin1String("engine"), result.engineMs)
                                                  .add(QLatin1String("write"), result.writeMs)
                                                  .text());
    if (savedBeats)
        text.add(QLatin1String("to_beat"), savedBeats->second);
    return text.text();
}

// The request always counts as the session's plugin's: another plugin_id in the data would be
// ignored, so it is refused.
void generate(const MessageCall &call, bool acceptFlatForm)
{
    QJsonObject body = call.data();
    const QJsonValue named = body.value(QStringLiteral("plugin_id"));
    if (!named.isUndefined() && named != QJsonValue(call.pluginId())) {
        call.fail(makeError(QStringLiteral("invalid_field"),
                            QStringLiteral("a generation over this session is plugin \"%1\"'s; leave plugin_id out")
                                .arg(call.pluginId()),
                            call.fieldPrefix() + QStringLiteral("plugin_id")));
        return;
    }
    body.insert(QStringLiteral("plugin_id"), call.pluginId());
    Result<GenerateRequest> parsed = call.session().parseGeneration(body, acceptFlatForm);
    if (!parsed) {
        call.fail(asWritten(parsed.error(), call));
        return;
    }
    parsed->clientRequestId = call.requestId();
    const QUrl baseUrl = call.baseUrl();
    call.session().generate(std::move(parsed).value(), Requester::plugin(call.pluginId()),
                            [later = call.later(), baseUrl](const Result<GenerationResult> &result) {
        if (result)
            later.reply(ServerMessage::GenerationComplete, MessageData::written(generationCompleteText(*result, baseUrl)));
        else
            later.fail(result.error());
    });
}

void handleGenerationRequest(const MessageCall &call)
{
    generate(call, false);
}

void handleGenerateRequest(const MessageCall &call)
{
    generate(call, true);
}

void handleStatusRequest(const MessageCall &call)
{
    if (call.refusesUnknownFields({}))
        return;
    const Result<PluginInfo> info = call.session().plugin(call.pluginId());
    call.reply(ServerMessage::Status,
               QJsonObject{{QStringLiteral("transport"), call.session().transportJson()},
                           {QStringLiteral("plugin"), info ? QJsonValue(info->toJson(call.settings().connectionTimeoutSeconds)) : QJsonValue()}});
}

void handleDetectChords(const MessageCall &call)
{
    Result<ChordDetectRequest> request = call.session().parseChordDetection(call.data(), call.fieldPrefix());
    if (!request) {
        call.fail(request.error());
        return;
    }
    call.session().detectChords(std::move(request).value(),
                                [later = call.later()](const ChordDetection &detection, const ChordDetectRequest &r) {
                                    later.reply(ServerMessage::ChordsDetected, chordDetectionJson(detection, r));
                                });
}

// ---- following a player live

void handleLiveStart(const MessageCall &call)
{
    Result<LiveStartRequest> request = call.session().parseLiveStart(call.data(), call.fieldPrefix());
    if (!request) {
        call.fail(request.error());
        return;
    }
    // Answered before the band's first notes, so a client knows its parts when they come.
    const Status started = call.session().startLive(call.pluginId(), *request, [&call](const LiveSessionInfo &info) {
        call.reply(ServerMessage::LiveStarted, liveStartedJson(info));
    });
    if (!started)
        call.fail(asWritten(started.error(), call));
}

void handleLiveStop(const MessageCall &call)
{
    if (call.refusesUnknownFields({}))
        return;
    if (!call.session().stopLive(call.pluginId())) {
        call.fail(makeError(QStringLiteral("not_live"), QStringLiteral("this session is not live")));
        return;
    }
    call.reply(ServerMessage::LiveStopped, QJsonObject{{QStringLiteral("plugin_id"), call.pluginId()}});
}

void handleChordEvent(const MessageCall &call)
{
    const Result<LiveChordInput> input = parseChordEvent(call.data(), call.fieldPrefix());
    if (!input) {
        call.fail(input.error());
        return;
    }
    if (const Result<HeardChord> heard = call.session().hearChord(call.pluginId(), input->beat, input->chord); !heard)
        call.fail(heard.error());
}

void handleNoteEvents(const MessageCall &call)
{
    const Result<std::vector<PlayedNote>> notes = parseNoteEvents(call.data(), call.fieldPrefix());
    if (!notes) {
        call.fail(notes.error());
        return;
    }
    if (const auto heard = call.session().hearNotes(call.pluginId(), *notes); !heard)
        call.fail(heard.error());
}

void handleLiveSave(const MessageCall &call)
{
    const Result<LiveSaveRequest> request = parseLiveSave(call.data(), call.fieldPrefix());
    if (!request) {
        call.fail(request.error());
        return;
    }
    const QUrl baseUrl = call.baseUrl();
    call.session().saveLive(call.pluginId(), *request, Requester::plugin(call.pluginId()),
                            [later = call.later(), baseUrl](const Result<GenerationResult> &result, double fromBeat,
                                                            double toBeat) {
        if (!result) {
            later.fail(result.error());
            return;
        }
        later.reply(ServerMessage::LiveSaved,
                    MessageData::written(generationCompleteText(*result, baseUrl, std::pair{fromBeat, toBeat})));
    });
}

void handleAudioStart(const MessageCall &call)
{
    const Result<AudioStreamFormat> format = parseAudioStart(call.data(), call.fieldPrefix());
    if (!format) {
        call.fail(format.error());
        return;
    }
    if (const Status started = call.startAudio(*format); !started) {
        call.fail(started.error());
        return;
    }
    call.reply(ServerMessage::AudioStarted,
               QJsonObject{{QStringLiteral("sample_rate"), format->sampleRate},
                {QStringLiteral("channels"), format->channels},
                {QStringLiteral("sample_type"), format->sampleType == PcmSampleType::F32le ? QStringLiteral("f32le")
                                                                                           : QStringLiteral("s16le")},
                {QStringLiteral("bytes_per_frame"), format->bytesPerFrame()}});
}

void handleAudioStop(const MessageCall &call)
{
    if (call.refusesUnknownFields({}))
        return;
    const std::unique_ptr<AudioListening> listening = call.stopAudio();
    if (!listening) {
        call.fail(makeError(QStringLiteral("not_listening"), QStringLiteral("there is no audio stream: send audio_start first")));
        return;
    }
    // What the recognizer held back for lookahead is decided now, and reported as any other.
    if (const AudioChordStream::Update last = listening->finish(); !last.beats.isEmpty() || !last.chords.isEmpty())
        call.reply(ServerMessage::AudioChords, audioUpdateJson(last, listening->secondsHeard()));
    call.reply(ServerMessage::AudioStopped, audioStoppedJson(*listening));
}

const auto kRoutes = std::to_array<MessageRoute>({
    {"register", &handleRegister, false, "take or confirm a plugin id, with name, version and daw"},
    {"heartbeat", &handleHeartbeat, false, "a sign of life; answered with the server's time"},
    {"transport_update", &handleTransportUpdate, true, "where this plugin's DAW is; every other plugin hears it"},
    {"transport_sync", &handleTransportUpdate, true,
     "the same, as the plugin's spec names it (isPlaying, currentBeat, tempo, timestamp)"},
    {"generation_request", &handleGenerationRequest, true, "generate from a request body (POST /api/generate's)"},
    {"generate_request", &handleGenerateRequest, true, "the same, also in the plugin's flat form"},
    {"status_request", &handleStatusRequest, true, "the shared transport and this plugin's entry"},
    {"detect_chords", &handleDetectChords, false,
     "the chords and key of notes played (POST /api/chords/detect's JSON body as data)"},
    {"live_start", &handleLiveStart, true, "follow the player live: a band (or another plugin's, with follow) kept ahead of the transport"},
    {"live_stop", &handleLiveStop, true, "this session stops following"},
    {"chord_event", &handleChordEvent, true, "the player's chord at a beat"},
    {"note_events", &handleNoteEvents, true, "the player's notes, read into chords as they come"},
    {"live_save", &handleLiveSave, true, "what the band played, stored as a take (files, as a generation)"},
    {"audio_start", &handleAudioStart, false,
     "binary frames of PCM follow ({sample_rate, channels, sample_type: f32le|s16le}), heard as chords and beats"},
    {"audio_stop", &handleAudioStop, false, "the end of the audio stream: every chord heard"},
});

} // namespace

std::span<const MessageRoute> webSocketRoutes()
{
    return kRoutes;
}

const MessageRoute *findWebSocketRoute(const QString &type)
{
    const auto route = std::find_if(kRoutes.cbegin(), kRoutes.cend(),
                                    [&](const MessageRoute &r) { return type == QLatin1String(r.type); });
    return route == kRoutes.cend() ? nullptr : &*route;
}

} // namespace aiband
