// Orchestrator::reconfigure(), the config writer and where overrides come from: the core under
// the settings window.

#include "TestServer.h"
#include "config/ConfigLoader.h"
#include "SettingsChange.h"
#include "config/ConfigWriter.h"

#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>

#include <optional>
#include <QTemporaryDir>

using namespace aiband;
using namespace aiband::test;

class TestReconfigure : public QObject {
    Q_OBJECT

    // Qt's own QWebSocket client follows the 2011 close-code registry and turns 1012 into a
    // protocol error (1002), so the close frame is read off the wire: a bare handshake, then
    // frames until the close frame (server frames are never masked).
    static std::optional<int> closeCodeOnTheWire(QTcpSocket &socket)
    {
        QByteArray buffer;
        std::optional<int> code;
        static_cast<void>(QTest::qWaitFor([&] {
            buffer += socket.readAll();
            qsizetype at = buffer.indexOf("\r\n\r\n");
            if (at < 0)
                return false;
            at += 4;
            while (at + 2 <= buffer.size()) {
                const int opcode = buffer[at] & 0x0f;
                qsizetype length = buffer[at + 1] & 0x7f;
                qsizetype header = 2;
                if (length == 126) {
                    if (at + 4 > buffer.size())
                        return false;
                    length = (quint8(buffer[at + 2]) << 8) | quint8(buffer[at + 3]);
                    header = 4;
                }
                if (at + header + length > buffer.size())
                    return false;
                if (opcode == 0x8 && length >= 2) {
                    code = (quint8(buffer[at + header]) << 8) | quint8(buffer[at + header + 1]);
                    return true;
                }
                at += header + length;
            }
            return false;
        }, 10000));
        return code;
    }

    static quint16 freePort()
    {
        QTcpServer probe;
        return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
    }

private slots:
    void aNewPortMovesTheListenerAndRestartsPluginSessions()
    {
        TestServer server;
        QVERIFY(server.start());
        const QUrl before = server.url(QStringLiteral("/health"));
        PluginClient plugin;
        QVERIFY(plugin.join(server.wsUrl(QStringLiteral("/ws/moving"))));
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, server.orchestrator->port());
        QVERIFY(raw.waitForConnected(5000));
        raw.write("GET /ws/raw HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        QTRY_COMPARE(server.orchestrator->pluginCount(), 2);
        QSignalSpy closed(&plugin.socket, &QWebSocket::disconnected);

        Config wanted = server.orchestrator->config();
        wanted.port = freePort();
        QSignalSpy moved(server.orchestrator.get(), &Orchestrator::listenAddressChanged);
        QVERIFY(server.orchestrator->reconfigure(wanted).ok());
        QCOMPARE(moved.count(), 1);
        QCOMPARE(moved.first().first().toUrl(), server.orchestrator->baseUrl());
        QCOMPARE(server.orchestrator->port(), wanted.port);
        QCOMPARE(server.get(QStringLiteral("/health")).status, 200);
        QVERIFY(closed.count() || closed.wait(5000));
        QCOMPARE(closeCodeOnTheWire(raw), std::optional<int>(1012));

        QNetworkAccessManager network;
        QNetworkReply *old = network.get(QNetworkRequest(before));
        QSignalSpy finished(old, &QNetworkReply::finished);
        QVERIFY(old->isFinished() || finished.wait(5000));
        QCOMPARE(old->error(), QNetworkReply::ConnectionRefusedError);
        delete old;
    }

