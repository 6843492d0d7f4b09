// The request guard on its own (core/server/RequestGuard.h): each protection of docs/SECURITY.md
// ("Access") as a table of requests and the answers they must get.

#include "server/RequestGuard.h"
#include "server/SecretCompare.h"
#include "net/HostNames.h"

#include <QTest>

using namespace aiband;

namespace {

const QString kToken = QStringLiteral("tok_0123456789abcdefghijklmnopqrstuvwxyzABCDEF");

AccessPolicy loopbackPolicy()
{
    return AccessPolicy::forServer(QStringLiteral("127.0.0.1"), 8000, {}, {}, {});
}

AccessPolicy tokenPolicy()
{
    AccessPolicy policy = loopbackPolicy();
    policy.token = kToken;
    policy.tokenRequired = true;
    return policy;
}

GuardRequest request(const QString &method, const QString &path, const QByteArray &host = "127.0.0.1:8000")
{
    GuardRequest r;
    r.method = method;
    r.path = path;
    if (!host.isNull())
        r.host = {host};
    return r;
}

QByteArray header(const GuardDecision &decision, const QByteArray &name)
{
    for (const auto &[key, value] : decision.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

int headerCount(const GuardDecision &decision, const QByteArray &name)
{
    int n = 0;
    for (const auto &pair : decision.headers)
        n += pair.first.compare(name, Qt::CaseInsensitive) == 0;
    return n;
}

} // namespace

class TestRequestGuard : public QObject {
    Q_OBJECT

private slots:
    void ownNamesAreAccepted_data()
    {
        QTest::addColumn<QByteArray>("host");
        for (const char *host : {"127.0.0.1:8000", "127.0.0.1", "localhost:8000", "localhost", "LOCALHOST:8000",
                                 "[::1]:8000", "[::1]", "[0:0:0:0:0:0:0:1]:8000", " localhost:8000 ", "127.0.0.1:08000"})
            QTest::newRow(host) << QByteArray(host);
    }
    void ownNamesAreAccepted()
    {
        QFETCH(QByteArray, host);
        const GuardDecision decision = checkRequest(request(QStringLiteral("GET"), QStringLiteral("/api/files"), host),
                                                    loopbackPolicy());
        QVERIFY2(decision.allowed(), qPrintable(decision.error.message));
    }

    // DNS rebinding: a page on a name the attacker controls (or a spelling of 127.0.0.1 that a
    // naive comparison misses) must not be answered.
    void foreignHostsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<int>("status");
        for (const char *host : {"evil.com", "evil.com:8000", "127.0.0.1.nip.io", "127.0.0.1.nip.io:8000",
                                 "2130706433", "2130706433:8000", "0177.0.0.1:8000", "0x7f.0.0.1:8000",
                                 "0x7f000001", "127.1:8000", "localhost6", "localhost6:8000", "localhost.:8000",
                                 "0.0.0.0:8000", "[::]:8000", "127.0.0.1:8001", "localhost:80", "[::1]:9",
                                 "127.0.0.1:8000:8000", "127.0.0.1:", "127.0.0.1:abc", "", "a b",
                                 "127.0.0.1@evil.com", "evil.com#127.0.0.1",
                                 // around the byte-for-byte check of a plain Host (isPlainServerHost)
                                 "127.0.0.1:800", "127.0.0.1:80000", "127.0.0.1:80001", "127.0.0.1:8000x",
                                 "127.0.0.1:+8000", "127.0.0.1:-8000", "localhostx:8000", "localhost8000",
                                 "[::1]:80001", "127.0.0.1:0"})
            QTest::newRow(host) << QByteArray(host) << 403;
    }
    void foreignHostsAreRefused()
    {
        QFETCH(QByteArray, host);
        QFETCH(int, status);
        const GuardDecision decision = checkRequest(request(QStringLiteral("GET"), QStringLiteral("/health"), host),
                                                    loopbackPolicy());
        QVERIFY(!decision.allowed());
        QCOMPARE(decision.status, status);
        QCOMPARE(decision.error.code, QStringLiteral("host_not_allowed"));
        QVERIFY(decision.error.message.contains(QStringLiteral("server.allowed_hosts")));
    }

    void missingOrRepeatedHostIsABadRequest()
    {
        GuardRequest none = request(QStringLiteral("GET"), QStringLiteral("/"), QByteArray());
        GuardDecision decision = checkRequest(none, loopbackPolicy());
        QCOMPARE(decision.status, 400);
        QCOMPARE(decision.error.code, QStringLiteral("invalid_host"));

        GuardRequest twice = request(QStringLiteral("GET"), QStringLiteral("/"));
        twice.host.append("evil.com");
        decision = checkRequest(twice, loopbackPolicy());
        QCOMPARE(decision.status, 400);
        QCOMPARE(decision.error.code, QStringLiteral("invalid_host"));
    }

    void bindAddressAndAllowedHostsAreAccepted()
    {
        AccessPolicy policy = AccessPolicy::forServer(QStringLiteral("192.168.1.20"), 8000, {QStringLiteral("studio.local")},
                                                      {}, {});
        QVERIFY(checkRequest(request(QStringLiteral("GET"), QStringLiteral("/"), "192.168.1.20:8000"), policy).allowed());
        QVERIFY(checkRequest(request(QStringLiteral("GET"), QStringLiteral("/"), "studio.local"), policy).allowed());
        // allowed_hosts are for reverse proxies: any port.
        QVERIFY(checkRequest(request(QStringLiteral("GET"), QStringLiteral("/"), "Studio.Local:443"), policy).allowed());
        QVERIFY(!checkRequest(request(QStringLiteral("GET"), QStringLiteral("/"), "studio.local.evil.com"), policy).allowed());
        QVERIFY(!checkRequest(request(QStringLiteral("GET"), QStringLiteral("/"), "192.168.1.21:8000"), policy).allowed());
    }

    void wildcardBindAcceptsTheMachinesAddressesButNotTheWildcard()
    {
        const AccessPolicy policy = AccessPolicy::forServer(QStringLiteral("0.0.0.0"), 8000, {}, {},
                                                            {QStringLiteral("10.0.0.5"), QStringLiteral("127.0.0.1"),
                                                             QStringLiteral("fd00::5")});
        QVERIFY(checkRequest(request(QStringLiteral("GET"), QStringLiteral("/"), "10.0.0.5:8000"), policy).allowed());
        QVERIFY(checkRequest(request(QStringLiteral("GET"), QStringLiteral("/"), "[fd00::5]:8000"), policy).allowed());
        QVERIFY(!checkRequest(request(QStringLiteral("GET"), QStringLiteral("/"), "0.0.0.0:8000"), policy).allowed());
        QVERIFY(!checkRequest(request(QStringLiteral("GET"), QStringLiteral("/"), "10.0.0.6:8000"), policy).allowed());
    }

    void noOriginIsANonBrowserClientAndAllowed()
    {
        const GuardDecision decision = checkRequest(request(QStringLiteral("POST"), QStringLiteral("/api/generate")),
                                                    loopbackPolicy());
        QVERIFY(decision.allowed());
        QCOMPARE(header(decision, "Access-Control-Allow-Origin"), QByteArray());
        QCOMPARE(header(decision, "Vary"), QByteArray("Origin"));
    }

    // Cross-site requests and WebSocket hijacking: a page elsewhere must not reach the API.
    void foreignOriginsAreRefused_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QByteArray>("origin");
        QTest::addColumn<bool>("upgrade");
        for (const char *origin : {"http://evil.com", "null", "http://127.0.0.1.nip.io:8000", "http://localhost:8001",
                                   "https://127.0.0.1:8000.evil.com", "http://2130706433:8000", "file://", "",
                                   "http://localhost6:8000"}) {
            QTest::newRow(qPrintable(QStringLiteral("POST %1").arg(QLatin1String(origin)))) << "POST" << QByteArray(origin) << false;
            QTest::newRow(qPrintable(QStringLiteral("WS %1").arg(QLatin1String(origin)))) << "GET" << QByteArray(origin) << true;
        }
        QTest::newRow("DELETE evil") << "DELETE" << QByteArray("http://evil.com") << false;
        QTest::newRow("GET evil") << "GET" << QByteArray("http://evil.com") << false;
        QTest::newRow("preflight evil") << "OPTIONS" << QByteArray("http://evil.com") << false;
    }
    void foreignOriginsAreRefused()
    {
        QFETCH(QString, method);
        QFETCH(QByteArray, origin);
        QFETCH(bool, upgrade);
        GuardRequest r = request(method, upgrade ? QStringLiteral("/ws/p1") : QStringLiteral("/api/generate"));
        r.origin = {origin};
        r.webSocketUpgrade = upgrade;
        r.corsRequestMethod = method == QLatin1String("OPTIONS") ? QByteArray("POST") : QByteArray();
        const GuardDecision decision = checkRequest(r, loopbackPolicy());
        QVERIFY(!decision.allowed());
        QCOMPARE(decision.status, 403);
        QCOMPARE(decision.error.code, QStringLiteral("origin_not_allowed"));
        QCOMPARE(header(decision, "Access-Control-Allow-Origin"), QByteArray());
    }

