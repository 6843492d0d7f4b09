#pragma once

#include <vector>

namespace aiband {

// How far a recording sits from A = 440 Hz, in cents (-50..50): the spectral peaks between
// 80 Hz and 2 kHz are located to a fraction of a bin (parabolic interpolation of the log
// magnitude), and their deviations from the nearest equal-tempered semitone are averaged as
// angles on a 100-cent circle, weighted by magnitude, so +49 and -49 cents agree.
class TuningEstimator {
public:
    TuningEstimator(int fftSize, double sampleRate);

    void add(const std::vector<float> &magnitudes);
    double cents() const;

private:
    int m_fftSize;
    double m_sampleRate;
    double m_re = 0, m_im = 0, m_weight = 0;
};

} // namespace aiband
