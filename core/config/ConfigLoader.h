#pragma once

#include "Config.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace aiband {

// Everything a configuration can come from, lowest precedence first after the defaults.
struct ConfigSources {
    Config defaults = Config::withPlatformDefaults();
    QString explicitFile;           // --config FILE: must exist when given
    QStringList candidateFiles;     // first existing one is read when no --config
    QProcessEnvironment environment;
    QMap<QString, QString> options; // command-line option name (no dashes) -> value
    QString workingDir;             // base for relative paths from environment and options
};

struct LoadedConfig {
    Config config;
    QString file;            // the config file that was read, empty when none
    QStringList notices;     // ignored or unknown keys: worth a warning, not a refusal
    QStringList errors;      // each names its source; any error means the config is refused
    // Key paths set by the environment or the command line, with where: "environment PORT",
    // "--port". They beat the config file, so editing them in a settings window would not last.
    QMap<QString, QString> overrides;
    bool ok() const { return errors.isEmpty(); }
};

// The usual places: ./config.json, then config.json in the per-user config folder.
QStringList defaultConfigCandidates();

// Layers defaults < config file < environment < command line. Every invalid value is
// reported (with its file, variable or option); none is silently replaced by a default.
LoadedConfig loadConfig(const ConfigSources &sources);

} // namespace aiband
