#pragma once

#include "ServerStatus.h"
#include "StatusSummary.h"
#include "util/Result.h"

#include <QMap>
#include <QObject>
#include <QTimer>

namespace aiband {

class Orchestrator;

// Watches the orchestrator for the desktop app and keeps what the core does not: why the last
// start failed and the current warnings. Every view (tray icon, tooltip, menu, Status tab)
// reads status() from here and refreshes on changed(), so they never disagree.
class ServerMonitor : public QObject {
    Q_OBJECT
public:
    explicit ServerMonitor(Orchestrator &orchestrator, QObject *parent = nullptr);

    Orchestrator &orchestrator() const { return m_orchestrator; }
    ServerStatus status() const;
    StatusSummary summary() const { return StatusSummary::of(status()); }

    // Start and stop on the user's behalf; a failed start is remembered (state "error") and alerted.
    Status start();
    void stop();

    // A warning from `source` (e.g. "storage"); an empty text clears it. The lead connects
    // BandSession::storageProblemChanged here: setWarning("storage", problem).
    void setWarning(const QString &source, const QString &text);
    QStringList warnings() const { return m_warnings.values(); }

signals:
    void changed();   // status() may say something else; coalesced, at most every 100 ms
    // Something the user should hear about even with the window closed (a tray notification).
    void alert(const QString &title, const QString &message);

private:
    void showFailedGeneration();   // the generation warning, unless the storage one says it
    void scheduleChanged();

    Orchestrator &m_orchestrator;
    QString m_startError;
    int m_busyPort = 0;
    QString m_failedGeneration;          // the last generation's error; empty once one worked
    QMap<QString, QString> m_warnings;   // source -> text, in a stable order
    QTimer m_changed;
};

} // namespace aiband
