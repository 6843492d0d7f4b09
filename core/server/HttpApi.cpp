#include "HttpApi.h"

#include "HttpRouter.h"
#include "FileListing.h"
#include "JsonReplies.h"
#include "JsonShape.h"
#include "ServerInfo.h"
#include "WebSocketApi.h"
#include "WebSocketHub.h"
#include "audio/AudioDecode.h"
#include "audio/AudioOptions.h"
#include "config/Config.h"
#include "files/FileStore.h"
#include "generation/ChordDetectRequest.h"
#include "generation/FlatGenerateForm.h"
#include "generation/GenerateRequest.h"
#include "generation/ProgressionAnalysis.h"
#include "logging/LogBuffer.h"
#include "music/Style.h"
#include "session/BandSession.h"
#include "util/CompactJson.h"
#include "util/IsoTime.h"
#include "util/KnownFields.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <algorithm>
#include <array>
#include <cmath>

namespace aiband {
namespace {

const QString kDescription = QStringLiteral(
    "A band inside your DAW: send chords, get bass, drums, keys and guitar as MIDI files.");

// The media type of a Content-Type header, without its parameters: "application/json".
QByteArray mediaType(const QByteArray &contentType)
{
    return contentType.split(';').first().trimmed().toLower();
}

bool isJsonContentType(const QByteArray &contentType)
{
    const QByteArray mime = mediaType(contentType);
    return mime == "application/json" || mime.endsWith("+json");
}

// Reads a JSON object body, or says why not (415 for another media type, 422 for a body nested
// too deep or with too long an array, 400 for bad JSON). An empty body reads as {} where every
// field is optional.
std::optional<QHttpServerResponse> readJsonObject(const HttpApiContext &api, const QHttpServerRequest &request,
                                                  QJsonObject &out, bool emptyIsObject = false)
{
    if (emptyIsObject && request.body().trimmed().isEmpty()) {
        out = {};
        return std::nullopt;
    }
    const QByteArray contentType = request.value(QByteArrayLiteral("content-type"));
    if (!contentType.isEmpty() && !isJsonContentType(contentType))
        return errorReply(HttpStatus::UnsupportedMediaType, QStringLiteral("unsupported_media_type"),
                          QStringLiteral("send the body as JSON with Content-Type: application/json, not %1")
                              .arg(QString::fromLatin1(contentType)));
    const Config &config = api.server.config();
    if (const auto shape = checkJsonShape(request.body(), JsonShapeLimits{config.maxJsonDepth, config.maxJsonArrayItems}))
        return errorReply(HttpStatus::UnprocessableEntity, *shape);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return errorReply(HttpStatus::BadRequest, QStringLiteral("invalid_json"),
                          QStringLiteral("the body is not valid JSON (offset %1: %2)")
                              .arg(parseError.offset).arg(parseError.errorString()));
    if (!document.isObject())
        return errorReply(HttpStatus::BadRequest, QStringLiteral("invalid_json"),
                          QStringLiteral("the body must be a JSON object"));
    out = document.object();
    return std::nullopt;
}

QHttpServerResponse index(const HttpApiContext &api)
{
    QJsonArray endpoints;
    for (const HttpRoute &route : api.router.routes())
        endpoints.append(QJsonObject{{QStringLiteral("method"), HttpRouter::methodName(route.method)},
                                     {QStringLiteral("path"), route.pattern},
                                     {QStringLiteral("summary"), route.summary}});
    endpoints.append(QJsonObject{{QStringLiteral("method"), QStringLiteral("WEBSOCKET")},
                                 {QStringLiteral("path"), QStringLiteral("/ws/{plugin_id}")},
                                 {QStringLiteral("summary"), QStringLiteral("plugin session: heartbeats, "
                                                                            "transport, generation, file notices")}});
    endpoints.append(QJsonObject{{QStringLiteral("method"), QStringLiteral("WEBSOCKET")},
                                 {QStringLiteral("path"), QStringLiteral("/ws/sync")},
                                 {QStringLiteral("summary"), QStringLiteral("the same, the plugin id from ?plugin_id=, "
                                                                            "a REST register or a register message")}});
    endpoints.append(QJsonObject{{QStringLiteral("method"), QStringLiteral("WEBSOCKET")},
                                 {QStringLiteral("path"), QStringLiteral("/ws")},
                                 {QStringLiteral("summary"), QStringLiteral("the published plugin's client: every take "
                                                                            "as generation_result and notification")}});
    // The WebSocket messages, from the same tables the hub dispatches and sends with.
    QJsonArray fromPlugin;
    for (const MessageRoute &route : webSocketRoutes())
        fromPlugin.append(QJsonObject{{QStringLiteral("type"), QLatin1String(route.type)},
                                      {QStringLiteral("summary"), QLatin1String(route.summary)}});
    QJsonArray fromServer;
    for (const ServerMessageRow &row : serverMessages())
        fromServer.append(QJsonObject{{QStringLiteral("type"), QLatin1String(row.type)},
                                      {QStringLiteral("summary"), QLatin1String(row.summary)}});
    return jsonReply({{QStringLiteral("name"), QStringLiteral("AI Band Orchestrator")},
                      {QStringLiteral("version"), QStringLiteral(AIBAND_VERSION)},
                      {QStringLiteral("description"), kDescription},
                      {QStringLiteral("status"), QStringLiteral("running")},
                      {QStringLiteral("time_unit"), QStringLiteral("beats")},
                      {QStringLiteral("endpoints"), endpoints},
                      {QStringLiteral("websocket_messages"),
                       QJsonObject{{QStringLiteral("from_plugin"), fromPlugin}, {QStringLiteral("from_server"), fromServer}}}});
}

QHttpServerResponse health(const HttpApiContext &api)
{
    // Written straight to its text, keys in QJsonObject's (ascending) order: asked for by every
    // monitor and load balancer, and building it as a QJsonObject was half its cost (callgrind).
    const qint64 sessions = api.hub.sessionCount();
    const qint64 files = api.session.files().count();
    CompactObjectText body;
    body.add(QLatin1String("active_plugins"), sessions)   // the original orchestrator's keys, for its users
        .add(QLatin1String("backend_connected"), true)    // (the engine is built in)
        .add(QLatin1String("files_count"), files)
        .add(QLatin1String("files_dir"), api.server.config().filesDir)   // what plugins watch
        .add(QLatin1String("generated_files"), files)
        .add(QLatin1String("generations"), static_cast<qint64>(api.session.generation().generatedCount()))
        .add(QLatin1String("plugins_connected"), sessions)
        .add(QLatin1String("status"), QStringLiteral("healthy"))
        .add(QLatin1String("storage_problem"), api.session.storageProblem())
        .add(QLatin1String("takes_dir"), api.session.files().directory())  // every take
        .add(QLatin1String("uptime_seconds"), api.server.uptimeSeconds())
        .add(QLatin1String("url"), api.server.baseUrlText())
        .add(QLatin1String("version"), QStringLiteral(AIBAND_VERSION));
    return jsonReply(body.text());
}

// A server that requires its token tells a client without it only that it is up: its folders
// name the user, and its counts say what the band is doing.
QHttpServerResponse healthWithoutToken(const HttpApiContext &)
{
    return jsonReply({{QStringLiteral("status"), QStringLiteral("healthy")}});
}

QHttpServerResponse logs(const HttpApiContext &api, const QHttpServerRequest &request)
{
    const QUrlQuery query = request.query();
    const auto readCount = [&](const QString &name, qint64 fallback, qint64 max) -> std::optional<qint64> {
        if (!query.hasQueryItem(name))
            return fallback;
        bool ok = false;
        const qint64 value = query.queryItemValue(name).toLongLong(&ok);
        if (!ok || value < 0 || value > max)
            return std::nullopt;
        return value;
    };
    const auto since = readCount(QStringLiteral("since"), 0, std::numeric_limits<qint64>::max());
    if (!since)
        return errorReply(HttpStatus::UnprocessableEntity, QStringLiteral("invalid_field"),
                          QStringLiteral("since must be a log entry id (a whole number, 0 for all)"),
                          QStringLiteral("since"));
    const auto limit = readCount(QStringLiteral("limit"), 500, 5000);
    if (!limit || *limit == 0)
        return errorReply(HttpStatus::UnprocessableEntity, QStringLiteral("invalid_field"),
                          QStringLiteral("limit must be a whole number from 1 to 5000"), QStringLiteral("limit"));

    QJsonArray entries;
    quint64 lastId = static_cast<quint64>(*since);
    if (LogBuffer *buffer = api.logs) {
        for (const LogEntry &entry : buffer->since(static_cast<quint64>(*since), static_cast<int>(*limit))) {
            entries.append(entry.toJson());
            lastId = entry.id;
        }
    }
    return jsonReply({{QStringLiteral("entries"), entries},
                      {QStringLiteral("next_since"), static_cast<qint64>(lastId)}});
}

QHttpServerResponse statusForError(const Error &error)
{
    if (error.code == QLatin1String("rate_limited")) {
        QHttpServerResponse response = errorReply(HttpStatus::TooManyRequests, error);
        response.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(std::max(1, error.retryAfterSeconds)));
        return response;
    }
    if (error.code == QLatin1String("busy")) {
        QHttpServerResponse response = errorReply(HttpStatus::ServiceUnavailable, error);
        response.setHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
        return response;
    }
    if (error.code == QLatin1String("shutting_down") || error.code == QLatin1String("no_soundfont"))
        return errorReply(HttpStatus::ServiceUnavailable, error);
    if (error.code == QLatin1String("timeout"))
        return errorReply(HttpStatus::GatewayTimeout, error);
    if (error.code == QLatin1String("insufficient_storage"))
        return errorReply(HttpStatus::InsufficientStorage, error);
    if (error.code == QLatin1String("invalid_filename"))
        return errorReply(HttpStatus::BadRequest, error);
    if (error.code == QLatin1String("file_not_found") || error.code == QLatin1String("metadata_not_found"))
        return errorReply(HttpStatus::NotFound, error);
    // What a body said that cannot be used: the fields, chords, MIDI files and recordings.
    constexpr std::array kUnprocessable{"invalid_field", "unknown_chord", "invalid_midi", "invalid_audio",
                                        "unsupported_audio", "audio_too_long", "audio_too_short"};
    if (std::any_of(kUnprocessable.begin(), kUnprocessable.end(), [&](const char *code) { return error.code == QLatin1String(code); }))
        return errorReply(HttpStatus::UnprocessableEntity, error);
    return errorReply(HttpStatus::InternalServerError, error);
}

// Fields some dialect's client reads beside our answer (POST /generate's bass_file and
// drum_file), in ascending order and all before "file_details".
using LeadingFields = QList<std::pair<QLatin1String, QString>> (*)(const GenerationResult &result);

// A generation's answer written field by field, keys ascending (CompactObjectText): building it
// as a QJsonObject and writing that was 190,000 of a generation's 1.15 million instructions.
QByteArray generationText(const GenerationResult &result, const QUrl &baseUrl, LeadingFields leading)
{
    QStringList names;
    QStringList types;
    for (const GeneratedFile &file : result.files) {
        names.append(file.file.name);
        types.append(file.trackType);
    }
    DownloadUrls urls(baseUrl);
    CompactObjectText answer;
    if (leading) {
        for (const auto &[key, value] : leading(result))
            answer.add(key, value);
    }
    return answer.addText(QLatin1String("file_details"), result.filesText(urls))
        .add(QLatin1String("files"), names)
        .add(QLatin1String("message"), QStringLiteral("Generated %1 file(s): %2").arg(result.files.size()).arg(types.join(QStringLiteral(", "))))
        .addText(QLatin1String("metadata"), result.metadataJsonText())
        .add(QLatin1String("request_id"), result.requestId)
        .add(QLatin1String("success"), true)
        .addText(QLatin1String("timings_ms"), CompactObjectText()
                                                  .add(QLatin1String("engine"), result.engineMs)
                                                  .add(QLatin1String("total"), result.engineMs + result.writeMs)
                                                  .add(QLatin1String("write"), result.writeMs)
                                                  .text())
        .text();
}

// The answer to a generation, when it is done (or none if the client has gone; the files are
// kept either way): the files, or the error's status.
BandSession::Callback answerWhenDone(const HttpApiContext &api, const HttpReply &reply, LeadingFields leading = nullptr)
{
    return [reply, baseUrl = api.server.baseUrl(), leading](const Result<GenerationResult> &result) {
        if (!result) {
            reply.send(statusForError(result.error()));
            return;
        }
        reply.send(jsonReply(generationText(*result, baseUrl, leading)));
    };
}

// The client the limits count: the plugin the request names, else the address (every local
// plugin comes from 127.0.0.1).
Requester requesterOf(const QHttpServerRequest &request)
{
    return Requester::remote(request.remoteAddress().toString());
}

// A generate body (either form) read and validated; none when it was refused, with the refusal
// sent.
std::optional<GenerateRequest> generationOrRefusal(const HttpApiContext &api, const QHttpServerRequest &request,
                                                   const HttpReply &reply)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(api, request, body)) {
        reply.send(std::move(*refusal));
        return std::nullopt;
    }
    Result<GenerateRequest> parsed = api.session.parseGeneration(body);
    if (!parsed) {
        reply.send(errorReply(HttpStatus::UnprocessableEntity, parsed.error()));
        return std::nullopt;
    }
    return std::move(parsed).value();
}

