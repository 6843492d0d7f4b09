#include "HttpApi.h"

#include "HttpRouter.h"
#include "ClientLimiter.h"
#include "JsonReplies.h"
#include "JsonShape.h"
#include "Orchestrator.h"
#include "generation/FlatGenerateForm.h"
#include "generation/GenerateRequest.h"
#include "generation/ProgressionAnalysis.h"
#include "logging/LogBuffer.h"
#include "music/Style.h"

#include <QFile>
#include <QRandomGenerator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <cmath>

namespace aiband {
namespace {

const QString kDescription = QStringLiteral(
    "A band inside your DAW: send chords, get bass, drums and keys as MIDI files.");

bool isJsonContentType(const QByteArray &contentType)
{
    const QByteArray mime = contentType.split(';').first().trimmed().toLower();
    return mime == "application/json" || mime.endsWith("+json");
}

// Reads a JSON object body, or says why not (415 for another media type, 422 for a body nested
// too deep or with too long an array, 400 for bad JSON). An empty body reads as {} where every
// field is optional.
std::optional<QHttpServerResponse> readJsonObject(const Orchestrator &orchestrator, const QHttpServerRequest &request,
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
    const Config &config = orchestrator.config();
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

QHttpServerResponse index(Orchestrator &orchestrator)
{
    QJsonArray endpoints;
    for (const HttpRoute &route : orchestrator.router().routes())
        endpoints.append(QJsonObject{{QStringLiteral("method"), HttpRouter::methodName(route.method)},
                                     {QStringLiteral("path"), route.pattern},
                                     {QStringLiteral("summary"), route.summary}});
    endpoints.append(QJsonObject{{QStringLiteral("method"), QStringLiteral("WEBSOCKET")},
                                 {QStringLiteral("path"), QStringLiteral("/ws/{plugin_id}")},
                                 {QStringLiteral("summary"), QStringLiteral("plugin session: heartbeats, "
                                                                            "transport, generation, file notices")}});
    endpoints.append(QJsonObject{{QStringLiteral("method"), QStringLiteral("WEBSOCKET")},
                                 {QStringLiteral("path"), QStringLiteral("/ws/sync")},
                                 {QStringLiteral("summary"), QStringLiteral("the same, the plugin id from ?plugin_id= "
                                                                            "or a register message")}});
    return jsonReply({{QStringLiteral("name"), QStringLiteral("AI Band Orchestrator")},
                      {QStringLiteral("version"), QStringLiteral(AIBAND_VERSION)},
                      {QStringLiteral("description"), kDescription},
                      {QStringLiteral("status"), QStringLiteral("running")},
                      {QStringLiteral("time_unit"), QStringLiteral("beats")},
                      {QStringLiteral("endpoints"), endpoints}});
}

QHttpServerResponse health(Orchestrator &orchestrator)
{
    return jsonReply({{QStringLiteral("status"), QStringLiteral("healthy")},
                      {QStringLiteral("version"), QStringLiteral(AIBAND_VERSION)},
                      {QStringLiteral("uptime_seconds"), orchestrator.uptimeSeconds()},
                      {QStringLiteral("plugins_connected"), orchestrator.pluginCount()},
                      {QStringLiteral("files_count"), orchestrator.files().count()},
                      {QStringLiteral("files_dir"), orchestrator.files().directory()},
                      {QStringLiteral("generations"), static_cast<qint64>(orchestrator.generation().generatedCount())},
                      {QStringLiteral("url"), orchestrator.baseUrl().toString()},
                      {QStringLiteral("storage_problem"), orchestrator.storageProblem()}});
}

QHttpServerResponse logs(Orchestrator &orchestrator, const QHttpServerRequest &request)
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
    if (LogBuffer *buffer = orchestrator.logs()) {
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
    if (error.code == QLatin1String("shutting_down"))
        return errorReply(HttpStatus::ServiceUnavailable, error);
    if (error.code == QLatin1String("timeout"))
        return errorReply(HttpStatus::GatewayTimeout, error);
    if (error.code == QLatin1String("insufficient_storage"))
        return errorReply(HttpStatus::InsufficientStorage, error);
    if (error.code == QLatin1String("invalid_filename"))
        return errorReply(HttpStatus::BadRequest, error);
    if (error.code == QLatin1String("file_not_found") || error.code == QLatin1String("metadata_not_found"))
        return errorReply(HttpStatus::NotFound, error);
    if (error.code == QLatin1String("invalid_field") || error.code == QLatin1String("unknown_chord"))
        return errorReply(HttpStatus::UnprocessableEntity, error);
    return errorReply(HttpStatus::InternalServerError, error);
}

QHttpServerResponse generationReply(const GenerationResult &result, const QUrl &baseUrl)
{
    QJsonArray names;
    QJsonArray details;
    QStringList types;
    for (const GeneratedFile &file : result.files) {
        names.append(file.file.name);
        details.append(file.toJson(baseUrl));
        types.append(file.trackType);
    }
    return jsonReply({{QStringLiteral("success"), true},
                      {QStringLiteral("request_id"), result.requestId},
                      {QStringLiteral("files"), names},
                      {QStringLiteral("file_details"), details},
                      {QStringLiteral("metadata"), result.metadata},
                      {QStringLiteral("timings_ms"),
                       QJsonObject{{QStringLiteral("engine"), result.engineMs},
                                   {QStringLiteral("write"), result.writeMs},
                                   {QStringLiteral("total"), result.engineMs + result.writeMs}}},
                      {QStringLiteral("message"),
                       QStringLiteral("Generated %1 file(s): %2").arg(names.size()).arg(types.join(QStringLiteral(", ")))}});
}

// Queues a validated generation under the per-client limits (server.generation_rate_per_minute,
// server.max_generations_per_client) and answers when it is done. The client is the plugin the
// request names, else the address, as every local plugin comes from 127.0.0.1.
void submitLimited(Orchestrator &orchestrator, const QHttpServerRequest &request, GenerateRequest generation,
                   const HttpReply &reply)
{
    const QString client = generation.pluginId.isEmpty()
        ? QStringLiteral("address:") + request.remoteAddress().toString()
        : QStringLiteral("plugin:") + generation.pluginId;
    ClientLimiter &limiter = orchestrator.limiter();
    if (auto refusal = limiter.tryStart(client)) {
        reply.send(statusForError(*refusal));
        return;
    }
    const QUrl baseUrl = orchestrator.baseUrl();
    const Status queued = orchestrator.generation().submit(std::move(generation),
                                                           [reply, baseUrl, client, &limiter](const Result<GenerationResult> &result) {
        limiter.finish(client);
        reply.send(result ? generationReply(*result, baseUrl) : statusForError(result.error()));
    });
    if (!queued) {
        limiter.abandon(client);
        reply.send(statusForError(queued.error()));
    }
}

// POST /api/generate and /api/midi/generate: validated at once, composed on a worker thread,
// answered when done (or not at all if the client has gone; the files are kept either way).
void generate(Orchestrator &orchestrator, const QHttpServerRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(orchestrator, request, body)) {
        reply.send(std::move(*refusal));
        return;
    }
    const bool flat = isFlatForm(body);
    Result<GenerateRequest> parsed = orchestrator.generation().parseRequest(generateBodyFromFlatForm(body));
    if (!parsed) {
        reply.send(errorReply(HttpStatus::UnprocessableEntity, flat ? errorForFlatForm(parsed.error()) : parsed.error()));
        return;
    }
    submitLimited(orchestrator, request, std::move(parsed).value(), reply);
}

// POST /api/files/{filename}/regenerate: the file's track again from its metadata sidecar,
// with {"seed": n} or a new random seed; answered like /api/generate.
void regenerate(Orchestrator &orchestrator, const QHttpServerRequest &request, const QString &name, const HttpReply &reply)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(orchestrator, request, body, true)) {
        reply.send(std::move(*refusal));
        return;
    }
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != QLatin1String("seed")) {
            reply.send(errorReply(HttpStatus::UnprocessableEntity, QStringLiteral("invalid_field"),
                                  QStringLiteral("unknown field \"%1\"; a regeneration takes only \"seed\"").arg(it.key()),
                                  it.key()));
            return;
        }
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
    // Checked before the limits, so a bad name is a 4xx of its own; the regeneration then counts
    // against the plugin that asked for the original (from its sidecar), like its other generations.
    Result<GenerateRequest> generation = orchestrator.generation().regenerationRequest(name, seed);
    if (!generation) {
        reply.send(statusForError(generation.error()));
        return;
    }
    submitLimited(orchestrator, request, std::move(generation).value(), reply);
}

