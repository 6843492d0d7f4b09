// SIGTERM with work in flight, on the built binary: a generation that is still running and a
// download that does not fit in the kernel's socket buffers both complete, the plugin hears
// its files and then close code 1001, new connections are refused meanwhile, the process exits
// 0 and the folder holds only complete files.

#include "AppProcess.h"
#include "LoopbackSocket.h"
#include "TestServer.h"
#include "files/TakesIndex.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace aiband::test;

namespace {

// A client that asks for `count` downloads at once on one connection (HTTP pipelining) and
// then reads nothing until told: with a tiny receive buffer, the answers stay in the server.
class StalledDownload {
public:
    StalledDownload(quint16 port, const QByteArray &path, int count)
    {
        const LoopbackSocket socket = connectLoopback(port, 4096);
        m_fd = socket.fd;
        m_connected = socket.connected;
        const QByteArray request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n\r\n";
        const QByteArray all = request.repeated(count);
        m_connected = m_connected && ::send(m_fd, all.constData(), all.size(), 0) == all.size();
    }
    ~StalledDownload() { ::close(m_fd); }
    bool connected() const { return m_connected; }

    // Reads until `bytes` have arrived or the server closes the connection.
    QByteArray readAll(qsizetype bytes)
    {
        QByteArray received;
        char buffer[65536];
        while (received.size() < bytes) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            received.append(buffer, n);
        }
        return received;
    }

private:
    int m_fd = -1;
    bool m_connected = false;
};

bool waitForLog(AppProcess &app, const QString &text, int times = 1, int timeoutMs = 20000)
{
    return QTest::qWaitFor([&] { return app.errors().count(text) >= times; }, timeoutMs);
}

QNetworkReply *post(QNetworkAccessManager &network, const QUrl &url, const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return network.post(request, body);
}

} // namespace