// POST /api/generate and /api/midi/generate: validated at once, composed on a worker thread.
void generate(const HttpApiContext &api, const QHttpServerRequest &request, const HttpReply &reply)
{
    if (std::optional<GenerateRequest> parsed = generationOrRefusal(api, request, reply))
        api.session.generate(std::move(*parsed), requesterOf(request), answerWhenDone(api, reply));
}

// The two fields the published plugin's client reads: the paths of the take's bass and drums
// (they stay there until cleanup).
QList<std::pair<QLatin1String, QString>> pluginClientFiles(const GenerationResult &result)
{
    const auto pathOf = [&result](QLatin1String part) -> std::optional<QString> {
        for (const GeneratedFile &file : result.files) {
            if (file.trackType == part)
                return file.file.path;
        }
        return std::nullopt;
    };
    QList<std::pair<QLatin1String, QString>> fields;
    if (const auto bass = pathOf(QLatin1String("bass")))
        fields.append({QLatin1String("bass_file"), *bass});
    if (const auto drums = pathOf(QLatin1String("drums")))
        fields.append({QLatin1String("drum_file"), *drums});
    return fields;
}

// POST /generate: the published plugin's own client (docs/PLUGIN.md). Its body in, the same
// generation, and our answer with bass_file and drum_file.
void generateForPluginClient(const HttpApiContext &api, const QHttpServerRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(api, request, body)) {
        reply.send(std::move(*refusal));
        return;
    }
    const Result<QJsonObject> generateBody = generateBodyFromPluginClient(body);
    if (!generateBody) {
        reply.send(errorReply(HttpStatus::UnprocessableEntity, generateBody.error()));
        return;
    }
    Result<GenerateRequest> parsed = api.session.parseGeneration(*generateBody, false);
    if (!parsed) {
        reply.send(errorReply(HttpStatus::UnprocessableEntity, errorForPluginClient(parsed.error())));
        return;
    }
    api.session.generate(std::move(parsed).value(), requesterOf(request),
                         answerWhenDone(api, reply, pluginClientFiles));
}