    void ownAndConfiguredOriginsAreAllowedWithExactCorsHeaders_data()
    {
        QTest::addColumn<QByteArray>("origin");
        for (const char *origin : {"http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000",
                                   "https://studio.example", "http://tool.example:3000"})
            QTest::newRow(origin) << QByteArray(origin);
    }
    void ownAndConfiguredOriginsAreAllowedWithExactCorsHeaders()
    {
        QFETCH(QByteArray, origin);
        const AccessPolicy policy = AccessPolicy::forServer(
            QStringLiteral("127.0.0.1"), 8000, {},
            {*normalizedOrigin(u"https://studio.example:443/"), *normalizedOrigin(u"HTTP://Tool.Example:3000")}, {});
        GuardRequest r = request(QStringLiteral("POST"), QStringLiteral("/api/generate"));
        r.origin = {origin};
        const GuardDecision decision = checkRequest(r, policy);
        QVERIFY2(decision.allowed(), qPrintable(decision.error.message));
        QCOMPARE(header(decision, "Access-Control-Allow-Origin"), origin);
        QCOMPARE(header(decision, "Vary"), QByteArray("Origin"));
        QCOMPARE(headerCount(decision, "Access-Control-Allow-Origin"), 1);
    }

    void sameOriginUnderAnAllowedHostIsAllowed()
    {
        AccessPolicy policy = AccessPolicy::forServer(QStringLiteral("127.0.0.1"), 8000, {QStringLiteral("studio.local")},
                                                      {}, {});
        GuardRequest r = request(QStringLiteral("POST"), QStringLiteral("/api/generate"), "studio.local:8000");
        r.origin = {"http://studio.local:8000"};
        QVERIFY(checkRequest(r, policy).allowed());
        r.origin = {"http://other.local:8000"};
        QVERIFY(!checkRequest(r, policy).allowed());
    }

