#pragma once

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace aiband {

using HttpMethod = QHttpServerRequest::Method;
// args are the path's {placeholders}, percent-decoded, in order.
using HttpHandler = std::function<QHttpServerResponse(const QHttpServerRequest &, const QStringList &args)>;

struct HttpRoute {
    HttpMethod method;
    QString pattern;     // "/api/files/{filename}": a placeholder matches one whole path segment
    QString summary;     // one line for the endpoint list at GET /
    HttpHandler handler;
};

// The table of the HTTP API. Answers 404 for unknown paths and 405 (with Allow) for a known
// path asked with a method it does not have, so handlers never see either case.
class HttpRouter {
public:
    void add(HttpRoute route);
    QHttpServerResponse dispatch(const QHttpServerRequest &request) const;
    const QList<HttpRoute> &routes() const { return m_routes; }

    static QString methodName(HttpMethod method);

private:
    QList<HttpRoute> m_routes;
};

} // namespace aiband
