#include "ConfigSchema.h"

#include "AccessToken.h"
#include "SystemFolders.h"
#include "net/HostNames.h"

#include <QDir>
#include <QHostAddress>
#include <QJsonArray>

#include <algorithm>
#include <array>
#include <cmath>

namespace aiband {
namespace {

template <class... Ts>
struct Overloaded : Ts... { using Ts::operator()...; };
// Spelled out for clang before 17 (the fuzz build), which does not deduce aggregates' arguments.
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

Error invalid(const QString &message)
{
    return makeError(QStringLiteral("invalid_value"), message);
}

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    case QJsonValue::Double: return QString::number(value.toDouble());
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

QString quotedChoices(const QList<const char *> &choices)
{
    QStringList quoted;
    for (const char *choice : choices)
        quoted.append(QLatin1Char('"') + QLatin1String(choice) + QLatin1Char('"'));
    return quoted.join(QStringLiteral(", "));
}

QString resolvePath(const QString &text, const QString &baseDir)
{
    QString path = text.trimmed();
    if (path.startsWith(QLatin1String("~/")))
        path = QDir::homePath() + path.mid(1);
    return QDir::cleanPath(QDir(baseDir).absoluteFilePath(path));
}

std::optional<bool> parseBool(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("true") || t == QLatin1String("1") || t == QLatin1String("yes")
        || t == QLatin1String("on"))
        return true;
    if (t == QLatin1String("false") || t == QLatin1String("0") || t == QLatin1String("no")
        || t == QLatin1String("off"))
        return false;
    return std::nullopt;
}

Status storeInt(Config &config, const IntSetting &s, double number, const QString &shown)
{
    if (!std::isfinite(number) || std::floor(number) != number || number < s.min || number > s.max)
        return invalid(QStringLiteral("expected a whole number from %1 to %2, got %3")
                           .arg(s.min).arg(s.max).arg(shown));
    config.*s.member = static_cast<int>(number);
    return Done{};
}

Status storeDouble(Config &config, const DoubleSetting &s, double number, const QString &shown)
{
    if (!std::isfinite(number) || number < s.min || number > s.max)
        return invalid(QStringLiteral("expected a number from %1 to %2, got %3")
                           .arg(s.min).arg(s.max).arg(shown));
    config.*s.member = number;
    return Done{};
}

Status storeList(Config &config, const StringListSetting &s, const QStringList &items)
{
    QStringList normalized;
    for (const QString &item : items) {
        if (item.trimmed().isEmpty())
            continue;
        const auto value = s.normalize(item);
        if (!value)
            return invalid(QStringLiteral("expected %1, got \"%2\"").arg(QLatin1String(s.expected), item.trimmed()));
        if (!normalized.contains(*value))
            normalized.append(*value);
    }
    config.*s.member = normalized;
    return Done{};
}

Status storeText(Config &config, const SettingKind &kind, const QString &text,
                 const QString &shown, const QString &baseDir)
{
    return std::visit(
        Overloaded{
            [&](const StringSetting &s) -> Status {
                const auto isChoice = [&](const char *choice) { return text == QLatin1String(choice); };
                if (!s.choices.isEmpty() && std::none_of(s.choices.begin(), s.choices.end(), isChoice))
                    return invalid(QStringLiteral("expected one of %1, got %2")
                                       .arg(quotedChoices(s.choices), shown));
                config.*s.member = text;
                return Done{};
            },
            [&](const PathSetting &s) -> Status {
                if (text.trimmed().isEmpty())
                    return invalid(QStringLiteral("expected a folder or file path, got %1").arg(shown));
                const QString path = resolvePath(text, baseDir);
                if (s.refuse) {
                    if (const auto why = s.refuse(path))
                        return invalid(*why);
                }
                config.*s.member = path;
                return Done{};
            },
            [&](const HostSetting &s) -> Status {
                // Any address may be bound; a non-loopback one makes the token mandatory
                // (Config::tokenRequired), which the orchestrator enforces at start.
                const QString host = text.trimmed();
                if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) != 0
                    && QHostAddress(host).isNull())
                    return invalid(QStringLiteral("expected an IP address or localhost, got %1").arg(shown));
                config.*s.member = host;
                return Done{};
            },
            [&](const BoolSetting &s) -> Status {
                const auto flag = parseBool(text);
                if (!flag)
                    return invalid(QStringLiteral("expected true or false, got %1").arg(shown));
                config.*s.member = *flag;
                return Done{};
            },
            [&](const IntSetting &s) -> Status {
                bool isNumber = false;
                const double number = text.trimmed().toDouble(&isNumber);
                return storeInt(config, s, isNumber ? number : std::nan(""), shown);
            },
            [&](const DoubleSetting &s) -> Status {
                bool isNumber = false;
                const double number = text.trimmed().toDouble(&isNumber);
                return storeDouble(config, s, isNumber ? number : std::nan(""), shown);
            },
            [&](const SecretSetting &s) -> Status {
                const QString secret = text.trimmed();
                if (!s.valid(secret))
                    return invalid(QStringLiteral("expected %1 (the value is not shown)").arg(QLatin1String(s.expected)));
                config.*s.member = secret;
                return Done{};
            },
            [&](const StringListSetting &s) -> Status {
                return storeList(config, s, text.split(QLatin1Char(','), Qt::SkipEmptyParts));
            },
            [&](const LogLevelSetting &s) -> Status {
                const auto level = parseLogLevel(text);
                if (!level)
                    return invalid(QStringLiteral("expected debug, info, warning, error or "
                                                  "critical, got %1").arg(shown));
                config.*s.member = *level;
                return Done{};
            },
        },
        kind);
}

} // namespace

