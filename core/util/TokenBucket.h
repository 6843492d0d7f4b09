#pragma once

#include <QtGlobal>

#include <algorithm>

namespace aiband {

// A rate limit that allows bursts: holds up to `capacity` tokens, refilled at `perSecond`; each
// allowed event takes one. Times are milliseconds on any monotonic clock, passed in, so tests
// need no waiting.
class TokenBucket {
public:
    TokenBucket() = default;
    TokenBucket(double perSecond, double capacity, qint64 nowMs)
        : m_perMs(perSecond / 1000.0), m_capacity(capacity), m_tokens(capacity), m_lastMs(nowMs) {}

    // Takes a token if there is one.
    bool take(qint64 nowMs);
    // Gives back a token taken for something that then did not happen.
    void refund() { m_tokens = std::min(m_capacity, m_tokens + 1.0); }
    // Milliseconds until a token will be there (0 when one is).
    qint64 msUntilToken(qint64 nowMs);
    bool isFull(qint64 nowMs);

private:
    void refill(qint64 nowMs);

    double m_perMs = 0.0;
    double m_capacity = 0.0;
    double m_tokens = 0.0;
    qint64 m_lastMs = 0;
};

} // namespace aiband
