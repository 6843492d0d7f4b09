// Access protections against the real server (docs/SECURITY.md, "Access"): raw TCP requests,
// so that any Host, Origin or Authorization header can be sent exactly as an attacker would.

#include "RawHttp.h"
#include "TestServer.h"

#include "config/AccessToken.h"
#include "logging/LogBuffer.h"
#include "logging/Logging.h"

#include <QFile>
#include <QJsonArray>

#include <algorithm>
#include <functional>

#include <sys/stat.h>

using namespace aiband;
using namespace aiband::test;

namespace {

const QString kToken = QStringLiteral("access-test-token_0123456789abcdefghij");

QByteArray httpRequest(const QByteArray &method, const QByteArray &path, const QByteArray &host,
                       const QByteArray &extraHeaders = {}, const QByteArray &body = {})
{
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\n";
    if (!host.isNull())
        request += "Host: " + host + "\r\n";
    request += extraHeaders;
    if (!body.isEmpty())
        request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return request + "Connection: close\r\n\r\n" + body;
}

QByteArray upgradeRequest(const QByteArray &path, const QByteArray &host, const QByteArray &extraHeaders = {})
{
    return "GET " + path + " HTTP/1.1\r\nHost: " + host
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          "Sec-WebSocket-Version: 13\r\n"
        + extraHeaders + "\r\n";
}

// One WebSocket frame as a client sends it: masked (RFC 6455 §5.3) unless told otherwise.
QByteArray clientFrame(const QByteArray &payload, bool masked, unsigned char opcode = 0x1)
{
    QByteArray bytes(1, char(0x80 | opcode));
    const char maskBit = masked ? char(0x80) : char(0);
    if (payload.size() < 126) {
        bytes.append(char(maskBit | char(payload.size())));
    } else {
        bytes.append(char(maskBit | 126));
        bytes.append(char((payload.size() >> 8) & 0xff));
        bytes.append(char(payload.size() & 0xff));
    }
    if (!masked)
        return bytes + payload;
    const QByteArray key = "\x9a\x01\x7e\xc3";
    bytes += key;
    for (qsizetype i = 0; i < payload.size(); ++i)
        bytes.append(char(payload[i] ^ key[i % 4]));
    return bytes;
}

struct ServerFrame {
    int opcode = 0;
    QByteArray payload;
};

// The server's frames (never masked) in `bytes`, as far as they are complete.
QList<ServerFrame> serverFrames(const QByteArray &bytes)
{
    QList<ServerFrame> frames;
    qsizetype at = 0;
    while (at + 2 <= bytes.size()) {
        const int opcode = bytes[at] & 0x0f;
        qsizetype length = bytes[at + 1] & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            if (at + 4 > bytes.size())
                break;
            length = (qsizetype(uchar(bytes[at + 2])) << 8) | uchar(bytes[at + 3]);
            header = 4;
        }
        if (at + header + length > bytes.size())
            break;
        frames.append({opcode, bytes.mid(at + header, length)});
        at += header + length;
    }
    return frames;
}

int closeCode(const ServerFrame &frame)
{
    return frame.payload.size() >= 2 ? (uchar(frame.payload[0]) << 8) | uchar(frame.payload[1]) : -1;
}

int textFramesContaining(const QList<ServerFrame> &frames, const QByteArray &text)
{
    return int(std::count_if(frames.begin(), frames.end(),
                             [&](const ServerFrame &f) { return f.opcode == 0x1 && f.payload.contains(text); }));
}

Config tokenConfig()
{
    Config config;
    config.requireToken = true;
    config.token = kToken;
    return config;
}

} // namespace