std::span<const ConfigKey> configKeys()
{
    // Function-local, like every table here: built on first use, so Config(), which takes its
    // defaults from here, works even in another file's static initializer.
    static const ConfigKey keys[] = {
        {.path = "server.host",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Host"),
         .kind = HostSetting{&Config::host, "127.0.0.1"},
         .applies = Applies::Live,
         .environment = {"HOST", "AIBAND_HOST"},
         .option = {"host", "address", "Address to listen on"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Address to listen on. Anything but loopback (127.0.0.1, ::1, localhost) requires the token.")},
        {.path = "server.port",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Port"),
         .group = SettingsGroup::General,
         .kind = IntSetting{&Config::port, 8000, 0, 65535},
         .applies = Applies::Live,
         .environment = {"PORT", "AIBAND_PORT"},
         .option = {"port", "port", "Port to listen on; 0 picks a free one"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "TCP port; 0 picks a free one and prints it.")},
        {.path = "server.debug",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Debug"),
         .kind = BoolSetting{&Config::debug, false},
         .applies = Applies::Live,
         .environment = {"DEBUG", "AIBAND_DEBUG"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Log at debug level whatever logging.level says.")},
        {.path = "server.max_connections",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max connections"),
         .kind = IntSetting{&Config::maxConnections, 1024, 1, 100000},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "connections"),
         .applies = Applies::AtNextStart,   // each listener takes it as it is made
         .environment = {"AIBAND_MAX_CONNECTIONS"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Open connections (HTTP and WebSocket) beyond which new ones get 503.")},
        {.path = "server.token",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Access token"),
         .kind = SecretSetting{&Config::token, {}, &AccessToken::isWellFormed, "22 or more of A-Z a-z 0-9 - _ . ~"},
         .applies = Applies::AtNextStart,   // the token in use changes by regenerating it
         .environment = {"AIBAND_TOKEN"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "The access token, instead of the one in server.token_file."),
         .secret = true},
        {.path = "server.token_file",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Token file"),
         .kind = PathSetting{&Config::tokenFile, {}},
         .applies = Applies::AtNextStart,   // the token is read or made from it at start
         .environment = {"AIBAND_TOKEN_FILE"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "File holding the access token (mode 0600); made with a new random token when missing.")},
        {.path = "server.require_token",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Require token"),
         .kind = BoolSetting{&Config::requireToken, false},
         .applies = Applies::Live,
         .environment = {"AIBAND_REQUIRE_TOKEN"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Require the token on loopback too; always on for any other host.")},
        {.path = "server.allowed_origins",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Allowed origins"),
         .kind = StringListSetting{&Config::allowedOrigins, {}, &normalizedOrigin, "origins such as https://studio.example:8443"},
         .applies = Applies::Live,
         .environment = {"AIBAND_ALLOWED_ORIGINS"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Web pages (origins) besides the server's own that may call the API from a browser.")},
        {.path = "server.allowed_hosts",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Allowed hosts"),
         .kind = StringListSetting{&Config::allowedHosts, {}, &normalizedHostName, "host names or addresses such as studio.local"},
         .applies = Applies::Live,
         .environment = {"AIBAND_ALLOWED_HOSTS"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Names besides loopback and the bind address that clients may reach the server by (Host).")},
        {.path = "backend.timeout",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Timeout"),
         .kind = DoubleSetting{&Config::generationTimeoutSeconds, 30.0, 0.1, 3600.0},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "s"),
         .applies = Applies::Live,
         .environment = {"BACKEND_TIMEOUT", "AIBAND_BACKEND_TIMEOUT"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Seconds a generation may take before it is answered with an error.")},
        {.path = "backend.queue_size",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Queue size"),
         .kind = IntSetting{&Config::generationQueueSize, 64, 1, 10000},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "generations"),
         .applies = Applies::Live,
         .environment = {"AIBAND_QUEUE_SIZE"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Generations waiting or running at once; more are answered 503 busy.")},
        {.path = "plugin.folder",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Folder"),
         .group = SettingsGroup::General,
         .kind = PathSetting{&Config::filesDir, {}, whyNotAFilesFolder},
         .applies = Applies::AtNextStart,   // the file store is built around it
         .environment = {"GENERATED_FILES_DIR", "AIBAND_FILES_DIR"},
         .option = {"files-dir", "dir", "Folder for generated MIDI files (the one plugins watch)"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Folder the MIDI files are written to (plugins watch it).")},
        {.path = "plugin.cleanup_hours",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Cleanup hours"),
         .kind = DoubleSetting{&Config::cleanupHours, 24.0, 0.0, 87600.0},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "h"),
         .applies = Applies::Live,
         .environment = {"CLEANUP_HOURS", "AIBAND_CLEANUP_HOURS"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Age in hours after which generated files are removed; 0 keeps them.")},
        {.path = "plugin.max_files",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max files"),
         .kind = IntSetting{&Config::maxFiles, 1000, 1, 1000000},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "files"),
         .applies = Applies::Live,
         .environment = {"MAX_FILES", "AIBAND_MAX_FILES"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Most files kept in the folder.")},
        {.path = "engine.styles_dir",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Styles dir"),
         .kind = PathSetting{&Config::stylesDir, {}},
         .applies = Applies::AtNextStart,   // the styles are read once, at start
         .environment = {"AIBAND_STYLES_DIR"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Folder of your own style definitions (*.json), read at start.")},
        {.path = "engine.default_style",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Default style"),
         .group = SettingsGroup::General,
         .kind = StringSetting{&Config::defaultStyle, "pop"},
         .applies = Applies::Live,
         .environment = {"AIBAND_DEFAULT_STYLE"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Style used when a request names none.")},
        {.path = "audio.soundfont",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "SoundFont"),
         .group = SettingsGroup::General,
         .kind = PathSetting{&Config::soundFont, {}},
         .applies = Applies::Live,   // found again for every render
         .environment = {"AIBAND_SOUNDFONT"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "SoundFont (.sf2) takes are played with when you listen to them; empty uses the General MIDI one of fluid-soundfont-gm.")},
        {.path = "plugin.durable_writes",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Durable writes"),
         .kind = BoolSetting{&Config::durableWrites, true},
         .applies = Applies::AtNextStart,   // the file store is built with it
         .environment = {"AIBAND_DURABLE_WRITES"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Put each take on the disk before it appears (survives a power cut); off is faster.")},
        {.path = "logging.level",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Level"),
         .kind = LogLevelSetting{&Config::logLevel, LogLevel::Info},
         .applies = Applies::Live,
         .environment = {"LOG_LEVEL", "AIBAND_LOG_LEVEL"},
         .option = {"log-level", "level", "debug, info, warning, error or critical"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "debug, info, warning, error or critical.")},
        {.path = "logging.file",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "File"),
         .kind = PathSetting{&Config::logFile, {}},
         .applies = Applies::AtNextStart,   // main()'s log router opens it
         .environment = {"AIBAND_LOG_FILE"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Log file; rotated when it reaches logging.max_bytes.")},
        {.path = "logging.max_bytes",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max bytes"),
         .kind = IntSetting{&Config::logMaxBytes, 1024 * 1024, 4096, 1024 * 1024 * 1024},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "bytes"),
         .applies = Applies::AtNextStart,   // main()'s log router rotates by it
         .environment = {"AIBAND_LOG_MAX_BYTES"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Size at which the log rotates.")},
        {.path = "logging.backup_count",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Backup count"),
         .kind = IntSetting{&Config::logBackupCount, 5, 0, 100},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "files"),
         .applies = Applies::AtNextStart,   // main()'s log router rotates by it
         .environment = {"AIBAND_LOG_BACKUP_COUNT"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Rotated log files kept.")},
        {.path = "logging.buffer_entries",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Buffer entries"),
         .kind = IntSetting{&Config::logBufferEntries, 2000, 10, 1000000},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "lines"),
         .applies = Applies::AtNextStart,   // main() sizes the log buffer with it
         .environment = {"AIBAND_LOG_BUFFER_ENTRIES"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Log lines kept in memory for /api/logs and the Logs tab.")},
        {.path = "websocket.heartbeat_interval",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Heartbeat interval"),
         .kind = DoubleSetting{&Config::heartbeatIntervalSeconds, 30.0, 0.1, 3600.0},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "s"),
         .applies = Applies::Live,
         .environment = {"AIBAND_HEARTBEAT_INTERVAL"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Seconds between the heartbeats plugins are asked to send.")},
        {.path = "websocket.connection_timeout",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Connection timeout"),
         .kind = DoubleSetting{&Config::connectionTimeoutSeconds, 90.0, 0.1, 86400.0},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "s"),
         .applies = Applies::Live,
         .environment = {"AIBAND_CONNECTION_TIMEOUT"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Seconds of silence after which a plugin session is considered gone.")},
        {.path = "websocket.max_message_bytes",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max message bytes"),
         .kind = IntSetting{&Config::webSocketMaxMessageBytes, 1024 * 1024, 1024, 64 * 1024 * 1024},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "bytes"),
         .applies = Applies::AtNextStart,   // each socket takes it as it is made
         .environment = {"AIBAND_WS_MAX_MESSAGE_BYTES"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Largest WebSocket message accepted.")},
        {.path = "websocket.max_messages_per_second",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max messages per second"),
         .kind = IntSetting{&Config::webSocketMaxMessagesPerSecond, 200, 1, 1000000},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "per second"),
         .applies = Applies::Live,
         .environment = {"AIBAND_WS_MAX_MESSAGES_PER_SECOND"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Messages one plugin session may send per second (bursts up to as many); more get an error.")},
        {.path = "server.max_body_bytes",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max body bytes"),
         .kind = IntSetting{&Config::maxBodyBytes, 1024 * 1024, 1024, 1024 * 1024 * 1024},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "bytes"),
         .applies = Applies::AtNextStart,   // the listener holds the HTTP limits
         .environment = {"AIBAND_MAX_BODY_BYTES"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Largest HTTP request body; larger ones get 413 before they are read.")},
        {.path = "server.max_recording_bytes",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max recording bytes"),
         .kind = IntSetting{&Config::maxRecordingBytes, 128 * 1024 * 1024, 1024 * 1024, 1024 * 1024 * 1024},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "bytes"),
         .applies = Applies::AtNextStart,   // the listener holds the HTTP limits
         .environment = {"AIBAND_MAX_RECORDING_BYTES"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Largest recording sent to hear its chords (WAV or FLAC); 128 MiB holds ten minutes of CD-quality WAV.")},
        {.path = "server.max_header_bytes",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max header bytes"),
         .kind = IntSetting{&Config::maxHeaderBytes, 16 * 1024, 1024, 1024 * 1024},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "bytes"),
         .applies = Applies::AtNextStart,   // the listener holds the HTTP limits
         .environment = {"AIBAND_MAX_HEADER_BYTES"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Largest block of HTTP request headers; larger ones get 431.")},
        {.path = "server.max_url_length",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max URL length"),
         .kind = IntSetting{&Config::maxUrlLength, 8 * 1024, 256, 1024 * 1024},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "characters"),
         .applies = Applies::AtNextStart,   // the listener holds the HTTP limits
         .environment = {"AIBAND_MAX_URL_LENGTH"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Longest request URL (path and query); longer ones get 414.")},
        {.path = "server.request_timeout",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Request timeout"),
         .kind = DoubleSetting{&Config::requestTimeoutSeconds, 10.0, 0.1, 3600.0},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "s"),
         .applies = Applies::AtNextStart,   // the listener holds the HTTP limits
         .environment = {"AIBAND_REQUEST_TIMEOUT"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Seconds from a request's first byte to its last; a slower client gets 408 and is closed.")},
        {.path = "server.idle_timeout",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Idle timeout"),
         .kind = DoubleSetting{&Config::idleTimeoutSeconds, 60.0, 0.1, 86400.0},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "s"),
         .applies = Applies::AtNextStart,   // the listener holds the HTTP limits
         .environment = {"AIBAND_IDLE_TIMEOUT"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Seconds an HTTP keep-alive connection may sit idle before it is closed (at least backend.timeout).")},
        {.path = "server.max_json_depth",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max JSON depth"),
         .kind = IntSetting{&Config::maxJsonDepth, 32, 2, 10000},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "levels"),
         .applies = Applies::Live,
         .environment = {"AIBAND_MAX_JSON_DEPTH"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Deepest nesting of JSON objects and arrays in a request or message; deeper gets 422.")},
        {.path = "server.max_json_array_items",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max JSON array items"),
         .kind = IntSetting{&Config::maxJsonArrayItems, 10000, 1, 100000000},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "items"),
         .applies = Applies::Live,
         .environment = {"AIBAND_MAX_JSON_ARRAY_ITEMS"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Most items in any JSON array of a request or message; more gets 422.")},
        {.path = "server.generation_rate_per_minute",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Generation rate per minute"),
         .kind = DoubleSetting{&Config::generationRatePerMinute, 120.0, 0.01, 1000000.0},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "per minute"),
         .applies = Applies::Live,
         .environment = {"AIBAND_GENERATION_RATE_PER_MINUTE"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Generations one client (plugin id, else address) may start per minute; more get 429.")},
        {.path = "server.generation_burst",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Generation burst"),
         .kind = IntSetting{&Config::generationBurst, 120, 1, 1000000},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "generations"),
         .applies = Applies::Live,
         .environment = {"AIBAND_GENERATION_BURST"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Generations a client that has been quiet may start at once before the rate applies.")},
        {.path = "server.max_generations_per_client",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max generations per client"),
         .kind = IntSetting{&Config::maxGenerationsPerClient, 4, 1, 100000},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "generations"),
         .applies = Applies::Live,
         .environment = {"AIBAND_MAX_GENERATIONS_PER_CLIENT"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Generations one client may have running at once; more get 429.")},
        {.path = "engine.max_chords",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max chords"),
         .kind = IntSetting{&Config::maxChords, 1024, 1, 1000000},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "chords"),
         .applies = Applies::Live,
         .environment = {"AIBAND_MAX_CHORDS"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Most chords in one request's progression; more get 422.")},
        {.path = "engine.max_bars",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max bars"),
         .kind = IntSetting{&Config::maxBars, 1024, 1, 100000},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "bars"),
         .applies = Applies::Live,
         .environment = {"AIBAND_MAX_BARS"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Longest song one request may ask for, in bars of its meter; longer gets 422.")},
        {.path = "ui.language",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Language"),
         .group = SettingsGroup::General,
         .kind = StringSetting{&Config::uiLanguage, {}, {"", "en", "es", "de"}},
         .applies = Applies::Live,
         .environment = {"AIBAND_UI_LANGUAGE"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Language of the desktop interface: empty follows the system, or en, es, de.")},
        {.path = "ui.notify_new_files",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Notify new files"),
         .group = SettingsGroup::General,
         .kind = BoolSetting{&Config::notifyNewFiles, false},
         .applies = Applies::Live,
         .environment = {"AIBAND_NOTIFY_NEW_FILES"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Show a desktop notification when new files are generated.")},
        {.path = "server.shutdown_grace",
         .label = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Shutdown grace"),
         .kind = DoubleSetting{&Config::shutdownGraceSeconds, 10.0, 0.0, 3600.0},
         .unit = QT_TRANSLATE_NOOP("aiband::ConfigKey", "s"),
         .applies = Applies::Live,
         .environment = {"AIBAND_SHUTDOWN_GRACE"},
         .description = QT_TRANSLATE_NOOP("aiband::ConfigKey", "Seconds a stop (SIGTERM, Quit) waits for running generations and downloads to finish.")},
    };
    return keys;
}

std::span<const IgnoredKey> ignoredConfigKeys()
{
    static const auto ignored = std::to_array<IgnoredKey>({
        {"backend.path", "BACKEND_PATH", "the engine is built in; there is no backend to locate"},
        {"server.reload", nullptr, "code reloading is a Python development feature"},
    });
    return ignored;
}

const ConfigKey *findConfigKeyByOption(const QString &option)
{
    for (const ConfigKey &key : configKeys()) {
        if (key.option.name && option == QLatin1String(key.option.name))
            return &key;
    }
    return nullptr;
}

Status applyJsonValue(Config &config, const ConfigKey &key, const QJsonValue &value,
                      const QString &baseDir)
{
    const QString shown = describe(value);
    // Numbers and booleans must have their JSON type; strings are only accepted where the
    // setting is text, so "port": "80OO" is refused instead of being read as something else.
    return std::visit(
        Overloaded{
            [&](const IntSetting &s) -> Status {
                if (!value.isDouble())
                    return storeInt(config, s, std::nan(""), shown);
                return storeInt(config, s, value.toDouble(), shown);
            },
            [&](const DoubleSetting &s) -> Status {
                if (!value.isDouble())
                    return storeDouble(config, s, std::nan(""), shown);
                return storeDouble(config, s, value.toDouble(), shown);
            },
            [&](const StringListSetting &s) -> Status {
                if (!value.isArray())
                    return invalid(QStringLiteral("expected an array of %1, got %2").arg(QLatin1String(s.expected), shown));
                QStringList items;
                for (const QJsonValue &item : value.toArray()) {
                    if (!item.isString())
                        return invalid(QStringLiteral("expected an array of %1, got an item %2")
                                           .arg(QLatin1String(s.expected), describe(item)));
                    items.append(item.toString());
                }
                return storeList(config, s, items);
            },
            [&](const SecretSetting &) -> Status {
                if (!value.isString())
                    return invalid(QStringLiteral("expected a string (the value is not shown)"));
                return storeText(config, key.kind, value.toString(), {}, baseDir);
            },
            [&](const BoolSetting &s) -> Status {
                if (!value.isBool())
                    return invalid(QStringLiteral("expected true or false, got %1").arg(shown));
                config.*s.member = value.toBool();
                return Done{};
            },
            [&](const auto &) -> Status {
                if (!value.isString())
                    return invalid(QStringLiteral("expected a string, got %1").arg(shown));
                return storeText(config, key.kind, value.toString(), shown, baseDir);
            },
        },
        key.kind);
}

Status applyText(Config &config, const ConfigKey &key, const QString &text, const QString &baseDir)
{
    return storeText(config, key.kind, text, QLatin1Char('"') + text + QLatin1Char('"'), baseDir);
}

QJsonValue settingToJson(const Config &config, const ConfigKey &key)
{
    return std::visit(
        Overloaded{
            [&](const StringSetting &s) -> QJsonValue { return config.*s.member; },
            [&](const PathSetting &s) -> QJsonValue { return config.*s.member; },
            [&](const HostSetting &s) -> QJsonValue { return config.*s.member; },
            [&](const BoolSetting &s) -> QJsonValue { return config.*s.member; },
            [&](const IntSetting &s) -> QJsonValue { return config.*s.member; },
            [&](const DoubleSetting &s) -> QJsonValue { return config.*s.member; },
            [&](const LogLevelSetting &s) -> QJsonValue { return logLevelName(config.*s.member); },
            [&](const SecretSetting &s) -> QJsonValue { return config.*s.member; },
            [&](const StringListSetting &s) -> QJsonValue { return QJsonArray::fromStringList(config.*s.member); },
        },
        key.kind);
}

} // namespace aiband
