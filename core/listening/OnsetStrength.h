#pragma once

#include <vector>

namespace aiband {

// Spectral flux of log-compressed magnitudes: how much louder the spectrum got since the last
// frame, summed over bins where it grew. Peaks where notes and drums start; the beat tracker's
// input. One value per call, for a frame of magnitudes.
class OnsetStrength {
public:
    float next(const std::vector<float> &magnitudes);

private:
    std::vector<float> m_previous;
};

} // namespace aiband
