#include "BoundedTcpServer.h"

#include "logging/LogCategories.h"

#include <QTcpSocket>


namespace aiband {

BoundedTcpServer::BoundedTcpServer(int maxConnections, HttpConnectionLimits limits, QObject *parent)
    : QTcpServer(parent), m_maxConnections(maxConnections), m_limits(limits)
{
}

int BoundedTcpServer::openConnections() const
{
    m_sockets.removeIf([](const QPointer<QTcpSocket> &socket) {
        return !socket || socket->state() == QAbstractSocket::UnconnectedState;
    });
    return static_cast<int>(m_sockets.size());
}

void BoundedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (openConnections() >= m_maxConnections) {
        refuse(socket);
        return;
    }
    m_sockets.append(socket);
    // Answers and fan-out messages are small writes; with Nagle on, each one after the first
    // waited for the client's delayed ACK (about 40 ms). Set before Qt's HTTP and WebSocket
    // servers take the socket, so it holds for both.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // Connected before Qt's HTTP server connects its own slots, so the guard sees bytes first.
    new HttpConnectionGuard(socket, m_limits);
    addPendingConnection(socket);
}

void BoundedTcpServer::refuse(QTcpSocket *socket)
{
    qCWarning(lcServer) << "connection cap of" << m_maxConnections << "reached; refusing"
                        << socket->peerAddress().toString();
    socket->write(rawErrorResponse(503, "Service Unavailable",
                                   makeError(QStringLiteral("too_many_connections"),
                                             QStringLiteral("the server has too many open connections; retry shortly")),
                                   "Retry-After: 1\r\n"));
    socket->disconnectFromHost();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (socket->state() == QAbstractSocket::UnconnectedState)
        socket->deleteLater();
}

} // namespace aiband