// POST /api/files/{filename}/regenerate: the file's track again from its metadata sidecar,
// with {"seed": n} or a new random seed; answered like /api/generate.
void regenerate(const HttpApiContext &api, const QHttpServerRequest &request, const QString &name, const HttpReply &reply)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(api, request, body, true)) {
        reply.send(std::move(*refusal));
        return;
    }
    if (auto unknown = unknownField(body, {QStringLiteral("seed")})) {
        reply.send(errorReply(HttpStatus::UnprocessableEntity, *unknown));
        return;
    }
    std::optional<quint32> seed;
    const QJsonValue seedValue = body.value(QStringLiteral("seed"));
    if (!seedValue.isUndefined() && !seedValue.isNull()) {
        const double number = seedValue.toDouble(-1.0);
        if (!seedValue.isDouble() || number < 0 || number > 4294967295.0 || std::floor(number) != number) {
            reply.send(errorReply(HttpStatus::UnprocessableEntity, QStringLiteral("invalid_field"),
                                  QStringLiteral("seed must be a whole number from 0 to 4294967295"), QStringLiteral("seed")));
            return;
        }
        seed = static_cast<quint32>(number);
    }
    // A bad name is a 4xx of its own; the regeneration counts against the plugin that asked for
    // the original (from its sidecar), like its other generations.
    api.session.regenerate(name, seed, requesterOf(request), answerWhenDone(api, reply));
}

QHttpServerResponse analyze(const HttpApiContext &api, const QHttpServerRequest &request)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(api, request, body))
        return std::move(*refusal);
    // Analysis only needs the progression; the seed is fixed so nothing random is echoed.
    if (!body.contains(QStringLiteral("seed")))
        body.insert(QStringLiteral("seed"), 0);
    Result<GenerateRequest> parsed = api.session.parseGeneration(body, false);
    if (!parsed)
        return errorReply(HttpStatus::UnprocessableEntity, parsed.error());
    return jsonReply(describeProgression(*parsed));
}

