#include "RawHttp.h"
#include "TestServer.h"
#include "server/HttpRouter.h"
#include "server/WebSocketHub.h"

#include <QFile>
#include <QSet>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "logging/LogBuffer.h"

using namespace aiband;
using namespace aiband::test;

class TestServerIntegration : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;

    QUrl wsUrl(const QString &path) const { return m_server->wsUrl(path); }

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
        QVERIFY(m_server->orchestrator->port() != 0);
    }
    void cleanup() { m_server.reset(); }

    // Nagle's algorithm held back small answers and fan-out messages until the client's delayed
    // ACK (about 40 ms on Linux): every server socket, HTTP or WebSocket, sends at once. Read
    // with getsockopt, not through Qt, so the kernel's view is what is checked.
    void serverSocketsSendSmallWritesAtOnce()
    {
        PluginClient plugin;
        QVERIFY(plugin.join(wsUrl(QStringLiteral("/ws/nodelay"))));
        RawClient client(m_server->orchestrator->port());
        client.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_server->orchestrator->port()) + "\r\n\r\n");
        const std::optional<RawResponse> answer = client.next();
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);

        const QList<QTcpSocket *> sockets = m_server->orchestrator->findChildren<QTcpSocket *>();
        QCOMPARE(sockets.size(), 2);
        for (const QTcpSocket *socket : sockets) {
            int noDelay = 0;
            socklen_t size = sizeof noDelay;
            QCOMPARE(::getsockopt(int(socket->socketDescriptor()), IPPROTO_TCP, TCP_NODELAY, &noDelay, &size), 0);
            QVERIFY(noDelay != 0);
        }
    }

    void indexListsTheEndpoints()
    {
        const HttpResult result = m_server->get(QStringLiteral("/"));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(result.json.value(QStringLiteral("name")).toString(), QStringLiteral("AI Band Orchestrator"));
        QStringList paths;
        for (const QJsonValue &endpoint : result.json.value(QStringLiteral("endpoints")).toArray())
            paths.append(endpoint.toObject().value(QStringLiteral("path")).toString());
        for (const char *path : {"/health", "/api/generate", "/api/analyze", "/api/styles", "/api/files",
                                 "/api/files/{filename}", "/api/config",
                                 "/api/logs", "/ws/{plugin_id}"})
            QVERIFY2(paths.contains(QLatin1String(path)), path);
    }

    void theApiDescriptionMatchesTheServer()
    {
        // The server's own route table, the OpenAPI document and tests/openapi/routes.txt (which
        // the independent validator reads) must name the same routes.
        QSet<QString> served;
        for (const HttpRoute &route : m_server->orchestrator->router().routes())
            served.insert(HttpRouter::methodName(route.method) + QLatin1Char(' ') + route.pattern);

        const HttpResult document = m_server->get(QStringLiteral("/openapi.json"));
        QCOMPARE(document.status, 200);
        QCOMPARE(document.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(document.json.value(QStringLiteral("openapi")).toString(), QStringLiteral("3.0.3"));
        QSet<QString> documented;
        const QJsonObject paths = document.json.value(QStringLiteral("paths")).toObject();
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject operations = path.value().toObject();
            for (auto operation = operations.begin(); operation != operations.end(); ++operation) {
                if (operation.key() != QLatin1String("parameters"))
                    documented.insert(operation.key().toUpper() + QLatin1Char(' ') + path.key());
            }
        }
        QCOMPARE(documented, served);

        QFile list(QStringLiteral(AIBAND_SOURCE_DIR "/tests/openapi/routes.txt"));
        QVERIFY(list.open(QIODevice::ReadOnly));
        QSet<QString> listed;
        for (const QByteArray &line : list.readAll().split('\n')) {
            const QString route = QString::fromUtf8(line).trimmed();
            if (!route.isEmpty() && !route.startsWith(QLatin1Char('#')) && !route.startsWith(QLatin1String("WEBSOCKET")))
                listed.insert(route);
        }
        QCOMPARE(listed, served);

        const HttpResult page = m_server->get(QStringLiteral("/docs"));
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("Content-Type").startsWith("text/html"));
        QVERIFY(page.body.contains("openapi.json"));
    }

    void healthReportsStatusVersionAndCounts()
    {
        const HttpResult result = m_server->get(QStringLiteral("/health"));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.json.value(QStringLiteral("status")).toString(), QStringLiteral("healthy"));
        QCOMPARE(result.json.value(QStringLiteral("version")).toString(), QStringLiteral(AIBAND_VERSION));
        QCOMPARE(result.json.value(QStringLiteral("plugins_connected")).toInt(), 0);
        QCOMPARE(result.json.value(QStringLiteral("files_count")).toInt(), 0);
        QVERIFY(result.json.value(QStringLiteral("uptime_seconds")).isDouble());
        // Written field by field (CompactObjectText), it is still exactly Qt's compact text of its
        // own object: every key, in Qt's order, nothing doubled.
        QCOMPARE(result.body, QJsonDocument(result.json).toJson(QJsonDocument::Compact));
        QCOMPARE(result.json.keys().size(), 13);
    }

    void seedExampleProducesBassAndDrumFiles()
    {
        const HttpResult result = m_server->post(QStringLiteral("/api/generate"), seedExampleBody());
        QCOMPARE(result.status, 200);
        QCOMPARE(result.json.value(QStringLiteral("success")).toBool(), true);
        QVERIFY(!result.json.value(QStringLiteral("request_id")).toString().isEmpty());
        QVERIFY(result.json.value(QStringLiteral("message")).toString().contains(QStringLiteral("bass, drums")));
        const QJsonArray files = result.json.value(QStringLiteral("files")).toArray();
        QCOMPARE(files.size(), 2);
        QVERIFY(files[0].toString().contains(QStringLiteral("_bass_C_120_")));
        QVERIFY(files[1].toString().contains(QStringLiteral("_drums_C_120_")));
        const QJsonArray details = result.json.value(QStringLiteral("file_details")).toArray();
        for (const QJsonValue &detail : details) {
            const QString path = detail.toObject().value(QStringLiteral("path")).toString();
            QFile file(path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
            QCOMPARE(file.read(4), QByteArray("MThd"));
            QVERIFY(detail.toObject().value(QStringLiteral("url")).toString().startsWith(QStringLiteral("http://127.0.0.1:")));
        }
        const QJsonObject metadata = result.json.value(QStringLiteral("metadata")).toObject();
        QCOMPARE(metadata.value(QStringLiteral("tempo")).toDouble(), 120.0);
        QCOMPARE(metadata.value(QStringLiteral("key")).toString(), QStringLiteral("C"));
        QCOMPARE(metadata.value(QStringLiteral("duration_beats")).toDouble(), 8.0);
        QVERIFY(metadata.value(QStringLiteral("seed")).isDouble());
        QVERIFY(result.json.value(QStringLiteral("timings_ms")).toObject().contains(QStringLiteral("total")));

        const HttpResult health = m_server->get(QStringLiteral("/health"));
        QCOMPARE(health.json.value(QStringLiteral("files_count")).toInt(), 2);
    }

    void sameSeedGivesTheSameBytes()
    {
        const QByteArray body = R"({"chord_progression": {"chords": [{"chord": "Dm7"}, {"chord": "G7"}]},
                                    "track_types": ["bass", "keys"], "seed": 7})";
        const HttpResult first = m_server->post(QStringLiteral("/api/generate"), body);
        const HttpResult second = m_server->post(QStringLiteral("/api/generate"), body);
        QCOMPARE(first.status, 200);
        const auto bytesOf = [this](const HttpResult &result, int index) {
            const QString name = result.json.value(QStringLiteral("files")).toArray()[index].toString();
            return m_server->get(QStringLiteral("/api/files/") + name).body;
        };
        for (int i = 0; i < 2; ++i) {
            QVERIFY(!bytesOf(first, i).isEmpty());
            QCOMPARE(bytesOf(first, i), bytesOf(second, i));
        }
        QCOMPARE(first.json.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("seed")).toInt(), 7);
    }

    void filesAreListedDownloadedAndDeleted()
    {
        const HttpResult generated = m_server->post(QStringLiteral("/api/generate"), seedExampleBody());
        const QString name = generated.json.value(QStringLiteral("files")).toArray()[0].toString();

        const HttpResult list = m_server->get(QStringLiteral("/api/files"));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json.value(QStringLiteral("count")).toInt(), 2);
        QStringList listed;
        for (const QJsonValue &file : list.json.value(QStringLiteral("files")).toArray())
            listed.append(file.toObject().value(QStringLiteral("name")).toString());
        QVERIFY(listed.contains(name));

        const HttpResult download = m_server->get(QStringLiteral("/api/files/") + name);
        QCOMPARE(download.status, 200);
        QCOMPARE(download.header("Content-Type"), QByteArray("audio/midi"));
        QVERIFY(download.header("Content-Disposition").contains(name.toLatin1()));
        QFile onDisk(m_server->filesDir() + QLatin1Char('/') + name);
        QVERIFY(onDisk.open(QIODevice::ReadOnly));
        QCOMPARE(download.body, onDisk.readAll());

        const HttpResult removed = m_server->send("DELETE", QStringLiteral("/api/files/") + name);
        QCOMPARE(removed.status, 200);
        QVERIFY(!QFile::exists(onDisk.fileName()));
        QCOMPARE(m_server->get(QStringLiteral("/api/files/") + name).status, 404);
        QCOMPARE(m_server->send("DELETE", QStringLiteral("/api/files/") + name).status, 404);
    }

    void badFileNamesAreRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("encoded dotdot") << "/api/files/%2e%2e%2fetc%2fpasswd" << 400;
        QTest::newRow("encoded backslash") << "/api/files/..%5c..%5cconfig.json" << 400;
        QTest::newRow("encoded nul") << "/api/files/x.mid%00.txt" << 400;
        QTest::newRow("not ours") << "/api/files/notes.mid" << 400;
        QTest::newRow("well formed but absent") << "/api/files/20261124-120001-123_bass_C_120_abcdef.mid" << 404;
    }

    void badFileNamesAreRefused()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        const HttpResult result = m_server->get(path);
        QCOMPARE(result.status, status);
        const QJsonObject error = result.errorJson();
        QCOMPARE(error.value(QStringLiteral("field")).toString(), QStringLiteral("filename"));
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    }

    void errorsHaveStatusCodeAndField_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");

        QTest::newRow("unknown path") << QByteArray("GET") << "/api/nothing" << QByteArray() << QByteArray()
                                      << 404 << "not_found" << "";
        QTest::newRow("wrong method") << QByteArray("PUT") << "/health" << QByteArray() << QByteArray()
                                      << 405 << "method_not_allowed" << "";
        QTest::newRow("form body") << QByteArray("POST") << "/api/generate" << QByteArray("chords=C")
                                   << QByteArray("application/x-www-form-urlencoded") << 415
                                   << "unsupported_media_type" << "";
        QTest::newRow("broken json") << QByteArray("POST") << "/api/generate" << QByteArray("{\"chord_progression\":")
                                     << QByteArray("application/json") << 400 << "invalid_json" << "";
        QTest::newRow("array body") << QByteArray("POST") << "/api/generate" << QByteArray("[]")
                                    << QByteArray("application/json") << 400 << "invalid_json" << "";
        QTest::newRow("unknown chord")
            << QByteArray("POST") << "/api/generate"
            << QByteArray(R"({"chord_progression": {"chords": [{"chord": "C"}, {"chord": "Q7"}]}})")
            << QByteArray("application/json") << 422 << "unknown_chord" << "chord_progression.chords[1].chord";
        QTest::newRow("unknown track")
            << QByteArray("POST") << "/api/generate"
            << QByteArray(R"({"chord_progression": {"chords": [{"chord": "C"}]}, "track_types": ["tuba"]})")
            << QByteArray("application/json") << 422 << "invalid_field" << "track_types[0]";
        QTest::newRow("bad logs since") << QByteArray("GET") << "/api/logs?since=abc" << QByteArray() << QByteArray()
                                        << 422 << "invalid_field" << "since";
    }

    void errorsHaveStatusCodeAndField()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, field);
        const HttpResult result = m_server->send(method, path, body, contentType);
        QCOMPARE(result.status, status);
        const QJsonObject error = result.errorJson();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
        if (field.isEmpty())
            QVERIFY(error.value(QStringLiteral("field")).isNull());
        else
            QCOMPARE(error.value(QStringLiteral("field")).toString(), field);
        if (status == 405)
            QCOMPARE(result.header("Allow"), QByteArray("GET"));
        QCOMPARE(m_server->orchestrator->session().files().count(), 0);
    }

    void stylesAreListed()
    {
        const HttpResult result = m_server->get(QStringLiteral("/api/styles"));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.json.value(QStringLiteral("count")).toInt(), 16);
        QCOMPARE(result.json.value(QStringLiteral("default")).toString(), QStringLiteral("pop"));
        QJsonObject waltz;
        for (const QJsonValue &style : result.json.value(QStringLiteral("styles")).toArray()) {
            QVERIFY(!style.toObject().value(QStringLiteral("description")).toString().isEmpty());
            if (style.toObject().value(QStringLiteral("name")).toString() == QLatin1String("waltz"))
                waltz = style.toObject();
        }
        QCOMPARE(waltz.value(QStringLiteral("time_signature")).toString(), QStringLiteral("3/4"));
        QCOMPARE(waltz.value(QStringLiteral("title")).toString(), QStringLiteral("Waltz"));
    }

    void progressionsAreAnalysed()
    {
        const HttpResult result = m_server->post(QStringLiteral("/api/analyze"),
                                                 R"({"chord_progression": "Dm7 G7/B | Cmaj9 | N.C. | C-"})");
        QCOMPARE(result.status, 200);
        const QJsonArray chords = result.json.value(QStringLiteral("chords")).toArray();
        QCOMPARE(chords.size(), 5);
        QCOMPARE(chords[1].toObject().value(QStringLiteral("canonical")).toString(), QStringLiteral("G7/B"));
        QCOMPARE(chords[1].toObject().value(QStringLiteral("bass")).toString(), QStringLiteral("B"));
        QCOMPARE(chords[1].toObject().value(QStringLiteral("start_beat")).toDouble(), 2.0);
        QCOMPARE(chords[2].toObject().value(QStringLiteral("tones")).toArray(),
                 (QJsonArray{QStringLiteral("C"), QStringLiteral("E"), QStringLiteral("G"), QStringLiteral("B"), QStringLiteral("D")}));
        QCOMPARE(chords[4].toObject().value(QStringLiteral("canonical")).toString(), QStringLiteral("Cm"));
        QVERIFY(chords[3].toObject().value(QStringLiteral("no_chord")).toBool());
        const QJsonObject key = result.json.value(QStringLiteral("key")).toObject();
        QCOMPARE(key.value(QStringLiteral("name")).toString(), QStringLiteral("C"));
        QVERIFY(key.value(QStringLiteral("detected")).toBool());
        const QJsonObject summary = result.json.value(QStringLiteral("summary")).toObject();
        QCOMPARE(summary.value(QStringLiteral("slash_chords")).toInt(), 1);
        QCOMPARE(summary.value(QStringLiteral("extended_chords")).toInt(), 1);
        QCOMPARE(summary.value(QStringLiteral("no_chord_beats")).toDouble(), 4.0);
        QCOMPARE(summary.value(QStringLiteral("bars")).toDouble(), 4.0);
        QVERIFY(summary.value(QStringLiteral("text")).toString().contains(QStringLiteral("C major (detected)")));
        QCOMPARE(m_server->orchestrator->session().files().count(), 0); // analysing writes nothing

        const HttpResult bad = m_server->post(QStringLiteral("/api/analyze"), R"({"chord_progression": "C | Hm7"})");
        QCOMPARE(bad.status, 422);
        QCOMPARE(bad.errorField(),
                 QStringLiteral("chord_progression.chords"));
    }

    void styleAndFeelReachTheFiles()
    {
        const HttpResult result = m_server->post(QStringLiteral("/api/generate"), R"({
            "chord_progression": {"chords": "E7 | A7 | E7 | B7 A7", "key": "E"}, "style": "blues_shuffle",
            "track_types": ["full"], "count_in": 1, "ending": true, "seed": 12})");
        QCOMPARE(result.status, 200);
        const QJsonObject metadata = result.json.value(QStringLiteral("metadata")).toObject();
        QCOMPARE(metadata.value(QStringLiteral("style")).toString(), QStringLiteral("blues_shuffle"));
        QCOMPARE(metadata.value(QStringLiteral("music_start_beat")).toDouble(), 4.0);
        QCOMPARE(metadata.value(QStringLiteral("file_length_beats")).toDouble(), 24.0);
        QCOMPARE(metadata.value(QStringLiteral("feel")).toObject().value(QStringLiteral("swing_ratio")).toDouble(), 0.667);
        const QJsonArray files = result.json.value(QStringLiteral("files")).toArray();
        QCOMPARE(files.size(), 1);
        QVERIFY(files[0].toString().contains(QStringLiteral("_full_E_100_")));
        const QByteArray midi = m_server->get(QStringLiteral("/api/files/") + files[0].toString()).body;
        QCOMPARE(midi.left(4), QByteArray("MThd"));
        QCOMPARE(quint8(midi[11]), quint8(4)); // conductor, bass, drums, keys
    }

    // The original orchestrator's users (docs/PROTOCOL.md, "Compatibility"): its /health keys,
    // its /api/files fields (Unix seconds), DELETE's message and /redoc, beside ours.
    void theOriginalsFieldsAreThereBesideOurs()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const HttpResult generated = m_server->post(QStringLiteral("/api/generate"), R"({"chord_progression": "C-Am-F-G"})");
        QCOMPARE(generated.status, 200);
        const HttpResult health = m_server->get(QStringLiteral("/health"));
        QCOMPARE(health.json.value(QStringLiteral("backend_connected")), QJsonValue(true));
        QCOMPARE(health.json.value(QStringLiteral("active_plugins")), health.json.value(QStringLiteral("plugins_connected")));
        QCOMPARE(health.json.value(QStringLiteral("generated_files")).toInt(), 2);
        QCOMPARE(health.json.value(QStringLiteral("files_dir")).toString(), m_server->watchedDir());
        QCOMPARE(health.json.value(QStringLiteral("takes_dir")).toString(), m_server->filesDir());

        const QJsonArray files = m_server->get(QStringLiteral("/api/files")).json.value(QStringLiteral("files")).toArray();
        QCOMPARE(files.size(), 2);
        for (const QJsonValue &value : files) {
            const QJsonObject file = value.toObject();
            QCOMPARE(file.value(QStringLiteral("filename")), file.value(QStringLiteral("name")));
            QCOMPARE(file.value(QStringLiteral("size")), file.value(QStringLiteral("size_bytes")));
            for (const char *field : {"created", "modified"}) {
                const QJsonValue seconds = file.value(QLatin1String(field));
                QVERIFY2(seconds.isDouble(), field);
                QVERIFY2(std::abs(seconds.toDouble() * 1000 - before) < 10000, field);
            }
            QCOMPARE(QDateTime::fromString(file.value(QStringLiteral("modified_at")).toString(), Qt::ISODateWithMs)
                         .toMSecsSinceEpoch(),
                     static_cast<qint64>(std::llround(file.value(QStringLiteral("modified")).toDouble() * 1000)));
        }
        const QString name = files.first().toObject().value(QStringLiteral("name")).toString();
        const HttpResult deleted = m_server->send("DELETE", QStringLiteral("/api/files/") + name);
        QCOMPARE(deleted.json.value(QStringLiteral("message")).toString(), QStringLiteral("Deleted ") + name);

        const HttpResult redoc = m_server->get(QStringLiteral("/redoc"));
        QCOMPARE(redoc.status, 200);
        QCOMPARE(redoc.body, m_server->get(QStringLiteral("/docs")).body);
    }

    void configIsServedWithoutSecrets()
    {
        const HttpResult result = m_server->get(QStringLiteral("/api/config"));
        QCOMPARE(result.status, 200);
        const QJsonObject server = result.json.value(QStringLiteral("server")).toObject();
        QCOMPARE(server.value(QStringLiteral("host")).toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(server.value(QStringLiteral("port")).toInt(), 0); // configured value; /health has the bound one
        QCOMPARE(result.json.value(QStringLiteral("plugin")).toObject().value(QStringLiteral("folder")).toString(),
                 m_server->watchedDir());
        // The token's own key is secret; where it is kept and whether it is required are not.
        QVERIFY(!server.contains(QStringLiteral("token")));
        QVERIFY(server.contains(QStringLiteral("require_token")));
    }

    void webSocketConfirmsAndAnswersHeartbeats()
    {
        PluginClient plugin;
        QVERIFY(plugin.open(wsUrl(QStringLiteral("/ws/plugin-a"))));
        const QJsonObject confirmed = plugin.take(QStringLiteral("connection_confirmed"));
        QCOMPARE(dataOf(confirmed).value(QStringLiteral("plugin_id")).toString(),
                 QStringLiteral("plugin-a"));
        QTRY_COMPARE(m_server->get(QStringLiteral("/health")).json.value(QStringLiteral("plugins_connected")).toInt(), 1);

        plugin.sendJson({{QStringLiteral("type"), QStringLiteral("heartbeat")},
                         {QStringLiteral("request_id"), QStringLiteral("hb-1")},
                         {QStringLiteral("data"), QJsonObject{{QStringLiteral("timestamp"), 12.5}}}});
        const QJsonObject response = plugin.take(QStringLiteral("heartbeat_response"));
        QCOMPARE(response.value(QStringLiteral("request_id")).toString(), QStringLiteral("hb-1"));
        QCOMPARE(dataOf(response).value(QStringLiteral("client_timestamp")).toDouble(), 12.5);
    }

    void malformedAndUnknownMessagesGetErrorsAndTheSessionStays()
    {
        PluginClient plugin;
        QVERIFY(plugin.open(wsUrl(QStringLiteral("/ws/plugin-b"))));
        plugin.socket.sendTextMessage(QStringLiteral("{not json"));
        QCOMPARE(plugin.take(QStringLiteral("error")).value(QStringLiteral("data")).toObject()
                     .value(QStringLiteral("code")).toString(), QStringLiteral("invalid_json"));
        plugin.sendJson({{QStringLiteral("type"), QStringLiteral("dance")}, {QStringLiteral("request_id"), 5}});
        const QJsonObject unknown = plugin.take(QStringLiteral("error"));
        QCOMPARE(dataOf(unknown).value(QStringLiteral("code")).toString(),
                 QStringLiteral("unknown_type"));
        QCOMPARE(unknown.value(QStringLiteral("request_id")).toInt(), 5);
        plugin.sendJson({{QStringLiteral("type"), QStringLiteral("heartbeat")}});
        QVERIFY(!plugin.take(QStringLiteral("heartbeat_response")).isEmpty());
        QCOMPARE(plugin.socket.state(), QAbstractSocket::ConnectedState);
    }

    void generatedFilesAreAnnouncedToTheirPluginOnly()
    {
        PluginClient owner;
        PluginClient other;
        QVERIFY(owner.join(wsUrl(QStringLiteral("/ws/my-plugin"))));
        QVERIFY(other.join(wsUrl(QStringLiteral("/ws/someone-else"))));

        const HttpResult result = m_server->post(QStringLiteral("/api/generate"), seedExampleBody());
        QCOMPARE(result.status, 200);
        const QJsonObject ready = owner.take(QStringLiteral("files_ready"));
        QCOMPARE(dataOf(ready).value(QStringLiteral("files")).toArray(),
                 result.json.value(QStringLiteral("files")).toArray());
        const QJsonObject midi = owner.take(QStringLiteral("midi_ready"));
        QCOMPARE(dataOf(midi).value(QStringLiteral("track_type")).toString(),
                 QStringLiteral("bass"));
        QCOMPARE(dataOf(midi).value(QStringLiteral("key")).toString(), QStringLiteral("C"));
        QVERIFY(!owner.take(QStringLiteral("midi_ready")).isEmpty()); // drums

        // A round trip on the other session proves it had the chance to receive anything sent.
        other.sendJson({{QStringLiteral("type"), QStringLiteral("heartbeat")}});
        QVERIFY(!other.take(QStringLiteral("heartbeat_response")).isEmpty());
        QCOMPARE(other.count(QStringLiteral("files_ready")), 0);
        QCOMPARE(other.count(QStringLiteral("midi_ready")), 0);
    }

    void generationRequestOverWebSocket()
    {
        PluginClient plugin;
        QVERIFY(plugin.open(wsUrl(QStringLiteral("/ws/ws-gen"))));
        plugin.sendJson({{QStringLiteral("type"), QStringLiteral("generation_request")},
                         {QStringLiteral("request_id"), QStringLiteral("g1")},
                         {QStringLiteral("data"), QJsonDocument::fromJson(R"({
                              "chord_progression": {"chords": [{"chord": "Em"}, {"chord": "C"}]},
                              "track_types": ["drums"]})").object()}});
        const QJsonObject complete = plugin.take(QStringLiteral("generation_complete"));
        QCOMPARE(complete.value(QStringLiteral("request_id")).toString(), QStringLiteral("g1"));
        QCOMPARE(dataOf(complete).value(QStringLiteral("files")).toArray().size(), 1);
        QVERIFY(!plugin.take(QStringLiteral("files_ready")).isEmpty());

        plugin.sendJson({{QStringLiteral("type"), QStringLiteral("generation_request")},
                         {QStringLiteral("request_id"), QStringLiteral("g2")},
                         {QStringLiteral("data"), QJsonObject{}}});
        const QJsonObject error = plugin.take(QStringLiteral("error"));
        QCOMPARE(error.value(QStringLiteral("request_id")).toString(), QStringLiteral("g2"));
        QCOMPARE(dataOf(error).value(QStringLiteral("field")).toString(),
                 QStringLiteral("data.chord_progression"));
    }

    void transportUpdatesReachTheOtherPlugins()
    {
        PluginClient sender;
        PluginClient listener;
        QVERIFY(sender.open(wsUrl(QStringLiteral("/ws/sender"))));
        QVERIFY(listener.join(wsUrl(QStringLiteral("/ws/listener"))));
        sender.sendJson({{QStringLiteral("type"), QStringLiteral("transport_update")},
                         {QStringLiteral("data"), QJsonObject{{QStringLiteral("is_playing"), true},
                                                              {QStringLiteral("current_beat"), 16.5},
                                                              {QStringLiteral("tempo"), 120.0}}}});
        const QJsonObject sync = listener.take(QStringLiteral("transport_sync"));
        // Playing, so the beat sent is extrapolated to the moment of sending: at 120 BPM each
        // millisecond between the update and the fan-out adds 0.002 (1 run in 200 crossed one).
        const double beat = dataOf(sync).value(QStringLiteral("current_beat")).toDouble();
        QVERIFY2(beat >= 16.5 && beat < 16.5 + 0.02, qPrintable(QString::number(beat)));
        QCOMPARE(dataOf(sync).value(QStringLiteral("source_plugin_id")).toString(),
                 QStringLiteral("sender"));
        sender.sendJson({{QStringLiteral("type"), QStringLiteral("heartbeat")}});
        QVERIFY(!sender.take(QStringLiteral("heartbeat_response")).isEmpty());
        QCOMPARE(sender.count(QStringLiteral("transport_sync")), 0);
    }

    void secondConnectionWithSameIdReplacesTheFirst()
    {
        PluginClient first;
        PluginClient second;
        QVERIFY(first.join(wsUrl(QStringLiteral("/ws/dup"))));
        QSignalSpy closed(&first.socket, &QWebSocket::disconnected);
        QVERIFY(second.open(wsUrl(QStringLiteral("/ws/dup"))));
        // The close may already have arrived while the second connection was being opened.
        QTRY_COMPARE(closed.count(), 1);
        QCOMPARE(first.socket.closeCode(), static_cast<QWebSocketProtocol::CloseCode>(CloseReason::Replaced));
        QCOMPARE(m_server->orchestrator->pluginCount(), 1);
    }

    void invalidWebSocketPathsAreRefusedBeforeTheUpgrade()
    {
        for (const char *path : {"/ws/", "/ws/bad%20id", "/nope"}) {
            QWebSocket socket;
            QSignalSpy error(&socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error));
            QSignalSpy connected(&socket, &QWebSocket::connected);
            socket.open(wsUrl(QLatin1String(path)));
            QVERIFY2(error.wait(5000), path);
            QCOMPARE(connected.count(), 0);
        }
        QCOMPARE(m_server->orchestrator->pluginCount(), 0);
    }

    void silentSessionsAreClosedAfterTheTimeout()
    {
        Config config;
        config.connectionTimeoutSeconds = 0.3;
        TestServer server(config);
        QVERIFY(server.start());
        PluginClient plugin;
        QSignalSpy closed(&plugin.socket, &QWebSocket::disconnected);
        QVERIFY(plugin.open(server.wsUrl(QStringLiteral("/ws/sleepy"))));
        QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 5000);
        QCOMPARE(plugin.socket.closeCode(), static_cast<QWebSocketProtocol::CloseCode>(CloseReason::HeartbeatTimeout));
        QTRY_COMPARE(server.orchestrator->pluginCount(), 0);
    }

    void connectionsBeyondTheCapGet503()
    {
        Config config;
        config.maxConnections = 2;
        TestServer server(config);
        QVERIFY(server.start());
        QTcpSocket a;
        QTcpSocket b;
        for (QTcpSocket *socket : {&a, &b}) {
            socket->connectToHost(QHostAddress::LocalHost, server.orchestrator->port());
            QVERIFY(socket->waitForConnected(5000));
        }
        // The server counts a connection once its event loop has accepted it.
        QTRY_COMPARE(server.orchestrator->openConnections(), 2);
        RawClient third(server.orchestrator->port());
        QVERIFY(third.connected());
        const std::optional<RawResponse> reply = third.next();
        QVERIFY(reply);
        QVERIFY2(reply->raw.startsWith("HTTP/1.1 503"), reply->raw.constData());
        QVERIFY(reply->raw.contains("Retry-After: 1"));
        QVERIFY(reply->raw.contains("too_many_connections"));

        a.close();
        b.close();
        QTRY_COMPARE(server.get(QStringLiteral("/health")).status, 200);
    }

    void logsAreReadableSinceAnId()
    {
        // In the app the buffer is fed by Qt's message handler; here it is fed directly.
        LogBuffer buffer(100);
        buffer.append({0, QDateTime::currentDateTime(), QStringLiteral("info"), QStringLiteral("aiband.test"),
                       QStringLiteral("first")});
        buffer.append({0, QDateTime::currentDateTime(), QStringLiteral("warning"), QStringLiteral("aiband.test"),
                       QStringLiteral("second")});
        TestServer server(Config{}, &buffer);
        QVERIFY(server.start());
        const HttpResult result = server.get(QStringLiteral("/api/logs?since=1"));
        QCOMPARE(result.status, 200);
        const QJsonArray entries = result.json.value(QStringLiteral("entries")).toArray();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries[0].toObject().value(QStringLiteral("message")).toString(), QStringLiteral("second"));
        QCOMPARE(entries[0].toObject().value(QStringLiteral("level")).toString(), QStringLiteral("warning"));
        QCOMPARE(result.json.value(QStringLiteral("next_since")).toInt(), 2);
        QCOMPARE(server.get(QStringLiteral("/api/logs?since=0&limit=1")).json.value(QStringLiteral("entries"))
                     .toArray().size(), 1);
    }

    void aServerShuttingDownCannotBeStartedAgain()
    {
        // The tray's Start during a shutdown's drain must not open a new listener.
        TestServer server;
        QVERIFY(server.start());
        QSignalSpy stopped(server.orchestrator.get(), &Orchestrator::stopped);
        server.orchestrator->shutdown();
        QVERIFY(!server.orchestrator->isRunning());
        const Status started = server.orchestrator->start();
        QVERIFY(!started);
        QCOMPARE(started.error().code, QStringLiteral("shutting_down"));
        QVERIFY(!server.orchestrator->isRunning());
        QVERIFY(stopped.wait(5000));
        QVERIFY(!server.orchestrator->isRunning());
    }
};

QTEST_GUILESS_MAIN(TestServerIntegration)
#include "tst_server.moc"
