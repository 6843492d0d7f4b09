#include "TuningEstimator.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace aiband {

TuningEstimator::TuningEstimator(int fftSize, double sampleRate)
    : m_fftSize(fftSize)
    , m_sampleRate(sampleRate)
{
}

void TuningEstimator::add(const std::vector<float> &magnitudes)
{
    const double binHz = m_sampleRate / m_fftSize;
    const int first = std::max(2, static_cast<int>(80.0 / binHz));
    const int last = std::min(static_cast<int>(magnitudes.size()) - 2, static_cast<int>(2000.0 / binHz));
    float loudest = 0;
    for (int bin = first; bin <= last; ++bin)
        loudest = std::max(loudest, magnitudes[static_cast<size_t>(bin)]);
    if (loudest <= 1e-6f)
        return;
    for (int bin = first; bin <= last; ++bin) {
        const float m = magnitudes[static_cast<size_t>(bin)];
        // Only clear peaks: noise and the skirts of louder partials would pull towards 0.
        if (m < 0.1f * loudest || m <= magnitudes[static_cast<size_t>(bin - 1)] || m < magnitudes[static_cast<size_t>(bin + 1)])
            continue;
        const double a = std::log(magnitudes[static_cast<size_t>(bin - 1)] + 1e-9);
        const double b = std::log(m + 1e-9);
        const double c = std::log(magnitudes[static_cast<size_t>(bin + 1)] + 1e-9);
        const double denominator = a - 2 * b + c;
        const double offset = denominator < 0 ? std::clamp(0.5 * (a - c) / denominator, -0.5, 0.5) : 0.0;
        const double hz = (bin + offset) * binHz;
        const double cents = 1200.0 * std::log2(hz / 440.0);
        const double angle = 2 * std::numbers::pi * cents / 100.0;
        m_re += m * std::cos(angle);
        m_im += m * std::sin(angle);
        m_weight += m;
    }
}

double TuningEstimator::cents() const
{
    if (m_weight <= 0)
        return 0.0;
    return std::atan2(m_im, m_re) / (2 * std::numbers::pi) * 100.0;
}

} // namespace aiband
