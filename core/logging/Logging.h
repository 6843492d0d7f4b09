#pragma once

#include "config/LogLevel.h"

#include <QString>

namespace aiband {

class LogBuffer;
class RotatingLogFile;

// Where the process's log messages go: stderr, the in-memory buffer and (once configured) the
// rotating file. Owned by main(); installed as Qt's message handler for its lifetime.
class LogRouter {
public:
    explicit LogRouter(LogBuffer *buffer);
    ~LogRouter();
    LogRouter(const LogRouter &) = delete;
    LogRouter &operator=(const LogRouter &) = delete;

    // Returns an error text when the file cannot be opened; logging goes on without it.
    QString openFile(const QString &path, qint64 maxBytes, int backupCount);
    void setEchoToStderr(bool echo) { m_echoToStderr = echo; }

    void write(QtMsgType type, const char *category, const QString &message);

private:
    LogBuffer *m_buffer;
    RotatingLogFile *m_file = nullptr;
    bool m_echoToStderr = true;
};

// Turns the application's categories (aiband.*) on from `level` upwards. Qt's own categories
// keep their defaults, so debug output of the application does not include Qt's internals.
void applyLogLevel(LogLevel level);

} // namespace aiband
