#include "Downsampler.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace aiband {

namespace {

constexpr double kAnalysisRate = 12000.0;

float finiteOrZero(float sample)
{
    return std::isfinite(sample) ? sample : 0.0f;
}

std::vector<float> lowPassTaps(int factor)
{
    if (factor == 1)
        return {1.0f};
    const int half = 8 * factor;
    const double cutoff = 0.45 / factor;   // of the input rate: a little below the new Nyquist
    std::vector<float> taps(static_cast<size_t>(2 * half + 1));
    double sum = 0;
    for (int i = -half; i <= half; ++i) {
        const double sinc = i == 0 ? 2 * cutoff : std::sin(2 * std::numbers::pi * cutoff * i) / (std::numbers::pi * i);
        const double window = 0.54 + 0.46 * std::cos(std::numbers::pi * i / half);   // Hamming
        taps[static_cast<size_t>(i + half)] = static_cast<float>(sinc * window);
        sum += sinc * window;
    }
    for (float &tap : taps)
        tap = static_cast<float>(tap / sum);
    return taps;
}

} // namespace

Downsampler::Downsampler(int sampleRate, int channels)
    : m_sampleRate(sampleRate)
    , m_channels(channels)
    , m_factor(std::max(1, static_cast<int>(std::ceil(sampleRate / kAnalysisRate - 1e-9))))
    , m_taps(lowPassTaps(m_factor))
    , m_history(m_taps.size() / 2, 0.0f)   // centred: output k is the input at k * factor
{
}

void Downsampler::push(const float *interleaved, qint64 frames, std::vector<float> &out)
{
    const float gain = 1.0f / static_cast<float>(m_channels);
    const size_t kept = m_history.size();
    m_history.reserve(kept + static_cast<size_t>(frames));
    for (qint64 frame = 0; frame < frames; ++frame) {
        float sum = 0;
        for (int channel = 0; channel < m_channels; ++channel)
            sum += finiteOrZero(interleaved[frame * m_channels + channel]);
        m_history.push_back(std::clamp(sum * gain, -8.0f, 8.0f));
    }
    const size_t taps = m_taps.size();
    size_t start = static_cast<size_t>(m_phase);
    for (; start + taps <= m_history.size(); start += static_cast<size_t>(m_factor)) {
        const float *x = m_history.data() + start;
        float acc = 0;
        for (size_t i = 0; i < taps; ++i)
            acc += x[i] * m_taps[i];
        out.push_back(acc);
    }
    // Keep what the next output sample's filter needs.
    const size_t drop = std::min(start, m_history.size());
    m_history.erase(m_history.begin(), m_history.begin() + static_cast<std::ptrdiff_t>(drop));
    m_phase = static_cast<qint64>(start - drop);
}

} // namespace aiband
