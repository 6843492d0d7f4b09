#pragma once

// Starts ai-band-orchestrator for a run: `PATH --headless --port 0 --files-dir TMP/files`, in a
// sandbox of temporary folders (its own XDG_CONFIG_HOME, XDG_DATA_HOME and working directory, none
// of the caller's HOST/PORT/AIBAND_* variables), AIBAND_MAX_CONNECTIONS=4096 so that 1,000+
// sessions fit, and the per-client generation and message limits lifted (a benchmark is one client
// asking as fast as it can, which is what they refuse). Its stderr (the log) goes to a file, so a full pipe never stalls it; stdout is
// read for the "listening on http://..." line. stop() sends SIGTERM and waits for its exit.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrl>

#include <csignal>
#include <cstdint>

namespace loadgen {

class ServerProcess {
public:
    // The program is started from its own working directory: its path is made absolute first.
    explicit ServerProcess(const QString &program) : m_program(QFileInfo(program).absoluteFilePath()) { m_dir.setAutoRemove(true); }

    ~ServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    // wrapper: a command to run the server under (valgrind --tool=callgrind ...), or empty.
    bool start(const QStringList &extraArguments, const QStringList &wrapper, QString *error)
    {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("cannot create a temporary folder");
            return false;
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        static const QStringList seedNames{QStringLiteral("HOST"), QStringLiteral("PORT"), QStringLiteral("DEBUG"),
                                           QStringLiteral("GENERATED_FILES_DIR"), QStringLiteral("CLEANUP_HOURS"),
                                           QStringLiteral("MAX_FILES"), QStringLiteral("LOG_LEVEL"),
                                           QStringLiteral("BACKEND_TIMEOUT"), QStringLiteral("BACKEND_PATH")};
        for (const QString &name : env.keys()) {
            if (seedNames.contains(name) || name.startsWith(QLatin1String("AIBAND_")))
                env.remove(name);
        }
        for (const char *sub : {"config", "data", "work", "files"})
            QDir(m_dir.path()).mkpath(QString::fromLatin1(sub));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("data")));
        env.insert(QStringLiteral("AIBAND_MAX_CONNECTIONS"), QStringLiteral("4096"));
        env.insert(QStringLiteral("AIBAND_GENERATION_RATE_PER_MINUTE"), QStringLiteral("1000000"));
        env.insert(QStringLiteral("AIBAND_GENERATION_BURST"), QStringLiteral("1000000"));
        env.insert(QStringLiteral("AIBAND_MAX_GENERATIONS_PER_CLIENT"), QStringLiteral("100000"));
        env.insert(QStringLiteral("AIBAND_WS_MAX_MESSAGES_PER_SECOND"), QStringLiteral("1000000"));
        m_process.setProcessEnvironment(env);
        m_process.setWorkingDirectory(path(QStringLiteral("work")));
        m_process.setStandardErrorFile(path(QStringLiteral("server-stderr.log")));
        // The load generator blocks SIGINT/SIGTERM/SIGUSR1 to read them from a signalfd; a child
        // inherits the mask, and the server must see its SIGTERM.
        m_process.setChildProcessModifier([] {
            sigset_t all;
            sigemptyset(&all);
            sigprocmask(SIG_SETMASK, &all, nullptr);
        });
        m_arguments = QStringList{QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                                  QStringLiteral("--files-dir"), path(QStringLiteral("files"))}
                      + extraArguments;
        if (wrapper.isEmpty()) {
            m_process.start(m_program, m_arguments);
        } else {
            m_arguments = wrapper.mid(1) + QStringList{m_program} + m_arguments;
            m_program = wrapper.first();
            m_process.start(m_program, m_arguments);
        }
        if (!m_process.waitForStarted(10000)) {
            *error = QStringLiteral("cannot start %1: %2").arg(m_program, m_process.errorString());
            return false;
        }
        static const QRegularExpression listening(QStringLiteral("listening on (http://\\S+)"));
        QByteArray out;
        QElapsedTimer waited;
        waited.start();
        const qint64 patience = wrapper.isEmpty() ? 20000 : 120000; // valgrind starts slowly
        while (waited.elapsed() < patience) {
            const auto match = listening.match(QString::fromUtf8(out));
            if (match.hasMatch()) {
                m_url = QUrl(match.captured(1));
                return true;
            }
            if (m_process.state() == QProcess::NotRunning)
                break;
            m_process.waitForReadyRead(static_cast<int>(std::max<qint64>(1, patience - waited.elapsed())));
            out += m_process.readAllStandardOutput();
        }
        *error = QStringLiteral("the server did not say it was listening within %1 s; stdout: %2; stderr: %3")
                     .arg(patience / 1000).arg(QString::fromUtf8(out).trimmed(), stderrTail());
        return false;
    }

    // SIGTERM, then the exit code (-1 when it did not exit within the time, or crashed).
    int stop(int timeoutMs = 60000)
    {
        if (m_process.state() == QProcess::NotRunning)
            return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
        m_process.terminate();
        if (!m_process.waitForFinished(timeoutMs)) {
            m_process.kill();
            m_process.waitForFinished(5000);
            return -1;
        }
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    QUrl url() const { return m_url; }
    qint64 pid() const { return m_process.processId(); }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString commandLine() const { return m_program + QLatin1Char(' ') + m_arguments.join(QLatin1Char(' ')); }

    // Lines the server logged so far (its stderr).
    qint64 logLines() const
    {
        QFile file(path(QStringLiteral("server-stderr.log")));
        if (!file.open(QIODevice::ReadOnly))
            return 0;
        return file.readAll().count('\n');
    }

    QString stderrTail() const
    {
        QFile file(path(QStringLiteral("server-stderr.log")));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QByteArray all = file.readAll();
        return QString::fromUtf8(all.right(2000)).trimmed();
    }

    void keepFiles() { m_dir.setAutoRemove(false); }

private:
    QString m_program;
    QStringList m_arguments;
    QTemporaryDir m_dir;
    QProcess m_process;
    QUrl m_url;
};

} // namespace loadgen
