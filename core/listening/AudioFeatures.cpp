#include "AudioFeatures.h"

#include <algorithm>

namespace aiband {

AudioFeatures::AudioFeatures(int sampleRate, int channels, QuickChroma quick)
    : m_downsampler(sampleRate, channels)
    , m_rate(m_downsampler.exactOutputRate())
    , m_chromaFft(kChromaFft)
    , m_onsetFft(kOnsetFft)
    , m_chromaWindow(hannWindow(kChromaFft))
    , m_onsetWindow(hannWindow(kOnsetFft))
    , m_semitones(kChromaFft, m_rate)
    , m_tuning(kChromaFft, m_rate)
    , m_onsetStrength(kOnsetFft, m_rate)
    , m_keepQuickChroma(quick == QuickChroma::Yes)
{
}

void AudioFeatures::push(const float *interleaved, qint64 frames)
{
    m_downsampler.push(interleaved, frames, m_signal);
    analyse(false);
}

void AudioFeatures::finish()
{
    analyse(true);
    for (const SemitoneFrame &harmonic : m_harmonic.finish())
        addChromaFrame(harmonic);
}

// Windows are centred on their frame's time: frame n of a hop h covers [n h - size/2, n h + size/2).
// Samples before the start and, at the end, after the last one read as silence.
void AudioFeatures::fillWindow(qint64 start, RealFft &fft, const std::vector<float> &window)
{
    float *input = fft.input();
    const qint64 available = m_signalStart + static_cast<qint64>(m_signal.size());
    for (int i = 0; i < fft.size(); ++i) {
        const qint64 at = start + i;
        const float sample = at >= m_signalStart && at < available ? m_signal[static_cast<size_t>(at - m_signalStart)] : 0.0f;
        input[i] = sample * window[static_cast<size_t>(i)];
    }
}

void AudioFeatures::analyse(bool ending)
{
    const qint64 available = m_signalStart + static_cast<qint64>(m_signal.size());
    // A frame is due when its window is complete, or at the end while its centre is in the audio.
    const auto due = [&](qint64 frame, int hop, int size) {
        return ending ? frame * hop < available : frame * hop + size / 2 <= available;
    };
    while (due(m_nextOnsetFrame, kOnsetHop, kOnsetFft)) {
        fillWindow(m_nextOnsetFrame * kOnsetHop - kOnsetFft / 2, m_onsetFft, m_onsetWindow);
        m_onsetFft.magnitudes(m_magnitudes);
        onsets.push_back(m_onsetStrength.next(m_magnitudes));
        ++m_nextOnsetFrame;
    }
    while (due(m_nextChromaFrame, kChromaHop, kChromaFft)) {
        fillWindow(m_nextChromaFrame * kChromaHop - kChromaFft / 2, m_chromaFft, m_chromaWindow);
        m_chromaFft.magnitudes(m_magnitudes);
        m_tuning.add(m_magnitudes);
        m_semitones.setTuning(m_tuning.cents());
        SemitoneFrame frame;
        m_semitones.map(m_magnitudes, frame);
        if (m_keepQuickChroma)
            quickChroma.push_back(chromaOf(frame, static_cast<double>(m_nextChromaFrame * kChromaHop) / m_rate));
        if (const auto harmonic = m_harmonic.push(frame))
            addChromaFrame(*harmonic);
        ++m_nextChromaFrame;
    }
    const qint64 needed = std::min(m_nextChromaFrame * kChromaHop - kChromaFft / 2, m_nextOnsetFrame * kOnsetHop - kOnsetFft / 2);
    const qint64 drop = std::clamp<qint64>(needed - m_signalStart, 0, static_cast<qint64>(m_signal.size()));
    m_signal.erase(m_signal.begin(), m_signal.begin() + static_cast<std::ptrdiff_t>(drop));
    m_signalStart += drop;
}

void AudioFeatures::addChromaFrame(const SemitoneFrame &harmonic)
{
    chroma.push_back(chromaOf(harmonic, static_cast<double>(m_chromaFramesOut * kChromaHop) / m_rate));
    ++m_chromaFramesOut;
}

} // namespace aiband
