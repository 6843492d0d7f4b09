#include "AppProcess.h"
#include "HttpResult.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

#include <csignal>

using namespace aiband::test;

class TestHeadless : public QObject {
    Q_OBJECT

private slots:
    void servesHealthAndStopsCleanlyOnSigterm()
    {
        AppProcess app;
        const QUrl url = app.startAndWaitUntilListening(
            {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
             QStringLiteral("--files-dir"), app.path(QStringLiteral("files"))});
        QVERIFY2(url.isValid() && url.port() > 0, qPrintable(app.errors()));
        QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));

        const QJsonObject health = httpGet(url.resolved(QUrl(QStringLiteral("/health")))).json;
        QCOMPARE(health.value(QStringLiteral("status")).toString(), QStringLiteral("healthy"));
        QCOMPARE(health.value(QStringLiteral("files_dir")).toString(), app.path(QStringLiteral("files")));

        app.process.terminate(); // SIGTERM
        QVERIFY(app.process.waitForFinished(10000));
        QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.process.exitCode(), 0);
        const QString log = app.errors();
        QVERIFY2(log.contains(QStringLiteral("signal 15 received; shutting down")), qPrintable(log));

        // The log file is in the per-user data folder and holds the same lines.
        QFile file(app.path(QStringLiteral("data/ai-band-orchestrator/logs/orchestrator.log")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("signal 15 received"));
    }

    void sigintStopsItToo()
    {
        AppProcess app;
        const QUrl url = app.startAndWaitUntilListening({QStringLiteral("--headless"), QStringLiteral("--port"),
                                                         QStringLiteral("0")});
        QVERIFY(url.isValid());
        QCOMPARE(::kill(static_cast<pid_t>(app.process.processId()), SIGINT), 0);
        QVERIFY(app.process.waitForFinished(10000));
        QCOMPARE(app.process.exitCode(), 0);
    }

    void configFileEnvironmentAndOptionsApply()
    {
        AppProcess app;
        QDir().mkpath(app.path(QStringLiteral("config/ai-band-orchestrator")));
        QFile config(app.path(QStringLiteral("config/ai-band-orchestrator/config.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(R"({"plugin": {"folder": "from-file", "max_files": 321}, "logging": {"level": "debug"}})");
        config.close();
        app.setEnv(QStringLiteral("MAX_FILES"), QStringLiteral("654"));
        const QUrl url = app.startAndWaitUntilListening(
            {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
             QStringLiteral("--log-level"), QStringLiteral("warning")});
        QVERIFY(url.isValid());
        const QJsonObject effective = httpGet(url.resolved(QUrl(QStringLiteral("/api/config")))).json;
        const QJsonObject plugin = effective.value(QStringLiteral("plugin")).toObject();
        QCOMPARE(plugin.value(QStringLiteral("folder")).toString(),
                 app.path(QStringLiteral("config/ai-band-orchestrator/from-file")));
        QCOMPARE(plugin.value(QStringLiteral("max_files")).toInt(), 654);
        QCOMPARE(effective.value(QStringLiteral("logging")).toObject().value(QStringLiteral("level")).toString(),
                 QStringLiteral("warning"));
        app.process.terminate();
        QVERIFY(app.process.waitForFinished(10000));
    }

    void invalidConfigurationIsRefusedWithTheVariableName()
    {
        AppProcess app;
        app.setEnv(QStringLiteral("PORT"), QStringLiteral("eighty"));
        QVERIFY(app.runToEnd({QStringLiteral("--headless")}));
        QCOMPARE(app.process.exitCode(), 2);
        QVERIFY2(app.stderrText.contains(QStringLiteral("environment PORT")), qPrintable(app.stderrText));
    }

    void busyPortIsReported()
    {
        AppProcess first;
        const QUrl url = first.startAndWaitUntilListening({QStringLiteral("--headless"), QStringLiteral("--port"),
                                                           QStringLiteral("0")});
        QVERIFY(url.isValid());
        AppProcess second;
        QVERIFY(second.runToEnd({QStringLiteral("--headless"), QStringLiteral("--port"), QString::number(url.port())}));
        QCOMPARE(second.process.exitCode(), 1);
        QVERIFY2(second.stderrText.contains(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(url.port())),
                 qPrintable(second.stderrText));
    }

    void desktopModeStaysUpOnABusyPortSoTheUserCanPickAnother()
    {
        AppProcess first;
        const QUrl url = first.startAndWaitUntilListening({QStringLiteral("--headless"), QStringLiteral("--port"),
                                                           QStringLiteral("0")});
        QVERIFY(url.isValid());
        AppProcess second;
        second.process.setArguments({QStringLiteral("--port"), QString::number(url.port())});
        second.process.start();
        const QString refusal = QStringLiteral("cannot listen on 127.0.0.1:%1").arg(url.port());
        QTRY_VERIFY_WITH_TIMEOUT(second.errors().contains(refusal), 20000);
        // Still running: the window shows the error and Settings can move the port.
        QCOMPARE(second.process.state(), QProcess::Running);
        QVERIFY(!second.stdoutText.contains(QStringLiteral("listening on")));
        second.process.terminate();
        QVERIFY(second.process.waitForFinished(10000));
        QCOMPARE(second.process.exitCode(), 0);
    }

    void desktopModeWithoutTrayRunsInAWindowAndStopsOnSigterm()
    {
        // Offscreen has no system tray, so this is the window fallback of the desktop mode.
        AppProcess app;
        const QUrl url = app.startAndWaitUntilListening({QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY2(url.isValid(), qPrintable(app.errors()));
        QCOMPARE(httpGet(url.resolved(QUrl(QStringLiteral("/health")))).json.value(QStringLiteral("status")).toString(),
                 QStringLiteral("healthy"));
        app.process.terminate();
        QVERIFY(app.process.waitForFinished(10000));
        QCOMPARE(app.process.exitCode(), 0);
        const QString log = app.errors();
        QVERIFY2(log.contains(QStringLiteral("with desktop interface")), qPrintable(log));
    }

    // Single instance: launches that share a user config folder (XDG_CONFIG_HOME) are one
    // instance; every other test runs in its own sandbox, so they never meet.
    void aSecondHeadlessLaunchExitsWithAClearMessage()
    {
        AppProcess first;
        const QUrl url = first.startAndWaitUntilListening({QStringLiteral("--headless"), QStringLiteral("--port"),
                                                           QStringLiteral("0")});
        QVERIFY(url.isValid());
        AppProcess second;
        second.setEnv(QStringLiteral("XDG_CONFIG_HOME"), first.path(QStringLiteral("config")));
        QVERIFY(second.runToEnd({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0")}));
        QCOMPARE(second.process.exitCode(), 3);
        QVERIFY2(second.stderrText.contains(QStringLiteral("already running (%1); not starting a second server")
                                                .arg(url.toString())),
                 qPrintable(second.stderrText));
        QCOMPARE(httpGet(url.resolved(QUrl(QStringLiteral("/health")))).json.value(QStringLiteral("status")).toString(),
                 QStringLiteral("healthy"));
    }

    void aSecondDesktopLaunchBringsUpTheFirstWindow()
    {
        AppProcess first;
        const QUrl url = first.startAndWaitUntilListening({QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY2(url.isValid(), qPrintable(first.errors()));
        AppProcess second;
        second.setEnv(QStringLiteral("XDG_CONFIG_HOME"), first.path(QStringLiteral("config")));
        QVERIFY(second.runToEnd({QStringLiteral("--port"), QStringLiteral("0")}));
        QCOMPARE(second.process.exitCode(), 0);
        QVERIFY2(second.stdoutText.contains(QStringLiteral("already running (%1); its window was brought up.")
                                                .arg(url.toString())),
                 qPrintable(second.stdoutText));
        QVERIFY(QTest::qWaitFor([&] { return first.errors().contains(QStringLiteral("another launch asked for the window")); },
                                10000));
        first.process.terminate();
        QVERIFY(first.process.waitForFinished(10000));
    }

    void aCrashedInstanceDoesNotBlockTheNextStart()
    {
        AppProcess crashed;
        QVERIFY(crashed.startAndWaitUntilListening({QStringLiteral("--headless"), QStringLiteral("--port"),
                                                    QStringLiteral("0")}).isValid());
        crashed.process.kill();   // SIGKILL: the lock file and the socket file stay behind
        QVERIFY(crashed.process.waitForFinished(10000));
        AppProcess next;
        next.setEnv(QStringLiteral("XDG_CONFIG_HOME"), crashed.path(QStringLiteral("config")));
        const QUrl url = next.startAndWaitUntilListening({QStringLiteral("--headless"), QStringLiteral("--port"),
                                                          QStringLiteral("0")});
        QVERIFY2(url.isValid(), qPrintable(next.errors()));
    }

    void versionAndHelp()
    {
        AppProcess version;
        QVERIFY(version.runToEnd({QStringLiteral("--version")}));
        QCOMPARE(version.process.exitCode(), 0);
        QCOMPARE(version.stdoutText.trimmed(), QStringLiteral("ai-band-orchestrator " AIBAND_VERSION));

        AppProcess help;
        QVERIFY(help.runToEnd({QStringLiteral("--help")}));
        QCOMPARE(help.process.exitCode(), 0);
        for (const char *option : {"--headless", "--host", "--port", "--config", "--files-dir", "--log-level",
                                   "--version", "--help"})
            QVERIFY2(help.stdoutText.contains(QLatin1String(option)), option);
    }
    // --- launching without what a window needs ---------------------------------------------

    static void withoutDisplay(AppProcess &app)
    {
        QProcessEnvironment env = app.process.processEnvironment();
        for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QLatin1String(name));
        app.process.setProcessEnvironment(env);
    }

    void noDisplayIsOneLineSuggestingHeadless()
    {
        AppProcess app;
        withoutDisplay(app);
        QVERIFY(app.runToEnd({QStringLiteral("--port"), QStringLiteral("0")}));
        QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);   // no abort
        QCOMPARE(app.process.exitCode(), 1);
        QCOMPARE(app.stderrText, QStringLiteral("ai-band-orchestrator: No display found; run with --headless to "
                                                "start the server without a window\n"));
        // --headless, --help and --version need none.
        AppProcess headless;
        withoutDisplay(headless);
        QVERIFY(headless.startAndWaitUntilListening({QStringLiteral("--headless"), QStringLiteral("--port"),
                                                     QStringLiteral("0")}).isValid());
        AppProcess help;
        withoutDisplay(help);
        QVERIFY(help.runToEnd({QStringLiteral("--help")}));
        QCOMPARE(help.process.exitCode(), 0);
        QVERIFY(help.stdoutText.contains(QStringLiteral("--headless")));
    }

    void aDisplayThatCannotBeReachedIsTheSameLineNotAnAbort()
    {
        AppProcess app;
        app.setEnv(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        app.setEnv(QStringLiteral("DISPLAY"), QStringLiteral(":4711"));   // no X server there
        QVERIFY(app.runToEnd({QStringLiteral("--port"), QStringLiteral("0")}));
        QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.process.exitCode(), 1);
        QCOMPARE(app.stderrText, QStringLiteral("ai-band-orchestrator: No display found; run with --headless to "
                                                "start the server without a window\n"));
    }

    void anUnknownOptionPrintsTheUsage_data()
    {
        QTest::addColumn<bool>("display");
        QTest::newRow("with a display") << true;
        QTest::newRow("without one") << false;
    }

    void anUnknownOptionPrintsTheUsage()
    {
        QFETCH(bool, display);
        AppProcess app;
        if (!display)
            withoutDisplay(app);
        QVERIFY(app.runToEnd({QStringLiteral("--bogus")}));
        QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.process.exitCode(), 2);
        // (Qt may warn before it, e.g. about XDG_RUNTIME_DIR in this sandbox.)
        QVERIFY2(app.stderrText.contains(QStringLiteral("ai-band-orchestrator: Unknown option 'bogus'.\nUsage: ")),
                 qPrintable(app.stderrText));
        for (const char *option : {"--headless", "--port <port>", "--config <file>", "--help"})
            QVERIFY2(app.stderrText.contains(QLatin1String(option)), option);
        QCOMPARE(app.stdoutText, QString());
    }

    // A desktop launch while a --headless server holds the instance: no window can be brought
    // up, so it says where that server runs and how to stop it, and does not start another.
    void aDesktopLaunchSaysAHeadlessServerRuns()
    {
        AppProcess server;
        const QUrl url = server.startAndWaitUntilListening({QStringLiteral("--headless"), QStringLiteral("--port"),
                                                            QStringLiteral("0")});
        QVERIFY(url.isValid());
        AppProcess launch;
        launch.setEnv(QStringLiteral("XDG_CONFIG_HOME"), server.path(QStringLiteral("config")));
        QVERIFY(launch.runToEnd({QStringLiteral("--port"), QStringLiteral("0")}));
        QCOMPARE(launch.process.exitCode(), 3);
        QVERIFY2(launch.stderrText.contains(QStringLiteral("a headless server is already running on %1 (process %2) "
                                                           "and has no window")
                                                .arg(url.toString())
                                                .arg(server.process.processId())),
                 qPrintable(launch.stderrText));
        QVERIFY(launch.stderrText.contains(QStringLiteral("systemctl --user stop ai-band-orchestrator")));
        QVERIFY(!launch.stdoutText.contains(QStringLiteral("listening on")));
        QCOMPARE(httpGet(url.resolved(QUrl(QStringLiteral("/health")))).json.value(QStringLiteral("status")).toString(),
                 QStringLiteral("healthy"));
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