QHttpServerResponse analyze(Orchestrator &orchestrator, const QHttpServerRequest &request)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(orchestrator, request, body))
        return std::move(*refusal);
    // Analysis only needs the progression; the seed is fixed so nothing random is echoed.
    if (!body.contains(QStringLiteral("seed")))
        body.insert(QStringLiteral("seed"), 0);
    Result<GenerateRequest> parsed = orchestrator.generation().parseRequest(body);
    if (!parsed)
        return errorReply(HttpStatus::UnprocessableEntity, parsed.error());
    return jsonReply(describeProgression(*parsed));
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

QHttpServerResponse listStyles(Orchestrator &orchestrator)
{
    const GenerationService &generation = orchestrator.generation();
    QJsonArray styles;
    for (const Style &style : generation.styles().styles())
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
                      {QStringLiteral("default"), generation.defaultStyle()}});
}

Error unknownPlugin(const QString &pluginId)
{
    return makeError(QStringLiteral("unknown_plugin"),
                     QStringLiteral("no plugin \"%1\" is registered; POST /api/plugin/register first").arg(pluginId),
                     QStringLiteral("plugin_id"));
}

std::optional<Error> invalidPluginId(const QJsonValue &value, bool required)
{
    if (value.isUndefined() && !required)
        return std::nullopt;
    if (!value.isString() || !isValidPluginId(value.toString()))
        return makeError(QStringLiteral("invalid_field"), QStringLiteral("plugin_id must be 1-64 letters, digits, '.', '_' or '-'"),
                         QStringLiteral("plugin_id"));
    return std::nullopt;
}

