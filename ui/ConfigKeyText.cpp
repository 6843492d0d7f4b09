#include "ConfigKeyText.h"

#include <QCoreApplication>
#include <QHash>

namespace aiband::ConfigKeyText {
namespace {

// Labels are the key's name in config.json made readable, so the window and the file speak of
// the same things. Listed here (rather than only derived) so lupdate can extract them;
// tst_translations fails when a key shown in the window has no translated label.
const QHash<QString, const char *> &labels()
{
    static const QHash<QString, const char *> table{
        {QStringLiteral("server.host"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Host")},
        {QStringLiteral("server.port"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Port")},
        {QStringLiteral("server.debug"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Debug")},
        {QStringLiteral("server.max_connections"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max connections")},
        {QStringLiteral("server.token_file"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Token file")},
        {QStringLiteral("server.require_token"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Require token")},
        {QStringLiteral("server.allowed_origins"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Allowed origins")},
        {QStringLiteral("server.allowed_hosts"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Allowed hosts")},
        {QStringLiteral("backend.timeout"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Timeout")},
        {QStringLiteral("backend.queue_size"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Queue size")},
        {QStringLiteral("plugin.folder"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Folder")},
        {QStringLiteral("plugin.cleanup_hours"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Cleanup hours")},
        {QStringLiteral("plugin.max_files"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max files")},
        {QStringLiteral("plugin.durable_writes"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Durable writes")},
        {QStringLiteral("engine.styles_dir"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Styles dir")},
        {QStringLiteral("engine.default_style"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Default style")},
        {QStringLiteral("engine.max_chords"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max chords")},
        {QStringLiteral("engine.max_bars"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max bars")},
        {QStringLiteral("logging.level"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Level")},
        {QStringLiteral("logging.file"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "File")},
        {QStringLiteral("logging.max_bytes"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max bytes")},
        {QStringLiteral("logging.backup_count"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Backup count")},
        {QStringLiteral("logging.buffer_entries"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Buffer entries")},
        {QStringLiteral("websocket.heartbeat_interval"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Heartbeat interval")},
        {QStringLiteral("websocket.connection_timeout"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Connection timeout")},
        {QStringLiteral("websocket.max_message_bytes"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max message bytes")},
        {QStringLiteral("websocket.max_messages_per_second"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max messages per second")},
        {QStringLiteral("server.max_body_bytes"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max body bytes")},
        {QStringLiteral("server.max_header_bytes"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max header bytes")},
        {QStringLiteral("server.max_url_length"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max URL length")},
        {QStringLiteral("server.request_timeout"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Request timeout")},
        {QStringLiteral("server.idle_timeout"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Idle timeout")},
        {QStringLiteral("server.shutdown_grace"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Shutdown grace")},
        {QStringLiteral("server.max_json_depth"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max JSON depth")},
        {QStringLiteral("server.max_json_array_items"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max JSON array items")},
        {QStringLiteral("server.generation_rate_per_minute"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Generation rate per minute")},
        {QStringLiteral("server.generation_burst"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Generation burst")},
        {QStringLiteral("server.max_generations_per_client"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Max generations per client")},
        {QStringLiteral("ui.language"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Language")},
        {QStringLiteral("ui.notify_new_files"), QT_TRANSLATE_NOOP("aiband::ConfigKey", "Notify new files")},
    };
    return table;
}

} // namespace

QString sourceLabel(const ConfigKey &key)
{
    const QString path = QString::fromLatin1(key.path);
    if (const char *listed = labels().value(path))
        return QString::fromUtf8(listed);
    // "server.max_connections" -> "Max connections"
    QString name = path.section(QLatin1Char('.'), 1).replace(QLatin1Char('_'), QLatin1Char(' '));
    return name.left(1).toUpper() + name.mid(1);
}

QString label(const ConfigKey &key)
{
    return QCoreApplication::translate(kContext, sourceLabel(key).toUtf8().constData());
}

QString description(const ConfigKey &key)
{
    return QCoreApplication::translate(kContext, key.description);
}

} // namespace aiband::ConfigKeyText
