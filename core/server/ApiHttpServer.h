#pragma once

#include <QAbstractHttpServer>

#include <functional>

namespace aiband {

class HttpRouter;

// Qt's HTTP server front: plain requests go to the route table, WebSocket upgrades are accepted
// only for paths the hub recognises. Subclassing QAbstractHttpServer (rather than QHttpServer)
// keeps the whole decision, including refusing an upgrade before its 101, in our hands.
class ApiHttpServer : public QAbstractHttpServer {
    Q_OBJECT
public:
    // Says whether an upgrade request may become a WebSocket session.
    using UpgradeFilter = std::function<bool(const QHttpServerRequest &)>;

    ApiHttpServer(const HttpRouter *router, UpgradeFilter acceptUpgrade, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    const HttpRouter *m_router;
    UpgradeFilter m_acceptUpgrade;
};

bool isWebSocketUpgrade(const QHttpServerRequest &request);

} // namespace aiband
