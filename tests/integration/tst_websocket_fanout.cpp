// What a receiver reads of a fan-out, byte for byte: the hub frames a message once and writes it
// straight to each connection (core/server/WebSocketTextFrame.h). A raw TCP client reads the
// frames off the wire, so nothing of Qt's client reassembles them.

#include "LoopbackSocket.h"
#include "TestServer.h"
#include "server/WebSocketTextFrame.h"
#include "session/BandSession.h"
#include "session/LiveFollow.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <optional>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace aiband;
using namespace aiband::test;

namespace {

// The header of a server frame for `payloadSize` bytes, written out by hand (RFC 6455 §5.2):
// FIN + text, no mask, the length in its shortest form.
QByteArray expectedHeader(quint64 payloadSize)
{
    if (payloadSize < 126)
        return QByteArray("\x81", 1) + char(payloadSize);
    if (payloadSize <= 0xffff)
        return QByteArray("\x81\x7e", 2) + char(payloadSize >> 8) + char(payloadSize & 0xff);
    QByteArray header("\x81\x7f", 2);
    for (int shift = 56; shift >= 0; shift -= 8)
        header.append(char((payloadSize >> shift) & 0xff));
    return header;
}

struct Frame {
    QByteArray header;
    QByteArray payload;
    QJsonObject json() const { return QJsonDocument::fromJson(payload).object(); }
    QString type() const { return json().value(QStringLiteral("type")).toString(); }
};

// One server frame off the front of `bytes`, when all of it is there.
std::optional<Frame> takeFrame(QByteArray &bytes)
{
    if (bytes.size() < 2)
        return std::nullopt;
    const auto byte = [&](qsizetype i) { return static_cast<quint64>(static_cast<unsigned char>(bytes[i])); };
    quint64 length = byte(1) & 0x7f;
    qsizetype headerSize = 2;
    if (length == 126) {
        headerSize = 4;
        length = bytes.size() >= 4 ? (byte(2) << 8) | byte(3) : 0;
    } else if (length == 127) {
        headerSize = 10;
        length = 0;
        for (qsizetype i = 2; i < 10 && bytes.size() >= 10; ++i)
            length = (length << 8) | byte(i);
    }
    if (bytes.size() < headerSize || static_cast<quint64>(bytes.size() - headerSize) < length)
        return std::nullopt;
    Frame frame{bytes.left(headerSize), bytes.mid(headerSize, static_cast<qsizetype>(length))};
    bytes.remove(0, headerSize + static_cast<qsizetype>(length));
    return frame;
}

// A WebSocket client on a plain socket: it reads only when asked, so a test can leave the
// server's frames waiting in the kernel and in Qt, as a slow plugin does. The server runs in
// this thread, so every wait turns the event loop.
class RawWebSocket {
public:
    // receiveBuffer: SO_RCVBUF before connecting (0 keeps the system's).
    RawWebSocket(quint16 port, const QString &pluginId, int receiveBuffer = 0)
    {
        const LoopbackSocket socket = connectLoopback(port, receiveBuffer);
        m_fd = socket.fd;
        m_connected = socket.connected;
        const QByteArray request = "GET /ws/" + pluginId.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1:" +
                                   QByteArray::number(port) +
                                   "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        m_connected = m_connected && ::send(m_fd, request.constData(), static_cast<size_t>(request.size()), 0) == request.size();
    }
    ~RawWebSocket() { ::close(m_fd); }

    // The 101 answer and the connection_confirmed after it.
    bool join()
    {
        if (!m_connected || !readUntil([this] { return m_bytes.contains("\r\n\r\n"); }))
            return false;
        const qsizetype end = m_bytes.indexOf("\r\n\r\n") + 4;
        const bool upgraded = m_bytes.startsWith("HTTP/1.1 101");
        m_bytes.remove(0, end);
        const std::optional<Frame> confirmed = next();
        return upgraded && confirmed && confirmed->type() == QLatin1String("connection_confirmed");
    }

