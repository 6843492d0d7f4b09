#pragma once

#include "LogLevel.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace aiband {

// The effective settings of one orchestrator run. Every setting the application reads lives
// here; ConfigSchema describes where each one may come from and what values it accepts.
struct Config {
    // server
    QString host = QStringLiteral("127.0.0.1");
    int port = 8000;
    bool debug = false;
    int maxConnections = 1024;
    double shutdownGraceSeconds = 10.0;   // a stop waits this long for work in flight

    // access (docs/SECURITY.md)
    QString token;                  // explicit secret; empty: the one in tokenFile
    QString tokenFile;              // created on first start when missing; empty: none
    bool requireToken = false;      // forced on by a non-loopback host, see tokenRequired()
    QStringList allowedOrigins;     // extra browser origins, normalized ("https://x.example")
    QStringList allowedHosts;       // extra Host names, normalized

    // backend (the built-in engine)
    double generationTimeoutSeconds = 30.0;
    int generationQueueSize = 64;

    // plugin (the folder DAW plugins watch)
    QString filesDir;
    double cleanupHours = 24.0;
    int maxFiles = 1000;
    bool durableWrites = true;

    // engine
    QString stylesDir;                          // the user's own style definitions
    QString defaultStyle = QStringLiteral("pop");

    // logging
    LogLevel logLevel = LogLevel::Info;
    QString logFile;
    int logMaxBytes = 1024 * 1024;
    int logBackupCount = 5;
    int logBufferEntries = 2000;

    // websocket
    double heartbeatIntervalSeconds = 30.0;
    double connectionTimeoutSeconds = 90.0;
    int webSocketMaxMessageBytes = 1024 * 1024;
    int webSocketMaxMessagesPerSecond = 200;

    // limits (docs/SECURITY.md, "Limits"): far above what any plugin or song needs
    int maxBodyBytes = 1024 * 1024;
    int maxHeaderBytes = 16 * 1024;
    int maxUrlLength = 8 * 1024;
    double requestTimeoutSeconds = 10.0;
    double idleTimeoutSeconds = 60.0;
    int maxJsonDepth = 32;
    int maxJsonArrayItems = 10000;
    double generationRatePerMinute = 120.0;
    int generationBurst = 120;
    int maxGenerationsPerClient = 4;
    int maxChords = 1024;
    int maxBars = 1024;

    // ui
    QString uiLanguage;                         // "" follows the system; "en", "es" or "de"
    // ui (the desktop app)
    bool notifyNewFiles = false;   // a tray notification for every new file

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

} // namespace aiband
