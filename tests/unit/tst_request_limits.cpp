// The parts the server's limits are built from, without a server: the HTTP framing tracker, the
// JSON shape check, the token bucket and the per-client limiter (with an injected clock).

#include "session/ClientLimiter.h"
#include "server/HttpRequestTracker.h"
#include "server/JsonShape.h"
#include "util/TokenBucket.h"

#include <QTest>

using namespace aiband;

class TestHttpRequestTracker : public QObject {
    Q_OBJECT
private slots:
    void aGetCompletesAtTheEmptyLine()
    {
        HttpRequestTracker tracker;
        QCOMPARE(tracker.feed("GET /health HTTP/1.1\r\nHost: x\r\n"), HttpViolation::None);
        QVERIFY(tracker.requestInProgress());
        QCOMPARE(tracker.feed("\r\n"), HttpViolation::None);
        QVERIFY(!tracker.requestInProgress());
        QCOMPARE(tracker.completedRequests(), qint64(1));
    }

    void byteByByteIsTheSameAsAllAtOnce()
    {
        const QByteArray bytes = "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\n\r\n";
        HttpRequestTracker tracker;
        for (char c : bytes)
            QCOMPARE(tracker.feed(QByteArrayView(&c, 1)), HttpViolation::None);
        QCOMPARE(tracker.completedRequests(), qint64(2));
        QVERIFY(!tracker.requestInProgress());
    }

    void aBodyKeepsTheRequestOpenUntilItsLastByte()
    {
        HttpRequestTracker tracker;
        QCOMPARE(tracker.feed("POST /a HTTP/1.1\r\ncontent-length: 10\r\n\r\n12345"), HttpViolation::None);
        QVERIFY(tracker.requestInProgress());
        QCOMPARE(tracker.feed("6789"), HttpViolation::None);
        QVERIFY(tracker.requestInProgress());
        QCOMPARE(tracker.feed("0"), HttpViolation::None);
        QCOMPARE(tracker.completedRequests(), qint64(1));
    }

    void pipelinedRequestsAreCountedApart()
    {
        HttpRequestTracker tracker;
        QCOMPARE(tracker.feed("\r\nGET / HTTP/1.1\r\n\r\nPOST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}GET / HTTP/1.1\r\n"),
                 HttpViolation::None);
        QCOMPARE(tracker.completedRequests(), qint64(2));
        QVERIFY(tracker.requestInProgress());
    }

    void aContentLengthOverTheLimitIsRefusedAtTheHeaders()
    {
        HttpRequestTracker tracker(HttpLimits{100, 1024, 1024});
        QCOMPARE(tracker.feed("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n"), HttpViolation::None);
        QCOMPARE(tracker.feed(QByteArray(100, 'x')), HttpViolation::None);
        QCOMPARE(tracker.feed("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n"), HttpViolation::BodyTooLarge);
        QVERIFY(tracker.failed());
    }