    // The next whole frame, turning the event loop until it is there (at most 5 s).
    std::optional<Frame> next()
    {
        std::optional<Frame> frame;
        readUntil([&] { return (frame = takeFrame(m_bytes)).has_value(); });
        return frame;
    }

    // Reads what the kernel holds for this socket, without turning the event loop, so without
    // letting the server write anything more: until nothing has come for `quietMs`.
    qsizetype readWhatTheKernelHolds(int quietMs)
    {
        qsizetype total = 0;
        QElapsedTimer quiet;
        quiet.start();
        while (quiet.elapsed() < quietMs) {
            const qsizetype got = receive();
            if (got > 0) {
                total += got;
                quiet.restart();
            } else {
                QThread::usleep(1000);
            }
        }
        return total;
    }

private:
    qsizetype receive()
    {
        char buffer[65536];
        const ssize_t got = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (got > 0)
            m_bytes.append(buffer, got);
        return got > 0 ? got : 0;
    }

    template <typename Done>
    bool readUntil(Done done, int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (!done()) {
            if (timer.elapsed() > timeoutMs)
                return false;
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            receive();
        }
        return true;
    }

    int m_fd = -1;
    bool m_connected = false;
    QByteArray m_bytes;
};

TransportState transportAt(double beat)
{
    TransportState state;
    state.beat = beat;
    return state;
}

// The largest send buffer the kernel lets a TCP socket grow to (net.ipv4.tcp_wmem's third field).
qint64 largestSendBuffer()
{
    QFile file(QStringLiteral("/proc/sys/net/ipv4/tcp_wmem"));
    if (!file.open(QIODevice::ReadOnly))
        return 4 * 1024 * 1024;
    const QList<QByteArray> fields = file.readAll().simplified().split(' ');
    return fields.size() == 3 ? fields[2].toLongLong() : 4 * 1024 * 1024;
}

} // namespace