bool isMidiContentType(const QByteArray &contentType)
{
    const QByteArray mime = mediaType(contentType);
    return mime == "audio/midi" || mime == "audio/x-midi" || mime == "audio/mid";
}

// 415 for a body that is neither JSON nor a Standard MIDI File (no Content-Type reads as JSON).
std::optional<QHttpServerResponse> neitherJsonNorMidi(const QByteArray &contentType, const QString &what)
{
    if (contentType.isEmpty() || isJsonContentType(contentType) || isMidiContentType(contentType))
        return std::nullopt;
    return errorReply(HttpStatus::UnsupportedMediaType, QStringLiteral("unsupported_media_type"),
                      QStringLiteral("send %1 as JSON (Content-Type: application/json) or a Standard MIDI File "
                                     "(Content-Type: audio/midi), not %2").arg(what, QString::fromLatin1(contentType)));
}

// The options of a MIDI file or recording body come from the query, as the body has no room for them.
ChordDetectQuery chordDetectQueryOf(const QHttpServerRequest &request)
{
    const QUrlQuery query(request.url());
    const auto item = [&](const char *name) -> std::optional<QString> {
        const QString key = QLatin1String(name);
        return query.hasQueryItem(key) ? std::optional<QString>(query.queryItemValue(key, QUrl::FullyDecoded)) : std::nullopt;
    };
    return ChordDetectQuery{item("resolution"), item("key"), item("time_signature"), item("tempo")};
}

Result<ChordDetectRequest> chordDetectionFromMidi(const HttpApiContext &api, const QHttpServerRequest &request)
{
    return api.session.parseChordDetection(request.body(), chordDetectQueryOf(request));
}

// A recording: decoded and heard on a worker, never on the server's thread. Its errors are the
// client's (422, statusForError) but for busy (503).
void answerRecording(const HttpApiContext &api, const QHttpServerRequest &request, AudioContainer container,
                     const HttpReply &reply)
{
    Result<AudioChordDetectRequest> parsed = api.session.parseAudioChordDetection(chordDetectQueryOf(request));
    if (!parsed) {
        reply.send(errorReply(HttpStatus::UnprocessableEntity, parsed.error()));
        return;
    }
    api.session.detectAudioChords(request.body(), container, std::move(parsed).value(),
                                  [reply](const Result<HeardRecording> &heard, const AudioChordDetectRequest &options) {
                                      if (!heard)
                                          reply.send(statusForError(heard.error()));
                                      else
                                          reply.send(jsonReply(audioChordDetectionJson(*heard, options)));
                                  });
}

void answerChords(const HttpApiContext &api, Result<ChordDetectRequest> parsed, const HttpReply &reply)
{
    if (!parsed) {
        reply.send(errorReply(HttpStatus::UnprocessableEntity, parsed.error()));
        return;
    }
    api.session.detectChords(std::move(parsed).value(), [reply](const ChordDetection &detection, const ChordDetectRequest &request) {
        reply.send(jsonReply(chordDetectionJson(detection, request)));
    });
}

void detectChords(const HttpApiContext &api, const QHttpServerRequest &request, const HttpReply &reply)
{
    const QByteArray contentType = request.value(QByteArrayLiteral("content-type"));
    if (isMidiContentType(contentType)) {
        answerChords(api, chordDetectionFromMidi(api, request), reply);
        return;
    }
    if (const auto container = audioContainerOf(contentType)) {
        answerRecording(api, request, *container, reply);
        return;
    }
    if (!contentType.isEmpty() && !isJsonContentType(contentType)) {
        reply.send(errorReply(HttpStatus::UnsupportedMediaType, QStringLiteral("unsupported_media_type"),
                              QStringLiteral("send the notes as JSON (application/json), a Standard MIDI File (audio/midi) or "
                                             "a recording (audio/wav or audio/flac), not %1").arg(QString::fromLatin1(contentType))));
        return;
    }
    if (const auto query = QUrlQuery(request.url()).queryItems(); !query.isEmpty()) {
        reply.send(errorReply(HttpStatus::UnprocessableEntity, QStringLiteral("unknown_field"),
                              QStringLiteral("query parameter %1 is for a MIDI file or recording body; a JSON body carries its options "
                                             "as fields").arg(query.first().first),
                              query.first().first));
        return;
    }
    QJsonObject body;
    if (auto refusal = readJsonObject(api, request, body)) {
        reply.send(std::move(*refusal));
        return;
    }
    answerChords(api, api.session.parseChordDetection(body), reply);
}

// ---- audition: takes as audio (docs/PROTOCOL.md, "Audio")

const QStringList &audioQueryNames()
{
    static const QStringList names{QStringLiteral("format"), QStringLiteral("mute"), QStringLiteral("gain")};
    return names;
}

Result<AudioOptions> audioOptionsOf(const QHttpServerRequest &request)
{
    const QUrlQuery query(request.url());
    const auto item = [&](const char *name) -> std::optional<QString> {
        const QString key = QLatin1String(name);
        return query.hasQueryItem(key) ? std::optional<QString>(query.queryItemValue(key, QUrl::FullyDecoded))
                                       : std::nullopt;
    };
    return parseAudioQuery(AudioQuery{item("format"), item("mute"), item("gain")});
}

