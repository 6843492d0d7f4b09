#include "ApiHttpServer.h"

#include "HttpRouter.h"
#include "JsonReplies.h"
#include "logging/LogCategories.h"

#include <QHttpServerResponder>

namespace aiband {

bool isWebSocketUpgrade(const QHttpServerRequest &request)
{
    return request.value(QByteArrayLiteral("upgrade")).compare("websocket", Qt::CaseInsensitive) == 0;
}

ApiHttpServer::ApiHttpServer(const HttpRouter *router, UpgradeFilter acceptUpgrade, QObject *parent)
    : QAbstractHttpServer(parent), m_router(router), m_acceptUpgrade(std::move(acceptUpgrade))
{
}

bool ApiHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // For an upgrade, returning true without writing lets Qt complete the handshake;
    // returning false makes it call missingHandler(), which refuses it.
    if (isWebSocketUpgrade(request))
        return m_acceptUpgrade(request);

    qCDebug(lcServer).noquote() << HttpRouter::methodName(request.method()) << request.url().path()
                                << "from" << request.remoteAddress().toString();
    m_router->dispatch(request, makeResponder(request, socket));
    return true;
}

void ApiHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    qCInfo(lcWebSocket).noquote() << "refused WebSocket upgrade to" << request.url().path();
    errorReply(HttpStatus::NotFound, QStringLiteral("not_found"),
               QStringLiteral("no WebSocket endpoint at %1; connect to /ws/{plugin_id}")
                   .arg(request.url().path()))
        .write(makeResponder(request, socket));
}

} // namespace aiband
