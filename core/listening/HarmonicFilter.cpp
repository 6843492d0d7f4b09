#include "HarmonicFilter.h"

#include <algorithm>

namespace aiband {

namespace {

constexpr int kPitchHalfWidth = 3;   // the median over 7 semitones

float median(float *values, int count)
{
    std::nth_element(values, values + count / 2, values + count);
    return values[count / 2];
}

} // namespace

HarmonicFilter::HarmonicFilter()
    : m_frames(static_cast<size_t>(kLookahead), SemitoneFrame{})
{
}

std::optional<SemitoneFrame> HarmonicFilter::push(const SemitoneFrame &frame)
{
    m_frames.push_back(frame);
    ++m_pending;
    if (m_frames.size() > static_cast<size_t>(2 * kLookahead + 1))
        m_frames.pop_front();
    if (m_pending <= kLookahead)
        return std::nullopt;
    --m_pending;
    return harmonicPart(static_cast<size_t>(kLookahead));
}

std::vector<SemitoneFrame> HarmonicFilter::finish()
{
    // Silence after the end: kLookahead frames of it put out every frame still held back.
    const int held = m_pending;
    std::vector<SemitoneFrame> rest;
    for (int i = 0; i < kLookahead; ++i) {
        const std::optional<SemitoneFrame> out = push(SemitoneFrame{});
        if (out && static_cast<int>(rest.size()) < held)
            rest.push_back(*out);
    }
    m_pending = 0;
    return rest;
}

SemitoneFrame HarmonicFilter::harmonicPart(size_t index) const
{
    const SemitoneFrame &frame = m_frames[index];
    SemitoneFrame harmonic{};
    float values[2 * kLookahead + 1];
    for (int bin = 0; bin < kPitchBins; ++bin) {
        int count = 0;
        for (const SemitoneFrame &other : m_frames)
            values[count++] = other[static_cast<size_t>(bin)];
        const float overTime = median(values, count);
        count = 0;
        for (int b = std::max(0, bin - kPitchHalfWidth); b <= std::min(kPitchBins - 1, bin + kPitchHalfWidth); ++b)
            values[count++] = frame[static_cast<size_t>(b)];
        const float overPitch = median(values, count);
        const float h2 = overTime * overTime;
        const float p2 = overPitch * overPitch;
        const float mask = h2 + p2 > 0 ? h2 / (h2 + p2) : 0.0f;
        harmonic[static_cast<size_t>(bin)] = frame[static_cast<size_t>(bin)] * mask;
    }
    return harmonic;
}

} // namespace aiband
