#pragma once

#include <QByteArray>
#include <QString>

class QTcpSocket;

namespace aiband {

// One text message as the bytes of the frame a server sends it in (RFC 6455 §5.2: FIN, opcode
// 1, the payload length in its shortest form, no mask), made once for every session a fan-out
// reaches. QWebSocket::sendTextMessage converts its QString to UTF-8 and frames it again for
// each session. The bytes are the ones QWebSocket writes for a message that fits in one frame;
// Qt splits a message longer than QWebSocket::outgoingFrameSize() into several.
class WebSocketTextFrame {
public:
    explicit WebSocketTextFrame(const QString &text);

    const QString &text() const { return m_text; }
    const QByteArray &bytes() const { return m_bytes; }
    qint64 payloadSize() const { return m_payloadSize; }

private:
    QString m_text;
    QByteArray m_bytes;
    qint64 m_payloadSize = 0;
};

// Writes `frame` on the TCP connection under a WebSocket session, in order with every frame
// QWebSocket writes there. When Qt holds none of the connection's bytes (so every earlier frame
// is in the kernel), the frame goes to the kernel with one send(): no copy into Qt's buffer, no
// write notifier switched on and off, no bytesWritten signals (each cost a fan-out more than
// the frame itself; docs/BENCHMARKS.md, "Broadcast"). What the kernel does not take now (a
// client that reads slowly, its buffers full), and the whole frame while Qt still holds bytes,
// goes into Qt's write buffer and out from the event loop, as QWebSocket's own frames do: the
// order and the buffering of a slow client stay Qt's. So does an error: a failed send() leaves
// the frame to Qt, whose write meets the error and closes the connection as it always has.
// Nothing is written to a connection that is no longer connected, as QWebSocket writes nothing.
void writeTextFrame(QTcpSocket &connection, const WebSocketTextFrame &frame);

} // namespace aiband
