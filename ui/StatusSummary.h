#pragma once

#include "ServerStatus.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace aiband {

// The one place a server's status becomes a state, words and an icon, so the tray icon, its
// tooltip and the window always say the same thing.
struct StatusSummary {
    Q_DECLARE_TR_FUNCTIONS(StatusSummary)
public:
    ServerState state = ServerState::Stopped;
    QString headline;     // "Listening on http://127.0.0.1:8000"
    QString details;      // "2 plugins connected · 14 files"
    QStringList problems; // the start error or the warnings, one line each
    QString tooltip;      // app name, headline, details and problems
    QString iconPath;     // a resource path, one SVG per state

    static StatusSummary of(const ServerStatus &status);   // pure: same input, same words
};

QString iconPathFor(ServerState state);
// "Port 8000 is used by another program.": a busy port in plain words, wherever it is said.
QString busyPortText(int port);
QString stateName(ServerState state);   // "stopped", "listening", ... (for logs and tests)

} // namespace aiband