    // A recording may be as large as maxRecordingBytes: an audio body on its route alone. A
    // query after the path is the same route, a longer path is not; other routes, and notes or a
    // MIDI file on the same route, keep maxBodyBytes, refused at the headers too.
    void aRecordingsRouteTakesLargerBodies()
    {
        const HttpLimits limits{100, 1024, 1024, 1000};
        auto bodyOf = [&limits](const char *target, int length, const char *type = "audio/wav") {
            HttpRequestTracker tracker(limits);
            return tracker.feed(QByteArray("POST ") + target + " HTTP/1.1\r\nContent-Length: " + QByteArray::number(length)
                                + "\r\nContent-Type: " + type + "\r\n\r\n");
        };
        QCOMPARE(bodyOf("/api/chords/detect", 1000), HttpViolation::None);
        QCOMPARE(bodyOf("/api/chords/detect", 1000, "audio/flac; rate=44100"), HttpViolation::None);
        QCOMPARE(bodyOf("/api/chords/detect?tempo=96", 1000), HttpViolation::None);
        QCOMPARE(bodyOf("/api/chords/detect", 1001), HttpViolation::BodyTooLarge);
        QCOMPARE(bodyOf("/api/chords/detect", 101, "application/json"), HttpViolation::BodyTooLarge);
        QCOMPARE(bodyOf("/api/chords/detect", 101, "audio/midi"), HttpViolation::BodyTooLarge);
        QCOMPARE(bodyOf("/api/chords/detect", 100, "application/json"), HttpViolation::None);
        QCOMPARE(bodyOf("/api/chords/detected", 101), HttpViolation::BodyTooLarge);
        QCOMPARE(bodyOf("/api/chords/detec", 101), HttpViolation::BodyTooLarge);
        QCOMPARE(bodyOf("/api/generate", 101), HttpViolation::BodyTooLarge);
        QCOMPARE(bodyOf("/api/generate", 100), HttpViolation::None);

        HttpRequestTracker tracker(limits);
        QCOMPARE(tracker.feed("POST /api/chords/detect HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Type: audio/wav\r\n\r\n"),
                 HttpViolation::None);
        QVERIFY(tracker.recordingRequest());
        QCOMPARE(tracker.bodyLimit(), qint64(1000));
        QCOMPARE(tracker.feed("3e8\r\n" + QByteArray(1000, 'x') + "\r\n"), HttpViolation::None);
        QCOMPARE(tracker.feed("1\r\nx\r\n"), HttpViolation::BodyTooLarge);

        // The next request on the connection is judged by its own path and type.
        HttpRequestTracker keepAlive(limits);
        QCOMPARE(keepAlive.feed("POST /api/chords/detect HTTP/1.1\r\nContent-Type: audio/wav\r\nContent-Length: 500\r\n\r\n"
                                + QByteArray(500, 'x')),
                 HttpViolation::None);
        QCOMPARE(keepAlive.feed("POST /api/chords/detect HTTP/1.1\r\nContent-Length: 500\r\n\r\n"), HttpViolation::BodyTooLarge);
    }

    void chunkedBodiesAreFollowedAndCounted()
    {
        HttpRequestTracker tracker(HttpLimits{10, 1024, 1024});
        QCOMPARE(tracker.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n"),
                 HttpViolation::None);
        QVERIFY(tracker.requestInProgress());
        QCOMPARE(tracker.feed("5\r\nworld\r\n0\r\nTrailer: x\r\n\r\n"), HttpViolation::None);
        QCOMPARE(tracker.completedRequests(), qint64(1));
        QVERIFY(!tracker.requestInProgress());
        QCOMPARE(tracker.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n"),
                 HttpViolation::BodyTooLarge);
    }

    void headersOverTheLimitAreRefusedBeforeTheyEnd()
    {
        HttpRequestTracker tracker(HttpLimits{100, 64, 1024});
        QCOMPARE(tracker.feed("GET / HTTP/1.1\r\nX-A: " + QByteArray(50, 'a')), HttpViolation::None);
        QCOMPARE(tracker.feed(QByteArray(20, 'a')), HttpViolation::HeadersTooLarge);
    }

