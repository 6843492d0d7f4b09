#include "WebSocketTextFrame.h"

#include <QTcpSocket>

#include <sys/socket.h>

namespace aiband {
namespace {

QByteArray frameHeader(quint64 payloadSize)
{
    QByteArray header;
    header.append(char(0x81));   // FIN, text
    if (payloadSize < 126) {
        header.append(char(payloadSize));
    } else if (payloadSize <= 0xffff) {
        header.append(char(126));
        for (int shift = 8; shift >= 0; shift -= 8)
            header.append(char((payloadSize >> shift) & 0xff));
    } else {
        header.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            header.append(char((payloadSize >> shift) & 0xff));
    }
    return header;
}

// What the kernel takes of `bytes` now, without waiting; 0 on EAGAIN, EINTR or an error,
// which Qt's own write of the same bytes meets again.
qsizetype sendNow(qintptr descriptor, const QByteArray &bytes)
{
    const ssize_t sent = ::send(static_cast<int>(descriptor), bytes.constData(), static_cast<size_t>(bytes.size()),
                                MSG_DONTWAIT | MSG_NOSIGNAL);
    return sent > 0 ? static_cast<qsizetype>(sent) : 0;
}

} // namespace

WebSocketTextFrame::WebSocketTextFrame(const QString &text) : m_text(text)
{
    const QByteArray payload = text.toUtf8();
    m_payloadSize = payload.size();
    m_bytes = frameHeader(static_cast<quint64>(payload.size())) + payload;
}

void writeTextFrame(QTcpSocket &connection, const WebSocketTextFrame &frame)
{
    // As QWebSocket drops a message for a connection that is closing or closed.
    if (connection.state() != QAbstractSocket::ConnectedState)
        return;
    const QByteArray &bytes = frame.bytes();
    qsizetype sent = 0;
    if (connection.bytesToWrite() == 0)
        sent = sendNow(connection.socketDescriptor(), bytes);
    if (sent < bytes.size())
        connection.write(bytes.constData() + sent, bytes.size() - sent);
}

} // namespace aiband
