#include "OnsetStrength.h"

#include <algorithm>
#include <cmath>

namespace aiband {

namespace {
constexpr int kBands = 12;
constexpr double kLowest = 40.0;
constexpr double kHighest = 5500.0;
}

OnsetStrength::OnsetStrength(int fftSize, double sampleRate)
    : m_previous(kBands, 0.0f)
{
    const double binHz = sampleRate / fftSize;
    const double highest = std::min(kHighest, sampleRate / 2);
    int lastEdge = 0;
    for (int band = 0; band <= kBands; ++band) {
        const double hz = kLowest * std::pow(highest / kLowest, static_cast<double>(band) / kBands);
        // Each band at least one bin wide, so the low ones are not empty.
        const int edge = std::max(lastEdge + 1, static_cast<int>(std::lround(hz / binHz)));
        m_edges.push_back(std::min(edge, fftSize / 2 + 1));
        lastEdge = m_edges.back();
    }
}

float OnsetStrength::next(const std::vector<float> &magnitudes)
{
    float flux = 0;
    for (int band = 0; band < kBands; ++band) {
        const int from = m_edges[static_cast<size_t>(band)];
        const int to = m_edges[static_cast<size_t>(band + 1)];
        if (to <= from)
            continue;
        float sum = 0;
        for (int bin = from; bin < to; ++bin)
            sum += magnitudes[static_cast<size_t>(bin)];
        // log(1 + C x) compresses loudness like hearing does, so quiet strums count too.
        const float level = std::log1p(10.0f * sum / static_cast<float>(to - from));
        flux += std::max(0.0f, level - m_previous[static_cast<size_t>(band)]);
        m_previous[static_cast<size_t>(band)] = level;
    }
    return flux / kBands;
}

} // namespace aiband