    // Headers are taken a line at a time: wherever the reads end (inside a line, on its CR or
    // its LF, a byte at a time), the verdict and the requests completed are those of one read. A
    // header block of exactly the limit passes and one byte more is refused, in the headers and
    // in a chunked body's trailers.
    void headersCutAnywhereGetTheSameVerdict_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("violation");
        QTest::addColumn<qint64>("completed");
        // "X-A: " + value + "\r\n" after the request line, then the empty line: 64 bytes in all
        // with a value of 55 (the limit of HttpLimits{100, 64, 1024}).
        const auto headers = [](int value) { return "X-A: " + QByteArray(value, 'a') + "\r\n\r\n"; };
        QTest::newRow("at the limit") << "GET / HTTP/1.1\r\n" + headers(55) + "GET / HTTP/1.1\r\n\r\n"
                                      << int(HttpViolation::None) << qint64(2);
        QTest::newRow("one byte over") << "GET / HTTP/1.1\r\n" + headers(56) << int(HttpViolation::HeadersTooLarge) << qint64(0);
        QTest::newRow("pipelined with bodies")
            << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
                          "GET /b HTTP/1.1\r\nHost: x\r\n\r\nPOST /c HTTP/1.1\r\ncontent-length: 2\r\n\r\n{}")
            << int(HttpViolation::None) << qint64(3);
        QTest::newRow("trailers at the limit")
            << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n" + headers(55)
            << int(HttpViolation::None) << qint64(1);
        QTest::newRow("trailers one byte over")
            << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n" + headers(56)
            << int(HttpViolation::HeadersTooLarge) << qint64(0);
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx")
                                     << int(HttpViolation::Malformed) << qint64(0);
        QTest::newRow("a control character") << QByteArray("GET / HTTP/1.1\r\nX-A: a\x01b\r\n\r\n")
                                             << int(HttpViolation::Malformed) << qint64(0);
    }

    void headersCutAnywhereGetTheSameVerdict()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, violation);
        QFETCH(qint64, completed);
        const auto verdict = [&](const QList<qsizetype> &cuts) {
            HttpRequestTracker tracker(HttpLimits{100, 64, 1024});
            HttpViolation first = HttpViolation::None;
            qsizetype from = 0;
            for (qsizetype cut : cuts + QList<qsizetype>{bytes.size()}) {
                const HttpViolation v = tracker.feed(QByteArrayView(bytes).sliced(from, cut - from));
                if (first == HttpViolation::None)
                    first = v;
                from = cut;
            }
            return std::pair{int(first), tracker.completedRequests()};
        };
        QCOMPARE(verdict({}), std::pair(violation, completed));
        QList<qsizetype> everyByte;
        for (qsizetype i = 1; i < bytes.size(); ++i)
            everyByte.append(i);
        QCOMPARE(verdict(everyByte), std::pair(violation, completed));
        for (qsizetype cut = 1; cut < bytes.size(); ++cut) {
            if (verdict({cut}) != std::pair(violation, completed))
                QFAIL(qPrintable(QStringLiteral("cut after byte %1").arg(cut)));
        }
    }

    void aLongTargetIsRefusedBeforeTheLineEnds()
    {
        HttpRequestTracker tracker(HttpLimits{100, 1024, 32});
        QCOMPARE(tracker.feed("GET /" + QByteArray(31, 'a') + " HTTP/1.1\r\n\r\n"), HttpViolation::None);
        QCOMPARE(tracker.feed("GET /" + QByteArray(40, 'a')), HttpViolation::UrlTooLong);
    }

    // RFC 9112 2.2 asks a server to skip at least one empty line before a request; an endless
    // run of them used to grow the connection's buffer with no request ever starting.
    void emptyLinesBeforeARequestAreBounded()
    {
        HttpRequestTracker tracker;
        QCOMPARE(tracker.feed("\r\n\r\nGET / HTTP/1.1\r\n\r\n"), HttpViolation::None);
        QCOMPARE(tracker.completedRequests(), 1);
        QCOMPARE(tracker.feed("\r\n"), HttpViolation::None);
        QCOMPARE(tracker.feed("\r\n\r\n"), HttpViolation::BlankLines);
        QVERIFY(tracker.failed());
    }

    // RFC 9112 3.2.2: an absolute URL names a host of its own, which the Host check never saw.
    void onlyPathTargetsAreAnswered()
    {
        for (const QByteArray &line : {QByteArray("GET http://evil.com/api/config HTTP/1.1\r\n"),
                                      QByteArray("CONNECT evil.com:443 HTTP/1.1\r\n")}) {
            HttpRequestTracker tracker;
            QCOMPARE(tracker.feed(line), HttpViolation::NotOriginForm);
        }
        HttpRequestTracker tracker;
        QCOMPARE(tracker.feed("OPTIONS * HTTP/1.1\r\n\r\nGET /health HTTP/1.1\r\n\r\n"), HttpViolation::None);
        QCOMPARE(tracker.completedRequests(), 2);
    }

    // RFC 9112 3, 6.1, 6.3 and RFC 9110 5.5: what two parsers could read two ways is refused.
    void ambiguousFramingIsMalformed_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n");
        QTest::newRow("two equal lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n");
        QTest::newRow("signed length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: +2\r\n\r\n");
        QTest::newRow("listed length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2, 2\r\n\r\n");
        QTest::newRow("chunked, gzip") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n");
        QTest::newRow("xchunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: xchunked\r\n\r\n");
        QTest::newRow("length and chunked") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n");
        QTest::newRow("NUL in a value") << QByteArray("GET / HTTP/1.1\r\nX-A: a\0b\r\n\r\n", 30);
        QTest::newRow("HTTP/9.9") << QByteArray("GET / HTTP/9.9\r\n\r\n");
        QTest::newRow("doubled version") << QByteArray("GET / HTTP/1.1 HTTP/1.1\r\n\r\n");
        QTest::newRow("no version") << QByteArray("GET /\r\n\r\n");
        // Found by fuzz_http_tracker: two spaces make an empty target.
        QTest::newRow("empty target") << QByteArray("GET  HTTP/1.1\r\n\r\n");
    }

    // Found by fuzz_http_tracker (ASan): a header line with leading spaces was read past its end.
    void anIndentedHeaderLineIsReadWithinItsBytes()
    {
        HttpRequestTracker tracker;
        QCOMPARE(tracker.feed("POST / HTTP/1.1\r\n" + QByteArray(40, ' ') + "Content-Length: 2\r\n\r\n{}"), HttpViolation::None);
        QCOMPARE(tracker.completedRequests(), 1);
        QVERIFY(!tracker.requestInProgress());   // the body was the body, not a next request
    }

    void ambiguousFramingIsMalformed()
    {
        QFETCH(QByteArray, request);
        HttpRequestTracker tracker;
        QCOMPARE(tracker.feed(request), HttpViolation::Malformed);
        QVERIFY(tracker.failure() != nullptr);
        HttpRequestTracker plain;   // and the plain forms are fine
        QCOMPARE(plain.feed("POST / HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}"
                            "POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n"), HttpViolation::None);
        QCOMPARE(plain.completedRequests(), 2);
    }

    void badFramingIsMalformed()
    {
        HttpRequestTracker lengths;
        QCOMPARE(lengths.feed("POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n"), HttpViolation::Malformed);
        HttpRequestTracker chunks;
        QCOMPARE(chunks.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"), HttpViolation::Malformed);
    }

    void anUpgradeStopsTheTrackingUntilResumed()
    {
        HttpRequestTracker tracker(HttpLimits{100, 64, 32});
        QCOMPARE(tracker.feed("GET /ws/a HTTP/1.1\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n\r\n"),
                 HttpViolation::None);
        QVERIFY(tracker.upgradeRequested());
        QVERIFY(!tracker.requestInProgress());
        // Frames follow: nothing about them is HTTP.
        QCOMPARE(tracker.feed(QByteArray(500, '\x81')), HttpViolation::None);
        tracker.resumeAfterRefusedUpgrade();
        QCOMPARE(tracker.feed("GET / HTTP/1.1\r\n\r\n"), HttpViolation::None);
        QCOMPARE(tracker.completedRequests(), qint64(2));
    }
};

