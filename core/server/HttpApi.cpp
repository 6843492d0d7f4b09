#include "HttpApi.h"

#include "HttpRouter.h"
#include "JsonReplies.h"
#include "Orchestrator.h"
#include "generation/GenerateRequest.h"
#include "generation/ProgressionAnalysis.h"
#include "logging/LogBuffer.h"
#include "music/Style.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace aiband {
namespace {

const QString kDescription = QStringLiteral(
    "A band inside your DAW: send chords, get bass, drums and keys as MIDI files.");

bool isJsonContentType(const QByteArray &contentType)
{
    const QByteArray mime = contentType.split(';').first().trimmed().toLower();
    return mime == "application/json" || mime.endsWith("+json");
}

// Reads a JSON object body, or says why not (415 for another media type, 400 for bad JSON).
std::optional<QHttpServerResponse> readJsonObject(const QHttpServerRequest &request, QJsonObject &out)
{
    const QByteArray contentType = request.value(QByteArrayLiteral("content-type"));
    if (!contentType.isEmpty() && !isJsonContentType(contentType))
        return errorReply(HttpStatus::UnsupportedMediaType, QStringLiteral("unsupported_media_type"),
                          QStringLiteral("send the body as JSON with Content-Type: application/json, not %1")
                              .arg(QString::fromLatin1(contentType)));
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
                      {QStringLiteral("url"), orchestrator.baseUrl().toString()}});
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

QHttpServerResponse generate(Orchestrator &orchestrator, const QHttpServerRequest &request)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(request, body))
        return std::move(*refusal);
    Result<GenerateRequest> parsed = orchestrator.generation().parseRequest(body);
    if (!parsed)
        return errorReply(HttpStatus::UnprocessableEntity, parsed.error());
    Result<GenerationResult> result = orchestrator.generation().generate(*parsed);
    if (!result)
        return errorReply(HttpStatus::InternalServerError, result.error());

    QJsonArray names;
    QJsonArray details;
    QStringList types;
    for (const GeneratedFile &file : result->files) {
        names.append(file.file.name);
        details.append(file.toJson(orchestrator.baseUrl()));
        types.append(file.trackType);
    }
    return jsonReply({{QStringLiteral("success"), true},
                      {QStringLiteral("request_id"), result->requestId},
                      {QStringLiteral("files"), names},
                      {QStringLiteral("file_details"), details},
                      {QStringLiteral("metadata"), result->metadata},
                      {QStringLiteral("timings_ms"),
                       QJsonObject{{QStringLiteral("engine"), result->engineMs},
                                   {QStringLiteral("write"), result->writeMs},
                                   {QStringLiteral("total"), result->engineMs + result->writeMs}}},
                      {QStringLiteral("message"),
                       QStringLiteral("Generated %1 file(s): %2").arg(names.size()).arg(types.join(QStringLiteral(", ")))}});
}

QHttpServerResponse analyze(Orchestrator &orchestrator, const QHttpServerRequest &request)
{
    QJsonObject body;
    if (auto refusal = readJsonObject(request, body))
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

QHttpServerResponse listFiles(Orchestrator &orchestrator)
{
    QJsonArray files;
    for (const StoredFile &file : orchestrator.files().list()) {
        QJsonObject entry = file.toJson();
        entry.insert(QStringLiteral("url"), fileDownloadUrl(orchestrator.baseUrl(), file.name).toString());
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
    router.add({M::Post, QStringLiteral("/api/generate"),
                QStringLiteral("generate MIDI parts from a chord progression"), withRequest(generate)});
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
}

} // namespace aiband