    void preflightFromAnAllowedOriginIsAnswered()
    {
        GuardRequest r = request(QStringLiteral("OPTIONS"), QStringLiteral("/api/generate"));
        r.origin = {"http://localhost:8000"};
        r.corsRequestMethod = "POST";
        const GuardDecision decision = checkRequest(r, tokenPolicy()); // preflights carry no token
        QCOMPARE(decision.outcome, GuardDecision::Outcome::Preflight);
        QCOMPARE(decision.status, 204);
        QCOMPARE(header(decision, "Access-Control-Allow-Origin"), QByteArray("http://localhost:8000"));
        QCOMPARE(header(decision, "Vary"), QByteArray("Origin"));
        QCOMPARE(header(decision, "Access-Control-Allow-Methods"), QByteArray("GET, POST, DELETE, OPTIONS"));
        QCOMPARE(header(decision, "Access-Control-Allow-Headers"), QByteArray("Authorization, Content-Type"));
    }

    void corsNeverAnswersWithAStar()
    {
        const AccessPolicy policy = loopbackPolicy();
        for (const char *origin : {"http://localhost:8000", "http://evil.com", "*", "null"}) {
            GuardRequest r = request(QStringLiteral("OPTIONS"), QStringLiteral("/api/generate"));
            r.origin = {origin};
            r.corsRequestMethod = "POST";
            const GuardDecision decision = checkRequest(r, policy);
            for (const auto &[name, value] : decision.headers)
                QVERIFY2(!value.contains('*'), origin);
        }
    }

    void withoutTokenRequiredNoTokenIsAsked()
    {
        QVERIFY(checkRequest(request(QStringLiteral("POST"), QStringLiteral("/api/generate")), loopbackPolicy()).allowed());
    }

    void requiredTokenIsAskedForEverythingButPublicEndpoints()
    {
        const GuardDecision missing = checkRequest(request(QStringLiteral("GET"), QStringLiteral("/api/files")), tokenPolicy());
        QCOMPARE(missing.status, 401);
        QCOMPARE(missing.error.code, QStringLiteral("token_required"));
        QCOMPARE(header(missing, "WWW-Authenticate"), QByteArray("Bearer realm=\"ai-band-orchestrator\""));
        for (const char *path : {"/health", "/docs", "/redoc", "/openapi.json"})
            QVERIFY2(checkRequest(request(QStringLiteral("GET"), QLatin1String(path)), tokenPolicy()).allowed(), path);
        QCOMPARE(checkRequest(request(QStringLiteral("POST"), QStringLiteral("/health")), tokenPolicy()).status, 401);
        QCOMPARE(checkRequest(request(QStringLiteral("GET"), QStringLiteral("/")), tokenPolicy()).status, 401);
    }

