#include "ConfigSchema.h"

#include <QDir>
#include <QHostAddress>

#include <array>
#include <cmath>

namespace aiband {
namespace {

template <class... Ts>
struct Overloaded : Ts... { using Ts::operator()...; };

const auto kKeys = std::to_array<ConfigKey>({
    {"server.host", {"HOST", "AIBAND_HOST"}, "host", HostSetting{&Config::host},
     "Address to listen on. Loopback only (127.0.0.1, ::1, localhost) until token auth exists."},
    {"server.port", {"PORT", "AIBAND_PORT"}, "port", IntSetting{&Config::port, 0, 65535},
     "TCP port; 0 picks a free one and prints it."},
    {"server.debug", {"DEBUG", "AIBAND_DEBUG"}, nullptr, BoolSetting{&Config::debug},
     "Log at debug level whatever logging.level says."},
    {"server.max_connections", {"AIBAND_MAX_CONNECTIONS"}, nullptr,
     IntSetting{&Config::maxConnections, 1, 100000},
     "Open connections (HTTP and WebSocket) beyond which new ones get 503."},
    {"backend.timeout", {"BACKEND_TIMEOUT", "AIBAND_BACKEND_TIMEOUT"}, nullptr,
     DoubleSetting{&Config::generationTimeoutSeconds, 0.1, 3600.0},
     "Seconds a generation may take before it is answered with an error."},
    {"backend.queue_size", {"AIBAND_QUEUE_SIZE"}, nullptr, IntSetting{&Config::generationQueueSize, 1, 10000},
     "Generations waiting or running at once; more are answered 503 busy."},
    {"plugin.folder", {"GENERATED_FILES_DIR", "AIBAND_FILES_DIR"}, "files-dir",
     PathSetting{&Config::filesDir}, "Folder the MIDI files are written to (plugins watch it)."},
    {"plugin.cleanup_hours", {"CLEANUP_HOURS", "AIBAND_CLEANUP_HOURS"}, nullptr,
     DoubleSetting{&Config::cleanupHours, 0.0, 87600.0},
     "Age in hours after which generated files are removed; 0 keeps them."},
    {"plugin.max_files", {"MAX_FILES", "AIBAND_MAX_FILES"}, nullptr,
     IntSetting{&Config::maxFiles, 1, 1000000}, "Most files kept in the folder."},
    {"engine.styles_dir", {"AIBAND_STYLES_DIR"}, nullptr, PathSetting{&Config::stylesDir},
     "Folder of your own style definitions (*.json), read at start."},
    {"engine.default_style", {"AIBAND_DEFAULT_STYLE"}, nullptr, StringSetting{&Config::defaultStyle},
     "Style used when a request names none."},
    {"plugin.durable_writes", {"AIBAND_DURABLE_WRITES"}, nullptr, BoolSetting{&Config::durableWrites},
     "Sync each file to the disk before it appears (survives a power cut); off is faster."},
    {"logging.level", {"LOG_LEVEL", "AIBAND_LOG_LEVEL"}, "log-level",
     LogLevelSetting{&Config::logLevel}, "debug, info, warning, error or critical."},
    {"logging.file", {"AIBAND_LOG_FILE"}, nullptr, PathSetting{&Config::logFile},
     "Log file; rotated when it reaches logging.max_bytes."},
    {"logging.max_bytes", {"AIBAND_LOG_MAX_BYTES"}, nullptr,
     IntSetting{&Config::logMaxBytes, 4096, 1024 * 1024 * 1024}, "Size at which the log rotates."},
    {"logging.backup_count", {"AIBAND_LOG_BACKUP_COUNT"}, nullptr,
     IntSetting{&Config::logBackupCount, 0, 100}, "Rotated log files kept."},
    {"logging.buffer_entries", {"AIBAND_LOG_BUFFER_ENTRIES"}, nullptr,
     IntSetting{&Config::logBufferEntries, 10, 1000000},
     "Log lines kept in memory for /api/logs and the Logs tab."},
    {"websocket.heartbeat_interval", {"AIBAND_HEARTBEAT_INTERVAL"}, nullptr,
     DoubleSetting{&Config::heartbeatIntervalSeconds, 0.1, 3600.0},
     "Seconds between the heartbeats plugins are asked to send."},
    {"websocket.connection_timeout", {"AIBAND_CONNECTION_TIMEOUT"}, nullptr,
     DoubleSetting{&Config::connectionTimeoutSeconds, 0.1, 86400.0},
     "Seconds of silence after which a plugin session is considered gone."},
    {"websocket.max_message_bytes", {"AIBAND_WS_MAX_MESSAGE_BYTES"}, nullptr,
     IntSetting{&Config::webSocketMaxMessageBytes, 1024, 64 * 1024 * 1024},
     "Largest WebSocket message accepted."},
    {"server.shutdown_grace", {"AIBAND_SHUTDOWN_GRACE"}, nullptr,
     DoubleSetting{&Config::shutdownGraceSeconds, 0.0, 3600.0},
     "Seconds a stop (SIGTERM, Quit) waits for running generations and downloads to finish."},
});

const auto kIgnored = std::to_array<IgnoredKey>({
    {"backend.path", "BACKEND_PATH", "the engine is built in; there is no backend to locate"},
    {"server.reload", nullptr, "code reloading is a Python development feature"},
});

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

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
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

Status storeText(Config &config, const SettingKind &kind, const QString &text,
                 const QString &shown, const QString &baseDir)
{
    return std::visit(
        Overloaded{
            [&](const StringSetting &s) -> Status {
                config.*s.member = text;
                return Done{};
            },
            [&](const PathSetting &s) -> Status {
                if (text.trimmed().isEmpty())
                    return invalid(QStringLiteral("expected a folder or file path, got %1").arg(shown));
                config.*s.member = resolvePath(text, baseDir);
                return Done{};
            },
            [&](const HostSetting &s) -> Status {
                const QString host = text.trimmed();
                if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) != 0
                    && QHostAddress(host).isNull())
                    return invalid(QStringLiteral("expected an IP address or localhost, got %1").arg(shown));
                if (!isLoopbackHost(host))
                    return invalid(QStringLiteral(
                        "%1 would expose the server to the network, which needs token "
                        "authentication; this version only listens on loopback "
                        "(127.0.0.1, ::1 or localhost)").arg(shown));
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
    return kKeys;
}

std::span<const IgnoredKey> ignoredConfigKeys()
{
    return kIgnored;
}

const ConfigKey *findConfigKeyByOption(const QString &option)
{
    for (const ConfigKey &key : configKeys()) {
        if (key.option && option == QLatin1String(key.option))
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
        },
        key.kind);
}

} // namespace aiband