QHttpServerResponse registerPlugin(Orchestrator &orchestrator, const QHttpServerRequest &request)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(orchestrator, request, body, true))
        return std::move(*refusal);
    if (auto error = invalidPluginId(body.value(QStringLiteral("plugin_id")), false))
        return errorReply(HttpStatus::UnprocessableEntity, *error);
    for (const char *field : {"name", "version", "daw"}) {
        const QJsonValue value = body.value(QLatin1String(field));
        if (!value.isUndefined() && !value.isString())
            return errorReply(HttpStatus::UnprocessableEntity, QStringLiteral("invalid_field"),
                              QStringLiteral("%1 must be a string").arg(QLatin1String(field)), QLatin1String(field));
    }
    const QString pluginId = body.contains(QStringLiteral("plugin_id"))
        ? body.value(QStringLiteral("plugin_id")).toString()
        : QStringLiteral("plugin-%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    orchestrator.plugins().registerPlugin(pluginId, request.remoteAddress().toString(), body);
    const Config &config = orchestrator.config();
    return jsonReply({{QStringLiteral("plugin_id"), pluginId},
                      {QStringLiteral("registered"), true},
                      {QStringLiteral("websocket_url"), orchestrator.hub().webSocketUrl(pluginId).toString()},
                      {QStringLiteral("heartbeat_interval"), config.heartbeatIntervalSeconds},
                      {QStringLiteral("connection_timeout"), config.connectionTimeoutSeconds},
                      {QStringLiteral("server_version"), QStringLiteral(AIBAND_VERSION)}});
}