    void bearerTokenIsCheckedExactly_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        QTest::newRow("right") << ("Bearer " + kToken.toUtf8()) << 200;
        QTest::newRow("scheme case") << ("bearer " + kToken.toUtf8()) << 200;
        QTest::newRow("wrong") << QByteArray("Bearer wrong-token-wrong-token-wrong") << 401;
        QTest::newRow("prefix") << ("Bearer " + kToken.left(kToken.size() - 1).toUtf8()) << 401;
        QTest::newRow("longer") << ("Bearer " + kToken.toUtf8() + "x") << 401;
        QTest::newRow("empty") << QByteArray("Bearer ") << 401;
        QTest::newRow("basic") << ("Basic " + kToken.toUtf8()) << 401;
        QTest::newRow("bare") << kToken.toUtf8() << 401;
    }
    void bearerTokenIsCheckedExactly()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        GuardRequest r = request(QStringLiteral("POST"), QStringLiteral("/api/generate"));
        r.authorization = {authorization};
        const GuardDecision decision = checkRequest(r, tokenPolicy());
        QCOMPARE(decision.allowed() ? 200 : decision.status, status);
        if (status == 401) {
            QCOMPARE(decision.error.code, QStringLiteral("invalid_token"));
            QVERIFY(header(decision, "WWW-Authenticate").startsWith("Bearer "));
            QVERIFY(!decision.error.message.contains(kToken));
        }
    }

    void queryTokenIsForWebSocketsOnly()
    {
        GuardRequest ws = request(QStringLiteral("GET"), QStringLiteral("/ws/p1"));
        ws.webSocketUpgrade = true;
        ws.hasQueryToken = true;
        ws.queryToken = kToken;
        QVERIFY(checkRequest(ws, tokenPolicy()).allowed());
        ws.queryToken = QStringLiteral("nope");
        QCOMPARE(checkRequest(ws, tokenPolicy()).error.code, QStringLiteral("invalid_token"));

        GuardRequest http = request(QStringLiteral("GET"), QStringLiteral("/api/files"));
        http.hasQueryToken = true;
        http.queryToken = kToken;
        QCOMPARE(checkRequest(http, tokenPolicy()).error.code, QStringLiteral("token_required"));
    }

    void emptyTokenNeverMatches()
    {
        AccessPolicy policy = tokenPolicy();
        policy.token.clear();
        GuardRequest r = request(QStringLiteral("GET"), QStringLiteral("/api/files"));
        r.authorization = {"Bearer "};
        QCOMPARE(checkRequest(r, policy).status, 401);
        QVERIFY(!secretsEqual("", ""));
    }

    void secretsCompareByContent()
    {
        QVERIFY(secretsEqual("abc", "abc"));
        QVERIFY(!secretsEqual("abc", "abd"));
        QVERIFY(!secretsEqual("abc", "abcd"));
        QVERIFY(!secretsEqual("", "abc"));
    }

    void hostRefusalComesBeforeTheToken()
    {
        // A rebinding page must learn nothing, not even that a token is needed.
        GuardRequest r = request(QStringLiteral("GET"), QStringLiteral("/api/files"), "evil.com");
        QCOMPARE(checkRequest(r, tokenPolicy()).error.code, QStringLiteral("host_not_allowed"));
    }

    void tokenRefusalsCarryCorsHeadersForAllowedOrigins()
    {
        // So a page that is allowed can read why it was refused.
        GuardRequest r = request(QStringLiteral("GET"), QStringLiteral("/api/files"));
        r.origin = {"http://localhost:8000"};
        const GuardDecision decision = checkRequest(r, tokenPolicy());
        QCOMPARE(decision.status, 401);
        QCOMPARE(header(decision, "Access-Control-Allow-Origin"), QByteArray("http://localhost:8000"));
    }

    void originsAndNamesAreNormalized()
    {
        QCOMPARE(normalizedOrigin(u"HTTP://LocalHost:80/"), QStringLiteral("http://localhost"));
        QCOMPARE(normalizedOrigin(u"https://x.example:8443"), QStringLiteral("https://x.example:8443"));
        QCOMPARE(normalizedOrigin(u"http://[::1]:8000"), QStringLiteral("http://[::1]:8000"));
        QVERIFY(!normalizedOrigin(u"null"));
        QVERIFY(!normalizedOrigin(u"ftp://x.example"));
        QVERIFY(!normalizedOrigin(u"http://x.example/path"));
        QVERIFY(!normalizedOrigin(u"http://user@x.example"));
        QVERIFY(!normalizedOrigin(u"http://2130706433"));
        QVERIFY(!normalizedOrigin(u"http://x.example:0"));
        QCOMPARE(normalizedHostName(u"Studio.Local"), QStringLiteral("studio.local"));
        QCOMPARE(normalizedHostName(u"[0::1]"), QStringLiteral("[::1]"));
        for (const auto name : {u"2130706433", u"0177.0.0.1", u"0x7f.0.0.1", u"127.1", u"a b", u"x:1", u"-x.example", u""})
            QVERIFY2(!normalizedHostName(name), qPrintable(QString::fromUtf16(name)));
    }
};

QTEST_APPLESS_MAIN(TestRequestGuard)
#include "tst_request_guard.moc"
