#include "Logging.h"

#include "LogBuffer.h"
#include "RotatingLogFile.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <cstdio>

namespace aiband {
namespace {

// Qt's message handler is a plain function: this is the one place the router can be found
// from it. Set and cleared by the LogRouter that main() owns.
LogRouter *g_router = nullptr;

QString levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return QStringLiteral("debug");
    case QtInfoMsg: return QStringLiteral("info");
    case QtWarningMsg: return QStringLiteral("warning");
    case QtCriticalMsg: return QStringLiteral("error");
    case QtFatalMsg: return QStringLiteral("critical");
    }
    return QStringLiteral("info");
}

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (g_router)
        g_router->write(type, context.category, message);
}

} // namespace

LogRouter::LogRouter(LogBuffer *buffer) : m_buffer(buffer)
{
    g_router = this;
    qInstallMessageHandler(handleMessage);
}

LogRouter::~LogRouter()
{
    qInstallMessageHandler(nullptr);
    g_router = nullptr;
    delete m_file;
}

QString LogRouter::openFile(const QString &path, qint64 maxBytes, int backupCount)
{
    auto *file = new RotatingLogFile(path, maxBytes, backupCount);
    if (!file->open()) {
        const QString error = file->errorString();
        delete file;
        return error;
    }
    delete m_file;
    m_file = file;
    return {};
}

void LogRouter::write(QtMsgType type, const char *category, const QString &message)
{
    LogEntry entry;
    entry.time = QDateTime::currentDateTime();
    entry.level = levelName(type);
    entry.category = QString::fromLatin1(category ? category : "default");
    entry.message = message;
    const QString line = entry.toLine();
    if (m_echoToStderr) {
        const QByteArray bytes = line.toLocal8Bit() + '\n';
        std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    }
    if (m_file)
        m_file->writeLine(line);
    if (m_buffer)
        m_buffer->append(std::move(entry));
}

void applyLogLevel(LogLevel level)
{
    const auto on = [level](LogLevel threshold) {
        return level <= threshold ? QStringLiteral("true") : QStringLiteral("false");
    };
    QLoggingCategory::setFilterRules(QStringLiteral("aiband.*.debug=%1\n"
                                                    "aiband.*.info=%2\n"
                                                    "aiband.*.warning=%3\n"
                                                    "aiband.*.critical=%4\n")
                                         .arg(on(LogLevel::Debug), on(LogLevel::Info),
                                              on(LogLevel::Warning), on(LogLevel::Error)));
}

} // namespace aiband
