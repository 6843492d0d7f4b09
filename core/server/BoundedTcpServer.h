#pragma once

#include <QTcpServer>

namespace aiband {

// The listening socket handed to QHttpServer. Qt 6.4's HTTP server has no limits of its own,
// so they live here, before a connection reaches it: for now the cap on open connections
// (answered with 503 and Retry-After instead of silently queueing).
class BoundedTcpServer : public QTcpServer {
    Q_OBJECT
public:
    explicit BoundedTcpServer(int maxConnections, QObject *parent = nullptr);

    int openConnections() const { return m_open; }
    int maxConnections() const { return m_maxConnections; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void refuse(QTcpSocket *socket);

    int m_maxConnections;
    int m_open = 0;
};

} // namespace aiband
