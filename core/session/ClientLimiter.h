#pragma once

#include "util/TokenBucket.h"
#include "util/Result.h"

#include <QHash>
#include <QString>

#include <functional>
#include <optional>

namespace aiband {

struct ClientLimits {
    double generationsPerMinute = 120.0;  // sustained rate per client
    int generationBurst = 120;            // generations a quiet client may start at once
    int maxConcurrent = 4;                // generations in flight per client

    bool operator==(const ClientLimits &) const = default;
};

// Per-client limits on generations, the one expensive thing a client can ask for: a token-bucket
// rate and a cap on generations in flight. A "client" is a key the caller chooses (the plugin id
// when there is one, else the remote address: every local plugin comes from 127.0.0.1). A refusal
// is the Error "rate_limited" with the seconds to wait in retryAfterSeconds (HTTP 429 with
// Retry-After; a WebSocket error message with retry_after).
class ClientLimiter {
public:
    using Clock = std::function<qint64()>;  // monotonic milliseconds

    explicit ClientLimiter(ClientLimits limits = {}, Clock clock = {});

    // Counts a generation as started for `client`, or says why it may not start.
    std::optional<Error> tryStart(const QString &client);
    // The generation started by tryStart has ended (answered, failed or timed out).
    void finish(const QString &client);
    // It never ran (the queue was full): its slot and its token are given back.
    void abandon(const QString &client);

    int inFlight(const QString &client) const;
    int trackedClients() const { return static_cast<int>(m_clients.size()); }
    const ClientLimits &limits() const { return m_limits; }
    // Changed limits apply at once: every client's bucket starts again, full, at the new rate;
    // generations already running still count against the new concurrency cap.
    void setLimits(const ClientLimits &limits);

private:
    struct ClientState {
        TokenBucket bucket;
        int inFlight = 0;
    };
    void forgetIdleClients(qint64 nowMs);

    ClientLimits m_limits;
    Clock m_clock;
    QHash<QString, ClientState> m_clients;
    qsizetype m_sweepAt = 1024;
};

} // namespace aiband
