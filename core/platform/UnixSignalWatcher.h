#pragma once

#include <QObject>

class QSocketNotifier;

namespace aiband {

// Turns SIGINT and SIGTERM into a Qt signal delivered on the event loop, where shutting down
// is safe. A signal handler may only write to a pipe; the notifier reads it.
class UnixSignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace aiband
