// The plugin protocol of docs/PROTOCOL.md against the real server: every endpoint and message,
// including their errors.

#include "BuiltInStyles.h"
#include "TestServer.h"
#include "files/FileStore.h"
#include "generation/GenerationService.h"

#include <QFile>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

using namespace aiband;
using namespace aiband::test;

class TestProtocol : public QObject {
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;

    QJsonObject pluginEntry(const QString &id)
    {
        const HttpResult status = m_server->get(QStringLiteral("/api/plugin/status?plugin_id=") + id);
        return status.json.value(QStringLiteral("plugins")).toArray().first().toObject();
    }

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
    }
    void cleanup() { m_server.reset(); }

    // --- the message tables ---

    // PROTOCOL.md's two message tables, the server's index (read from the tables it dispatches
    // and sends with) and each other: a message added to one and not the others fails here.
    void protocolDocumentListsExactlyTheMessagesTheServerHas()
    {
        QFile document(QStringLiteral(AIBAND_SOURCE_DIR "/docs/PROTOCOL.md"));
        QVERIFY(document.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(document.readAll());
        const auto typesUnder = [&](const QString &heading) {
            const qsizetype start = text.indexOf(heading);
            const qsizetype end = text.indexOf(QStringLiteral("\n#"), start + 1);
            QStringList types;
            static const QRegularExpression row(QStringLiteral("^\\| `([a-z_]+)` \\|"),
                                                QRegularExpression::MultilineOption);
            auto matches = row.globalMatch(text.mid(start, end - start));
            while (matches.hasNext())
                types.append(matches.next().captured(1));
            return types;
        };
        const HttpResult index = m_server->get(QStringLiteral("/"));
        QCOMPARE(index.status, 200);
        const QJsonObject messages = index.json.value(QStringLiteral("websocket_messages")).toObject();
        const auto typesIn = [&](const QString &side) {
            QStringList types;
            for (const QJsonValue &message : messages.value(side).toArray()) {
                // A message without a summary is listed as "type?" and fails the comparisons below.
                const bool described = !message.toObject().value(QStringLiteral("summary")).toString().isEmpty();
                types.append(message.toObject().value(QStringLiteral("type")).toString() + (described ? "" : "?"));
            }
            return types;
        };
        const QStringList fromPlugin = typesIn(QStringLiteral("from_plugin"));
        const QStringList fromServer = typesIn(QStringLiteral("from_server"));
        QCOMPARE(fromPlugin, (QStringList{"register", "heartbeat", "transport_update", "transport_sync",
                                          "generation_request", "generate_request", "status_request", "detect_chords",
                                          "live_start", "live_stop", "chord_event", "note_events", "live_save",
                                          "audio_start", "audio_stop"}));
        QCOMPARE(fromServer.size(), 20);
        QCOMPARE(typesUnder(QStringLiteral("### Plugin → server")), fromPlugin);
        QCOMPARE(typesUnder(QStringLiteral("### Server → plugin")), fromServer);
    }

    // --- plugins over HTTP ---

    void registerGivesTheWebSocketAddress()
    {
        const HttpResult result = m_server->post(QStringLiteral("/api/plugin/register"),
                                                 R"({"plugin_id": "bass-1", "name": "AI Band Plugin", "version": "1.2", "daw": "Reaper"})");
        QCOMPARE(result.status, 200);
        QCOMPARE(result.json.value(QStringLiteral("plugin_id")).toString(), QStringLiteral("bass-1"));
        QVERIFY(result.json.value(QStringLiteral("registered")).toBool());
        QCOMPARE(result.json.value(QStringLiteral("websocket_url")).toString(), m_server->wsUrl(QStringLiteral("/ws/bass-1")).toString());
        QVERIFY(result.json.value(QStringLiteral("heartbeat_interval")).isDouble());

        const QJsonObject entry = pluginEntry(QStringLiteral("bass-1"));
        QCOMPARE(entry.value(QStringLiteral("name")).toString(), QStringLiteral("AI Band Plugin"));
        QCOMPARE(entry.value(QStringLiteral("daw")).toString(), QStringLiteral("Reaper"));
        QCOMPARE(entry.value(QStringLiteral("connected")).toBool(), false);
        QCOMPARE(entry.value(QStringLiteral("address")).toString(), QStringLiteral("127.0.0.1"));
        QVERIFY(entry.value(QStringLiteral("transport")).isNull());
    }

    void registerWithoutAnIdMakesOne()
    {
        const HttpResult result = m_server->send("POST", QStringLiteral("/api/plugin/register"), {});
        QCOMPARE(result.status, 200);
        QVERIFY(QRegularExpression(QStringLiteral("^plugin-[0-9a-f]{8}$"))
                    .match(result.json.value(QStringLiteral("plugin_id")).toString()).hasMatch());
    }

    void registerRefusesBadFields_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("id") << QByteArray(R"({"plugin_id": "../x"})") << "plugin_id";
        QTest::newRow("id type") << QByteArray(R"({"plugin_id": 7})") << "plugin_id";
        QTest::newRow("name") << QByteArray(R"({"plugin_id": "a", "name": 1})") << "name";
    }

    void registerRefusesBadFields()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const HttpResult result = m_server->post(QStringLiteral("/api/plugin/register"), body);
        QCOMPARE(result.status, 422);
        QCOMPARE(result.errorField(), field);
    }

    void heartbeatsKeepPluginsKnown()
    {
        m_server->post(QStringLiteral("/api/plugin/register"), R"({"plugin_id": "hb"})");
        const HttpResult ok = m_server->post(QStringLiteral("/api/plugin/heartbeat"), R"({"plugin_id": "hb"})");
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.json.value(QStringLiteral("plugin_id")).toString(), QStringLiteral("hb"));
        QVERIFY(!ok.json.value(QStringLiteral("server_time")).toString().isEmpty());

        const HttpResult unknown = m_server->post(QStringLiteral("/api/plugin/heartbeat"), R"({"plugin_id": "nobody"})");
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.errorCode(), QStringLiteral("unknown_plugin"));
        const HttpResult missing = m_server->post(QStringLiteral("/api/plugin/heartbeat"), R"({})");
        QCOMPARE(missing.status, 422);
        QCOMPARE(missing.errorField(), QStringLiteral("plugin_id"));
        QCOMPARE(m_server->get(QStringLiteral("/api/plugin/status?plugin_id=nobody")).status, 404);
    }

    void silentHttpPluginsAreForgotten()
    {
        Config config;
        config.connectionTimeoutSeconds = 0.3;
        TestServer server(config);
        QVERIFY(server.start());
        server.post(QStringLiteral("/api/plugin/register"), R"({"plugin_id": "quiet"})");
        QCOMPARE(server.get(QStringLiteral("/api/plugin/status")).json.value(QStringLiteral("count")).toInt(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(server.get(QStringLiteral("/api/plugin/status")).json.value(QStringLiteral("count")).toInt(), 0, 5000);
    }

    // --- transport ---

    void transportStartRunsTheClockAndEveryPluginHears()
    {
        PluginClient a;
        PluginClient b;
        QVERIFY(a.join(m_server->wsUrl(QStringLiteral("/ws/a"))));
        QVERIFY(b.join(m_server->wsUrl(QStringLiteral("/ws/b"))));

        const HttpResult started = m_server->post(QStringLiteral("/api/transport/start"), R"({"beat": 8, "tempo": 400})");
        QCOMPARE(started.status, 200);
        QVERIFY(started.json.value(QStringLiteral("is_playing")).toBool());
        QCOMPARE(started.json.value(QStringLiteral("source")).toString(), QStringLiteral("http"));
        for (PluginClient *plugin : {&a, &b}) {
            const QJsonObject sync = dataOf(plugin->take(QStringLiteral("transport_sync")));
            QVERIFY(sync.value(QStringLiteral("is_playing")).toBool());
            QCOMPARE(sync.value(QStringLiteral("tempo")).toDouble(), 400.0);
        }
        // At 400 BPM the extrapolated position moves almost seven beats a second.
        QTRY_VERIFY_WITH_TIMEOUT(m_server->get(QStringLiteral("/api/transport/position")).json
                                     .value(QStringLiteral("current_beat")).toDouble() > 8.5, 5000);

        const HttpResult stopped = m_server->post(QStringLiteral("/api/transport/stop"), {});
        QCOMPARE(stopped.status, 200);
        QVERIFY(!stopped.json.value(QStringLiteral("is_playing")).toBool());
        // Stop rewinds to the start, as the plugin's spec's own test expects.
        QCOMPARE(stopped.json.value(QStringLiteral("current_beat")).toDouble(), 0.0);
        QCOMPARE(m_server->get(QStringLiteral("/api/transport/position")).json.value(QStringLiteral("current_beat")).toDouble(), 0.0);
        for (PluginClient *plugin : {&a, &b})
            QVERIFY(!dataOf(plugin->take(QStringLiteral("transport_sync"))).value(QStringLiteral("is_playing")).toBool());

        const HttpResult reset = m_server->post(QStringLiteral("/api/transport/reset"), {});
        QCOMPARE(reset.json.value(QStringLiteral("current_beat")).toDouble(), 0.0);
        QCOMPARE(reset.json.value(QStringLiteral("bar")).toInt(), 1);
        QCOMPARE(dataOf(b.take(QStringLiteral("transport_sync"))).value(QStringLiteral("current_beat")).toDouble(), 0.0);
    }

    void transportSyncReachesEveryPluginButTheSender()
    {
        PluginClient sender;
        PluginClient other;
        QVERIFY(sender.join(m_server->wsUrl(QStringLiteral("/ws/sender"))));
        QVERIFY(other.join(m_server->wsUrl(QStringLiteral("/ws/other"))));
        const HttpResult result = m_server->post(QStringLiteral("/api/transport/sync"),
            R"({"plugin_id": "sender", "is_playing": false, "current_beat": 17.5, "tempo": 90, "time_signature": "7/8"})");
        QCOMPARE(result.status, 200);
        QCOMPARE(result.json.value(QStringLiteral("time_signature")).toString(), QStringLiteral("7/8"));
        QCOMPARE(result.json.value(QStringLiteral("bar")).toInt(), 6);          // 5 bars of 3.5 beats before
        QCOMPARE(result.json.value(QStringLiteral("beat_in_bar")).toDouble(), 0.0);
        const QJsonObject sync = dataOf(other.take(QStringLiteral("transport_sync")));
        QCOMPARE(sync.value(QStringLiteral("current_beat")).toDouble(), 17.5);
        QCOMPARE(sync.value(QStringLiteral("source_plugin_id")).toString(), QStringLiteral("sender"));
        sender.sendJson(wsMessage(QStringLiteral("heartbeat")));
        QVERIFY(!sender.take(QStringLiteral("heartbeat_response")).isEmpty());
        QCOMPARE(sender.count(QStringLiteral("transport_sync")), 0);
        QCOMPARE(pluginEntry(QStringLiteral("sender")).value(QStringLiteral("transport")).toObject()
                     .value(QStringLiteral("current_beat")).toDouble(), 17.5);
    }

    void badTransportFieldsAreNamed_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("sync tempo") << "/api/transport/sync" << QByteArray(R"({"tempo": 9000})") << "tempo";
        QTest::newRow("sync playing") << "/api/transport/sync" << QByteArray(R"({"is_playing": "yes"})") << "is_playing";
        QTest::newRow("sync meter") << "/api/transport/sync" << QByteArray(R"({"time_signature": "4/5"})") << "time_signature";
        QTest::newRow("sync beat") << "/api/transport/sync" << QByteArray(R"({"current_beat": "one"})") << "current_beat";
        QTest::newRow("start tempo") << "/api/transport/start" << QByteArray(R"({"tempo": 5})") << "tempo";
        QTest::newRow("start beat") << "/api/transport/start" << QByteArray(R"({"beat": "x"})") << "beat";
    }

    void badTransportFieldsAreNamed()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const HttpResult result = m_server->post(path, body);
        QCOMPARE(result.status, 422);
        QCOMPARE(result.errorField(), field);
        QVERIFY(!m_server->get(QStringLiteral("/api/transport/position")).json.value(QStringLiteral("is_playing")).toBool());
    }

    // --- MIDI for plugins ---

    void flatFormGeneratesAndListsAndDeletes()
    {
        const HttpResult result = m_server->post(QStringLiteral("/api/midi/generate"),
            R"({"chords": "C-Am-F-G", "bars": 8, "tempo": 100, "key": "C", "style": "rock", "track_type": "bass", "seed": 3})");
        QCOMPARE(result.status, 200);
        const QJsonObject metadata = result.json.value(QStringLiteral("metadata")).toObject();
        QCOMPARE(metadata.value(QStringLiteral("duration_beats")).toDouble(), 32.0);
        QCOMPARE(metadata.value(QStringLiteral("track_types")).toArray(), QJsonArray{QStringLiteral("bass")});
        const QString name = result.json.value(QStringLiteral("files")).toArray().first().toString();

        const HttpResult list = m_server->get(QStringLiteral("/api/midi/list"));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json.value(QStringLiteral("count")).toInt(), 1);
        const QJsonObject file = list.json.value(QStringLiteral("files")).toArray().first().toObject();
        QCOMPARE(file.value(QStringLiteral("file_id")).toString(), name);
        QCOMPARE(file.value(QStringLiteral("track_type")).toString(), QStringLiteral("bass"));
        QCOMPARE(file.value(QStringLiteral("key")).toString(), QStringLiteral("C"));
        QCOMPARE(file.value(QStringLiteral("tempo")).toInt(), 100);

        QCOMPARE(m_server->send("DELETE", QStringLiteral("/api/midi/") + name).status, 200);
        QCOMPARE(m_server->send("DELETE", QStringLiteral("/api/midi/") + name).status, 404);
        QCOMPARE(m_server->get(QStringLiteral("/api/midi/list")).json.value(QStringLiteral("count")).toInt(), 0);
    }

    void flatFormErrorsNameTheFlatFields_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("chord") << QByteArray(R"({"chords": "C-Hm"})") << "chords";
        QTest::newRow("tempo") << QByteArray(R"({"chords": "C", "tempo": 999})") << "tempo";
        QTest::newRow("bars") << QByteArray(R"({"chords": "C", "bars": 2.5})") << "bars";
        QTest::newRow("both lengths") << QByteArray(R"({"chords": "C", "bars": 2, "duration": 8})") << "bars";
        QTest::newRow("no chords") << QByteArray(R"({"tempo": 100})") << "chords";
        QTest::newRow("track") << QByteArray(R"({"chords": "C", "track_type": "flute"})") << "track_types[0]";
    }

    void flatFormErrorsNameTheFlatFields()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const HttpResult result = m_server->post(QStringLiteral("/api/midi/generate"), body);
        QCOMPARE(result.status, 422);
        QCOMPARE(result.errorField(), field);
        QVERIFY(!result.errorJson().value(QStringLiteral("message")).toString()
                     .contains(QStringLiteral("chord_progression.")));
    }

    void aClientThatHangsUpLosesNothing()
    {
        PluginClient plugin;
        QVERIFY(plugin.join(m_server->wsUrl(QStringLiteral("/ws/impatient"))));
        const QByteArray body = R"({"chord_progression": {"chords": "C | G", "duration": 4096}, "style": "funk",
                                    "track_types": ["full"], "plugin_id": "impatient"})";
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_server->orchestrator->port());
        QVERIFY(client.waitForConnected(5000));
        client.write("POST /api/generate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY(client.waitForBytesWritten(5000));
        client.abort(); // gone before the answer
        const QJsonObject ready = plugin.take(QStringLiteral("files_ready"), 10000);
        QVERIFY(!ready.isEmpty());
        const QString name = dataOf(ready).value(QStringLiteral("files")).toArray().first().toString();
        QCOMPARE(m_server->get(QStringLiteral("/api/files/") + name).status, 200);
        QCOMPARE(m_server->get(QStringLiteral("/health")).status, 200);
    }

    // --- WebSocket ---

    void syncPathTakesTheIdFromTheQuery()
    {
        PluginClient plugin;
        QUrl url = m_server->wsUrl(QStringLiteral("/ws/sync"));
        url.setQuery(QStringLiteral("plugin_id=from-query"));
        QVERIFY(plugin.open(url));
        const QJsonObject confirmed = plugin.take(QStringLiteral("connection_confirmed"));
        QCOMPARE(dataOf(confirmed).value(QStringLiteral("plugin_id")).toString(), QStringLiteral("from-query"));
        QTRY_VERIFY(pluginEntry(QStringLiteral("from-query")).value(QStringLiteral("connected")).toBool());
    }

    // A register that takes an id another session holds replaces that session (4001), and the
    // count of sessions the window shows follows.
    void registeringATakenIdReplacesTheOtherSessionAndTheCountFollows()
    {
        PluginClient first;
        QVERIFY(first.join(m_server->wsUrl(QStringLiteral("/ws/taken"))));
        PluginClient second;
        QVERIFY(second.open(m_server->wsUrl(QStringLiteral("/ws/sync"))));
        QTRY_COMPARE(m_server->orchestrator->pluginCount(), 2);
        QSignalSpy counted(m_server->orchestrator.get(), &Orchestrator::pluginCountChanged);
        second.sendJson(wsMessage(QStringLiteral("register"), {{QStringLiteral("plugin_id"), QStringLiteral("taken")}}));
        QVERIFY(!second.take(QStringLiteral("registered")).isEmpty());
        QCOMPARE(m_server->orchestrator->pluginCount(), 1);
        QVERIFY(!counted.isEmpty());
        QCOMPARE(counted.last().first().toInt(), 1);
        QTRY_COMPARE(first.socket.closeCode(), static_cast<QWebSocketProtocol::CloseCode>(4001));
    }

    void syncPathWithoutIdWaitsForRegister()
    {
        PluginClient plugin;
        QVERIFY(plugin.open(m_server->wsUrl(QStringLiteral("/ws/sync"))));
        QVERIFY(dataOf(plugin.take(QStringLiteral("connection_confirmed"))).value(QStringLiteral("plugin_id")).isNull());

        plugin.sendJson(wsMessage(QStringLiteral("heartbeat"), {}, 1));
        QCOMPARE(plugin.take(QStringLiteral("heartbeat_response")).value(QStringLiteral("request_id")).toInt(), 1);
        plugin.sendJson(wsMessage(QStringLiteral("transport_update"), {{QStringLiteral("is_playing"), true}}, 2));
        const QJsonObject refused = plugin.take(QStringLiteral("error"));
        QCOMPARE(dataOf(refused).value(QStringLiteral("code")).toString(), QStringLiteral("not_registered"));
        QCOMPARE(refused.value(QStringLiteral("request_id")).toInt(), 2);

        plugin.sendJson(wsMessage(QStringLiteral("register"), {{QStringLiteral("plugin_id"), QStringLiteral("../bad")}}, 3));
        QCOMPARE(dataOf(plugin.take(QStringLiteral("error"))).value(QStringLiteral("field")).toString(), QStringLiteral("data.plugin_id"));

        plugin.sendJson(wsMessage(QStringLiteral("register"),
                                {{QStringLiteral("plugin_id"), QStringLiteral("late")}, {QStringLiteral("daw"), QStringLiteral("Bitwig")}},
                                QStringLiteral("r-4")));
        const QJsonObject registered = plugin.take(QStringLiteral("registered"));
        QCOMPARE(registered.value(QStringLiteral("request_id")).toString(), QStringLiteral("r-4"));
        QCOMPARE(dataOf(registered).value(QStringLiteral("plugin_id")).toString(), QStringLiteral("late"));
        QCOMPARE(pluginEntry(QStringLiteral("late")).value(QStringLiteral("daw")).toString(), QStringLiteral("Bitwig"));

        plugin.sendJson(wsMessage(QStringLiteral("status_request"), {}, 5));
        const QJsonObject status = plugin.take(QStringLiteral("status"));
        QCOMPARE(status.value(QStringLiteral("request_id")).toInt(), 5);
        QCOMPARE(dataOf(status).value(QStringLiteral("plugin")).toObject().value(QStringLiteral("plugin_id")).toString(),
                 QStringLiteral("late"));
        QVERIFY(dataOf(status).value(QStringLiteral("transport")).toObject().contains(QStringLiteral("current_beat")));
    }

    void generateRequestInThePluginsForm()
    {
        PluginClient plugin;
        PluginClient bystander;
        QVERIFY(plugin.join(m_server->wsUrl(QStringLiteral("/ws/keys-1"))));
        QVERIFY(bystander.join(m_server->wsUrl(QStringLiteral("/ws/bystander"))));
        plugin.sendJson(wsMessage(QStringLiteral("generate_request"),
                                {{QStringLiteral("chords"), QStringLiteral("Dm7-G7-Cmaj7")}, {QStringLiteral("style"), QStringLiteral("jazz_swing")},
                                 {QStringLiteral("track_types"), QJsonArray{QStringLiteral("bass"), QStringLiteral("keys")}}},
                                QStringLiteral("g-1")));
        const QJsonObject complete = plugin.take(QStringLiteral("generation_complete"));
        QCOMPARE(complete.value(QStringLiteral("request_id")).toString(), QStringLiteral("g-1"));
        QCOMPARE(dataOf(complete).value(QStringLiteral("files")).toArray().size(), 2);
        const QJsonObject readyMessage = plugin.take(QStringLiteral("files_ready"));
        QCOMPARE(readyMessage.value(QStringLiteral("request_id")).toString(), QStringLiteral("g-1"));
        const QJsonObject ready = dataOf(readyMessage);
        QCOMPARE(ready.value(QStringLiteral("files")).toArray().size(), 2);
        for (const char *track : {"bass", "keys"}) {
            const QJsonObject midiMessage = plugin.take(QStringLiteral("midi_ready"));
            QCOMPARE(midiMessage.value(QStringLiteral("request_id")).toString(), QStringLiteral("g-1"));
            const QJsonObject midi = dataOf(midiMessage);
            QCOMPARE(midi.value(QStringLiteral("track_type")).toString(), QLatin1String(track));
            QCOMPARE(midi.value(QStringLiteral("duration")).toDouble(), 12.0);
            QVERIFY(QFile::exists(midi.value(QStringLiteral("path")).toString()));
        }
        QCOMPARE(pluginEntry(QStringLiteral("keys-1")).value(QStringLiteral("files_generated")).toInt(), 2);

        plugin.sendJson(wsMessage(QStringLiteral("generate_request"), {{QStringLiteral("chords"), QStringLiteral("C-Xz")}}, 2));
        const QJsonObject error = plugin.take(QStringLiteral("error"));
        QCOMPARE(error.value(QStringLiteral("request_id")).toInt(), 2);
        QCOMPARE(dataOf(error).value(QStringLiteral("field")).toString(), QStringLiteral("data.chords"));
        QCOMPARE(dataOf(error).value(QStringLiteral("code")).toString(), QStringLiteral("unknown_chord"));

        bystander.sendJson(wsMessage(QStringLiteral("heartbeat")));
        QVERIFY(!bystander.take(QStringLiteral("heartbeat_response")).isEmpty());
        QCOMPARE(bystander.count(QStringLiteral("files_ready")) + bystander.count(QStringLiteral("midi_ready"))
                     + bystander.count(QStringLiteral("generation_complete")), 0);
    }

    void malformedMessagesAreAnswered_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        QTest::newRow("no type") << R"({"data": {}, "request_id": 9})" << "invalid_message" << "type";
        QTest::newRow("type number") << R"({"type": 5, "request_id": 9})" << "invalid_message" << "type";
        QTest::newRow("data array") << R"({"type": "heartbeat", "data": [], "request_id": 9})" << "invalid_message" << "data";
        QTest::newRow("unknown") << R"({"type": "dance", "request_id": 9})" << "unknown_type" << "type";
        QTest::newRow("bad tempo") << R"({"type": "transport_update", "data": {"tempo": 0}, "request_id": 9})" << "invalid_field" << "data.tempo";
    }

    void malformedMessagesAreAnswered()
    {
        QFETCH(QString, text);
        QFETCH(QString, code);
        QFETCH(QString, field);
        PluginClient plugin;
        QVERIFY(plugin.join(m_server->wsUrl(QStringLiteral("/ws/sloppy"))));
        plugin.socket.sendTextMessage(text);
        const QJsonObject error = plugin.take(QStringLiteral("error"));
        QCOMPARE(dataOf(error).value(QStringLiteral("code")).toString(), code);
        QCOMPARE(dataOf(error).value(QStringLiteral("field")).toString(), field);
        QCOMPARE(error.value(QStringLiteral("request_id")).toInt(), 9);
        QCOMPARE(plugin.socket.state(), QAbstractSocket::ConnectedState);
    }

    void endedWebSocketSessionsFreeTheirConnectionSlots()
    {
        // Regression: upgraded sockets were never released from the connection cap, so after
        // max_connections sessions had come and gone every request was refused with 503.
        Config config;
        config.maxConnections = 4;
        TestServer server(config);
        QVERIFY(server.start());
        for (int round = 0; round < 3; ++round) {
            std::vector<std::unique_ptr<PluginClient>> plugins;
            for (int i = 0; i < 3; ++i) {
                plugins.push_back(std::make_unique<PluginClient>());
                QVERIFY2(plugins.back()->join(server.wsUrl(QStringLiteral("/ws/r%1-p%2").arg(round).arg(i))),
                         qPrintable(QStringLiteral("round %1 plugin %2").arg(round).arg(i)));
            }
            for (auto &plugin : plugins)
                plugin->socket.close();
            QTRY_COMPARE_WITH_TIMEOUT(server.orchestrator->openConnections(), 0, 5000);
        }
        QCOMPARE(server.get(QStringLiteral("/health")).status, 200);
    }

    void anOversizedMessageClosesWith1009()
    {
        Config config;
        config.webSocketMaxMessageBytes = 1024;
        TestServer server(config);
        QVERIFY(server.start());
        PluginClient plugin;
        QVERIFY(plugin.join(server.wsUrl(QStringLiteral("/ws/big"))));
        QSignalSpy closed(&plugin.socket, &QWebSocket::disconnected);
        plugin.socket.sendTextMessage(QString(4096, QLatin1Char('x')));
        QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 5000);
        QCOMPARE(plugin.socket.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        QTRY_COMPARE(server.orchestrator->pluginCount(), 0);
    }

    void transportUpdatesFromPluginsMoveTheSharedClock()
    {
        PluginClient daw;
        PluginClient follower;
        QVERIFY(daw.join(m_server->wsUrl(QStringLiteral("/ws/daw"))));
        QVERIFY(follower.join(m_server->wsUrl(QStringLiteral("/ws/follower"))));
        daw.sendJson(wsMessage(QStringLiteral("transport_update"), {{QStringLiteral("is_playing"), true},
                                                                  {QStringLiteral("current_beat"), 32.0},
                                                                  {QStringLiteral("tempo"), 300.0}}));
        const QJsonObject sync = dataOf(follower.take(QStringLiteral("transport_sync")));
        QCOMPARE(sync.value(QStringLiteral("source_plugin_id")).toString(), QStringLiteral("daw"));
        QVERIFY(sync.value(QStringLiteral("current_beat")).toDouble() >= 32.0);
        QTRY_VERIFY_WITH_TIMEOUT(m_server->get(QStringLiteral("/api/transport/position")).json
                                     .value(QStringLiteral("current_beat")).toDouble() > 32.5, 5000);
        QCOMPARE(m_server->get(QStringLiteral("/api/transport/position")).json.value(QStringLiteral("source")).toString(),
                 QStringLiteral("daw"));
    }
};

