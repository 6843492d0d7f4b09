#pragma once

#include <vector>

namespace aiband {

// Spectral flux in bands: the spectrum is cut into 12 bands spaced evenly in log frequency
// (40 Hz to 5.5 kHz), each band's mean magnitude is log-compressed, and the rises since the last
// frame are summed. Counting bands rather than FFT bins keeps a broadband drum hit from
// outweighing a chord strum a hundredfold, so the beat is heard on every beat and not only on
// the snare. One value per call, for a frame of magnitudes.
class OnsetStrength {
public:
    OnsetStrength(int fftSize, double sampleRate);
    float next(const std::vector<float> &magnitudes);

private:
    std::vector<int> m_edges;   // the first FFT bin of each band, and one past the last band
    std::vector<float> m_previous;
};

} // namespace aiband
