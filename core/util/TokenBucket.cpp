#include "TokenBucket.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace aiband {

void TokenBucket::refill(qint64 nowMs)
{
    if (nowMs > m_lastMs) {
        m_tokens = std::min(m_capacity, m_tokens + static_cast<double>(nowMs - m_lastMs) * m_perMs);
        m_lastMs = nowMs;
    }
}

bool TokenBucket::take(qint64 nowMs)
{
    refill(nowMs);
    if (m_tokens < 1.0)
        return false;
    m_tokens -= 1.0;
    return true;
}

qint64 TokenBucket::msUntilToken(qint64 nowMs)
{
    refill(nowMs);
    if (m_tokens >= 1.0)
        return 0;
    if (m_perMs <= 0.0)
        return std::numeric_limits<qint64>::max();
    return static_cast<qint64>(std::ceil((1.0 - m_tokens) / m_perMs));
}

bool TokenBucket::isFull(qint64 nowMs)
{
    refill(nowMs);
    return m_tokens >= m_capacity;
}

} // namespace aiband
