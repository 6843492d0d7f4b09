// WebSocketFrameTracker: follows client frame boundaries (RFC 6455 §5.2) to find the first
// unmasked frame, however the bytes are cut into reads.

#include "server/WebSocketFrameTracker.h"

#include <QRandomGenerator>
#include <QTest>

using namespace aiband;

namespace {

// A client frame: FIN + opcode, then the length in its shortest form, the mask key when masked,
// and the payload (left as is: the tracker never looks inside it).
QByteArray frame(quint64 payloadSize, bool masked, unsigned char opcode = 0x1)
{
    QByteArray bytes;
    bytes.append(char(0x80 | opcode));
    const char maskBit = masked ? char(0x80) : char(0);
    if (payloadSize < 126) {
        bytes.append(char(maskBit | char(payloadSize)));
    } else if (payloadSize <= 0xffff) {
        bytes.append(char(maskBit | 126));
        for (int shift = 8; shift >= 0; shift -= 8)
            bytes.append(char((payloadSize >> shift) & 0xff));
    } else {
        bytes.append(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            bytes.append(char((payloadSize >> shift) & 0xff));
    }
    if (masked)
        bytes.append("\x12\x34\x56\x78", 4);
    // Payload bytes that would read as an unmasked header if the tracker lost its place.
    bytes.append(QByteArray(qsizetype(payloadSize), '\x81'));
    return bytes;
}

struct Outcome {
    bool masked = true;
    qint64 frames = 0;
    bool operator==(const Outcome &) const = default;
};

Outcome feedInCuts(const QByteArray &bytes, qsizetype cut)
{
    WebSocketFrameTracker tracker;
    Outcome outcome;
    for (qsizetype at = 0; at < bytes.size() && outcome.masked; at += cut)
        outcome.masked = tracker.feed(QByteArrayView(bytes).sliced(at, std::min(cut, bytes.size() - at)));
    outcome.frames = tracker.framesSeen();
    return outcome;
}

} // namespace

class TestWebSocketFrames : public QObject {
    Q_OBJECT

private slots:
    void maskedFramesOfEveryLengthFormPass_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("frames");
        QTest::newRow("empty") << frame(0, true) << 1;
        QTest::newRow("7-bit length") << frame(125, true) << 1;
        QTest::newRow("16-bit length") << frame(126, true) + frame(65535, true) << 2;
        QTest::newRow("64-bit length") << frame(65536, true) << 1;
        QTest::newRow("ping, text, close") << frame(4, true, 0x9) + frame(20, true) + frame(2, true, 0x8) << 3;
    }
    void maskedFramesOfEveryLengthFormPass()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, frames);
        for (const qsizetype cut : {bytes.size(), qsizetype(1), qsizetype(3), qsizetype(1000)}) {
            const Outcome outcome = feedInCuts(bytes, cut);
            QVERIFY2(outcome.masked, qPrintable(QStringLiteral("cut %1").arg(cut)));
            QCOMPARE(outcome.frames, frames);
        }
    }

    void anUnmaskedFrameIsFoundWhereverItIs_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("framesBefore");
        QTest::newRow("first") << frame(10, false) << 0;
        QTest::newRow("after a long masked frame") << frame(70000, true) + frame(3, false) << 1;
        QTest::newRow("an unmasked ping") << frame(5, true) + frame(0, false, 0x9) << 1;
        QTest::newRow("an unmasked close") << frame(2, false, 0x8) << 0;
    }
    void anUnmaskedFrameIsFoundWhereverItIs()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, framesBefore);
        for (const qsizetype cut : {bytes.size(), qsizetype(1), qsizetype(2), qsizetype(7)}) {
            const Outcome outcome = feedInCuts(bytes, cut);
            QVERIFY2(!outcome.masked, qPrintable(QStringLiteral("cut %1").arg(cut)));
            QCOMPARE(outcome.frames, framesBefore);
        }
    }

    void onceFoundItStaysFound()
    {
        WebSocketFrameTracker tracker;
        QVERIFY(!tracker.feed(frame(1, false)));
        QVERIFY(tracker.unmaskedFrameSeen());
        QVERIFY(!tracker.feed(frame(1, true)));
        QCOMPARE(tracker.framesSeen(), 0);
    }

    // What the guard does as a large frame trickles in: payload bytes are passed over uncopied,
    // and the header that follows is still read where it starts.
    void skippingPayloadKeepsThePlace()
    {
        const QByteArray first = frame(1000, true);
        const QByteArray second = frame(0, false);
        WebSocketFrameTracker tracker;
        QVERIFY(tracker.feed(QByteArrayView(first).first(first.size() - 1000)));
        QCOMPARE(tracker.skipPayload(600), 600);
        QCOMPARE(tracker.skipPayload(5000), 400);  // no further than the payload's end
        QCOMPARE(tracker.skipPayload(10), 0);      // at a header: nothing is skippable
        QVERIFY(!tracker.feed(second));
        QCOMPARE(tracker.framesSeen(), 1);
    }

    // Random streams of masked frames, one unmasked frame somewhere or none, cut at random: the
    // verdict and the frames counted do not depend on the cuts.
    void theVerdictDoesNotDependOnTheCuts()
    {
        QRandomGenerator random(20261206);
        for (int round = 0; round < 300; ++round) {
            QByteArray bytes;
            const int frames = 1 + int(random.bounded(8));
            const int unmaskedAt = int(random.bounded(frames + 1));  // == frames: none
            for (int i = 0; i < frames; ++i) {
                const quint64 size = random.bounded(4) == 0 ? 126 + random.bounded(70000) : random.bounded(126);
                bytes += frame(size, i != unmaskedAt, random.bounded(2) ? 0x1 : 0x2);
            }
            const Outcome whole = feedInCuts(bytes, bytes.size());
            QCOMPARE(whole.masked, unmaskedAt == frames);
            QCOMPARE(whole.frames, qint64(std::min(unmaskedAt, frames)));
            const qsizetype cut = 1 + random.bounded(300);
            QCOMPARE(feedInCuts(bytes, cut), whole);
        }
    }
};

QTEST_APPLESS_MAIN(TestWebSocketFrames)
#include "tst_websocket_frames.moc"
