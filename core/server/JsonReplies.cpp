#include "JsonReplies.h"

#include "util/CompactJson.h"

namespace aiband {

QHttpServerResponse jsonReply(const QJsonObject &body, HttpStatus status)
{
    return jsonReply(compactJson(body), status);
}

QHttpServerResponse jsonReply(QByteArray body, HttpStatus status)
{
    QHttpServerResponse response(QByteArrayLiteral("application/json"), std::move(body), status);
    // Replies describe live state (plugins, files, uptime): never serve them from a cache.
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

QJsonObject errorBody(const Error &error)
{
    QJsonObject detail{{QStringLiteral("code"), error.code}, {QStringLiteral("message"), error.message}};
    detail.insert(QStringLiteral("field"), error.field.isEmpty() ? QJsonValue() : QJsonValue(error.field));
    if (error.retryAfterSeconds > 0)
        detail.insert(QStringLiteral("retry_after"), error.retryAfterSeconds);
    return QJsonObject{{QStringLiteral("error"), detail}};
}

QHttpServerResponse errorReply(HttpStatus status, const Error &error)
{
    return jsonReply(errorBody(error), status);
}

QHttpServerResponse errorReply(HttpStatus status, const QString &code, const QString &message,
                               const QString &field)
{
    return errorReply(status, makeError(code, message, field));
}

} // namespace aiband