    void aBusyPortChangesNothing()
    {
        TestServer server;
        QVERIFY(server.start());
        const quint16 port = server.orchestrator->port();
        PluginClient plugin;
        QVERIFY(plugin.join(server.wsUrl(QStringLiteral("/ws/staying"))));
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));

        Config wanted = server.orchestrator->config();
        wanted.port = squatter.serverPort();
        wanted.defaultStyle = QStringLiteral("rock");
        const Status status = server.orchestrator->reconfigure(wanted);
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, QStringLiteral("listen_failed"));
        QCOMPARE(status.error().field, QStringLiteral("server.port"));
        QCOMPARE(server.orchestrator->port(), port);
        QCOMPARE(server.orchestrator->config().defaultStyle, QStringLiteral("pop"));
        QCOMPARE(server.get(QStringLiteral("/health")).status, 200);
        QCOMPARE(plugin.socket.state(), QAbstractSocket::ConnectedState);
    }

    void liveSettingsApplyAndStartOnlyOnesWait()
    {
        TestServer server;
        QVERIFY(server.start());
        PluginClient plugin;
        QVERIFY(plugin.join(server.wsUrl(QStringLiteral("/ws/staying"))));
        Config wanted = server.orchestrator->config();
        const QString filesBefore = wanted.filesDir;
        wanted.heartbeatIntervalSeconds = 7;
        wanted.defaultStyle = QStringLiteral("rock");
        wanted.filesDir = filesBefore + QStringLiteral("-elsewhere");
        QSignalSpy changed(server.orchestrator.get(), &Orchestrator::configChanged);
        QSignalSpy moved(server.orchestrator.get(), &Orchestrator::listenAddressChanged);
        QVERIFY(server.orchestrator->reconfigure(wanted).ok());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(moved.count(), 0);
        QCOMPARE(plugin.socket.state(), QAbstractSocket::ConnectedState);   // same listener: sessions stay
        QCOMPARE(server.orchestrator->session().generation().defaultStyle(), QStringLiteral("rock"));
        QCOMPARE(server.orchestrator->config().filesDir, filesBefore);
        QCOMPARE(server.orchestrator->restartSettingsDiffering(wanted), QStringList{QStringLiteral("plugin.folder")});

        PluginClient later;   // sessions are told the heartbeat interval when they connect
        QVERIFY(later.open(server.wsUrl(QStringLiteral("/ws/later"))));
        const QJsonObject confirmed = later.take(QStringLiteral("connection_confirmed"));
        QCOMPARE(dataOf(confirmed).value(QStringLiteral("heartbeat_interval")).toDouble(), 7.0);

        Config unknown = wanted;
        unknown.defaultStyle = QStringLiteral("polka-metal");
        const Status refused = server.orchestrator->reconfigure(unknown);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().field, QStringLiteral("engine.default_style"));
    }

    // The settings window's Apply: live first, then saved, each step only after the one before.
    void applySettingsStopsAtTheFirstStepThatFails()
    {
        TestServer server;
        QVERIFY(server.start());
        QTemporaryDir dir;
        SettingsContext context;
        context.configFile = dir.filePath(QStringLiteral("config.json"));

        Config refused = server.orchestrator->config();
        refused.heartbeatIntervalSeconds = 9;
        refused.defaultStyle = QStringLiteral("polka-metal");
        SettingsOutcome outcome = applySettings(*server.orchestrator, context,
                                                SettingsChange{refused, {QStringLiteral("websocket.heartbeat_interval")}, {}});
        QCOMPARE(outcome.failed, SettingsOutcome::Failed::Applying);
        QCOMPARE(outcome.error.field, QStringLiteral("engine.default_style"));
        QCOMPARE(server.orchestrator->config().heartbeatIntervalSeconds, 30.0);   // nothing applied
        QVERIFY(!QFile::exists(context.configFile));                              // nor saved

        Config wanted = server.orchestrator->config();
        wanted.heartbeatIntervalSeconds = 9;
        wanted.logMaxBytes = 8192;   // read at start only
        const QStringList keys{QStringLiteral("websocket.heartbeat_interval"), QStringLiteral("logging.max_bytes")};
        SettingsContext unwritable = context;
        QFile blocker(dir.filePath(QStringLiteral("a-file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        unwritable.configFile = dir.filePath(QStringLiteral("a-file/config.json"));   // under a file
        outcome = applySettings(*server.orchestrator, unwritable, SettingsChange{wanted, keys, {}});
        QCOMPARE(outcome.failed, SettingsOutcome::Failed::Saving);
        QVERIFY(!outcome.error.message.isEmpty());
        QCOMPARE(server.orchestrator->config().heartbeatIntervalSeconds, 9.0);   // applied all the same

        outcome = applySettings(*server.orchestrator, context, SettingsChange{wanted, keys, {}});
        QCOMPARE(outcome.failed, SettingsOutcome::Failed::Nothing);
        QCOMPARE(outcome.atNextStart, QStringList{QStringLiteral("logging.max_bytes")});
        QFile saved(context.configFile);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(saved.readAll()).object();
        QCOMPARE(json.value(QStringLiteral("websocket")).toObject().value(QStringLiteral("heartbeat_interval")).toDouble(), 9.0);
        QCOMPARE(json.value(QStringLiteral("logging")).toObject().value(QStringLiteral("max_bytes")).toInt(), 8192);
    }

    void writerKeepsWhatItDoesNotChange()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("config.json"));
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(R"({"server": {"port": 9000, "reload": true}, "mine": {"a": "b"}})");
        }
        Config config;
        config.port = 9100;
        config.cleanupHours = 2.5;
        QVERIFY(writeConfigKeys(file, config, {QStringLiteral("server.port"), QStringLiteral("plugin.cleanup_hours")}).ok());
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(in.readAll()).object(),
                 QJsonDocument::fromJson(R"({"server": {"port": 9100, "reload": true}, "mine": {"a": "b"},
                                             "plugin": {"cleanup_hours": 2.5}})").object());
        in.close();

        // The written file reads back to the same settings.
        ConfigSources sources;
        sources.defaults = Config{};
        sources.explicitFile = file;
        const LoadedConfig loaded = loadConfig(sources);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.config.port, 9100);
        QCOMPARE(loaded.config.cleanupHours, 2.5);
    }

    void writerCreatesTheFileAndRefusesToOverwriteABrokenOne()
    {
        QTemporaryDir dir;
        const QString fresh = dir.filePath(QStringLiteral("new/folder/config.json"));
        QVERIFY(writeConfigKeys(fresh, Config{}, {QStringLiteral("logging.level")}).ok());
        QFile created(fresh);
        QVERIFY(created.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(created.readAll()).object(),
                 QJsonDocument::fromJson(R"({"logging": {"level": "info"}})").object());

        const QString broken = dir.filePath(QStringLiteral("broken.json"));
        {
            QFile out(broken);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write("{\"server\": {\"port\": 80");
        }
        const Status status = writeConfigKeys(broken, Config{}, {QStringLiteral("server.port")});
        QVERIFY(!status.ok());
        QVERIFY(status.error().message.contains(QStringLiteral("left as it is")));
        QFile kept(broken);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("{\"server\": {\"port\": 80"));

        QVERIFY(!writeConfigKeys(fresh, Config{}, {QStringLiteral("server.nonsense")}).ok());
    }

    void theLoaderSaysWhichSettingsTheEnvironmentAndOptionsSet()
    {
        ConfigSources sources;
        sources.defaults = Config{};
        sources.environment.insert(QStringLiteral("PORT"), QStringLiteral("9001"));
        sources.environment.insert(QStringLiteral("AIBAND_MAX_FILES"), QStringLiteral("5"));
        sources.options.insert(QStringLiteral("log-level"), QStringLiteral("debug"));
        const LoadedConfig loaded = loadConfig(sources);
        QVERIFY(loaded.ok());
        QMap<QString, QString> expected{{QStringLiteral("server.port"), QStringLiteral("environment PORT")},
                                        {QStringLiteral("plugin.max_files"), QStringLiteral("environment AIBAND_MAX_FILES")},
                                        {QStringLiteral("logging.level"), QStringLiteral("--log-level")}};
        QCOMPARE(loaded.overrides, expected);
    }
};

QTEST_GUILESS_MAIN(TestReconfigure)
#include "tst_reconfigure.moc"