QHttpServerResponse pluginStatus(Orchestrator &orchestrator, const QHttpServerRequest &request)
{
    const QUrlQuery query = request.query();
    QJsonArray plugins;
    if (query.hasQueryItem(QStringLiteral("plugin_id"))) {
        const QString pluginId = query.queryItemValue(QStringLiteral("plugin_id"), QUrl::FullyDecoded);
        const PluginInfo *info = orchestrator.plugins().find(pluginId);
        if (!info)
            return errorReply(HttpStatus::NotFound, unknownPlugin(pluginId));
        plugins.append(info->toJson());
    } else {
        for (const PluginInfo &info : orchestrator.plugins().plugins())
            plugins.append(info.toJson());
    }
    return jsonReply({{QStringLiteral("plugins"), plugins},
                      {QStringLiteral("count"), plugins.size()},
                      {QStringLiteral("connected"), orchestrator.plugins().connectedCount()}});
}

QHttpServerResponse pluginHeartbeat(Orchestrator &orchestrator, const QHttpServerRequest &request)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(orchestrator, request, body))
        return std::move(*refusal);
    if (auto error = invalidPluginId(body.value(QStringLiteral("plugin_id")), true))
        return errorReply(HttpStatus::UnprocessableEntity, *error);
    const QString pluginId = body.value(QStringLiteral("plugin_id")).toString();
    if (!orchestrator.plugins().heartbeat(pluginId))
        return errorReply(HttpStatus::NotFound, unknownPlugin(pluginId));
    return jsonReply({{QStringLiteral("plugin_id"), pluginId},
                      {QStringLiteral("server_time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                      {QStringLiteral("heartbeat_interval"), orchestrator.config().heartbeatIntervalSeconds}});
}

QHttpServerResponse transportPosition(Orchestrator &orchestrator)
{
    return jsonReply(orchestrator.transport().toJson());
}

// start, stop and reset come from HTTP clients (a control surface, a script): every plugin
// follows, so every plugin is told.
QHttpServerResponse transportCommand(Orchestrator &orchestrator, const QHttpServerRequest &request, const QString &command)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(orchestrator, request, body, true))
        return std::move(*refusal);
    TransportClock &clock = orchestrator.transport();
    const QString source = QStringLiteral("http");
    if (command == QLatin1String("start")) {
        // Optionally from a beat and at a tempo, validated as any transport update is.
        QJsonObject update;
        if (body.contains(QStringLiteral("beat")))
            update.insert(QStringLiteral("current_beat"), body.value(QStringLiteral("beat")));
        if (body.contains(QStringLiteral("tempo")))
            update.insert(QStringLiteral("tempo"), body.value(QStringLiteral("tempo")));
        Result<TransportState> state = parseTransport(update, clock.now());
        if (!state) {
            Error error = state.error();
            if (error.field == QLatin1String("current_beat")) {
                error.field = QStringLiteral("beat");
                error.message.replace(QStringLiteral("current_beat"), QStringLiteral("beat"));
            }
            return errorReply(HttpStatus::UnprocessableEntity, error);
        }
        state->playing = true;
        clock.set(*state, source);
    } else if (command == QLatin1String("stop")) {
        clock.stop(source);
    } else {
        clock.reset(source);
    }
    orchestrator.hub().broadcastTransport();
    return jsonReply(clock.toJson());
}

// The original's POST /api/transport/sync: a plugin (or anyone) reports where its DAW is.
QHttpServerResponse transportSync(Orchestrator &orchestrator, const QHttpServerRequest &request)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(orchestrator, request, body))
        return std::move(*refusal);
    if (auto error = invalidPluginId(body.value(QStringLiteral("plugin_id")), false))
        return errorReply(HttpStatus::UnprocessableEntity, *error);
    Result<TransportState> state = parseTransport(body, orchestrator.transport().now());
    if (!state)
        return errorReply(HttpStatus::UnprocessableEntity, state.error());
    const QString pluginId = body.value(QStringLiteral("plugin_id")).toString();
    orchestrator.transport().set(*state, pluginId.isEmpty() ? QStringLiteral("http") : pluginId);
    if (!pluginId.isEmpty())
        orchestrator.plugins().setTransport(pluginId, *state);
    orchestrator.hub().broadcastTransport(pluginId);
    return jsonReply(orchestrator.transport().toJson());
}

