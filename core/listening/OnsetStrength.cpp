#include "OnsetStrength.h"

#include <cmath>

namespace aiband {

float OnsetStrength::next(const std::vector<float> &magnitudes)
{
    const size_t bins = magnitudes.size();
    if (m_previous.size() != bins)
        m_previous.assign(bins, 0.0f);
    float flux = 0;
    for (size_t bin = 1; bin < bins; ++bin) {
        // log(1 + C x) compresses loudness like hearing does, so quiet strums count too.
        const float level = std::log1p(10.0f * magnitudes[bin]);
        flux += std::max(0.0f, level - m_previous[bin]);
        m_previous[bin] = level;
    }
    return flux / static_cast<float>(bins);
}

} // namespace aiband
