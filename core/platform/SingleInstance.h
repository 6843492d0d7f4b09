#pragma once

#include "util/Result.h"

#include <QLockFile>
#include <QObject>
#include <QString>

#include <memory>

class QLocalServer;

namespace aiband {

// One running orchestrator per user and configuration. The first launch holds a lock file in
// the runtime folder and listens on a local socket next to it; a later launch finds the lock
// taken, tells the first one over the socket ("show" raises its window, "ping" only asks), and
// gets back the first one's mode and status line (its URL) to print before it exits. A lock left by a
// crashed run is recognised as stale (its process is gone) and taken over.
class SingleInstance : public QObject {
    Q_OBJECT
public:
    enum class Request { Show, Ping };

    // How the instance holding the lock runs: a desktop one can show its window to a later
    // launch; a headless one has none, so a later desktop launch must say so instead.
    enum class Mode { Desktop, Headless };

    struct Claim {
        bool primary = false;     // true: this process is the instance; false: another one is
        QString otherStatus;      // the other instance's answer when it is not us
        Mode otherMode = Mode::Desktop;
        qint64 otherProcessId = 0;   // from the lock file; 0 when unknown
    };

    // `key` names the instance; processes with equal keys exclude each other.
    explicit SingleInstance(QString key, QObject *parent = nullptr);
    ~SingleInstance() override;

    // The key of the usual launch: the user's config folder (set by XDG_CONFIG_HOME), plus the
    // --config file when one is given, so sandboxed tests and separate configurations do not
    // collide while two plain launches by the same user do.
    static QString defaultKey(const QString &explicitConfigFile);

    // Takes the lock, or tells the instance holding it. Blocks for at most a few seconds while
    // it talks to the other instance. An Error means neither worked (runtime folder not
    // writable, the other instance not answering); the caller may choose to run unguarded.
    Result<Claim> claim(Request request);

    // What this instance answers a later launch; "starting" until set.
    void setStatus(const QString &status) { m_status = status; }
    void setMode(Mode mode) { m_mode = mode; }

    QString lockFilePath() const;
    QString socketPath() const;

signals:
    // A later launch asked this one to show itself.
    void activationRequested();

private:
    Status listen();
    Result<Claim> ask(Request request) const;

    QString m_key;
    QString m_status = QStringLiteral("starting");
    Mode m_mode = Mode::Desktop;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer *m_server = nullptr;
};

} // namespace aiband