// The audio, when it is rendered, named after what it was made from ("take.wav").
BandSession::AudioCallback answerAudio(const HttpReply &reply, const QString &stem)
{
    return [reply, stem](const Result<RenderedAudio> &audio) {
        if (!audio) {
            reply.send(statusForError(audio.error()));
            return;
        }
        QHttpServerResponse response(mimeTypeOf(audio->format), audio->bytes);
        const QString name = stem + QLatin1Char('.') + fileExtensionOf(audio->format);
        response.setHeader(QByteArrayLiteral("Content-Disposition"),
                           QByteArrayLiteral("attachment; filename=\"") + name.toLatin1() + '"');
        response.setHeader(QByteArrayLiteral("X-Audio-Seconds"), QByteArray::number(audio->seconds, 'f', 3));
        response.setHeader(QByteArrayLiteral("X-Audio-Truncated"), audio->truncated ? "true" : "false");
        reply.send(std::move(response));
    };
}

// GET /api/files/{filename}/audio: a stored take's file as WAV or Ogg.
void fileAudio(const HttpApiContext &api, const QHttpServerRequest &request, const QString &name, const HttpReply &reply)
{
    Result<AudioOptions> options = audioOptionsOf(request);
    if (!options) {
        reply.send(errorReply(HttpStatus::UnprocessableEntity, options.error()));
        return;
    }
    const QString stem = name.endsWith(QLatin1String(".mid")) ? name.chopped(4) : name;
    api.session.renderFileAudio(name, *options, requesterOf(request), answerAudio(reply, stem));
}

// POST /api/render: a plugin's own MIDI file (audio/midi) or a generate body (JSON, composed
// and heard without storing a take) as WAV or Ogg.
void renderToAudio(const HttpApiContext &api, const QHttpServerRequest &request, const HttpReply &reply)
{
    Result<AudioOptions> options = audioOptionsOf(request);
    if (!options) {
        reply.send(errorReply(HttpStatus::UnprocessableEntity, options.error()));
        return;
    }
    const QString stem = QStringLiteral("take");
    const QByteArray contentType = request.value(QByteArrayLiteral("content-type"));
    if (auto refusal = neitherJsonNorMidi(contentType, QStringLiteral("a generate body"))) {
        reply.send(std::move(*refusal));
        return;
    }
    if (isMidiContentType(contentType)) {
        api.session.renderMidiAudio(request.body(), *options, requesterOf(request), answerAudio(reply, stem));
        return;
    }
    if (std::optional<GenerateRequest> parsed = generationOrRefusal(api, request, reply))
        api.session.renderGenerationAudio(std::move(*parsed), *options, requesterOf(request), answerAudio(reply, stem));
}

QString feelName(const Style &style)
{
    if (style.swingRatio >= 0.64)
        return style.swingSubdivision == 16 ? QStringLiteral("swung sixteenths") : QStringLiteral("swing");
    if (style.swingRatio > 0.5)
        return QStringLiteral("light swing");
    return style.meter.denominator == 8 && style.meter.numerator % 3 == 0 ? QStringLiteral("compound")
                                                                         : QStringLiteral("straight");
}

QString bassModeName(BassMode mode)
{
    switch (mode) {
    case BassMode::Walking: return QStringLiteral("walking");
    case BassMode::LockedToKick: return QStringLiteral("locked to the kick");
    case BassMode::Pattern: break;
    }
    return QStringLiteral("pattern");
}

QHttpServerResponse listStyles(const HttpApiContext &api)
{
    QJsonArray styles;
    for (const Style &style : api.session.styles().styles())
        styles.append(QJsonObject{{QStringLiteral("name"), style.name},
                                  {QStringLiteral("title"), style.title},
                                  {QStringLiteral("description"), style.description},
                                  {QStringLiteral("time_signature"), style.meter.name()},
                                  {QStringLiteral("tempo"), style.defaultTempo},
                                  {QStringLiteral("feel"), feelName(style)},
                                  {QStringLiteral("swing_ratio"), style.swingRatio},
                                  {QStringLiteral("bass"), bassModeName(style.bass.mode)},
                                  {QStringLiteral("phrase_bars"), style.phraseBars}});
    return jsonReply({{QStringLiteral("styles"), styles},
                      {QStringLiteral("count"), styles.size()},
                      {QStringLiteral("default"), api.session.defaultStyle()}});
}

std::optional<Error> invalidPluginId(const QJsonValue &value, bool required)
{
    if (value.isUndefined() && !required)
        return std::nullopt;
    if (!value.isString() || !isValidPluginId(value.toString()))
        return invalidPluginIdError(QStringLiteral("plugin_id"));
    return std::nullopt;
}

QHttpServerResponse registerPlugin(const HttpApiContext &api, const QHttpServerRequest &request)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(api, request, body, true))
        return std::move(*refusal);
    if (auto invalid = invalidRegistration(body))
        return errorReply(HttpStatus::UnprocessableEntity, *invalid);
    if (auto error = invalidPluginId(body.value(QStringLiteral("plugin_id")), false))
        return errorReply(HttpStatus::UnprocessableEntity, *error);
    const QString pluginId = api.session.registerPlugin(body.value(QStringLiteral("plugin_id")).toString(),
                                                        request.remoteAddress().toString(), body);
    const Config &config = api.server.config();
    return jsonReply({{QStringLiteral("plugin_id"), pluginId},
                      {QStringLiteral("registered"), true},
                      {QStringLiteral("websocket_url"), api.hub.webSocketUrl(pluginId).toString()},
                      {QStringLiteral("heartbeat_interval"), config.heartbeatIntervalSeconds},
                      {QStringLiteral("connection_timeout"), config.connectionTimeoutSeconds},
                      {QStringLiteral("server_version"), QStringLiteral(AIBAND_VERSION)}});
}

