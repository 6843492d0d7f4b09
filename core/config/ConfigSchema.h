#pragma once

#include "Config.h"
#include "util/Result.h"

#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>
#include <span>
#include <variant>

namespace aiband {

// Each kind names the Config member it fills, then that member's default (what Config{} holds;
// Config::withPlatformDefaults adds the per-user folders), then what values it accepts.
// `choices`, when given, are the only values accepted ("" among them if empty is allowed).
struct StringSetting { QString Config::*member; QString byDefault; QList<const char *> choices = {}; };
// `refuse`, when set, says why a path cannot be used (nullopt: it can).
struct PathSetting {
    QString Config::*member;
    QString byDefault;
    std::optional<QString> (*refuse)(const QString &path) = nullptr;
};
struct HostSetting { QString Config::*member; QString byDefault; };
struct BoolSetting { bool Config::*member; bool byDefault; };
struct IntSetting { int Config::*member; int byDefault; int min; int max; };
struct DoubleSetting { double Config::*member; double byDefault; double min; double max; };
struct LogLevelSetting { LogLevel Config::*member; LogLevel byDefault; };
// A secret: validated by `valid`, never quoted in an error.
struct SecretSetting {
    QString Config::*member;
    QString byDefault;
    bool (*valid)(const QString &);
    const char *expected;
};
// A JSON array of strings in config.json, comma-separated in the environment; each item is
// normalized (or refused) by `normalize`.
struct StringListSetting {
    QStringList Config::*member;
    QStringList byDefault;
    std::optional<QString> (*normalize)(QStringView);
    const char *expected;
};

using SettingKind = std::variant<StringSetting, PathSetting, HostSetting, BoolSetting, IntSetting,
                                 DoubleSetting, LogLevelSetting, SecretSetting, StringListSetting>;

// Whether a running orchestrator takes a new value (reconfigure) or keeps the one it started
// with until the next start, because something built at start holds it.
enum class Applies { Live, AtNextStart };

// Which tab of the settings window shows a key: General holds what a musician sets up (the
// files folder, the port, language, notifications, the default style and soundfont),
// Advanced the server's limits and everything else.
enum class SettingsGroup { General, Advanced };

// --name <valueName> on the command line. The help is English like the rest of --help; the
// key's default is added to it (settingOptions()).
struct CommandLineOption {
    const char *name = nullptr;       // without dashes; nullptr: no option sets this key
    const char *valueName = nullptr;
    const char *help = nullptr;
};

// One row of the configuration table, the one place a setting is described: where it lives in
// config.json, its default and accepted values, when it takes effect, which environment
// variables and command-line option set it, and how the settings window names and explains it.
// The label, unit and description are English source texts, translated in the context
// "aiband::ConfigKey" (lupdate reads them here).
struct ConfigKey {
    const char *path;                 // "server.port": section and name in config.json
    const char *label;                // "Port": the settings window's name for it
    SettingsGroup group = SettingsGroup::Advanced;
    SettingKind kind;
    const char *unit = nullptr;       // "s", "bytes", "per minute": shown after the value
    Applies applies;
    QList<const char *> environment;  // seed name first, then the AIBAND_ one
    CommandLineOption option = {};
    const char *description;
    bool secret = false;              // never shown by /api/config, logged or in the window
};

// Keys of the original orchestrator that mean nothing for a built-in engine: accepted, reported.
struct IgnoredKey {
    const char *path;
    const char *environment;
    const char *reason;
};

std::span<const ConfigKey> configKeys();
std::span<const IgnoredKey> ignoredConfigKeys();
const ConfigKey *findConfigKeyByOption(const QString &option);

// Parses `value` for `key` and stores it in `config`. `baseDir` resolves relative paths.
// The Error names no source: the caller knows whether it came from a file, the environment
// or the command line.
Status applyJsonValue(Config &config, const ConfigKey &key, const QJsonValue &value,
                      const QString &baseDir);
Status applyText(Config &config, const ConfigKey &key, const QString &text,
                 const QString &baseDir);

QJsonValue settingToJson(const Config &config, const ConfigKey &key);

} // namespace aiband
