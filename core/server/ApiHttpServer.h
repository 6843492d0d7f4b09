#pragma once

#include <QAbstractHttpServer>
#include <QList>
#include <QPointer>

#include <functional>
#include <memory>

namespace aiband {

class HttpRouter;
class WebSocketFrameGuard;
struct AccessPolicy;

// Qt's HTTP server front: every request and upgrade first passes the request guard (Host,
// Origin, token: RequestGuard.h), then plain requests go to the route table and WebSocket
// upgrades are accepted only for paths the hub recognises. Subclassing QAbstractHttpServer (rather than QHttpServer)
// keeps the whole decision, including refusing an upgrade before its 101, in our hands.
class ApiHttpServer : public QAbstractHttpServer {
    Q_OBJECT
public:
    // Says whether an upgrade request may become a WebSocket session.
    using UpgradeFilter = std::function<bool(const QHttpServerRequest &)>;

    // `policy` is read on every request, so changing it (a new token) applies at once.
    ApiHttpServer(const HttpRouter *router, const AccessPolicy *policy, UpgradeFilter acceptUpgrade,
                  QObject *parent = nullptr);

    // The next accepted WebSocket session, with its frames watched (WebSocketFrameGuard.h); use it
    // instead of nextPendingWebSocketConnection(). Null when none is pending, or when the session
    // could not be watched (it is then closed with 1011 rather than served unwatched).
    std::unique_ptr<QWebSocket> nextGuardedWebSocketConnection();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void watchFramesOf(QTcpSocket *socket);
    void forgetGoneFrameGuards();

    const HttpRouter *m_router;
    const AccessPolicy *m_policy;
    UpgradeFilter m_acceptUpgrade;
    QList<QPointer<WebSocketFrameGuard>> m_frameGuards;  // watching upgrades not yet adopted
};

bool isWebSocketUpgrade(const QHttpServerRequest &request);

} // namespace aiband
