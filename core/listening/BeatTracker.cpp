#include "BeatTracker.h"

#include <algorithm>
#include <cmath>

namespace aiband {

namespace {
constexpr double kTightness = 100.0;
}

void BeatTracker::advance(const std::vector<float> &strength, int end)
{
    if (m_period <= 0)
        return;
    const int longest = static_cast<int>(std::round(2 * m_period));
    const int shortest = std::max(1, static_cast<int>(std::round(m_period / 2)));
    for (int t = scored(); t < end; ++t) {
        double best = 0;
        int previous = -1;
        for (int before = t - longest; before <= t - shortest; ++before) {
            if (before < 0)
                continue;
            const double deviation = std::log((t - before) / m_period);
            const double score = m_score[static_cast<size_t>(before)] - kTightness * deviation * deviation;
            if (previous < 0 || score > best) {
                best = score;
                previous = before;
            }
        }
        // A sequence may also start here; a bad predecessor is no better than none.
        if (previous >= 0 && best < 0) {
            best = 0;
            previous = -1;
        }
        m_score.push_back(strength[static_cast<size_t>(t)] + best);
        m_previous.push_back(previous);
    }
}

std::vector<int> BeatTracker::beatsUpTo(int end) const
{
    end = std::min(end, scored());
    const int from = std::max(0, end - static_cast<int>(std::ceil(m_period)));
    if (from >= end)
        return {};
    int last = from;
    for (int t = from; t < end; ++t)
        if (m_score[static_cast<size_t>(t)] > m_score[static_cast<size_t>(last)])
            last = t;
    std::vector<int> beats;
    for (int t = last; t >= 0; t = m_previous[static_cast<size_t>(t)])
        beats.push_back(t);
    std::reverse(beats.begin(), beats.end());
    return beats;
}

} // namespace aiband
