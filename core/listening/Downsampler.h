#pragma once

#include <QtGlobal>

#include <vector>

namespace aiband {

// Mixes interleaved audio to mono and lowers its rate by a whole factor to about 12 kHz, which
// keeps every note up to C7 and its first partials while making the rest of the analysis cheap.
// A windowed-sinc low-pass keeps what lies above the new Nyquist frequency from folding back.
// Streaming: successive calls continue the same signal. NaN and infinity are read as 0.
class Downsampler {
public:
    Downsampler(int sampleRate, int channels);

    double exactOutputRate() const { return static_cast<double>(m_sampleRate) / m_factor; }

    // Appends the downsampled mono samples of `frames` frames to `out`.
    void push(const float *interleaved, qint64 frames, std::vector<float> &out);

private:
    int m_sampleRate;
    int m_channels;
    int m_factor;
    std::vector<float> m_taps;
    std::vector<float> m_history;   // the last mono input samples the filter still needs
    qint64 m_phase = 0;             // input samples to skip before the next output sample
};

} // namespace aiband
