#include "ApiHttpServer.h"

#include "HttpConnectionGuard.h"
#include "HttpReply.h"
#include "HttpRouter.h"
#include "JsonReplies.h"
#include "RequestGuard.h"
#include "WebSocketFrameGuard.h"
#include "WebSocketHandshake.h"
#include "logging/LogCategories.h"

#include <QHttpServerResponder>
#include <QWebSocket>

namespace aiband {

bool isWebSocketUpgrade(const QHttpServerRequest &request)
{
    return request.value(QByteArrayLiteral("upgrade")).compare("websocket", Qt::CaseInsensitive) == 0;
}

namespace {

// Says what was refused and why; never a header's value (the token could be one).
void logRefusal(const QHttpServerRequest &request, const GuardDecision &decision)
{
    qCInfo(lcServer).noquote() << "refused" << HttpRouter::methodName(request.method()) << request.url().path()
                               << "from" << request.remoteAddress().toString() << "with" << decision.status
                               << decision.error.code;
}

} // namespace

ApiHttpServer::ApiHttpServer(const HttpRouter *router, const AccessPolicy *policy, UpgradeFilter acceptUpgrade,
                             QObject *parent)
    : QAbstractHttpServer(parent), m_router(router), m_policy(policy), m_acceptUpgrade(std::move(acceptUpgrade))
{
}

bool ApiHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const GuardDecision decision = checkRequest(GuardRequest::from(request), *m_policy);
    // Taken for every request Qt hands us, in order, so each answer gets its own request's wish.
    const bool closeAfter = HttpConnectionGuard::closeAfterAnswer(socket);
    // For an upgrade, returning true without writing lets Qt complete the handshake;
    // returning false makes it call missingHandler(), which refuses it before any 101.
    if (isWebSocketUpgrade(request)) {
        const bool accepted = decision.allowed() && !webSocketHandshakeProblem(request) && m_acceptUpgrade(request);
        if (accepted)
            watchFramesOf(socket);
        return accepted;
    }

    qCDebug(lcServer).noquote() << HttpRouter::methodName(request.method()) << request.url().path()
                                << "from" << request.remoteAddress().toString();
    if (!decision.allowed()) {
        if (decision.outcome == GuardDecision::Outcome::Refuse)
            logRefusal(request, decision);
        HttpReply(makeResponder(request, socket), {}, closeAfter).send(guardReply(decision));
        return true;
    }
    HeaderList headers = decision.headers;
    if (closeAfter)
        headers.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("close")});
    m_router->dispatch(request, makeResponder(request, socket), headers, decision.withToken, closeAfter);
    return true;
}

// Queued, so that it runs after Qt drops the socket's connections to hand it over and before Qt's
// own queued handshake, which connects QWebSocket's reader (WebSocketFrameGuard.h says why).
void ApiHttpServer::watchFramesOf(QTcpSocket *socket)
{
    QMetaObject::invokeMethod(
        this,
        [this, socket = QPointer<QTcpSocket>(socket)] {
            forgetGoneFrameGuards();
            if (socket)
                m_frameGuards.append(WebSocketFrameGuard::watch(socket));
        },
        Qt::QueuedConnection);
}

// Guards of upgrades Qt refused after all go with their sockets; both ends of the list's use
// forget them, so it never outgrows the connections.
void ApiHttpServer::forgetGoneFrameGuards()
{
    m_frameGuards.removeIf([](const QPointer<WebSocketFrameGuard> &guard) { return !guard; });
}

std::unique_ptr<QWebSocket> ApiHttpServer::nextGuardedWebSocketConnection()
{
    std::unique_ptr<QWebSocket> webSocket = nextPendingWebSocketConnection();
    if (!webSocket)
        return nullptr;
    forgetGoneFrameGuards();
    const auto guard = std::find_if(m_frameGuards.begin(), m_frameGuards.end(),
                                    [&](const QPointer<WebSocketFrameGuard> &g) { return g->carries(*webSocket); });
    if (guard == m_frameGuards.end()) {
        qCWarning(lcWebSocket).noquote() << "closing a session from" << webSocket->peerAddress().toString()
                                         << "whose frames could not be watched";
        webSocket->close(QWebSocketProtocol::CloseCodeBadOperation, QStringLiteral("internal error"));
        webSocket.release()->deleteLater();
        return nullptr;
    }
    (*guard)->attach(webSocket.get());
    m_frameGuards.erase(guard);
    return webSocket;
}

void ApiHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // The guard is pure, so asking it again gives the reason handleRequest() refused.
    if (const GuardDecision decision = checkRequest(GuardRequest::from(request), *m_policy); !decision.allowed()) {
        logRefusal(request, decision);
        guardReply(decision).write(makeResponder(request, socket));
        return;
    }
    if (const auto problem = webSocketHandshakeProblem(request)) {
        qCInfo(lcWebSocket).noquote() << "refused a malformed WebSocket handshake to" << request.url().path() << "from"
                                      << request.remoteAddress().toString() << "(" << problem->error.field << ")";
        QHttpServerResponse answer = errorReply(static_cast<HttpStatus>(problem->status), problem->error);
        if (problem->status == 426)
            answer.setHeader(QByteArrayLiteral("Sec-WebSocket-Version"), QByteArrayLiteral("13"));
        answer.write(makeResponder(request, socket));
        return;
    }
    qCInfo(lcWebSocket).noquote() << "refused WebSocket upgrade to" << request.url().path();
    errorReply(HttpStatus::NotFound, QStringLiteral("not_found"),
               QStringLiteral("no WebSocket endpoint at %1; connect to /ws/{plugin_id}")
                   .arg(request.url().path()))
        .write(makeResponder(request, socket));
}

} // namespace aiband