class TestShutdown : public QObject {
    Q_OBJECT
private slots:
    void sigtermDrainsGenerationsAndDownloadsThenCloses1001()
    {
        AppProcess app;
        const QString files = app.path(QStringLiteral("files"));
        app.setEnv(QStringLiteral("AIBAND_TEST_SLOW_GENERATION_MS"), QStringLiteral("1500"));
        const QUrl url = app.startAndWaitUntilListening(
            {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--files-dir"), files});
        QVERIFY2(url.isValid(), qPrintable(app.errors()));
        QNetworkAccessManager network;

        // The largest file a request can make (~460 KB).
        const HttpResult big = waitForReply(post(network, url.resolved(QUrl(QStringLiteral("/api/generate"))), R"({
            "chord_progression": {"chords": "C | Am | F | G", "duration": 4096}, "style": "funk",
            "track_types": ["full"], "complexity": 1, "intensity": 1, "seed": 1})"), 30000);
        QCOMPARE(big.status, 200);
        const QString bigName = big.json.value(QStringLiteral("files")).toArray().first().toString();
        QFile bigFile(files + QLatin1Char('/') + bigName);
        QVERIFY(bigFile.open(QIODevice::ReadOnly));
        const QByteArray bigBytes = bigFile.readAll();
        QVERIFY(bigBytes.size() > 400000);

        PluginClient plugin;
        QVERIFY(plugin.join(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/drain-test").arg(url.port()))));
        QSignalSpy closed(&plugin.socket, &QWebSocket::disconnected);

        // Twelve copies (5.6 MB) asked for on one connection that reads nothing: more than the
        // kernel buffers hold, so the rest waits in the server until the client reads.
        constexpr int kCopies = 12;
        StalledDownload download(static_cast<quint16>(url.port()), "/api/files/" + bigName.toLatin1(), kCopies);
        QVERIFY(download.connected());

        // A generation for the plugin, held for 1.5 s by the fault injection; SIGTERM once it runs.
        QNetworkReply *generation = post(network, url.resolved(QUrl(QStringLiteral("/api/generate"))),
                                         R"({"chord_progression": "C-Am-F-G", "plugin_id": "drain-test", "seed": 2})");
        // (The first hold was the big file's.)
        QVERIFY2(waitForLog(app, QStringLiteral("holding a generation"), 2), qPrintable(app.errors()));
        app.process.terminate();
        QVERIFY2(waitForLog(app, QStringLiteral("shutting down: waiting")), qPrintable(app.errors()));

        // No new connections while it drains.
        QTcpSocket late;
        late.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(url.port()));
        QVERIFY(!late.waitForConnected(3000));
        QCOMPARE(late.error(), QAbstractSocket::ConnectionRefusedError);

        // The generation completes and is answered; its plugin hears about it before 1001.
        const HttpResult answer = waitForReply(generation, 30000);
        QCOMPARE(answer.status, 200);
        const QStringList made{answer.json.value(QStringLiteral("files")).toArray().first().toString(),
                               answer.json.value(QStringLiteral("files")).toArray().last().toString()};
        QVERIFY(!plugin.take(QStringLiteral("files_ready"), 10000).isEmpty());
        QVERIFY(closed.count() > 0 || closed.wait(10000));
        QCOMPARE(plugin.socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);

        // Every byte of every download arrives, read only now.
        const QByteArray received = download.readAll(kCopies * (bigBytes.size() + 200));
        QCOMPARE(received.count("HTTP/1.1 200"), kCopies);
        QVERIFY(received.endsWith(bigBytes));

        QVERIFY(app.process.waitForFinished(20000));
        QCOMPARE(app.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.process.exitCode(), 0);
        QVERIFY2(app.errors().contains(QStringLiteral("shutdown complete")), qPrintable(app.errors()));

        // Only complete files: the three made, each with its row in the takes index (closed
        // cleanly: no WAL left), and nothing else, among the takes; the watched folder holds the
        // newest take of each part, complete, and nothing else.
        QStringList expected{bigName};
        expected += made;
        expected.sort();
        const QString takes = files + QStringLiteral("/takes");
        QCOMPARE(QDir(takes).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name),
                 QStringList{QLatin1String(aiband::TakesIndex::kFileName)} + expected);
        const QHash<QString, QString> rows = aiband::TakesIndex(takes, false).takesByName();
        QCOMPARE(QSet<QString>(rows.keyBegin(), rows.keyEnd()), QSet<QString>(expected.begin(), expected.end()));
        // (The full band, then bass and drums: three parts, so all three stay published.)
        QCOMPARE(QDir(files).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name), expected);
    }

    void aSecondSignalStopsAtOnce()
    {
        AppProcess app;
        app.setEnv(QStringLiteral("AIBAND_TEST_SLOW_GENERATION_MS"), QStringLiteral("3000"));
        app.setEnv(QStringLiteral("AIBAND_SHUTDOWN_GRACE"), QStringLiteral("600"));
        const QUrl url = app.startAndWaitUntilListening(
            {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
             QStringLiteral("--files-dir"), app.path(QStringLiteral("files"))});
        QVERIFY(url.isValid());
        QNetworkAccessManager network;
        QNetworkReply *generation = post(network, url.resolved(QUrl(QStringLiteral("/api/generate"))),
                                         R"({"chord_progression": "C-Am-F-G"})");
        QVERIFY(waitForLog(app, QStringLiteral("holding a generation")));
        app.process.terminate();
        QVERIFY(waitForLog(app, QStringLiteral("shutting down: waiting")));
        app.process.terminate();
        QVERIFY(waitForLog(app, QStringLiteral("received again; stopping now")));
        QVERIFY(app.process.waitForFinished(20000));
        QCOMPARE(app.process.exitCode(), 0);
        // Even so, the generation that was running finished writing: no partial file is left.
        const QStringList left = QDir(app.path(QStringLiteral("files"))).entryList(QDir::Files | QDir::Hidden);
        for (const QString &name : left)
            QVERIFY2(name.endsWith(QStringLiteral(".mid")) && !name.startsWith(QLatin1Char('.')), qPrintable(name));
        delete generation;
    }
};

QTEST_GUILESS_MAIN(TestShutdown)
#include "tst_shutdown.moc"