class TestAccess : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;

    quint16 port() const { return m_server->orchestrator->port(); }
    QByteArray hostPort() const { return "127.0.0.1:" + QByteArray::number(port()); }
    QByteArray origin(const char *name) const { return "http://" + QByteArray(name) + ':' + QByteArray::number(port()); }

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
    }
    void cleanup() { m_server.reset(); }

    // ---- Host (DNS rebinding) -------------------------------------------------------------

    void rebindingHostsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("host");
        for (const char *host : {"evil.com", "127.0.0.1.nip.io", "2130706433", "0177.0.0.1", "0x7f.0.0.1", "localhost6",
                                 "127.1", "0.0.0.0", "localhost."})
            QTest::newRow(host) << QByteArray(host);
    }
    void rebindingHostsAreRefused()
    {
        QFETCH(QByteArray, host);
        for (const QByteArray &name : {host, host + ':' + QByteArray::number(port())}) {
            const RawResponse read = rawExchange(port(), httpRequest("GET", "/api/files", name));
            QCOMPARE(read.status, 403);
            QCOMPARE(read.errorCode(), QStringLiteral("host_not_allowed"));
            QVERIFY(!read.body.contains("\"files\""));
            // A state-changing request has no effect either.
            const RawResponse registered = rawExchange(port(), httpRequest("POST", "/api/plugin/register", name, {},
                                                                        R"({"plugin_id":"rebound"})"));
            QCOMPARE(registered.status, 403);
            QVERIFY(!m_server->orchestrator->session().plugin(QStringLiteral("rebound")));
            // And no WebSocket session opens.
            const RawResponse upgrade = rawExchange(port(), upgradeRequest("/ws/rebound", name));
            QCOMPARE(upgrade.status, 403);
            QCOMPARE(upgrade.errorCode(), QStringLiteral("host_not_allowed"));
            QVERIFY(!upgrade.raw.contains(" 101 "));
        }
        QCOMPARE(m_server->orchestrator->pluginCount(), 0);
    }

    void ownNamesAreAnswered_data()
    {
        QTest::addColumn<QByteArray>("name");
        for (const char *name : {"127.0.0.1", "localhost", "[::1]", "LocalHost"})
            QTest::newRow(name) << QByteArray(name);
    }
    void ownNamesAreAnswered()
    {
        QFETCH(QByteArray, name);
        for (const QByteArray &host : {name, name + ':' + QByteArray::number(port())}) {
            const RawResponse read = rawExchange(port(), httpRequest("GET", "/health", host));
            QCOMPARE(read.status, 200);
            QCOMPARE(read.json.value(QStringLiteral("status")).toString(), QStringLiteral("healthy"));
        }
    }

    void aRequestWithoutOrWithTwoHostsIsABadRequest()
    {
        const RawResponse read = rawExchange(port(), httpRequest("GET", "/health", QByteArray()));
        QCOMPARE(read.status, 400);
        QCOMPARE(read.errorCode(), QStringLiteral("invalid_host"));
        // Two Host headers, one of them ours: which one a proxy or Qt would believe is unclear.
        for (const QByteArray &hosts : {"evil.com\r\nHost: " + hostPort(), hostPort() + "\r\nHost: evil.com"}) {
            const RawResponse twice = rawExchange(port(), httpRequest("GET", "/health", hosts));
            QCOMPARE(twice.status, 400);
            QCOMPARE(twice.errorCode(), QStringLiteral("invalid_host"));
        }
    }

    void configuredHostsAreAnswered()
    {
        Config config;
        config.allowedHosts = {QStringLiteral("studio.local")};
        TestServer server(config);
        QVERIFY(server.start());
        const quint16 p = server.orchestrator->port();
        QCOMPARE(rawExchange(p, httpRequest("GET", "/health", "studio.local")).status, 200);
        QCOMPARE(rawExchange(p, httpRequest("GET", "/health", "studio.local.evil.com")).status, 403);
    }

    // ---- Origin (cross-site requests, WebSocket hijacking) --------------------------------

    void foreignPagesCannotChangeState_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::newRow("evil") << QByteArray("http://evil.com");
        QTest::newRow("null") << QByteArray("null");
        QTest::newRow("rebinding name") << QByteArray("http://127.0.0.1.nip.io");
        QTest::newRow("other port") << QByteArray("http://localhost:1");
    }
    void foreignPagesCannotChangeState()
    {
        QFETCH(QByteArray, origin);
        const RawResponse read = rawExchange(port(), httpRequest("POST", "/api/plugin/register", hostPort(),
                                                              "Origin: " + origin + "\r\n", R"({"plugin_id":"csrf"})"));
        QCOMPARE(read.status, 403);
        QCOMPARE(read.errorCode(), QStringLiteral("origin_not_allowed"));
        QCOMPARE(read.header("Access-Control-Allow-Origin"), QByteArray());
        QVERIFY(!m_server->orchestrator->session().plugin(QStringLiteral("csrf")));

        const RawResponse deleted = rawExchange(port(), httpRequest("POST", "/api/transport/start", hostPort(),
                                                                 "Origin: " + origin + "\r\n", "{}"));
        QCOMPARE(deleted.status, 403);
        QVERIFY(!m_server->orchestrator->session().transport().playing);
    }

    // RFC 6455 §4.2.1: what is not an opening handshake is answered at once, never upgraded
    // (Qt alone left the first unanswered until the idle timeout and accepted a short key).
    void malformedWebSocketHandshakesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        // HOST is replaced by the server's address once it runs (init() starts it after this).
        const QByteArray head = "GET /ws/p1 HTTP/1.1\r\nHost: HOST\r\nUpgrade: websocket\r\n";
        const QByteArray key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        QTest::newRow("no Connection: Upgrade") << head + key + "Sec-WebSocket-Version: 13\r\n\r\n" << 400 << "Connection";
        QTest::newRow("short key") << head + "Connection: Upgrade\r\nSec-WebSocket-Key: abc\r\nSec-WebSocket-Version: 13\r\n\r\n"
                                   << 400 << "Sec-WebSocket-Key";
        QTest::newRow("key not base64") << head + "Connection: Upgrade\r\nSec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!==\r\n"
                                                  "Sec-WebSocket-Version: 13\r\n\r\n" << 400 << "Sec-WebSocket-Key";
        QTest::newRow("no key") << head + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n" << 400 << "Sec-WebSocket-Key";
        QTest::newRow("version 8") << head + "Connection: keep-alive, Upgrade\r\n" + key + "Sec-WebSocket-Version: 8\r\n\r\n"
                                   << 426 << "Sec-WebSocket-Version";
    }

    void malformedWebSocketHandshakesAreRefused()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QString, field);
        const RawResponse read = rawExchange(port(), QByteArray(request).replace("HOST", hostPort()));
        QCOMPARE(read.status, status);
        QCOMPARE(read.errorCode(), QStringLiteral("invalid_upgrade"));
        QCOMPARE(read.errorJson().value(QStringLiteral("field")).toString(), field);
        QVERIFY(!read.raw.contains("101"));
        if (status == 426)
            QCOMPARE(read.header("Sec-WebSocket-Version"), QByteArray("13"));
        QCOMPARE(m_server->orchestrator->pluginCount(), 0);
        // A proper handshake on the same server still opens.
        QVERIFY(rawExchange(port(), upgradeRequest("/ws/p2", hostPort())).raw.startsWith("HTTP/1.1 101"));
    }

    // RFC 6455 §5.1: a server closes the connection on a frame that is not masked (1002), and
    // does not act on it. A masked heartbeat is answered first, so the session demonstrably works.
    void unmaskedClientFramesCloseTheSession_data()
    {
        QTest::addColumn<QByteArray>("before");
        const QByteArray heartbeat = R"({"type":"heartbeat","data":{}})";
        QTest::newRow("alone") << QByteArray();
        // Passed over as payload, never mistaken for a header ('\x81' bytes would read as one).
        QTest::newRow("after a large masked frame") << clientFrame(heartbeat + QByteArray(60000, ' '), true);
        QTest::newRow("after a masked ping") << clientFrame("\x81\x01", true, 0x9);
    }
    void unmaskedClientFramesCloseTheSession()
    {
        QFETCH(QByteArray, before);
        const QByteArray heartbeat = R"({"type":"heartbeat","data":{}})";
        RawClient client(port());
        client.send(upgradeRequest("/ws/frames", hostPort()));
        const std::optional<RawResponse> upgraded = client.next();
        QVERIFY(upgraded);
        QCOMPARE(upgraded->status, 101);
        QByteArray received = client.unread();
        const auto receive = [&](const std::function<bool(const QList<ServerFrame> &)> &until) {
            return QTest::qWaitFor([&] {
                received += client.socket.readAll();
                return until(serverFrames(received));
            }, 5000);
        };

        client.send(clientFrame(heartbeat, true));
        QVERIFY(receive([](const QList<ServerFrame> &frames) { return textFramesContaining(frames, "heartbeat_response") == 1; }));
        if (!before.isEmpty()) {
            client.send(before);
            // What it answers, if anything, has to arrive before the unmasked frame is sent.
            QVERIFY(receive([&](const QList<ServerFrame> &frames) {
                return textFramesContaining(frames, "heartbeat_response") == 2 || std::any_of(frames.begin(), frames.end(), [](const ServerFrame &f) { return f.opcode == 0xA; });
            }));
        }
        const int answeredBefore = textFramesContaining(serverFrames(received), "heartbeat_response");
        client.send(clientFrame(heartbeat, false));
        QVERIFY(QTest::qWaitFor([&] {
            received += client.socket.readAll();
            return client.socket.state() == QAbstractSocket::UnconnectedState;
        }, 5000));
        received += client.socket.readAll();
        const QList<ServerFrame> frames = serverFrames(received);
        QVERIFY(!frames.isEmpty());
        QCOMPARE(frames.last().opcode, 0x8);
        QCOMPARE(closeCode(frames.last()), 1002);
        QVERIFY(frames.last().payload.contains("masked"));
        QCOMPARE(textFramesContaining(frames, "heartbeat_response"), answeredBefore);
    }

    void foreignPagesCannotOpenWebSockets_data() { foreignPagesCannotChangeState_data(); }
    void foreignPagesCannotOpenWebSockets()
    {
        QFETCH(QByteArray, origin);
        const RawResponse read = rawExchange(port(), upgradeRequest("/ws/hijack", hostPort(), "Origin: " + origin + "\r\n"));
        QCOMPARE(read.status, 403);
        QCOMPARE(read.errorCode(), QStringLiteral("origin_not_allowed"));
        QVERIFY(!read.raw.contains("101"));
        QVERIFY(!read.raw.contains("Sec-WebSocket-Accept"));
        QCOMPARE(m_server->orchestrator->pluginCount(), 0);
    }

    void ownPagesOpenWebSockets()
    {
        for (const char *name : {"127.0.0.1", "localhost"}) {
            const RawResponse read = rawExchange(port(), upgradeRequest("/ws/page", hostPort(), "Origin: " + origin(name) + "\r\n"));
            QCOMPARE(read.status, 101);
        }
        // Plugins send no Origin at all.
        QCOMPARE(rawExchange(port(), upgradeRequest("/ws/plugin", hostPort())).status, 101);
        // Refusals of other kinds keep their meaning: an unknown path is still a 404.
        QCOMPARE(rawExchange(port(), upgradeRequest("/nowhere", hostPort())).status, 404);
    }

    // ---- CORS -----------------------------------------------------------------------------

    void allowedOriginsGetExactCorsHeaders()
    {
        const RawResponse read = rawExchange(port(), httpRequest("GET", "/api/styles", hostPort(),
                                                              "Origin: " + origin("localhost") + "\r\n"));
        QCOMPARE(read.status, 200);
        QCOMPARE(read.header("Access-Control-Allow-Origin"), origin("localhost"));
        QCOMPARE(read.count("Access-Control-Allow-Origin"), 1);
        QCOMPARE(read.header("Vary"), QByteArray("Origin"));

        // Generation answers later, through another path: the headers must be there too.
        const RawResponse generated = rawExchange(port(), httpRequest("POST", "/api/generate", hostPort(),
                                                                   "Origin: " + origin("127.0.0.1") + "\r\n",
                                                                   seedExampleBody()));
        QCOMPARE(generated.status, 200);
        QCOMPARE(generated.header("Access-Control-Allow-Origin"), origin("127.0.0.1"));
        QCOMPARE(generated.header("Vary"), QByteArray("Origin"));

        // No Origin: no CORS grant, and the answer still says it depends on Origin.
        const RawResponse plain = rawExchange(port(), httpRequest("GET", "/api/styles", hostPort()));
        QCOMPARE(plain.header("Access-Control-Allow-Origin"), QByteArray());
        QCOMPARE(plain.header("Vary"), QByteArray("Origin"));
    }

    void configuredOriginsAreAllowed()
    {
        Config config;
        config.allowedOrigins = {QStringLiteral("https://studio.example")};
        TestServer server(config);
        QVERIFY(server.start());
        const quint16 p = server.orchestrator->port();
        const QByteArray host = "127.0.0.1:" + QByteArray::number(p);
        const RawResponse read = rawExchange(p, httpRequest("GET", "/api/styles", host, "Origin: https://studio.example\r\n"));
        QCOMPARE(read.status, 200);
        QCOMPARE(read.header("Access-Control-Allow-Origin"), QByteArray("https://studio.example"));
        QCOMPARE(rawExchange(p, httpRequest("GET", "/api/styles", host, "Origin: https://studio.example.evil.com\r\n")).status, 403);
    }

    void preflightsAreAnsweredForAllowedOriginsOnly()
    {
        const QByteArray ask = "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type, authorization\r\n";
        const RawResponse read = rawExchange(port(), httpRequest("OPTIONS", "/api/generate", hostPort(),
                                                              "Origin: " + origin("localhost") + "\r\n" + ask));
        QCOMPARE(read.status, 204);
        QCOMPARE(read.header("Access-Control-Allow-Origin"), origin("localhost"));
        QCOMPARE(read.header("Vary"), QByteArray("Origin"));
        QCOMPARE(read.header("Access-Control-Allow-Methods"), QByteArray("GET, POST, DELETE, OPTIONS"));
        QCOMPARE(read.header("Access-Control-Allow-Headers"), QByteArray("Authorization, Content-Type"));

        const RawResponse evil = rawExchange(port(), httpRequest("OPTIONS", "/api/generate", hostPort(),
                                                              "Origin: http://evil.com\r\n" + ask));
        QCOMPARE(evil.status, 403);
        QCOMPARE(evil.header("Access-Control-Allow-Origin"), QByteArray());
        QCOMPARE(evil.header("Access-Control-Allow-Methods"), QByteArray());
    }

    void noAnswerEverGrantsEveryOrigin()
    {
        const QList<QByteArray> requests{
            httpRequest("GET", "/health", hostPort(), "Origin: http://evil.com\r\n"),
            httpRequest("GET", "/health", hostPort(), "Origin: " + origin("localhost") + "\r\n"),
            httpRequest("OPTIONS", "/api/generate", hostPort(), "Origin: *\r\nAccess-Control-Request-Method: POST\r\n"),
            httpRequest("GET", "/nowhere", hostPort(), "Origin: " + origin("localhost") + "\r\n"),
            httpRequest("DELETE", "/health", hostPort(), "Origin: " + origin("localhost") + "\r\n"),
        };
        for (const QByteArray &request : requests) {
            const RawResponse read = rawExchange(port(), request);
            QVERIFY(read.status != 0);
            QVERIFY2(read.header("Access-Control-Allow-Origin") != "*", request.constData());
        }
    }

    // ---- Token ----------------------------------------------------------------------------

    void requiredTokenIsEnforced()
    {
        TestServer server(tokenConfig());
        QVERIFY(server.start());
        QVERIFY(server.orchestrator->tokenRequired());
        const quint16 p = server.orchestrator->port();
        const QByteArray host = "127.0.0.1:" + QByteArray::number(p);

        const RawResponse missing = rawExchange(p, httpRequest("GET", "/api/files", host));
        QCOMPARE(missing.status, 401);
        QCOMPARE(missing.errorCode(), QStringLiteral("token_required"));
        QCOMPARE(missing.header("WWW-Authenticate"), QByteArray("Bearer realm=\"ai-band-orchestrator\""));

        const RawResponse wrong = rawExchange(p, httpRequest("GET", "/api/files", host, "Authorization: Bearer not-the-token\r\n"));
        QCOMPARE(wrong.status, 401);
        QCOMPARE(wrong.errorCode(), QStringLiteral("invalid_token"));

        const RawResponse right = rawExchange(p, httpRequest("GET", "/api/files", host, "Authorization: Bearer " + kToken.toUtf8() + "\r\n"));
        QCOMPARE(right.status, 200);
        QVERIFY(right.json.contains(QStringLiteral("files")));

        // Only the liveness check and the API reference are open, and the liveness check says
        // nothing more than that the server is up: no folders (they name the user), no counts.
        const RawResponse openHealth = rawExchange(p, httpRequest("GET", "/health", host));
        QCOMPARE(openHealth.status, 200);
        QCOMPARE(openHealth.json, (QJsonObject{{QStringLiteral("status"), QStringLiteral("healthy")}}));
        for (const QByteArray &token : {QByteArray("not-the-token"), kToken.toUtf8()}) {
            const RawResponse health = rawExchange(p, httpRequest("GET", "/health", host, "Authorization: Bearer " + token + "\r\n"));
            QCOMPARE(health.status, 200);
            QCOMPARE(health.json.contains(QStringLiteral("files_dir")), token == kToken.toUtf8());
        }
        const RawResponse generate = rawExchange(p, httpRequest("POST", "/api/plugin/register", host, {}, R"({"plugin_id":"x"})"));
        QCOMPARE(generate.status, 401);
        QVERIFY(!server.orchestrator->session().plugin(QStringLiteral("x")));
        // ?token= is for WebSockets; on plain HTTP it would end up in proxies' logs.
        QCOMPARE(rawExchange(p, httpRequest("GET", "/api/files?token=" + kToken.toUtf8(), host)).status, 401);
    }

    void webSocketsPresentTheTokenBeforeThe101()
    {
        TestServer server(tokenConfig());
        QVERIFY(server.start());
        const quint16 p = server.orchestrator->port();
        const QByteArray host = "127.0.0.1:" + QByteArray::number(p);

        const RawResponse none = rawExchange(p, upgradeRequest("/ws/p1", host));
        QCOMPARE(none.status, 401);
        QVERIFY(!none.raw.contains("101"));
        const RawResponse wrong = rawExchange(p, upgradeRequest("/ws/p1?token=wrong-wrong-wrong-wrong-wrong", host));
        QCOMPARE(wrong.status, 401);
        QCOMPARE(wrong.errorCode(), QStringLiteral("invalid_token"));
        QVERIFY(!wrong.raw.contains("101"));
        QCOMPARE(server.orchestrator->pluginCount(), 0);

        QCOMPARE(rawExchange(p, upgradeRequest("/ws/p1?token=" + kToken.toUtf8(), host)).status, 101);
        QCOMPARE(rawExchange(p, upgradeRequest("/ws/sync?plugin_id=p2&token=" + kToken.toUtf8(), host)).status, 101);
        QCOMPARE(rawExchange(p, upgradeRequest("/ws/p3", host, "Authorization: Bearer " + kToken.toUtf8() + "\r\n")).status, 101);

        // And a real client gets its session.
        PluginClient plugin;
        QUrl url = server.wsUrl(QStringLiteral("/ws/real"));
        url.setQuery(QStringLiteral("token=") + kToken);
        QVERIFY(plugin.join(url));
    }

    void noTokenIsAskedOnLoopbackByDefault()
    {
        QVERIFY(!m_server->orchestrator->tokenRequired());
        QCOMPARE(rawExchange(port(), httpRequest("GET", "/api/files", hostPort())).status, 200);
        QCOMPARE(rawExchange(port(), upgradeRequest("/ws/p1", hostPort())).status, 101);
    }

    void theTokenFileIsMadeOnFirstStart()
    {
        Config config;
        config.tokenFile = m_dir.filePath(QStringLiteral("first/token"));
        TestServer server(config);
        QVERIFY(server.start());
        const QString token = server.orchestrator->accessToken();
        QVERIFY(AccessToken::isWellFormed(token));
        QFile file(config.tokenFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().trimmed(), token.toUtf8());
        struct stat info {};
        QCOMPARE(::stat(QFile::encodeName(config.tokenFile).constData(), &info), 0);
        QCOMPARE(int(info.st_mode & 0777), 0600);
        // On loopback it is not required unless asked for.
        QCOMPARE(server.get(QStringLiteral("/api/files")).status, 200);
    }

    void aNetworkBindRefusesToStartWithoutAToken()
    {
        Config config;
        config.host = QStringLiteral("0.0.0.0");
        TestServer none(config);
        const Status started = none.orchestrator->start();
        QVERIFY(!started.ok());
        QCOMPARE(started.error().code, QStringLiteral("token_unavailable"));
        QVERIFY(!none.orchestrator->isRunning());

        // A token file others can read is no token.
        config.tokenFile = m_dir.filePath(QStringLiteral("shared/token"));
        QVERIFY(AccessToken::write(config.tokenFile, AccessToken::generate()).ok());
        QCOMPARE(::chmod(QFile::encodeName(config.tokenFile).constData(), 0644), 0);
        TestServer shared(config);
        const Status refused = shared.orchestrator->start();
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(QStringLiteral("chmod 600")));
        QVERIFY(!shared.orchestrator->isRunning());
    }

    void aNetworkBindMakesAndRequiresItsToken()
    {
        Config config;
        config.host = QStringLiteral("0.0.0.0");
        config.tokenFile = m_dir.filePath(QStringLiteral("network/token"));
        TestServer server(config);
        QVERIFY(server.start());
        QVERIFY(server.orchestrator->tokenRequired());
        const QString token = server.orchestrator->accessToken();
        QVERIFY(AccessToken::isWellFormed(token));
        const quint16 p = server.orchestrator->port();
        const QByteArray host = "127.0.0.1:" + QByteArray::number(p);
        QCOMPARE(rawExchange(p, httpRequest("GET", "/api/files", host)).status, 401);
        QCOMPARE(rawExchange(p, httpRequest("GET", "/api/files", host, "Authorization: Bearer " + token.toUtf8() + "\r\n")).status, 200);
    }

    void regeneratingTheTokenAppliesToTheNextRequest()
    {
        Config config;
        config.requireToken = true;
        config.tokenFile = m_dir.filePath(QStringLiteral("regen/token"));
        TestServer server(config);
        QVERIFY(server.start());
        const quint16 p = server.orchestrator->port();
        const QByteArray host = "127.0.0.1:" + QByteArray::number(p);
        const QString old = server.orchestrator->accessToken();
        QCOMPARE(rawExchange(p, httpRequest("GET", "/api/files", host, "Authorization: Bearer " + old.toUtf8() + "\r\n")).status, 200);

        QSignalSpy changed(server.orchestrator.get(), &Orchestrator::accessTokenChanged);
        QVERIFY(server.orchestrator->regenerateAccessToken().ok());
        QCOMPARE(changed.size(), 1);
        const QString fresh = server.orchestrator->accessToken();
        QVERIFY(fresh != old);
        QCOMPARE(*AccessToken::read(config.tokenFile), fresh);
        QCOMPARE(rawExchange(p, httpRequest("GET", "/api/files", host, "Authorization: Bearer " + old.toUtf8() + "\r\n")).status, 401);
        QCOMPARE(rawExchange(p, httpRequest("GET", "/api/files", host, "Authorization: Bearer " + fresh.toUtf8() + "\r\n")).status, 200);
        QCOMPARE(rawExchange(p, upgradeRequest("/ws/p?token=" + old.toUtf8(), host)).status, 401);
        QCOMPARE(rawExchange(p, upgradeRequest("/ws/p?token=" + fresh.toUtf8(), host)).status, 101);
    }

    void aTokenSetInTheConfigCannotBeRegenerated()
    {
        TestServer server(tokenConfig());
        QVERIFY(server.start());
        const Status status = server.orchestrator->regenerateAccessToken();
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, QStringLiteral("token_fixed"));
        QCOMPARE(server.orchestrator->accessToken(), kToken);
    }

    void theTokenNeverReachesLogsConfigOrErrors()
    {
        LogBuffer buffer(10000);
        LogRouter router(&buffer);
        router.setEchoToStderr(false);
        applyLogLevel(LogLevel::Debug);
        Config config = tokenConfig();
        TestServer server(config, &buffer);
        QVERIFY(server.start());
        const quint16 p = server.orchestrator->port();
        const QByteArray host = "127.0.0.1:" + QByteArray::number(p);
        const QByteArray bearer = "Authorization: Bearer " + kToken.toUtf8() + "\r\n";
        const QByteArray wrongish = "Authorization: Bearer " + kToken.toUtf8() + "x\r\n";

        QList<RawResponse> answers;
        answers << rawExchange(p, httpRequest("GET", "/api/files", host, wrongish));                  // refused
        answers << rawExchange(p, httpRequest("GET", "/api/files", host, bearer));                    // accepted
        answers << rawExchange(p, httpRequest("GET", "/api/config", host, bearer));
        answers << rawExchange(p, httpRequest("GET", "/api/logs", host, bearer));
        answers << rawExchange(p, httpRequest("GET", "/nowhere?token=" + kToken.toUtf8(), host, bearer)); // 404
        answers << rawExchange(p, upgradeRequest("/ws/p?token=" + kToken.toUtf8() + "x", host));      // refused
        answers << rawExchange(p, upgradeRequest("/ws/p?token=" + kToken.toUtf8(), host));            // accepted
        answers << rawExchange(p, upgradeRequest("/ws/nope/x?token=" + kToken.toUtf8(), host));       // 404
        QCOMPARE(answers[0].status, 401);
        QCOMPARE(answers[1].status, 200);
        QCOMPARE(answers[2].status, 200);
        QCOMPARE(answers[5].status, 401);
        QCOMPARE(answers[6].status, 101);
        for (const RawResponse &answer : answers)
            QVERIFY2(!answer.body.contains(kToken.toUtf8()), answer.body.constData());

        QVERIFY(buffer.lastId() > 0);
        bool sawRefusal = false;
        for (const LogEntry &entry : buffer.since(0, 10000)) {
            QVERIFY2(!entry.message.contains(kToken.left(12)), qPrintable(entry.message));
            sawRefusal = sawRefusal || entry.message.contains(QStringLiteral("invalid_token"));
        }
        QVERIFY(sawRefusal); // the refusals were logged, just without the secret
        applyLogLevel(LogLevel::Info);
    }
};

QTEST_GUILESS_MAIN(TestAccess)
#include "tst_access.moc"