QHttpServerResponse listMidi(Orchestrator &orchestrator)
{
    QJsonArray files;
    for (const StoredFile &file : orchestrator.files().list()) {
        // Names carry the key with '#' spelled 's' (Fsm) and the tempo: {time}_{type}_{key}_{tempo}_{id}.mid
        QString key = file.name.section(QLatin1Char('_'), 2, 2);
        if (key.size() >= 2 && key[1] == QLatin1Char('s'))
            key[1] = QLatin1Char('#');
        files.append(QJsonObject{{QStringLiteral("file_id"), file.name},
                                 {QStringLiteral("filename"), file.name},
                                 {QStringLiteral("track_type"), file.trackType},
                                 {QStringLiteral("key"), key},
                                 {QStringLiteral("tempo"), file.name.section(QLatin1Char('_'), 3, 3).toInt()},
                                 {QStringLiteral("url"), fileDownloadUrl(orchestrator.baseUrl(), file.name).toString()},
                                 {QStringLiteral("path"), file.path},
                                 {QStringLiteral("size_bytes"), file.sizeBytes},
                                 {QStringLiteral("created"), file.modified.toUTC().toString(Qt::ISODateWithMs)}});
    }
    return jsonReply({{QStringLiteral("files"), files}, {QStringLiteral("count"), files.size()}});
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

QHttpServerResponse openApi(Orchestrator &)
{
    return resource(QStringLiteral(":/api/openapi.json"), QByteArrayLiteral("application/json"));
}

QHttpServerResponse apiDocs(Orchestrator &)
{
    return resource(QStringLiteral(":/api/api-docs.html"), QByteArrayLiteral("text/html; charset=utf-8"));
}

QHttpServerResponse listFiles(Orchestrator &orchestrator)
{
    QJsonArray files;
    for (const StoredFile &file : orchestrator.files().list()) {
        QJsonObject entry = file.toJson();
        entry.insert(QStringLiteral("url"), fileDownloadUrl(orchestrator.baseUrl(), file.name).toString());
        // How it was made (null for a file without a sidecar): enough to regenerate or vary it.
        const auto metadata = orchestrator.files().readMetadata(file.name);
        entry.insert(QStringLiteral("metadata"), metadata ? QJsonValue(metadata->toJson()) : QJsonValue());
        files.append(entry);
    }
    return jsonReply({{QStringLiteral("files"), files},
                      {QStringLiteral("count"), files.size()},
                      {QStringLiteral("files_dir"), orchestrator.files().directory()}});
}

std::optional<QHttpServerResponse> refuseBadFileName(const QString &name)
{
    if (FileStore::isStoreFileName(name))
        return std::nullopt;
    return errorReply(HttpStatus::BadRequest, QStringLiteral("invalid_filename"),
                      QStringLiteral("not a file name this server creates; GET /api/files lists them"),
                      QStringLiteral("filename"));
}

QHttpServerResponse fileNotFound(const QString &name)
{
    return errorReply(HttpStatus::NotFound, QStringLiteral("file_not_found"),
                      QStringLiteral("no file named %1").arg(name), QStringLiteral("filename"));
}

QHttpServerResponse downloadFile(Orchestrator &orchestrator, const QString &name)
{
    if (auto refusal = refuseBadFileName(name))
        return std::move(*refusal);
    // Pinned while it is read, so cleanup cannot take it away mid-read; once read, the bytes
    // are the reply's and the drain at shutdown waits for them to be sent.
    const FilePin pin(orchestrator.files(), name);
    const auto file = orchestrator.files().find(name);
    QFile handle(file ? file->path : QString());
    if (!file || !handle.open(QIODevice::ReadOnly))
        return fileNotFound(name);
    QHttpServerResponse response(QByteArrayLiteral("audio/midi"), handle.readAll());
    response.setHeader(QByteArrayLiteral("Content-Disposition"),
                       QByteArrayLiteral("attachment; filename=\"") + name.toLatin1() + '"');
    return response;
}

QHttpServerResponse deleteFile(Orchestrator &orchestrator, const QString &name)
{
    if (auto refusal = refuseBadFileName(name))
        return std::move(*refusal);
    if (!orchestrator.files().find(name))
        return fileNotFound(name);
    if (Status removed = orchestrator.files().remove(name); !removed)
        return errorReply(HttpStatus::InternalServerError, removed.error());
    return jsonReply({{QStringLiteral("success"), true}, {QStringLiteral("deleted"), name}});
}

} // namespace

