#include "WebSocketFrameGuard.h"

#include "logging/LogCategories.h"

#include <QTcpSocket>
#include <QWebSocket>

namespace aiband {
namespace {

// Where attach() leaves the session's TCP connection on its QWebSocket (a dynamic property).
constexpr char kConnectionProperty[] = "aiband_tcp_connection";

} // namespace

WebSocketFrameGuard *WebSocketFrameGuard::watch(QTcpSocket *socket)
{
    return new WebSocketFrameGuard(socket);
}

WebSocketFrameGuard::WebSocketFrameGuard(QTcpSocket *socket) : QObject(socket), m_socket(socket)
{
    connect(socket, &QTcpSocket::readyRead, this, &WebSocketFrameGuard::beforeQtReads);
}

bool WebSocketFrameGuard::carries(const QWebSocket &webSocket) const
{
    return !m_webSocket && webSocket.peerPort() == m_socket->peerPort() && webSocket.peerAddress() == m_socket->peerAddress()
        && webSocket.localPort() == m_socket->localPort();
}

void WebSocketFrameGuard::attach(QWebSocket *webSocket)
{
    m_webSocket = webSocket;
    webSocket->setProperty(kConnectionProperty, QVariant::fromValue(QPointer<QTcpSocket>(m_socket)));
    // What is in the buffer now follows the handshake Qt just read: frames, none of them seen.
    m_seen = 0;
    connect(m_socket, &QTcpSocket::readyRead, this, &WebSocketFrameGuard::afterQtRead);
}

QTcpSocket *WebSocketFrameGuard::connectionOf(const QWebSocket &webSocket)
{
    return webSocket.property(kConnectionProperty).value<QPointer<QTcpSocket>>();
}

void WebSocketFrameGuard::beforeQtReads()
{
    if (!m_webSocket)
        return;
    const qint64 available = m_socket->bytesAvailable();
    // Payload bytes need no look; only a batch that holds a header is copied.
    m_seen += m_tracker.skipPayload(available - m_seen);
    if (m_seen < available) {
        const QByteArray buffered = m_socket->peek(available);
        const bool masked = m_tracker.feed(QByteArrayView(buffered).sliced(m_seen));
        m_seen = available;
        if (!masked)
            fail();
    }
}

void WebSocketFrameGuard::afterQtRead()
{
    m_seen = m_socket->bytesAvailable();
}

void WebSocketFrameGuard::fail()
{
    qCInfo(lcWebSocket).noquote() << "closing the session from" << m_socket->peerAddress().toString()
                                  << "(1002): it sent an unmasked frame";
    disconnect(m_socket, nullptr, this, nullptr);
    // Nothing of what is buffered may reach Qt's reader, the valid frames before it included: the
    // connection has failed (RFC 6455 §7.1.7) and its data is not processed.
    m_socket->skip(m_socket->bytesAvailable());
    m_webSocket->close(QWebSocketProtocol::CloseCodeProtocolError,
                       QStringLiteral("frames from a client must be masked (RFC 6455 section 5.1)"));
}

} // namespace aiband
