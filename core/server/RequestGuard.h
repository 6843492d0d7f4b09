#pragma once

#include "HeaderList.h"
#include "util/Result.h"

#include <QString>
#include <QStringList>

class QHttpServerRequest;
class QHttpServerResponse;

namespace aiband {

// Who may talk to the server (docs/SECURITY.md, "Access"). Names and origins are in the
// canonical forms of net/HostNames.h.
struct AccessPolicy {
    quint16 port = 0;            // the bound port: a Host naming another one is refused
    QStringList hostNames;       // accepted in Host with or without the bound port
    QStringList extraHostNames;  // server.allowed_hosts: accepted with any port (reverse proxies)
    QStringList origins;         // browser origins that may call and read the API
    QString token;               // empty when there is none
    bool tokenRequired = false;

    // Loopback names, the bind address (for 0.0.0.0 or ::, every `localAddresses`), and the
    // configured extras; the server's own origins (http://127.0.0.1:PORT, http://localhost:PORT,
    // http://[::1]:PORT, the bind address) are always allowed. Extras must already be normalized.
    static AccessPolicy forServer(const QString &bindHost, quint16 port, const QStringList &allowedHosts,
                                  const QStringList &allowedOrigins, const QStringList &localAddresses);
};

// What the guard looks at: the request line and three headers, as received.
struct GuardRequest {
    QString method;              // "GET", "POST", ...
    QString path;                // decoded path, no query
    bool webSocketUpgrade = false;
    QList<QByteArray> host;      // every Host header (one is expected)
    QList<QByteArray> origin;    // every Origin header
    QList<QByteArray> authorization;
    QByteArray corsRequestMethod; // Access-Control-Request-Method (preflights)
    QString queryToken;          // ?token=, read for WebSocket upgrades only
    bool hasQueryToken = false;

    static GuardRequest from(const QHttpServerRequest &request);
};

struct GuardDecision {
    enum class Outcome { Allow, Preflight, Refuse };
    Outcome outcome = Outcome::Allow;
    int status = 200;            // for Refuse: 400, 401 or 403; for Preflight: 204
    Error error;                 // for Refuse
    HeaderList headers;          // to add to the answer: Vary, CORS, WWW-Authenticate
    // False when the server requires its token and a public endpoint was asked without it: the
    // answer must then say no more than that the server is up (docs/SECURITY.md).
    bool withToken = true;

    bool allowed() const { return outcome == Outcome::Allow; }
};

// Decides, before any route runs, whether a request may proceed: Host allow-list (DNS
// rebinding), Origin allow-list (cross-site requests and WebSocket hijacking), CORS answers,
// and the bearer token when one is required. Pure: no sockets, no logging, no clock.
GuardDecision checkRequest(const GuardRequest &request, const AccessPolicy &policy);

// Requests that never need the token: the liveness check and the static API reference.
bool isPublicEndpoint(const QString &method, const QString &path);

// The answer to a refusal or a preflight, headers included.
QHttpServerResponse guardReply(const GuardDecision &decision);

} // namespace aiband
