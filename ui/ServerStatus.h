#pragma once

#include <QStringList>
#include <QUrl>

namespace aiband {

// The one word the tray icon shows. Ordered from "nothing happening" to "needs the user".
enum class ServerState { Stopped, Listening, Generating, Warning, Error };

// Everything the status words and icon are computed from, taken at one moment. A plain value
// so the computation (StatusSummary::of) can be tested without a server.
struct ServerStatus {
    bool running = false;
    QUrl url;                  // http://host:port while running
    QString startError;        // why the last start failed; empty after a successful start
    int busyPort = 0;          // > 0: the start failed because another program holds this port
    QStringList warnings;      // problems while running: storage, the last generation failing
    int pluginsConnected = 0;
    int filesCount = 0;
    int generationsInFlight = 0;
};

} // namespace aiband