// The generation queue and deadline, on the service itself: deterministic without timing.
class TestGenerationQueue : public QObject {
    Q_OBJECT
private slots:
    void aFullQueueSaysBusyAndTheDeadlineSaysTimeout()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        GenerationService service(&store, StyleLibrary::load({QString::fromLatin1(StyleLibrary::kBuiltInFolder)}),
                                  QStringLiteral("pop"), GenerationSettings{1, 0.0, {}});
        const auto request = service.parseRequest(QJsonDocument::fromJson(R"({
            "chord_progression": {"chords": "C | Am | F | G", "duration": 4096}, "style": "funk", "track_types": ["full"]})").object());
        QVERIFY(request.ok());
        QSignalSpy generated(&service, &GenerationService::generated);
        std::optional<Result<GenerationResult>> answer;
        QVERIFY(service.submit(*request, [&](const Result<GenerationResult> &r) { answer = r; }).ok());
        const Status second = service.submit(*request, [](const Result<GenerationResult> &) {});
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, QStringLiteral("busy"));
        // A deadline of 0 s passes before a 1,024-bar song is written; the files still arrive.
        QTRY_VERIFY(answer.has_value());
        QVERIFY(!answer->ok());
        QCOMPARE(answer->error().code, QStringLiteral("timeout"));
        QTRY_COMPARE_WITH_TIMEOUT(generated.count(), 1, 10000);
        QCOMPARE(store.count(), 1);
        QCOMPARE(service.pendingCount(), 0);
        // The deadline's timer that ran out is gone with its generation (deleted later).
        QTRY_COMPARE(service.findChildren<QTimer *>().size(), 0);
        QVERIFY(service.submit(*request, [](const Result<GenerationResult> &) {}).ok());
    }

    // A generation answered before its deadline takes its deadline's timer with it: a timer left
    // to run out kept each answered request's callback for the whole deadline, and at hundreds of
    // generations a second the event loop's timer list grew to tens of thousands.
    void anAnsweredGenerationLeavesNoDeadlineBehind()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        GenerationService service(&store, StyleLibrary::load({QString::fromLatin1(StyleLibrary::kBuiltInFolder)}),
                                  QStringLiteral("pop"), GenerationSettings{8, 30.0, {}});
        const auto request = service.parseRequest(QJsonDocument::fromJson(R"({
            "chord_progression": "C | Am | F | G", "track_types": ["bass"]})").object());
        QVERIFY(request.ok());
        int answered = 0;
        for (int i = 0; i < 5; ++i)
            QVERIFY(service.submit(*request, [&](const Result<GenerationResult> &r) { answered += r.ok() ? 1 : 0; }).ok());
        QCOMPARE(service.findChildren<QTimer *>().size(), 5);   // one deadline per waiting generation
        QTRY_COMPARE(answered, 5);
        QCOMPARE(service.findChildren<QTimer *>().size(), 0);
        QCOMPARE(store.count(), 5);
    }

    // Issue 16, item 2: the churn crash. Qt 6.4's QFuture::then(context, ...) can run its
    // continuation twice when the work finishes while then() is attaching it, and the second run
    // dereferences a moved-from promise (SIGSEGV in QFutureInterfaceBase::reportStarted). Work
    // that ends at once (an engine with nothing to play is refused before anything is written)
    // makes that window as wide as it gets: every one of 20,000 submissions must be answered
    // exactly once, and the process must live.
    void workThatEndsAtOnceIsAnsweredExactlyOnce()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        GenerationService service(&store, StyleLibrary::load({QString::fromLatin1(StyleLibrary::kBuiltInFolder)}),
                                  QStringLiteral("pop"), GenerationSettings{1000, 30.0, {}});
        service.setRenderer([](const Arrangement &) { return RenderedSong{}; });
        // The refusals would each log a warning; this test is about the answers.
        QLoggingCategory::setFilterRules(QStringLiteral("aiband.generation.warning=false"));
        const auto request = service.parseRequest(QJsonDocument::fromJson(R"({
            "chord_progression": {"chords": "C"}, "track_types": ["bass"]})").object());
        QVERIFY(request.ok());
        int answers = 0;
        int refusedAsSilent = 0;
        for (int batch = 0; batch < 20; ++batch) {
            for (int i = 0; i < 1000; ++i) {
                QVERIFY(service.submit(*request, [&](const Result<GenerationResult> &r) {
                    ++answers;
                    refusedAsSilent += !r.ok() && r.error().field == QStringLiteral("chord_progression.chords");
                }).ok());
            }
            QTRY_COMPARE(service.pendingCount(), 0);
        }
        QLoggingCategory::setFilterRules({});
        QCOMPARE(answers, 20000);
        QCOMPARE(refusedAsSilent, answers);
        QCOMPARE(store.count(), 0);
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestProtocol protocol;
    TestGenerationQueue queue;
    return QTest::qExec(&protocol, argc, argv) | QTest::qExec(&queue, argc, argv);
}

#include "tst_protocol.moc"
