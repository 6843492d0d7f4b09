#include "BoundedTcpServer.h"

#include "logging/LogCategories.h"

#include <QTcpSocket>


namespace aiband {

BoundedTcpServer::BoundedTcpServer(int maxConnections, QObject *parent)
    : QTcpServer(parent), m_maxConnections(maxConnections)
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
    addPendingConnection(socket);
}

void BoundedTcpServer::refuse(QTcpSocket *socket)
{
    qCWarning(lcServer) << "connection cap of" << m_maxConnections << "reached; refusing"
                        << socket->peerAddress().toString();
    const QByteArray body = QByteArrayLiteral(
        "{\"error\":{\"code\":\"too_many_connections\",\"message\":\"the server has too many open "
        "connections; retry shortly\",\"field\":null}}");
    socket->write("HTTP/1.1 503 Service Unavailable\r\n"
                  "Content-Type: application/json\r\n"
                  "Retry-After: 1\r\n"
                  "Connection: close\r\n"
                  "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->disconnectFromHost();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (socket->state() == QAbstractSocket::UnconnectedState)
        socket->deleteLater();
}

} // namespace aiband