QHttpServerResponse pluginStatus(const HttpApiContext &api, const QHttpServerRequest &request)
{
    const QUrlQuery query = request.query();
    const double timeout = api.server.config().connectionTimeoutSeconds;
    if (query.hasQueryItem(QStringLiteral("plugin_id"))) {
        const QString pluginId = query.queryItemValue(QStringLiteral("plugin_id"), QUrl::FullyDecoded);
        const Result<PluginInfo> info = api.session.plugin(pluginId);
        if (!info)
            return errorReply(HttpStatus::NotFound, info.error());
        // The spec's get_plugin_status(id) reads "status"; the list keeps the shape of the other answer.
        return jsonReply({{QStringLiteral("plugin_id"), pluginId},
                          {QStringLiteral("status"), info->status(timeout)},
                          {QStringLiteral("plugins"), QJsonArray{info->toJson(timeout)}},
                          {QStringLiteral("count"), 1},
                          {QStringLiteral("connected"), api.session.connectedPluginCount()}});
    }
    QJsonArray plugins;
    for (const PluginInfo &info : api.session.plugins())
        plugins.append(info.toJson(timeout));
    return jsonReply({{QStringLiteral("plugins"), plugins},
                      {QStringLiteral("count"), plugins.size()},
                      {QStringLiteral("connected"), api.session.connectedPluginCount()}});
}

QHttpServerResponse pluginHeartbeat(const HttpApiContext &api, const QHttpServerRequest &request)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(api, request, body))
        return std::move(*refusal);
    if (auto unknown = unknownField(body, {QStringLiteral("plugin_id"), QStringLiteral("timestamp")}))
        return errorReply(HttpStatus::UnprocessableEntity, *unknown);
    if (auto error = invalidPluginId(body.value(QStringLiteral("plugin_id")), true))
        return errorReply(HttpStatus::UnprocessableEntity, *error);
    const QString pluginId = body.value(QStringLiteral("plugin_id")).toString();
    if (const Status beat = api.session.heartbeat(pluginId); !beat)
        return errorReply(HttpStatus::NotFound, beat.error());
    QJsonObject answer{{QStringLiteral("plugin_id"), pluginId},
                       {QStringLiteral("server_time"), isoTimeWithMs(QDateTime::currentDateTimeUtc())},
                       {QStringLiteral("heartbeat_interval"), api.server.config().heartbeatIntervalSeconds}};
    // Echoed, as over WebSocket, so the plugin can measure the round trip.
    if (body.contains(QStringLiteral("timestamp")))
        answer.insert(QStringLiteral("client_timestamp"), body.value(QStringLiteral("timestamp")));
    return jsonReply(answer);
}

QHttpServerResponse transportPosition(const HttpApiContext &api)
{
    return jsonReply(api.session.transportJson());
}

// start, stop and reset come from HTTP clients (a control surface, a script): every plugin
// follows, so every plugin is told.
QHttpServerResponse transportCommand(const HttpApiContext &api, const QHttpServerRequest &request, const QString &command)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(api, request, body, true))
        return std::move(*refusal);
    const QString source = QStringLiteral("http");
    if (command == QLatin1String("start")) {
        // Optionally from a beat and at a tempo, validated as any transport update is.
        if (auto unknown = unknownField(body, {QStringLiteral("beat"), QStringLiteral("tempo")}))
            return errorReply(HttpStatus::UnprocessableEntity, *unknown);
        QJsonObject update;
        if (body.contains(QStringLiteral("beat")))
            update.insert(QStringLiteral("current_beat"), body.value(QStringLiteral("beat")));
        if (body.contains(QStringLiteral("tempo")))
            update.insert(QStringLiteral("tempo"), body.value(QStringLiteral("tempo")));
        Result<TransportState> state = parseTransport(update, api.session.transport());
        if (!state) {
            Error error = state.error();
            if (error.field == QLatin1String("current_beat")) {
                error.field = QStringLiteral("beat");
                error.message.replace(QStringLiteral("current_beat"), QStringLiteral("beat"));
            }
            return errorReply(HttpStatus::UnprocessableEntity, error);
        }
        api.session.startTransport(*state, source);
    } else if (auto unknown = unknownField(body, {})) {
        return errorReply(HttpStatus::UnprocessableEntity, *unknown);
    } else if (command == QLatin1String("stop")) {
        api.session.stopTransport(source);
    } else {
        api.session.resetTransport(source);
    }
    return jsonReply(api.session.transportJson());
}

// The original's POST /api/transport/sync: a plugin (or anyone) reports where its DAW is.
QHttpServerResponse transportSync(const HttpApiContext &api, const QHttpServerRequest &request)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(api, request, body))
        return std::move(*refusal);
    if (auto error = invalidPluginId(body.value(QStringLiteral("plugin_id")), false))
        return errorReply(HttpStatus::UnprocessableEntity, *error);
    Result<TransportState> state = parseTransport(body, api.session.transport(), {QStringLiteral("plugin_id")});
    if (!state)
        return errorReply(HttpStatus::UnprocessableEntity, state.error());
    api.session.reportTransport(*state, body.value(QStringLiteral("plugin_id")).toString());
    return jsonReply(api.session.transportJson());
}

// How many files a listing without ?limit= gives. GET /api/files: a page of the size.
// GET /api/midi/list and GET /files: the default plugin.max_files, so the plugin spec's clients,
// which know no pages, still see a whole folder of a server with default settings.
constexpr qsizetype kFilesPage = 100;
constexpr qsizetype kPluginListing = 1000;

// Reads ?limit= and ?cursor= and answers the page, or 422 naming the bad one.
QHttpServerResponse pagedListing(const HttpApiContext &api, const QHttpServerRequest &request, qsizetype defaultLimit,
                                 const std::function<QByteArray(const FilePage &)> &answer)
{
    const Result<PageRequest> asked = readPageRequest(request.query(), defaultLimit);
    if (!asked)
        return errorReply(HttpStatus::UnprocessableEntity, asked.error());
    return jsonReply(answer(api.session.files().page(asked->after, asked->limit)));
}

