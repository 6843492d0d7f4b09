#pragma once

#include <QList>
#include <QPointer>
#include <QTcpServer>

namespace aiband {

// The listening socket handed to QHttpServer. Qt 6.4's HTTP server has no limits of its own,
// so they live here, before a connection reaches it: for now the cap on open connections
// (answered with 503 and Retry-After instead of silently queueing).
class BoundedTcpServer : public QTcpServer {
    Q_OBJECT
public:
    explicit BoundedTcpServer(int maxConnections, QObject *parent = nullptr);

    int openConnections() const;
    int maxConnections() const { return m_maxConnections; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void refuse(QTcpSocket *socket);

    int m_maxConnections;
    // Sockets still open, found again on each count. Signals cannot do this: when Qt upgrades a
    // socket to a WebSocket it disconnects every signal of it, so a counter fed by
    // disconnected() never heard about WebSocket sessions ending.
    mutable QList<QPointer<QTcpSocket>> m_sockets;
};

} // namespace aiband