class TestJsonShape : public QObject {
    Q_OBJECT
private slots:
    void depthUpToTheLimitPasses()
    {
        const JsonShapeLimits limits{4, 100};
        QVERIFY(!checkJsonShape(R"({"a": [[{"b": 1}]]})", limits));
        const auto error = checkJsonShape(R"({"a": [[{"b": [1]}]]})", limits);
        QVERIFY(error);
        QCOMPARE(error->code, QStringLiteral("json_too_deep"));
        QCOMPARE(error->field, QStringLiteral("a[0][0].b"));
    }

    void arraysUpToTheLimitPass()
    {
        const JsonShapeLimits limits{32, 3};
        QVERIFY(!checkJsonShape(R"({"x": [1, "a", {"k": [1,2,3]}], "y": []})", limits));
        const auto error = checkJsonShape(R"({"p": {"chords": [1, 2, 3, 4]}})", limits);
        QVERIFY(error);
        QCOMPARE(error->code, QStringLiteral("array_too_long"));
        QCOMPARE(error->field, QStringLiteral("p.chords"));
    }

    void stringsAreNotStructure()
    {
        const JsonShapeLimits limits{2, 2};
        // {"a": "[[[[,,,,{{{{", "b\"[": "\\\"[[[["}: brackets, commas and escaped quotes in strings.
        const QByteArray json = "{\"a\": \"[[[[,,,,{{{{\", \"b\\\"[\": \"\\\\\\\"[[[[\"}";
        QVERIFY(!checkJsonShape(json, limits));
    }

