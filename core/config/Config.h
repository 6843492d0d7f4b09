#pragma once

#include "LogLevel.h"

#include <QJsonObject>
#include <QString>

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

    // Defaults that depend on the platform: files and logs under the per-user data folder.
    static Config withPlatformDefaults();

    // DEBUG=true (the original's switch) lowers the threshold to debug whatever the level says.
    LogLevel effectiveLogLevel() const { return debug ? LogLevel::Debug : logLevel; }

    // Sections and names as in config.json; keys marked secret in the schema are left out.
    QJsonObject toJson() const;

    bool operator==(const Config &) const = default;
};

} // namespace aiband
