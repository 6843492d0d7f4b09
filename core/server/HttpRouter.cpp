#include "HttpRouter.h"

#include "JsonReplies.h"

#include <QHttpServerResponder>

#include <QUrl>

namespace aiband {
namespace {

// Splits the still-encoded path so that an encoded slash (%2F) stays inside its segment. Only a
// segment with a '%' is decoded: the encoded path is ASCII, so any other is its own decoding.
QStringList pathSegments(const QUrl &url)
{
    QStringList segments = url.path(QUrl::FullyEncoded).split(QLatin1Char('/'));
    for (QString &segment : segments) {
        if (segment.contains(QLatin1Char('%')))
            segment = QUrl::fromPercentEncoding(segment.toUtf8());
    }
    return segments;
}

QStringList patternSegments(const QString &pattern)
{
    return pattern.split(QLatin1Char('/'));
}

bool isPlaceholder(const QString &part)
{
    return part.startsWith(QLatin1Char('{'));
}

std::optional<QStringList> match(const QStringList &parts, const QStringList &segments)
{
    if (parts.size() != segments.size())
        return std::nullopt;
    QStringList args;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (isPlaceholder(parts[i])) {
            if (segments[i].isEmpty())
                return std::nullopt;
            args.append(segments[i]);
        } else if (parts[i] != segments[i]) {
            return std::nullopt;
        }
    }
    return args;
}

} // namespace

void HttpRouter::add(HttpRoute route)
{
    // Split once here, not for every request against every route before it (callgrind: five
    // splits of a pattern for each POST /api/generate).
    m_patterns.append(patternSegments(route.pattern));
    m_routes.append(std::move(route));
}

std::optional<QStringList> HttpRouter::arguments(const QString &pattern, const QUrl &url)
{
    return match(patternSegments(pattern), pathSegments(url));
}

QString HttpRouter::methodName(HttpMethod method)
{
    switch (method) {
    case HttpMethod::Get: return QStringLiteral("GET");
    case HttpMethod::Put: return QStringLiteral("PUT");
    case HttpMethod::Delete: return QStringLiteral("DELETE");
    case HttpMethod::Post: return QStringLiteral("POST");
    case HttpMethod::Head: return QStringLiteral("HEAD");
    case HttpMethod::Options: return QStringLiteral("OPTIONS");
    case HttpMethod::Patch: return QStringLiteral("PATCH");
    case HttpMethod::Connect: return QStringLiteral("CONNECT");
    case HttpMethod::Trace: return QStringLiteral("TRACE");
    default: break;
    }
    return QStringLiteral("UNKNOWN");
}

void HttpRouter::dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder,
                          const HeaderList &headers, bool withToken, bool closeAfter) const
{
    // Every answer, at once or later, goes out through one HttpReply: the guard's headers, and
    // the connection closed after it when the client asked.
    const HttpReply reply(std::move(responder), headers, closeAfter);
    const QStringList segments = pathSegments(request.url());
    QStringList allowed;
    for (qsizetype i = 0; i < m_routes.size(); ++i) {
        const HttpRoute &route = m_routes[i];
        const auto args = match(m_patterns[i], segments);
        if (!args)
            continue;
        if (route.method != request.method()) {
            allowed.append(methodName(route.method));
            continue;
        }
        if (auto refused = unreadQuery(request, route))
            reply.send(std::move(*refused));
        else if (!withToken && route.withoutToken)
            reply.send(route.withoutToken(request, *args));
        else if (route.deferred)
            route.deferred(request, *args, reply);
        else
            reply.send(route.handler(request, *args));
        return;
    }
    reply.send(refusal(request, allowed));
}

std::optional<QHttpServerResponse> HttpRouter::unreadQuery(const QHttpServerRequest &request, const HttpRoute &route)
{
    for (const auto &[name, value] : request.query().queryItems(QUrl::FullyDecoded)) {
        if (route.query.contains(name))
            continue;
        const QString accepted = route.query.isEmpty() ? QStringLiteral("none") : route.query.join(QStringLiteral(", "));
        return errorReply(HttpStatus::UnprocessableEntity, QStringLiteral("invalid_field"),
                          QStringLiteral("%1 %2 reads no query parameter \"%3\"; accepted: %4")
                              .arg(methodName(route.method), route.pattern, name, accepted),
                          name);
    }
    return std::nullopt;
}

QHttpServerResponse HttpRouter::refusal(const QHttpServerRequest &request, const QStringList &allowed)
{
    if (allowed.isEmpty())
        return errorReply(HttpStatus::NotFound, QStringLiteral("not_found"),
                          QStringLiteral("no endpoint at %1; GET / lists them").arg(request.url().path()));
    QHttpServerResponse response = errorReply(
        HttpStatus::MethodNotAllowed, QStringLiteral("method_not_allowed"),
        QStringLiteral("%1 does not accept %2; allowed: %3")
            .arg(request.url().path(), methodName(request.method()), allowed.join(QStringLiteral(", "))));
    response.setHeader(QByteArrayLiteral("Allow"), allowed.join(QStringLiteral(", ")).toLatin1());
    return response;
}

} // namespace aiband
