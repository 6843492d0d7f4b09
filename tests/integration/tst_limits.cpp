// Every limit of docs/SECURITY.md ("Limits") against the real server, mostly over raw TCP so the
// test controls each byte: each case asserts the answer that only the limit produces (its status
// and error code, a close, a close code), so it fails if the limit is taken away.

#include "RawHttp.h"
#include "TestServer.h"

#include <QJsonArray>
#include <QTcpSocket>
#include <QTimer>

using namespace aiband;
using namespace aiband::test;

namespace {

QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                   const QByteArray &extraHeaders = {})
{
    QByteArray bytes = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders;
    if (!body.isEmpty() || method == "POST")
        bytes += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return bytes + "\r\n" + body;
}

QByteArray nestedArrays(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

// A song that takes the engine a while (1,024 bars of every part): still running when the next
// message of the same burst is read.
QJsonObject heavyGeneration()
{
    return QJsonObject{{QStringLiteral("chord_progression"),
                        QJsonObject{{QStringLiteral("chords"), QStringLiteral("C | Am | F | G")},
                                    {QStringLiteral("duration"), 4096}}},
                       {QStringLiteral("style"), QStringLiteral("funk")},
                       {QStringLiteral("track_types"), QJsonArray{QStringLiteral("full")}}};
}

QByteArray seedBody(const QString &pluginId = {})
{
    QJsonObject body = seedExample();
    if (!pluginId.isEmpty())
        body.insert(QStringLiteral("plugin_id"), pluginId);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace

class TestLimits : public QObject {
    Q_OBJECT

private slots:
    void oversizeContentLengthGets413BeforeTheBodyIsSent()
    {
        Config config;
        config.maxBodyBytes = 2048;
        TestServer server(config);
        QVERIFY(server.start());
        RawClient client(server.orchestrator->port());
        // Only the headers: the answer must come without the body ever being sent.
        client.send("POST /api/generate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    "Content-Length: 4096\r\n\r\n");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 413);
        QCOMPARE(response->errorCode(), QStringLiteral("body_too_large"));
        QCOMPARE(response->header("Connection"), QByteArray("close"));
        QSignalSpy closed(&client.socket, &QTcpSocket::disconnected);
        QVERIFY(client.socket.state() == QAbstractSocket::UnconnectedState || closed.wait(5000));
    }

    void chunkedBodyOverTheLimitGets413()
    {
        Config config;
        config.maxBodyBytes = 2048;
        TestServer server(config);
        QVERIFY(server.start());
        RawClient client(server.orchestrator->port());
        client.send("POST /api/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n400\r\n" + QByteArray(1024, ' ') + "\r\n"
                    "800\r\n");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 413);
        QCOMPARE(response->errorCode(), QStringLiteral("body_too_large"));
    }

    void aBodyWithinTheLimitIsServed()
    {
        Config config;
        config.maxBodyBytes = 2048;
        TestServer server(config);
        QVERIFY(server.start());
        RawClient client(server.orchestrator->port());
        client.send(request("POST", "/api/analyze", R"({"chord_progression": "C-Am-F-G"})"));
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
    }

    void hugeHeadersGet431()
    {
        TestServer server;  // server.max_header_bytes defaults to 16 KiB
        QVERIFY(server.start());
        RawClient client(server.orchestrator->port());
        client.send(request("GET", "/health", {}, "X-Filler: " + QByteArray(20 * 1024, 'a') + "\r\n"));
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 431);
        QCOMPARE(response->errorCode(), QStringLiteral("headers_too_large"));
    }

    // Checked on the raw bytes, before Qt's parser buffers them or the Host check runs.
    void endlessBlankLinesAndAbsoluteTargetsGet400()
    {
        TestServer server;
        QVERIFY(server.start());
        RawClient blank(server.orchestrator->port());
        blank.send(QByteArray(64 * 1024, '\n'));
        const auto refused = blank.next();
        QVERIFY(refused);
        QCOMPARE(refused->status, 400);
        QCOMPARE(refused->errorCode(), QStringLiteral("bad_request"));
        RawClient absolute(server.orchestrator->port());
        absolute.send("GET http://evil.com/api/config HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(server.orchestrator->port())
                      + "\r\n\r\n");
        const auto proxied = absolute.next();
        QVERIFY(proxied);
        QCOMPARE(proxied->status, 400);
        QVERIFY(!proxied->json.contains(QStringLiteral("server")));   // not the config
    }

    // Content-Length and Transfer-Encoding together: refused and closed, so no smuggled second
    // request is ever read from what follows.
    void ambiguousFramingGets400AndTheConnectionCloses()
    {
        TestServer server;
        QVERIFY(server.start());
        RawClient client(server.orchestrator->port());
        const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(server.orchestrator->port()) + "\r\n";
        client.send("POST /api/plugin/register HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                    "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                    "POST /api/plugin/register HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                    "Content-Length: 20\r\n\r\n{\"plugin_id\": \"sm\"}");
        const auto refused = client.next();
        QVERIFY(refused);
        QCOMPARE(refused->status, 400);
        QVERIFY(refused->errorJson().value(QStringLiteral("message")).toString().contains(QStringLiteral("not both")));
        QVERIFY(!client.next());   // closed: nothing more is answered
        QVERIFY(!server.orchestrator->session().plugin(QStringLiteral("sm")));
    }

    // RFC 9112 9.3 and 9.6: Connection: close, and HTTP/1.0 without keep-alive, close after the
    // answer (a client reading to EOF used to wait for the idle timeout); others stay open.
    void connectionCloseAndHttp10CloseAfterTheAnswer_data()
    {
        QTest::addColumn<QByteArray>("version");
        QTest::addColumn<QByteArray>("connection");
        QTest::addColumn<bool>("closes");
        QTest::newRow("1.1 close") << QByteArray("HTTP/1.1") << QByteArray("Connection: close\r\n") << true;
        QTest::newRow("1.1 keep-alive, close") << QByteArray("HTTP/1.1") << QByteArray("Connection: keep-alive, Close\r\n") << true;
        QTest::newRow("1.0") << QByteArray("HTTP/1.0") << QByteArray() << true;
        QTest::newRow("1.0 keep-alive") << QByteArray("HTTP/1.0") << QByteArray("Connection: keep-alive\r\n") << false;
        QTest::newRow("1.1") << QByteArray("HTTP/1.1") << QByteArray() << false;
    }

    void connectionCloseAndHttp10CloseAfterTheAnswer()
    {
        QFETCH(QByteArray, version);
        QFETCH(QByteArray, connection);
        QFETCH(bool, closes);
        TestServer server;
        QVERIFY(server.start());
        const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(server.orchestrator->port()) + "\r\n";
        const QByteArray body = R"({"chord_progression": {"chords": "C | G"}, "track_types": ["bass"]})";
        // One answered at once, one later (a generation): both close as asked.
        for (const QByteArray &request : {"GET /health " + version + "\r\n" + host + connection + "\r\n",
                                          "POST /api/generate " + version + "\r\n" + host + connection
                                              + "Content-Type: application/json\r\nContent-Length: "
                                              + QByteArray::number(body.size()) + "\r\n\r\n" + body}) {
            RawClient client(server.orchestrator->port());
            client.send(request);
            const auto answer = client.next();
            QVERIFY(answer);
            QCOMPARE(answer->status, 200);
            QCOMPARE(answer->header("Connection") == "close", closes);
            if (closes) {
                QTRY_COMPARE_WITH_TIMEOUT(client.socket.state(), QAbstractSocket::UnconnectedState, 5000);
            } else {   // still open: it answers another request
                client.send("GET /health " + version + "\r\n" + host + connection + "\r\n");
                const auto again = client.next();
                QVERIFY(again);
                QCOMPARE(again->status, 200);
            }
        }
    }

    void aLongUrlGets414()
    {
        TestServer server;  // server.max_url_length defaults to 8 KiB
        QVERIFY(server.start());
        RawClient client(server.orchestrator->port());
        client.send(request("GET", "/health?pad=" + QByteArray(9 * 1024, 'a')));
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 414);
        QCOMPARE(response->errorCode(), QStringLiteral("url_too_long"));
    }

    void deepJsonGets422()
    {
        TestServer server;  // server.max_json_depth defaults to 32
        QVERIFY(server.start());
        const HttpResult result = server.post(QStringLiteral("/api/analyze"),
                                              R"({"chord_progression": "C-G", "extra": )" + nestedArrays(40) + "}");
        QCOMPARE(result.status, 422);
        const QJsonObject error = result.errorJson();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("json_too_deep"));
        QVERIFY(error.value(QStringLiteral("field")).toString().startsWith(QStringLiteral("extra")));
    }

    void aLongArrayGets422()
    {
        Config config;
        config.maxJsonArrayItems = 100;
        TestServer server(config);
        QVERIFY(server.start());
        QJsonArray chords;
        for (int i = 0; i < 101; ++i)
            chords.append(QJsonObject{{QStringLiteral("chord"), QStringLiteral("C")}});
        const QJsonObject body{{QStringLiteral("chord_progression"), QJsonObject{{QStringLiteral("chords"), chords}}}};
        const HttpResult result = server.post(QStringLiteral("/api/analyze"), QJsonDocument(body).toJson());
        QCOMPARE(result.status, 422);
        const QJsonObject error = result.errorJson();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("array_too_long"));
        QCOMPARE(error.value(QStringLiteral("field")).toString(), QStringLiteral("chord_progression.chords"));
    }

    void chordCountAndSongLengthAreConfigurable()
    {
        Config config;
        config.maxChords = 4;
        config.maxBars = 8;
        TestServer server(config);
        QVERIFY(server.start());
        const HttpResult chords = server.post(QStringLiteral("/api/generate"),
                                              R"({"chord_progression": "C-Am-F-G-C"})");
        QCOMPARE(chords.status, 422);
        QCOMPARE(chords.errorField(),
                 QStringLiteral("chord_progression.chords"));
        QVERIFY(chords.errorJson().value(QStringLiteral("message")).toString()
                    .contains(QStringLiteral("engine.max_chords")));
        const HttpResult bars = server.post(QStringLiteral("/api/midi/generate"), R"({"chords": "C-G", "bars": 9})");
        QCOMPARE(bars.status, 422);
        QCOMPARE(bars.errorField(),
                 QStringLiteral("bars"));
        const HttpResult duration = server.post(QStringLiteral("/api/generate"),
                                                R"({"chord_progression": {"chords": "C-G", "duration": 36}})");
        QCOMPARE(duration.status, 422);
        QCOMPARE(server.post(QStringLiteral("/api/midi/generate"), R"({"chords": "C-G", "bars": 8})").status, 200);
    }

    void generationsBeyondTheRateGet429WithRetryAfter()
    {
        Config config;
        config.generationRatePerMinute = 6;  // one token every 10 s: none comes back during the test
        config.generationBurst = 3;
        TestServer server(config);
        QVERIFY(server.start());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(server.post(QStringLiteral("/api/generate"), seedBody()).status, 200);
        const HttpResult refused = server.post(QStringLiteral("/api/generate"), seedBody());
        QCOMPARE(refused.status, 429);
        QVERIFY(refused.header("Retry-After").toInt() >= 1);
        const QJsonObject error = refused.errorJson();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("rate_limited"));
        QCOMPARE(error.value(QStringLiteral("retry_after")).toInt(), refused.header("Retry-After").toInt());
        // Another plugin has its own allowance; a plugin's WebSocket shares its HTTP allowance.
        QCOMPARE(server.post(QStringLiteral("/api/generate"), seedBody(QStringLiteral("other"))).status, 200);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(server.post(QStringLiteral("/api/generate"), seedBody(QStringLiteral("other"))).status, 200);
        PluginClient plugin;
        QVERIFY(plugin.join(server.wsUrl(QStringLiteral("/ws/other"))));
        plugin.sendJson(wsMessage(QStringLiteral("generation_request"), seedExampleForSession(), QStringLiteral("r-4")));
        const QJsonObject wsError = plugin.take(QStringLiteral("error"));
        QCOMPARE(wsError.value(QStringLiteral("request_id")).toString(), QStringLiteral("r-4"));
        QCOMPARE(dataOf(wsError).value(QStringLiteral("code")).toString(), QStringLiteral("rate_limited"));
        QVERIFY(dataOf(wsError).value(QStringLiteral("retry_after")).toInt() >= 1);
    }

    void concurrentGenerationsPerClientGet429()
    {
        Config config;
        config.maxGenerationsPerClient = 1;
        TestServer server(config);
        QVERIFY(server.start());
        PluginClient plugin;
        QVERIFY(plugin.join(server.wsUrl(QStringLiteral("/ws/eager"))));
        // Both in one burst: the second is read while the first is still being composed.
        plugin.sendJson(wsMessage(QStringLiteral("generation_request"), heavyGeneration(), QStringLiteral("first")));
        plugin.sendJson(wsMessage(QStringLiteral("generation_request"), heavyGeneration(), QStringLiteral("second")));
        const QJsonObject refused = plugin.take(QStringLiteral("error"), 10000);
        QCOMPARE(refused.value(QStringLiteral("request_id")).toString(), QStringLiteral("second"));
        QCOMPARE(dataOf(refused).value(QStringLiteral("code")).toString(), QStringLiteral("rate_limited"));
        const QJsonObject done = plugin.take(QStringLiteral("generation_complete"), 30000);
        QCOMPARE(done.value(QStringLiteral("request_id")).toString(), QStringLiteral("first"));
        // Once it is done the plugin may start another.
        plugin.sendJson(wsMessage(QStringLiteral("generation_request"), seedExampleForSession(), QStringLiteral("third")));
        QCOMPARE(plugin.take(QStringLiteral("generation_complete"), 10000).value(QStringLiteral("request_id")).toString(),
                 QStringLiteral("third"));
    }

    void concurrentHttpGenerationsPerClientGet429()
    {
        Config config;
        config.maxGenerationsPerClient = 1;
        TestServer server(config);
        QVERIFY(server.start());
        QJsonObject body = heavyGeneration();
        body.insert(QStringLiteral("plugin_id"), QStringLiteral("same"));
        const QByteArray bytes = request("POST", "/api/generate", QJsonDocument(body).toJson(QJsonDocument::Compact));
        RawClient first(server.orchestrator->port());
        RawClient second(server.orchestrator->port());
        // Client and server share this thread: both requests are read in one turn of its event
        // loop, before the first generation's answer (queued from a worker) can be delivered.
        first.send(bytes);
        second.send(bytes);
        const auto a = first.next(30000);
        const auto b = second.next(30000);
        QVERIFY(a && b);
        const RawResponse &refused = a->status == 429 ? *a : *b;
        const RawResponse &served = a->status == 429 ? *b : *a;
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.header("Retry-After"), QByteArray("1"));
        QCOMPARE(refused.errorCode(), QStringLiteral("rate_limited"));
        QCOMPARE(served.status, 200);
        QCOMPARE(server.orchestrator->session().limiter().inFlight(QStringLiteral("plugin:same")), 0);
    }

    void aSlowlorisIsClosedWithin408()
    {
        Config config;
        config.requestTimeoutSeconds = 0.5;
        TestServer server(config);
        QVERIFY(server.start());
        RawClient client(server.orchestrator->port());
        QSignalSpy closed(&client.socket, &QTcpSocket::disconnected);
        client.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        // One header byte every 100 ms, never finishing: only the request deadline ends it.
        QTimer trickle;
        QObject::connect(&trickle, &QTimer::timeout, &client.socket, [&client] {
            if (client.connected())
                client.send("a");
        });
        trickle.start(100);
        const auto response = client.next(10000);
        QVERIFY(response);
        QCOMPARE(response->status, 408);
        QCOMPARE(response->errorCode(), QStringLiteral("request_timeout"));
        QVERIFY(closed.count() > 0 || closed.wait(10000));
    }

    void anIdleKeepAliveConnectionIsClosed()
    {
        Config config;
        config.idleTimeoutSeconds = 0.3;
        config.generationTimeoutSeconds = 0.2;  // the idle deadline is never below backend.timeout + 1 s
        TestServer server(config);
        QVERIFY(server.start());
        RawClient client(server.orchestrator->port());
        QSignalSpy closed(&client.socket, &QTcpSocket::disconnected);
        client.send(request("GET", "/health"));
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QVERIFY(closed.wait(10000));
    }

    void aWebSocketSessionOutlivesTheHttpIdleDeadline()
    {
        Config config;
        config.idleTimeoutSeconds = 0.1;
        config.generationTimeoutSeconds = 0.1;  // idle deadline: 1.1 s
        TestServer server(config);
        QVERIFY(server.start());
        PluginClient plugin;
        QSignalSpy closed(&plugin.socket, &QWebSocket::disconnected);
        QVERIFY(plugin.join(server.wsUrl(QStringLiteral("/ws/patient"))));
        // Nothing may happen for longer than the HTTP idle deadline: the session is the hub's.
        QVERIFY(!closed.wait(2500));
        plugin.sendJson(wsMessage(QStringLiteral("heartbeat")));
        QVERIFY(!plugin.take(QStringLiteral("heartbeat_response")).isEmpty());
    }

    // Qt 6.4 closes a connection whose upgrade it refused; the guard would close it after the
    // idle deadline otherwise. Either way no refused upgrade holds a connection open.
    void aRefusedUpgradeLeftIdleIsClosed()
    {
        Config config;
        config.idleTimeoutSeconds = 0.1;
        config.generationTimeoutSeconds = 0.1;
        TestServer server(config);
        QVERIFY(server.start());
        RawClient client(server.orchestrator->port());
        QSignalSpy closed(&client.socket, &QTcpSocket::disconnected);
        client.send("GET /ws/bad%20id HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        const auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 404);
        QVERIFY(closed.count() > 0 || closed.wait(10000));
    }

    void pipelinedRequestsAreBothAnswered()
    {
        TestServer server;
        QVERIFY(server.start());
        RawClient client(server.orchestrator->port());
        client.send(request("GET", "/health") + request("POST", "/api/analyze", R"({"chord_progression": "C-G"})"));
        const auto first = client.next();
        QVERIFY(first);
        QCOMPARE(first->status, 200);
        QCOMPARE(first->json.value(QStringLiteral("status")).toString(), QStringLiteral("healthy"));
        const auto second = client.next();
        QVERIFY(second);
        QCOMPARE(second->status, 200);
        QVERIFY(second->json.contains(QStringLiteral("chords")));
        // And the connection still serves a third request.
        client.send(request("GET", "/health"));
        const auto third = client.next();
        QVERIFY(third);
        QCOMPARE(third->status, 200);
    }

    // RFC 9112 9.3.2: a generation answered later, then /health and a 404 answered at once, in one
    // write: the answers come back in the requests' order (they came back 200, 404, generation).
    void pipelinedAnswersKeepTheRequestsOrder()
    {
        TestServer server;
        QVERIFY(server.start());
        RawClient client(server.orchestrator->port());
        client.send(request("POST", "/api/generate",
                            R"({"chord_progression": {"chords": "C | Am | F | G", "bars": 256},
                                "track_types": ["bass", "drums", "keys", "full"], "seed": 3})")
                    + request("GET", "/health") + request("GET", "/nowhere"));
        const auto generated = client.next(30000);
        QVERIFY(generated);
        QCOMPARE(generated->status, 200);
        QVERIFY(generated->json.contains(QStringLiteral("file_details")));
        const auto health = client.next();
        QVERIFY(health);
        QCOMPARE(health->json.value(QStringLiteral("status")).toString(), QStringLiteral("healthy"));
        const auto missing = client.next();
        QVERIFY(missing);
        QCOMPARE(missing->status, 404);
    }

    void aWebSocketFrameOverTheLimitIsClosedWith1009()
    {
        Config config;
        config.webSocketMaxMessageBytes = 1024;
        TestServer server(config);
        QVERIFY(server.start());
        PluginClient plugin;
        QSignalSpy closed(&plugin.socket, &QWebSocket::disconnected);
        QVERIFY(plugin.join(server.wsUrl(QStringLiteral("/ws/big"))));
        plugin.socket.sendTextMessage(QString(2000, QLatin1Char('x')));
        QVERIFY(closed.wait(5000));
        QCOMPARE(plugin.socket.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    }

    void aWebSocketMessageOverTheLimitInSmallFramesIsClosedWith1009()
    {
        Config config;
        config.webSocketMaxMessageBytes = 1024;
        TestServer server(config);
        QVERIFY(server.start());
        PluginClient plugin;
        plugin.socket.setOutgoingFrameSize(256);
        QSignalSpy closed(&plugin.socket, &QWebSocket::disconnected);
        QVERIFY(plugin.join(server.wsUrl(QStringLiteral("/ws/big"))));
        plugin.socket.sendTextMessage(QString(2000, QLatin1Char('x')));
        QVERIFY(closed.wait(5000));
        QCOMPARE(plugin.socket.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    }

    void deepJsonOverWebSocketGetsAnError()
    {
        TestServer server;
        QVERIFY(server.start());
        PluginClient plugin;
        QVERIFY(plugin.join(server.wsUrl(QStringLiteral("/ws/deep"))));
        plugin.socket.sendTextMessage(QString::fromLatin1(R"({"type": "heartbeat", "data": {"x": )" + nestedArrays(40) + "}}"));
        const QJsonObject error = plugin.take(QStringLiteral("error"));
        QCOMPARE(dataOf(error).value(QStringLiteral("code")).toString(), QStringLiteral("json_too_deep"));
        QVERIFY(dataOf(error).value(QStringLiteral("field")).toString().startsWith(QStringLiteral("data.x")));
        // The session goes on.
        plugin.sendJson(wsMessage(QStringLiteral("heartbeat")));
        QVERIFY(!plugin.take(QStringLiteral("heartbeat_response")).isEmpty());
    }

    void aWebSocketFloodIsThrottled()
    {
        Config config;
        config.webSocketMaxMessagesPerSecond = 5;
        TestServer server(config);
        QVERIFY(server.start());
        PluginClient plugin;
        QVERIFY(plugin.join(server.wsUrl(QStringLiteral("/ws/chatty"))));
        for (int i = 0; i < 40; ++i)
            plugin.sendJson(wsMessage(QStringLiteral("heartbeat")));
        const QJsonObject error = plugin.take(QStringLiteral("error"));
        QCOMPARE(dataOf(error).value(QStringLiteral("code")).toString(), QStringLiteral("rate_limited"));
        QVERIFY(dataOf(error).value(QStringLiteral("retry_after")).toInt() >= 1);
        QVERIFY(plugin.count(QStringLiteral("heartbeat_response")) < 40);
    }
};

QTEST_GUILESS_MAIN(TestLimits)
#include "tst_limits.moc"
