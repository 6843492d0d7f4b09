#pragma once

#include "LogLevel.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace aiband {

// The effective settings of one orchestrator run. Every setting the application reads lives
// here; ConfigSchema describes where each one may come from, what values it accepts and its
// default, so the defaults are written there, once, not here.
struct Config {
    // Every setting at its default from the key table (configKeys()). Numbers and flags below
    // start zeroed only so that a member someone forgot to give a row is never indeterminate.
    Config();

    // server
    QString host;
    int port{};
    bool debug{};
    int maxConnections{};
    double shutdownGraceSeconds{};   // a stop waits this long for work in flight

    // access (docs/SECURITY.md)
    QString token;                  // explicit secret; empty: the one in tokenFile
    QString tokenFile;              // created on first start when missing; empty: none
    bool requireToken{};            // forced on by a non-loopback host, see tokenRequired()
    QStringList allowedOrigins;     // extra browser origins, normalized ("https://x.example")
    QStringList allowedHosts;       // extra Host names, normalized

    // backend (the built-in engine)
    double generationTimeoutSeconds{};
    int generationQueueSize{};

    // plugin (the folder DAW plugins watch)
    QString filesDir;
    double cleanupHours{};
    int maxFiles{};
    bool durableWrites{};

    // engine
    QString stylesDir;                          // the user's own style definitions
    QString defaultStyle;

    // audio (audition)
    QString soundFont;                          // a .sf2 file; empty: Debian's fluid-soundfont-gm

    // logging
    LogLevel logLevel{};
    QString logFile;
    int logMaxBytes{};
    int logBackupCount{};
    int logBufferEntries{};

    // websocket
    double heartbeatIntervalSeconds{};
    double connectionTimeoutSeconds{};
    int webSocketMaxMessageBytes{};
    int webSocketMaxMessagesPerSecond{};

    // limits (docs/SECURITY.md, "Limits"): far above what any plugin or song needs
    int maxBodyBytes{};
    int maxRecordingBytes{};   // server.max_recording_bytes: POST /api/chords/detect's audio bodies
    int maxHeaderBytes{};
    int maxUrlLength{};
    double requestTimeoutSeconds{};
    double idleTimeoutSeconds{};
    int maxJsonDepth{};
    int maxJsonArrayItems{};
    double generationRatePerMinute{};
    int generationBurst{};
    int maxGenerationsPerClient{};
    int maxChords{};
    int maxBars{};

    // ui
    QString uiLanguage;                         // "" follows the system; "en", "es" or "de"
    // ui (the desktop app)
    bool notifyNewFiles{};   // a tray notification for every new file

    // Defaults that depend on the platform: files and logs under the per-user data folder.
    static Config withPlatformDefaults();

    // DEBUG=true (the original's switch) lowers the threshold to debug whatever the level says.
    LogLevel effectiveLogLevel() const { return debug ? LogLevel::Debug : logLevel; }

    // A token is needed when asked for, and always when the server is reachable from the network.
    bool tokenRequired() const;

    // Sections and names as in config.json; keys marked secret in the schema are left out.
    QJsonObject toJson() const;

    bool operator==(const Config &) const = default;
};

// Paths of the settings read only at start (Applies::AtNextStart) whose values differ between
// the configuration a run started with and a wanted one: what needs a restart to take effect.
QStringList startOnlySettingsDiffering(const Config &running, const Config &wanted);

// What a running orchestrator can apply of `wanted`: every start-only setting kept at its
// running value.
Config withStartOnlyFrom(Config wanted, const Config &running);

} // namespace aiband