    void topLevelArraysAreCounted()
    {
        QVERIFY(checkJsonShape("[1,2,3]", JsonShapeLimits{32, 2}));
        QVERIFY(!checkJsonShape("[1,2]", JsonShapeLimits{32, 2}));
    }
};

class TestClientLimiter : public QObject {
    Q_OBJECT
private slots:
    void aBucketRefillsAtItsRate()
    {
        TokenBucket bucket(2.0, 3.0, 0);  // two a second, bursts of three
        QVERIFY(bucket.take(0));
        QVERIFY(bucket.take(0));
        QVERIFY(bucket.take(0));
        QVERIFY(!bucket.take(0));
        QCOMPARE(bucket.msUntilToken(0), qint64(500));
        QVERIFY(!bucket.take(499));
        QVERIFY(bucket.take(500));
        QVERIFY(bucket.take(100000));
        QVERIFY(bucket.take(100000));
        QVERIFY(bucket.take(100000));
        QVERIFY(!bucket.take(100000));  // never more than the burst
    }

    void theRateIsPerClientWithRetryAfter()
    {
        qint64 now = 0;
        ClientLimiter limiter(ClientLimits{6.0, 2, 100}, [&now] { return now; });
        QVERIFY(!limiter.tryStart(QStringLiteral("a")));
        QVERIFY(!limiter.tryStart(QStringLiteral("a")));
        const auto refused = limiter.tryStart(QStringLiteral("a"));
        QVERIFY(refused);
        QCOMPARE(refused->code, QStringLiteral("rate_limited"));
        QCOMPARE(refused->retryAfterSeconds, 10);  // six a minute: one every ten seconds
        QVERIFY(!limiter.tryStart(QStringLiteral("b")));
        now = 9999;
        QVERIFY(limiter.tryStart(QStringLiteral("a")));
        now = 10000;
        QVERIFY(!limiter.tryStart(QStringLiteral("a")));
    }

    void generationsInFlightAreCapped()
    {
        qint64 now = 0;
        ClientLimiter limiter(ClientLimits{1000.0, 1000, 2}, [&now] { return now; });
        QVERIFY(!limiter.tryStart(QStringLiteral("a")));
        QVERIFY(!limiter.tryStart(QStringLiteral("a")));
        const auto refused = limiter.tryStart(QStringLiteral("a"));
        QVERIFY(refused);
        QCOMPARE(refused->code, QStringLiteral("rate_limited"));
        QCOMPARE(refused->retryAfterSeconds, 1);
        QCOMPARE(limiter.inFlight(QStringLiteral("a")), 2);
        limiter.finish(QStringLiteral("a"));
        QVERIFY(!limiter.tryStart(QStringLiteral("a")));
    }

    void anAbandonedGenerationGivesItsTokenBack()
    {
        qint64 now = 0;
        ClientLimiter limiter(ClientLimits{1.0, 1, 5}, [&now] { return now; });
        QVERIFY(!limiter.tryStart(QStringLiteral("a")));
        limiter.abandon(QStringLiteral("a"));
        QCOMPARE(limiter.inFlight(QStringLiteral("a")), 0);
        QVERIFY(!limiter.tryStart(QStringLiteral("a")));
        QVERIFY(limiter.tryStart(QStringLiteral("a")));
    }

    void quietClientsAreForgotten()
    {
        qint64 now = 0;
        ClientLimiter limiter(ClientLimits{60.0, 1, 5}, [&now] { return now; });
        for (int i = 0; i < 3000; ++i) {
            const QString client = QStringLiteral("c%1").arg(i);
            QVERIFY(!limiter.tryStart(client));
            limiter.finish(client);
            now += 1000;  // each one's bucket is full again a second later
        }
        QVERIFY2(limiter.trackedClients() < 3000, qPrintable(QString::number(limiter.trackedClients())));
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestHttpRequestTracker tracker;
    TestJsonShape shape;
    TestClientLimiter limiter;
    return QTest::qExec(&tracker, argc, argv) | QTest::qExec(&shape, argc, argv) | QTest::qExec(&limiter, argc, argv);
}

#include "tst_request_limits.moc"
