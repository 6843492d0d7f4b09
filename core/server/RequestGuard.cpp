#include "RequestGuard.h"

#include "HttpRouter.h"
#include "JsonReplies.h"
#include "SecretCompare.h"
#include "net/HostNames.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QUrlQuery>

#include <algorithm>

namespace aiband {
namespace {

const QByteArray kAllowedMethods = QByteArrayLiteral("GET, POST, DELETE, OPTIONS");
const QByteArray kAllowedHeaders = QByteArrayLiteral("Authorization, Content-Type");
const QByteArray kPreflightMaxAge = QByteArrayLiteral("600");
const QByteArray kRealm = QByteArrayLiteral("Bearer realm=\"ai-band-orchestrator\"");

struct HostHeader {
    QString name;   // normalized
    int port = -1;  // -1 when the header names none
};

// "name", "name:port", "[v6]" or "[v6]:port"; nullopt for anything else.
std::optional<HostHeader> parseHost(const QByteArray &value)
{
    const QString text = QString::fromLatin1(value).trimmed();
    qsizetype nameEnd = text.size();
    if (text.startsWith(QLatin1Char('['))) {
        nameEnd = text.indexOf(QLatin1Char(']')) + 1;
        if (nameEnd == 0)
            return std::nullopt;
    } else if (text.count(QLatin1Char(':')) == 1) {
        nameEnd = text.indexOf(QLatin1Char(':'));
    } else if (text.contains(QLatin1Char(':'))) {
        return std::nullopt;
    }
    HostHeader host;
    const auto name = normalizedHostName(QStringView(text).left(nameEnd));
    if (!name)
        return std::nullopt;
    host.name = *name;
    const QStringView port = QStringView(text).mid(nameEnd);
    if (!port.isEmpty()) {
        bool ok = false;
        host.port = port.mid(1).toInt(&ok);
        if (!port.startsWith(QLatin1Char(':')) || !ok || port.size() > 6 || host.port < 1 || host.port > 65535
            || !std::all_of(port.begin() + 1, port.end(), [](QChar c) { return c.isDigit(); }))
            return std::nullopt;
    }
    return host;
}

// The Host header as clients write it, a name of this server exactly as the policy keeps it
// (normalized), then nothing or ":" and the bound port. Compared byte for byte, so whatever it
// accepts parseHost() accepts too; anything else takes the full parse. Parsing and normalizing
// it was 4,500 of a GET /health's 87,000 instructions (callgrind).
bool isPlainServerHost(QByteArrayView value, const AccessPolicy &policy)
{
    for (const QString &name : policy.hostNames) {
        if (value.size() < name.size() || QLatin1StringView(value.first(name.size())) != name)
            continue;
        const QByteArrayView port = value.sliced(name.size());
        if (port.isEmpty())
            return true;
        if (port.size() < 2 || port.size() > 6 || port.front() != ':' || port[1] == '0')
            continue;
        int number = 0;
        for (const char digit : port.sliced(1)) {
            if (digit < '0' || digit > '9')
                return false;
            number = number * 10 + (digit - '0');
        }
        return number == policy.port;
    }
    return false;
}

// Header values end up in error messages; keep them short and printable.
QString shown(const QByteArray &value)
{
    QString text;
    for (const char c : value.left(100))
        text += (c >= 0x20 && c < 0x7f) ? QLatin1Char(c) : QLatin1Char('?');
    return value.size() > 100 ? text + QStringLiteral("...") : text;
}

GuardDecision refuse(int status, const QString &code, const QString &message, HeaderList headers = {})
{
    GuardDecision decision;
    decision.outcome = GuardDecision::Outcome::Refuse;
    decision.status = status;
    decision.error = makeError(code, message);
    decision.headers = std::move(headers);
    return decision;
}

std::optional<GuardDecision> checkHost(const GuardRequest &request, const AccessPolicy &policy)
{
    if (request.host.isEmpty())
        return refuse(400, QStringLiteral("invalid_host"),
                      QStringLiteral("the request has no Host header; HTTP/1.1 requires one"));
    if (request.host.size() > 1)
        return refuse(400, QStringLiteral("invalid_host"), QStringLiteral("the request has more than one Host header"));
    if (isPlainServerHost(request.host.first(), policy))
        return std::nullopt;
    const std::optional<HostHeader> host = parseHost(request.host.first());
    const bool allowed = host
        && ((policy.hostNames.contains(host->name) && (host->port == -1 || host->port == policy.port))
            || policy.extraHostNames.contains(host->name));
    if (allowed)
        return std::nullopt;
    return refuse(403, QStringLiteral("host_not_allowed"),
                  QStringLiteral("the Host \"%1\" is not a name of this server, which answers to %2 on port %3; "
                                 "to reach it by another name, add that name to server.allowed_hosts")
                      .arg(shown(request.host.first()), policy.hostNames.join(QStringLiteral(", ")))
                      .arg(policy.port));
}

// Same origin: a page served by this server under the (already allowed) name in Host.
bool isSameOrigin(const QString &origin, const QByteArray &hostHeader)
{
    const QString host = QString::fromLatin1(hostHeader).trimmed();
    for (const char *scheme : {"http://", "https://"}) {
        if (normalizedOrigin(QLatin1String(scheme) + host) == origin)
            return true;
    }
    return false;
}

std::optional<QByteArray> presentedToken(const GuardRequest &request)
{
    if (request.authorization.size() == 1) {
        const QByteArray value = request.authorization.first().trimmed();
        if (value.size() > 7 && value.first(7).compare("bearer ", Qt::CaseInsensitive) == 0)
            return value.mid(7).trimmed();
        return QByteArray(); // present but not a bearer token: wrong, not missing
    }
    if (request.authorization.size() > 1)
        return QByteArray();
    if (request.webSocketUpgrade && request.hasQueryToken)
        return request.queryToken.toUtf8();
    return std::nullopt;
}

} // namespace

AccessPolicy AccessPolicy::forServer(const QString &bindHost, quint16 port, const QStringList &allowedHosts,
                                     const QStringList &allowedOrigins, const QStringList &localAddresses)
{
    AccessPolicy policy;
    policy.port = port;
    policy.hostNames = {QStringLiteral("127.0.0.1"), QStringLiteral("localhost"), QStringLiteral("[::1]")};
    const auto addName = [&policy](const QString &address) {
        const auto name = normalizedHostName(address.contains(QLatin1Char(':')) ? QLatin1Char('[') + address + QLatin1Char(']')
                                                                                : address);
        if (name && !policy.hostNames.contains(*name))
            policy.hostNames.append(*name);
    };
    if (isWildcardAddress(bindHost)) {
        for (const QString &address : localAddresses)
            addName(QHostAddress(address).toString());
    } else {
        const QHostAddress address(bindHost);
        addName(address.isNull() ? bindHost : address.toString());
    }
    // Wildcards are no name a browser may use: 0.0.0.0 reaches this machine ("0.0.0.0 day").
    policy.hostNames.removeIf([](const QString &name) {
        return name == QLatin1String("0.0.0.0") || name == QLatin1String("[::]");
    });
    policy.extraHostNames = allowedHosts;
    for (const QString &name : policy.hostNames) {
        if (const auto origin = normalizedOrigin(QStringLiteral("http://%1:%2").arg(name).arg(port)))
            policy.origins.append(*origin);
    }
    for (const QString &origin : allowedOrigins) {
        if (!policy.origins.contains(origin))
            policy.origins.append(origin);
    }
    return policy;
}

GuardRequest GuardRequest::from(const QHttpServerRequest &request)
{
    GuardRequest guarded;
    guarded.method = HttpRouter::methodName(request.method());
    guarded.path = request.url().path();
    guarded.webSocketUpgrade = request.value(QByteArrayLiteral("upgrade")).compare("websocket", Qt::CaseInsensitive) == 0;
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("host", Qt::CaseInsensitive) == 0)
            guarded.host.append(value);
        else if (name.compare("origin", Qt::CaseInsensitive) == 0)
            guarded.origin.append(value);
        else if (name.compare("authorization", Qt::CaseInsensitive) == 0)
            guarded.authorization.append(value);
        else if (name.compare("access-control-request-method", Qt::CaseInsensitive) == 0)
            guarded.corsRequestMethod = value;
    }
    if (guarded.webSocketUpgrade) {   // the only requests that may carry it (presentedToken)
        const QUrlQuery query(request.url());
        guarded.hasQueryToken = query.hasQueryItem(QStringLiteral("token"));
        guarded.queryToken = query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded);
    }
    return guarded;
}