class TestWebSocketFanout : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
    }
    void cleanup() { m_server.reset(); }

    void aFrameIsTheServerFrameOfItsText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("125 bytes, one length byte") << QString(125, QLatin1Char('a'));
        QTest::newRow("126 bytes, two") << QString(126, QLatin1Char('a'));
        QTest::newRow("65535 bytes, two") << QString(65535, QLatin1Char('a'));
        QTest::newRow("65536 bytes, eight") << QString(65536, QLatin1Char('a'));
        // 2 + 3 bytes in UTF-8 per pair: the length counts bytes, not characters.
        QTest::newRow("UTF-8") << QString(50, QChar(0x00e9)) + QString(50, QChar(0x266b));
    }
    void aFrameIsTheServerFrameOfItsText()
    {
        QFETCH(QString, text);
        const QByteArray utf8 = text.toUtf8();
        const WebSocketTextFrame frame(text);
        QCOMPARE(frame.bytes(), expectedHeader(static_cast<quint64>(utf8.size())) + utf8);
        QCOMPARE(frame.payloadSize(), utf8.size());
        QCOMPARE(frame.text(), text);
    }

    // The transport_sync a raw reader gets is one frame, the shortest header for the text a
    // QWebSocket client reads of the same broadcast.
    void eachReceiverReadsTheBroadcastAsOneServerFrame()
    {
        RawWebSocket raw(m_server->orchestrator->port(), QStringLiteral("raw-1"));
        PluginClient qt;
        QVERIFY(raw.join());
        QVERIFY(qt.join(m_server->wsUrl(QStringLiteral("/ws/qt-1"))));

        m_server->orchestrator->session().reportTransport(transportAt(42.5), QStringLiteral("sender"));
        const std::optional<Frame> frame = raw.next();
        QVERIFY(frame);
        QCOMPARE(frame->header, expectedHeader(static_cast<quint64>(frame->payload.size())));
        QCOMPARE(frame->type(), QStringLiteral("transport_sync"));
        QCOMPARE(frame->json().value(QStringLiteral("data")).toObject().value(QStringLiteral("current_beat")).toDouble(), 42.5);
        QCOMPARE(frame->json(), qt.take(QStringLiteral("transport_sync")));
    }

    // A message Qt still holds for a session (band_events, written by QWebSocket and not yet
    // flushed) goes out before a broadcast that follows it.
    void aBroadcastNeverOvertakesWhatQtHoldsForTheSession()
    {
        RawWebSocket raw(m_server->orchestrator->port(), QStringLiteral("raw-2"));
        QVERIFY(raw.join());
        BandSession &session = m_server->orchestrator->session();
        emit session.liveEvents(QStringLiteral("raw-2"), LiveEvents{});
        session.reportTransport(transportAt(7.0), QStringLiteral("sender"));

        const std::optional<Frame> first = raw.next();
        const std::optional<Frame> second = raw.next();
        QVERIFY(first && second);
        QCOMPARE(first->type(), QStringLiteral("band_events"));
        QCOMPARE(second->type(), QStringLiteral("transport_sync"));
    }

    // A plugin that stops reading: what its buffers cannot take waits in Qt's, and it reads
    // every frame whole and in order once it reads again, a message QWebSocket wrote between
    // them in its place. The messages (notifications of 100 KB and of a few bytes) are more than
    // the kernel can hold for it, which the test checks before it reads on.
    void aReceiverThatStopsReadingGetsEveryFrameWholeAndInOrder()
    {
        RawWebSocket raw(m_server->orchestrator->port(), QStringLiteral("slow-1"), 4096);
        QVERIFY(raw.join());
        BandSession &session = m_server->orchestrator->session();
        const QString padding(100 * 1024, QLatin1Char('x'));
        const int perHalf = static_cast<int>(2 * largestSendBuffer() / padding.size()) + 8;
        const auto problem = [&](int i) { return QString::number(i) + (i % 2 ? QStringLiteral(" short") : padding); };

        qint64 sent = 0;
        const auto announce = [&](int from, int to) {
            for (int i = from; i < to; ++i) {
                emit session.storageProblemChanged(problem(i));
                sent += problem(i).size();
            }
        };
        announce(0, perHalf);
        emit session.liveEvents(QStringLiteral("slow-1"), LiveEvents{});
        announce(perHalf, 2 * perHalf);

        const qsizetype heldByTheKernel = raw.readWhatTheKernelHolds(300);
        QVERIFY2(heldByTheKernel < sent, qPrintable(QStringLiteral("%1 of %2 bytes").arg(heldByTheKernel).arg(sent)));

        for (int i = 0; i < 2 * perHalf; ++i) {
            if (i == perHalf) {
                const std::optional<Frame> between = raw.next();
                QVERIFY(between);
                QCOMPARE(between->type(), QStringLiteral("band_events"));
            }
            const std::optional<Frame> frame = raw.next();
            QVERIFY2(frame, qPrintable(QStringLiteral("notification %1 never came").arg(i)));
            QCOMPARE(frame->header, expectedHeader(static_cast<quint64>(frame->payload.size())));
            QCOMPARE(frame->type(), QStringLiteral("notification"));
            QCOMPARE(frame->json().value(QStringLiteral("message")).toString(),
                     QStringLiteral("Takes cannot be written: ") + problem(i));
        }
    }

    // A connection that is closing takes no more frames (QWebSocket writes nothing then): its
    // close frame stays the last thing on it.
    void nothingIsWrittenToAConnectionThatIsClosing()
    {
        QTcpServer listener;
        QVERIFY(listener.listen(QHostAddress::LocalHost));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, listener.serverPort());
        QVERIFY(listener.waitForNewConnection(5000));
        QTcpSocket *connection = listener.nextPendingConnection();
        connection->write("last");   // held by Qt: no event loop has run
        connection->disconnectFromHost();
        QCOMPARE(connection->state(), QAbstractSocket::ClosingState);

        writeTextFrame(*connection, WebSocketTextFrame(QStringLiteral("too late")));
        QCOMPARE(connection->bytesToWrite(), qint64(4));
    }

private:
    std::unique_ptr<TestServer> m_server;
};

QTEST_MAIN(TestWebSocketFanout)
#include "tst_websocket_fanout.moc"
