#pragma once

#include "HttpReply.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QUrl;

namespace aiband {

using HttpMethod = QHttpServerRequest::Method;
// args are the path's {placeholders}, percent-decoded, in order.
using HttpHandler = std::function<QHttpServerResponse(const QHttpServerRequest &, const QStringList &args)>;
// For answers that come later: the handler keeps the HttpReply and sends through it once.
using DeferredHttpHandler = std::function<void(const QHttpServerRequest &, const QStringList &args, HttpReply reply)>;

struct HttpRoute {
    HttpMethod method;
    QString pattern;     // "/api/files/{filename}": a placeholder matches one whole path segment
    QString summary;     // one line for the endpoint list at GET /
    HttpHandler handler = {};        // answers at once, or
    DeferredHttpHandler deferred = {}; // answers later
    QStringList query = {};          // the query parameters it reads; any other is refused (422)
    // For a public endpoint of a server that requires its token: the answer to a client without
    // it (GET /health says only that the server is up). Unset: the same answer for everyone.
    HttpHandler withoutToken = {};
};

// The table of the HTTP API. Answers 404 for unknown paths, 405 (with Allow) for a known path
// asked with a method it does not have, and 422 for a query parameter the route does not read
// (nothing is silently dropped), so handlers never see any of these.
class HttpRouter {
public:
    void add(HttpRoute route);
    // `headers` are added to whatever is answered, 404 and 405 included. `withToken` is false
    // when the token is required and the request did not carry it (GuardDecision::withToken).
    // `closeAfter`: close the connection once the answer is sent (Connection: close, HTTP/1.0).
    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder,
                  const HeaderList &headers = {}, bool withToken = true, bool closeAfter = false) const;
    const QList<HttpRoute> &routes() const { return m_routes; }

    static QString methodName(HttpMethod method);
    // The percent-decoded {placeholder} values of `url` when its path fits `pattern`, nullopt
    // when it does not. An encoded slash (%2F) stays inside its segment. What handlers get as args.
    static std::optional<QStringList> arguments(const QString &pattern, const QUrl &url);

private:
    // 404 for an unknown path, 405 with Allow for a known one asked with another method.
    static QHttpServerResponse refusal(const QHttpServerRequest &request, const QStringList &allowed);
    static std::optional<QHttpServerResponse> unreadQuery(const QHttpServerRequest &request, const HttpRoute &route);

    QList<HttpRoute> m_routes;
    QList<QStringList> m_patterns;   // each route's pattern split at '/', by index
};

} // namespace aiband
