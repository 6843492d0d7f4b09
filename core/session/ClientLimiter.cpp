#include "ClientLimiter.h"

#include <QElapsedTimer>

#include <cmath>

namespace aiband {

ClientLimiter::ClientLimiter(ClientLimits limits, Clock clock) : m_limits(limits), m_clock(std::move(clock))
{
    if (!m_clock) {
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        m_clock = [timer] { return timer->elapsed(); };
    }
}

void ClientLimiter::setLimits(const ClientLimits &limits)
{
    if (limits == m_limits)
        return;   // reconfigure() calls this for any change; unrelated ones keep the buckets
    m_limits = limits;
    const qint64 now = m_clock();
    for (ClientState &state : m_clients)
        state.bucket = TokenBucket(m_limits.generationsPerMinute / 60.0, m_limits.generationBurst, now);
}

std::optional<Error> ClientLimiter::tryStart(const QString &client)
{
    const qint64 now = m_clock();
    auto it = m_clients.find(client);
    if (it == m_clients.end()) {
        if (m_clients.size() >= m_sweepAt)
            forgetIdleClients(now);
        it = m_clients.insert(client, ClientState{TokenBucket(m_limits.generationsPerMinute / 60.0,
                                                              m_limits.generationBurst, now), 0});
    }
    ClientState &state = *it;
    if (state.inFlight >= m_limits.maxConcurrent) {
        Error error = makeError(QStringLiteral("rate_limited"),
                                QStringLiteral("%1 generations of yours are still running (at most %2 at once, "
                                               "server.max_generations_per_client); retry when one is done")
                                    .arg(state.inFlight).arg(m_limits.maxConcurrent));
        error.retryAfterSeconds = 1;
        return error;
    }
    if (!state.bucket.take(now)) {
        Error error = makeError(QStringLiteral("rate_limited"),
                                QStringLiteral("more than %1 generations per minute (server.generation_rate_per_minute); "
                                               "retry later").arg(m_limits.generationsPerMinute));
        error.retryAfterSeconds = static_cast<int>(std::max<qint64>(1, (state.bucket.msUntilToken(now) + 999) / 1000));
        return error;
    }
    ++state.inFlight;
    return std::nullopt;
}

void ClientLimiter::finish(const QString &client)
{
    auto it = m_clients.find(client);
    if (it != m_clients.end() && it->inFlight > 0)
        --it->inFlight;
}

void ClientLimiter::abandon(const QString &client)
{
    auto it = m_clients.find(client);
    if (it == m_clients.end())
        return;
    if (it->inFlight > 0)
        --it->inFlight;
    it->bucket.refund();
}

int ClientLimiter::inFlight(const QString &client) const
{
    return m_clients.value(client).inFlight;
}

// A client with nothing running and a full bucket is indistinguishable from a new one: dropping
// it keeps the table as small as the set of active clients.
void ClientLimiter::forgetIdleClients(qint64 nowMs)
{
    m_clients.removeIf([nowMs](QHash<QString, ClientState>::iterator it) {
        return it->inFlight == 0 && it->bucket.isFull(nowMs);
    });
    m_sweepAt = std::max<qsizetype>(1024, m_clients.size() * 2);
}

} // namespace aiband
