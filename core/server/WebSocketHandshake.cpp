#include "WebSocketHandshake.h"

#include <QHttpServerRequest>

#include <algorithm>

namespace aiband {
namespace {

HandshakeProblem problem(int status, const QString &header, const QString &message)
{
    return {status, makeError(QStringLiteral("invalid_upgrade"), message, header)};
}

bool listsToken(const QByteArray &value, const QByteArray &token)
{
    const QList<QByteArray> items = value.split(',');
    return std::any_of(items.cbegin(), items.cend(), [&](const QByteArray &item) {
        return item.trimmed().compare(token, Qt::CaseInsensitive) == 0;
    });
}

} // namespace

std::optional<HandshakeProblem> webSocketHandshakeProblem(const QHttpServerRequest &request)
{
    if (request.method() != QHttpServerRequest::Method::Get)
        return problem(400, QStringLiteral("method"), QStringLiteral("a WebSocket opens with GET"));
    if (!listsToken(request.value(QByteArrayLiteral("connection")), QByteArrayLiteral("upgrade")))
        return problem(400, QStringLiteral("Connection"),
                       QStringLiteral("a WebSocket handshake needs \"Connection: Upgrade\" beside \"Upgrade: websocket\""));
    if (request.value(QByteArrayLiteral("sec-websocket-version")).trimmed() != "13")
        return problem(426, QStringLiteral("Sec-WebSocket-Version"), QStringLiteral("only WebSocket version 13 is spoken"));
    const QByteArray key = request.value(QByteArrayLiteral("sec-websocket-key")).trimmed();
    const auto decoded = QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 16)
        return problem(400, QStringLiteral("Sec-WebSocket-Key"),
                       QStringLiteral("Sec-WebSocket-Key must be 16 random bytes in base64 (RFC 6455)"));
    return std::nullopt;
}

} // namespace aiband