// GET /files: the plugin's client reads a bare list of names (newest first), so it cannot be
// told of a next page: the newest kPluginListing.
QHttpServerResponse listFileNames(const HttpApiContext &api)
{
    return QHttpServerResponse(fileNamesJson(api.session.files().page(std::nullopt, kPluginListing)));
}

QHttpServerResponse listMidi(const HttpApiContext &api, const QHttpServerRequest &request)
{
    return pagedListing(api, request, kPluginListing,
                        [&](const FilePage &page) { return midiListText(page, api.server.baseUrl()); });
}

QHttpServerResponse listFiles(const HttpApiContext &api, const QHttpServerRequest &request)
{
    return pagedListing(api, request, kFilesPage, [&](const FilePage &page) {
        return filesPageText(api.session.files(), page, api.server.baseUrl());
    });
}

// The API reference compiled into the library: the OpenAPI document and the page that shows it.
QHttpServerResponse resource(const QString &path, const QByteArray &mimeType)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return errorReply(HttpStatus::InternalServerError, QStringLiteral("missing_resource"),
                          QStringLiteral("%1 is not built into this server").arg(path));
    return QHttpServerResponse(mimeType, file.readAll());
}

QHttpServerResponse openApi(const HttpApiContext &)
{
    return resource(QStringLiteral(":/api/openapi.json"), QByteArrayLiteral("application/json"));
}

QHttpServerResponse apiDocs(const HttpApiContext &)
{
    return resource(QStringLiteral(":/api/api-docs.html"), QByteArrayLiteral("text/html; charset=utf-8"));
}

QHttpServerResponse downloadFile(const HttpApiContext &api, const QString &name)
{
    // Once read, the bytes are the reply's and the drain at shutdown waits for them to be sent.
    Result<QByteArray> bytes = api.session.readFile(name);
    if (!bytes)
        return statusForError(bytes.error());
    QHttpServerResponse response(QByteArrayLiteral("audio/midi"), std::move(bytes).value());
    response.setHeader(QByteArrayLiteral("Content-Disposition"),
                       QByteArrayLiteral("attachment; filename=\"") + name.toLatin1() + '"');
    return response;
}

// POST /api/midi/stream, in the plugin's spec without a body or an answer: {"file_id": name}
// (or "filename") answers the file's bytes, as GET /api/files/{name} does.
QHttpServerResponse streamFile(const HttpApiContext &api, const QHttpServerRequest &request)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(api, request, body))
        return std::move(*refusal);
    const QString ours = QStringLiteral("file_id");
    const QString theirs = QStringLiteral("filename");
    std::optional<Error> refusal = unknownField(body, {ours, theirs});
    if (!refusal)
        refusal = bothSpellings(body, ours, theirs);
    const QJsonValue name = body.contains(theirs) ? body.value(theirs) : body.value(ours);
    if (!refusal && !name.isString())
        refusal = makeError(QStringLiteral("invalid_field"), QStringLiteral("file_id must be a file name from GET /api/midi/list"),
                            body.contains(theirs) ? theirs : ours);
    if (refusal)
        return errorReply(HttpStatus::UnprocessableEntity, *refusal);
    return downloadFile(api, name.toString());
}

void deleteFile(const HttpApiContext &api, const QString &name, const HttpReply &reply)
{
    api.session.deleteFiles({name}, [reply, name](const QList<Error> &errors) {
        if (!errors.isEmpty()) {
            reply.send(statusForError(errors.first()));
            return;
        }
        reply.send(jsonReply({{QStringLiteral("success"), true},
                              {QStringLiteral("deleted"), name},
                              {QStringLiteral("message"), QStringLiteral("Deleted %1").arg(name)}}));   // the original's field
    });
}

} // namespace