bool isPublicEndpoint(const QString &method, const QString &path)
{
    return method == QLatin1String("GET")
        && (path == QLatin1String("/health") || path == QLatin1String("/openapi.json") || path == QLatin1String("/docs")
            || path == QLatin1String("/redoc"));
}

GuardDecision checkRequest(const GuardRequest &request, const AccessPolicy &policy)
{
    if (auto refusal = checkHost(request, policy))
        return std::move(*refusal);

    HeaderList cors{{QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin")}};
    if (request.origin.size() > 1)
        return refuse(403, QStringLiteral("origin_not_allowed"), QStringLiteral("the request has more than one Origin header"), cors);
    if (!request.origin.isEmpty()) {
        const QByteArray raw = request.origin.first().trimmed();
        const auto origin = normalizedOrigin(QString::fromLatin1(raw));
        const bool allowed = origin && (policy.origins.contains(*origin) || isSameOrigin(*origin, request.host.first()));
        if (!allowed)
            return refuse(403, QStringLiteral("origin_not_allowed"),
                          QStringLiteral("requests from the web page at %1 are not allowed; to allow that site, "
                                         "add its origin to server.allowed_origins")
                              .arg(shown(raw)),
                          cors);
        cors.append({QByteArrayLiteral("Access-Control-Allow-Origin"), raw});
        if (request.method == QLatin1String("OPTIONS") && !request.corsRequestMethod.isEmpty()) {
            GuardDecision preflight;
            preflight.outcome = GuardDecision::Outcome::Preflight;
            preflight.status = 204;
            preflight.headers = cors;
            preflight.headers.append({QByteArrayLiteral("Access-Control-Allow-Methods"), kAllowedMethods});
            preflight.headers.append({QByteArrayLiteral("Access-Control-Allow-Headers"), kAllowedHeaders});
            preflight.headers.append({QByteArrayLiteral("Access-Control-Max-Age"), kPreflightMaxAge});
            return preflight;
        }
    }

    if (policy.tokenRequired && !isPublicEndpoint(request.method, request.path)) {
        const auto presented = presentedToken(request);
        if (!presented) {
            HeaderList headers = cors;
            headers.append({QByteArrayLiteral("WWW-Authenticate"), kRealm});
            return refuse(401, QStringLiteral("token_required"),
                          QStringLiteral("this server requires its access token: send the header "
                                         "\"Authorization: Bearer <token>\" (WebSocket clients may add ?token=<token> "
                                         "to the URL instead); the token is shown in the settings window and kept "
                                         "in the token file (server.token_file)"),
                          headers);
        }
        if (!secretsEqual(*presented, policy.token.toUtf8())) {
            HeaderList headers = cors;
            headers.append({QByteArrayLiteral("WWW-Authenticate"), kRealm + QByteArrayLiteral(", error=\"invalid_token\"")});
            return refuse(401, QStringLiteral("invalid_token"),
                          QStringLiteral("the access token is not this server's; copy the current one from the "
                                         "settings window or the token file (it changes when regenerated)"),
                          headers);
        }
    }

    GuardDecision allowed;
    allowed.headers = cors;
    if (policy.tokenRequired) {
        const auto presented = presentedToken(request);
        allowed.withToken = presented && secretsEqual(*presented, policy.token.toUtf8());
    }
    return allowed;
}

QHttpServerResponse guardReply(const GuardDecision &decision)
{
    if (decision.outcome == GuardDecision::Outcome::Preflight) {
        QHttpServerResponse response(QHttpServerResponse::StatusCode::NoContent);
        for (const auto &[name, value] : decision.headers)
            response.setHeader(name, value);
        return response;
    }
    QHttpServerResponse response = errorReply(static_cast<HttpStatus>(decision.status), decision.error);
    for (const auto &[name, value] : decision.headers)
        response.setHeader(name, value);
    return response;
}

} // namespace aiband