void registerHttpApi(HttpRouter &router, Orchestrator &o)
{
    using M = HttpMethod;
    const auto noArgs = [&o](QHttpServerResponse (*handler)(Orchestrator &)) {
        return [&o, handler](const QHttpServerRequest &, const QStringList &) { return handler(o); };
    };
    const auto withRequest = [&o](QHttpServerResponse (*handler)(Orchestrator &, const QHttpServerRequest &)) {
        return [&o, handler](const QHttpServerRequest &request, const QStringList &) { return handler(o, request); };
    };
    const auto withName = [&o](QHttpServerResponse (*handler)(Orchestrator &, const QString &)) {
        return [&o, handler](const QHttpServerRequest &, const QStringList &args) { return handler(o, args.first()); };
    };

    router.add({M::Get, QStringLiteral("/"), QStringLiteral("this list"), noArgs(index)});
    router.add({M::Get, QStringLiteral("/health"), QStringLiteral("status, version, uptime, plugins, files"),
                noArgs(health)});
    router.add({M::Get, QStringLiteral("/api/config"), QStringLiteral("effective configuration, without secrets"),
                [&o](const QHttpServerRequest &, const QStringList &) { return jsonReply(o.config().toJson()); }});
    router.add({M::Get, QStringLiteral("/api/logs"), QStringLiteral("recent log entries (?since=ID&limit=N)"),
                withRequest(logs)});
    const auto deferred = [&o](void (*handler)(Orchestrator &, const QHttpServerRequest &, const HttpReply &)) {
        return [&o, handler](const QHttpServerRequest &request, const QStringList &, HttpReply reply) {
            handler(o, request, reply);
        };
    };
    const auto transport = [&o](const char *command) {
        return [&o, command](const QHttpServerRequest &request, const QStringList &) {
            return transportCommand(o, request, QLatin1String(command));
        };
    };
    router.add({M::Post, QStringLiteral("/api/generate"),
                QStringLiteral("generate MIDI parts from a chord progression"), {}, deferred(generate)});
    router.add({M::Post, QStringLiteral("/api/midi/generate"),
                QStringLiteral("generate, also in the plugin's flat form ({\"chords\": \"C-Am-F-G\", ...})"), {},
                deferred(generate)});
    router.add({M::Get, QStringLiteral("/api/midi/list"), QStringLiteral("generated files for plugins"), noArgs(listMidi)});
    router.add({M::Delete, QStringLiteral("/api/midi/{file_id}"), QStringLiteral("delete a generated file"),
                withName(deleteFile)});
    router.add({M::Post, QStringLiteral("/api/plugin/register"), QStringLiteral("register a plugin instance"),
                withRequest(registerPlugin)});
    router.add({M::Get, QStringLiteral("/api/plugin/status"), QStringLiteral("registered plugins (?plugin_id=ID)"),
                withRequest(pluginStatus)});
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
    router.add({M::Post, QStringLiteral("/api/analyze"),
                QStringLiteral("parse a progression: chords, key, summary"), withRequest(analyze)});
    router.add({M::Get, QStringLiteral("/api/styles"), QStringLiteral("the styles a request can name"),
                noArgs(listStyles)});
    router.add({M::Get, QStringLiteral("/api/files"), QStringLiteral("generated files, newest first"),
                noArgs(listFiles)});
    router.add({M::Get, QStringLiteral("/api/files/{filename}"), QStringLiteral("download a generated file"),
                withName(downloadFile)});
    router.add({M::Delete, QStringLiteral("/api/files/{filename}"), QStringLiteral("delete a generated file"),
                withName(deleteFile)});
    router.add({M::Post, QStringLiteral("/api/files/{filename}/regenerate"),
                QStringLiteral("generate a file's track again from its metadata ({\"seed\": n} or a new seed)"), {},
                [&o](const QHttpServerRequest &request, const QStringList &args, HttpReply reply) {
                    regenerate(o, request, args.first(), reply);
                }});
}

} // namespace aiband
