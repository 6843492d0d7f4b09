#pragma once

#include "config/Config.h"
#include "util/Result.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace aiband {

class Orchestrator;

// Where changed settings go besides the running application.
struct SettingsContext {
    QString configFile;                  // saved here: the file that was read, else userConfigFile()
    QMap<QString, QString> overrides;    // LoadedConfig::overrides: key path -> "environment PORT", "--port"
    QString program;                     // what "start on login" runs (the application's own path)
    QStringList autostartArguments;      // and with which options (e.g. --config FILE)
};

// One change of settings, as the settings window makes it.
struct SettingsChange {
    Config wanted;                        // every setting, validated
    QStringList changedKeys;              // the key paths to save (never the overridden ones)
    std::optional<bool> startOnLogin;     // nullopt: leave the autostart entry as it is
};

// How far a change got. Steps run in this order and stop at the first that fails.
struct SettingsOutcome {
    enum class Failed { Nothing, Applying, Saving, StartOnLogin };
    Failed failed = Failed::Nothing;
    Error error;                          // why, when something failed
    QStringList atNextStart;              // applied and saved, but read only at start
};

// Applies a change: to the running application first (a busy port refuses the whole change,
// and nothing is saved that does not run), then saves the changed keys to the config file,
// then sets "start on login".
SettingsOutcome applySettings(Orchestrator &orchestrator, const SettingsContext &context,
                              const SettingsChange &change);

} // namespace aiband
