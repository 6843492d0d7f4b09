#pragma once

// Runs the built ai-band-orchestrator binary in a sandbox of temporary folders: its own config,
// data and working directories, and none of the caller's HOST/PORT/... variables.

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

namespace aiband::test {

class AppProcess {
public:
    AppProcess()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : env.keys()) {
            static const QStringList seedNames{QStringLiteral("HOST"), QStringLiteral("PORT"), QStringLiteral("DEBUG"),
                                               QStringLiteral("GENERATED_FILES_DIR"), QStringLiteral("CLEANUP_HOURS"),
                                               QStringLiteral("MAX_FILES"), QStringLiteral("LOG_LEVEL"),
                                               QStringLiteral("BACKEND_TIMEOUT"), QStringLiteral("BACKEND_PATH")};
            if (seedNames.contains(name) || name.startsWith(QLatin1String("AIBAND_")))
                env.remove(name);
        }
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(m_dir.path());
        process.setProgram(QStringLiteral(AIBAND_APP_PATH));
    }

    ~AppProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }

    QString path(const QString &name) const { return m_dir.filePath(name); }
    void setEnv(const QString &name, const QString &value)
    {
        QProcessEnvironment env = process.processEnvironment();
        env.insert(name, value);
        process.setProcessEnvironment(env);
    }

    // Starts the app and waits for its "listening on URL" line; returns the URL, or an empty one.
    QUrl startAndWaitUntilListening(const QStringList &arguments)
    {
        process.setArguments(arguments);
        process.start();
        static const QRegularExpression listening(QStringLiteral("listening on (http://\\S+)"));
        QUrl url;
        static_cast<void>(QTest::qWaitFor([&] {
            stdoutText += QString::fromUtf8(process.readAllStandardOutput());
            const auto match = listening.match(stdoutText);
            if (match.hasMatch())
                url = QUrl(match.captured(1));
            return !url.isEmpty() || process.state() == QProcess::NotRunning;
        }, 20000));
        return url;
    }

    // Runs to completion (for --version, --help, refused configurations).
    bool runToEnd(const QStringList &arguments)
    {
        process.setArguments(arguments);
        process.start();
        const bool finished = process.waitForFinished(20000);
        stdoutText += QString::fromUtf8(process.readAllStandardOutput());
        errors();
        return finished;
    }

    // Everything the app wrote to stderr so far; safe to call repeatedly.
    QString errors()
    {
        stderrText += QString::fromUtf8(process.readAllStandardError());
        return stderrText;
    }

    QProcess process;
    QString stdoutText;
    QString stderrText;

private:
    QTemporaryDir m_dir;
};

} // namespace aiband::test
