#pragma once

#include "HttpConnectionGuard.h"

#include <QList>
#include <QPointer>
#include <QTcpServer>

namespace aiband {

// The listening socket handed to QHttpServer. Qt 6.4's HTTP server has no limits of its own,
// so they live here, before a connection reaches it: the cap on open connections (answered with
// 503 and Retry-After instead of silently queueing), and for each connection an
// HttpConnectionGuard (size limits, slow-client and idle deadlines) until it becomes a WebSocket.
class BoundedTcpServer : public QTcpServer {
    Q_OBJECT
public:
    explicit BoundedTcpServer(int maxConnections, HttpConnectionLimits limits = {}, QObject *parent = nullptr);

    int openConnections() const;
    int maxConnections() const { return m_maxConnections; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void refuse(QTcpSocket *socket);

    int m_maxConnections;
    HttpConnectionLimits m_limits;
    // Sockets still open, found again on each count. Signals cannot do this: when Qt upgrades a
    // socket to a WebSocket it disconnects every signal of it, so a counter fed by
    // disconnected() never heard about WebSocket sessions ending.
    mutable QList<QPointer<QTcpSocket>> m_sockets;
};

} // namespace aiband