void registerHttpApi(HttpRouter &router, const HttpApiContext &api)
{
    using M = HttpMethod;
    // Each handler keeps its own copy of the context (references to objects that outlive the router).
    const auto noArgs = [api](QHttpServerResponse (*handler)(const HttpApiContext &)) {
        return [api, handler](const QHttpServerRequest &, const QStringList &) { return handler(api); };
    };
    const auto withRequest = [api](QHttpServerResponse (*handler)(const HttpApiContext &, const QHttpServerRequest &)) {
        return [api, handler](const QHttpServerRequest &request, const QStringList &) { return handler(api, request); };
    };
    const auto withName = [api](QHttpServerResponse (*handler)(const HttpApiContext &, const QString &)) {
        return [api, handler](const QHttpServerRequest &, const QStringList &args) { return handler(api, args.first()); };
    };

    router.add({M::Get, QStringLiteral("/"), QStringLiteral("this list"), noArgs(index)});
    router.add({M::Get, QStringLiteral("/health"), QStringLiteral("status, version, uptime, plugins, files"),
                noArgs(health), {}, {}, noArgs(healthWithoutToken)});
    router.add({M::Get, QStringLiteral("/api/config"), QStringLiteral("effective configuration, without secrets"),
                [api](const QHttpServerRequest &, const QStringList &) { return jsonReply(api.server.config().toJson()); }});
    router.add({M::Get, QStringLiteral("/api/logs"), QStringLiteral("recent log entries (?since=ID&limit=N)"),
                withRequest(logs), {}, {QStringLiteral("since"), QStringLiteral("limit")}});
    const auto deferred = [api](void (*handler)(const HttpApiContext &, const QHttpServerRequest &, const HttpReply &)) {
        return [api, handler](const QHttpServerRequest &request, const QStringList &, HttpReply reply) {
            handler(api, request, reply);
        };
    };
    const auto deferredWithName = [api](void (*handler)(const HttpApiContext &, const QString &, const HttpReply &)) {
        return [api, handler](const QHttpServerRequest &, const QStringList &args, HttpReply reply) {
            handler(api, args.first(), reply);
        };
    };
    const auto transport = [api](const char *command) {
        return [api, command](const QHttpServerRequest &request, const QStringList &) {
            return transportCommand(api, request, QLatin1String(command));
        };
    };
    router.add({M::Post, QStringLiteral("/api/generate"),
                QStringLiteral("generate MIDI parts from a chord progression"), {}, deferred(generate)});
    router.add({M::Post, QStringLiteral("/api/midi/generate"),
                QStringLiteral("generate, also in the plugin's flat form ({\"chords\": \"C-Am-F-G\", ...})"), {},
                deferred(generate)});
    const QStringList paging{QStringLiteral("limit"), QStringLiteral("cursor")};
    router.add({M::Get, QStringLiteral("/api/midi/list"), QStringLiteral("generated files for plugins (?limit=N&cursor=C)"),
                withRequest(listMidi), {}, paging});
    router.add({M::Post, QStringLiteral("/api/midi/stream"), QStringLiteral("a generated file's bytes ({\"file_id\": name})"),
                withRequest(streamFile)});
    router.add({M::Delete, QStringLiteral("/api/midi/{file_id}"), QStringLiteral("delete a generated file"),
                {}, deferredWithName(deleteFile)});
    router.add({M::Post, QStringLiteral("/api/plugin/register"), QStringLiteral("register a plugin instance"),
                withRequest(registerPlugin)});
    router.add({M::Get, QStringLiteral("/api/plugin/status"), QStringLiteral("registered plugins (?plugin_id=ID)"),
                withRequest(pluginStatus), {}, {QStringLiteral("plugin_id")}});
    router.add({M::Post, QStringLiteral("/api/plugin/heartbeat"), QStringLiteral("a registered plugin's heartbeat"),
                withRequest(pluginHeartbeat)});
    router.add({M::Post, QStringLiteral("/api/transport/start"), QStringLiteral("start the shared transport"),
                transport("start")});
    router.add({M::Post, QStringLiteral("/api/transport/stop"), QStringLiteral("stop the shared transport"),
                transport("stop")});
    router.add({M::Post, QStringLiteral("/api/transport/reset"), QStringLiteral("stop at beat 0"), transport("reset")});
    router.add({M::Post, QStringLiteral("/api/transport/sync"), QStringLiteral("report a DAW's transport"),
                withRequest(transportSync)});
    router.add({M::Get, QStringLiteral("/api/transport/position"), QStringLiteral("the transport, extrapolated to now"),
                noArgs(transportPosition)});
    router.add({M::Get, QStringLiteral("/openapi.json"), QStringLiteral("this API as OpenAPI 3"), noArgs(openApi)});
    router.add({M::Get, QStringLiteral("/docs"), QStringLiteral("this API as a page"), noArgs(apiDocs)});
    router.add({M::Get, QStringLiteral("/redoc"), QStringLiteral("the same page, at the original's address"),
                noArgs(apiDocs)});
    router.add({M::Post, QStringLiteral("/api/analyze"),
                QStringLiteral("parse a progression: chords, key, summary"), withRequest(analyze)});
    router.add({M::Post, QStringLiteral("/api/chords/detect"),
                QStringLiteral("the chords and key of what was played: notes as JSON, a MIDI file (audio/midi), "
                               "or a recording's chords, beats and tempo (audio/wav, audio/flac)"),
                {}, deferred(detectChords),
                {QStringLiteral("resolution"), QStringLiteral("key"), QStringLiteral("time_signature"), QStringLiteral("tempo")}});
    router.add({M::Get, QStringLiteral("/api/styles"), QStringLiteral("the styles a request can name"),
                noArgs(listStyles)});
    router.add({M::Get, QStringLiteral("/api/files"), QStringLiteral("generated files, newest first (?limit=N&cursor=C)"),
                withRequest(listFiles), {}, paging});
    router.add({M::Get, QStringLiteral("/api/files/{filename}"), QStringLiteral("download a generated file"),
                withName(downloadFile)});
    router.add({M::Delete, QStringLiteral("/api/files/{filename}"), QStringLiteral("delete a generated file"),
                {}, deferredWithName(deleteFile)});
    router.add({M::Get, QStringLiteral("/api/files/{filename}/audio"),
                QStringLiteral("a generated file as audio (?format=wav|ogg&mute=parts&gain=part:0..1)"), {},
                [api](const QHttpServerRequest &request, const QStringList &args, HttpReply reply) {
                    fileAudio(api, request, args.first(), reply);
                },
                audioQueryNames()});
    router.add({M::Post, QStringLiteral("/api/render"),
                QStringLiteral("a MIDI file (audio/midi) or a generate body (JSON, nothing stored) as audio"), {},
                deferred(renderToAudio), audioQueryNames()});
    // The published plugin's own client paths (docs/PROTOCOL.md, "Compatibility").
    router.add({M::Post, QStringLiteral("/generate"),
                QStringLiteral("the plugin client's generate: {\"chords\": [...], \"tempo\", \"key\"} -> bass_file, drum_file"),
                {}, deferred(generateForPluginClient)});
    router.add({M::Get, QStringLiteral("/files"), QStringLiteral("the names of the generated files, newest first"),
                noArgs(listFileNames)});
    router.add({M::Get, QStringLiteral("/files/{filename}"), QStringLiteral("download a generated file"),
                withName(downloadFile)});
    router.add({M::Post, QStringLiteral("/api/files/{filename}/regenerate"),
                QStringLiteral("generate a file's track again from its metadata ({\"seed\": n} or a new seed)"), {},
                [api](const QHttpServerRequest &request, const QStringList &args, HttpReply reply) {
                    regenerate(api, request, args.first(), reply);
                }});
}

} // namespace aiband
