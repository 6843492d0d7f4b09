#pragma once

#include <QtGlobal>

#include <vector>

namespace aiband {

// Audio as a decoder hands it over: interleaved float samples, nominally -1..1. Clipped,
// out-of-range and non-finite samples can occur; the recognizer treats NaN and infinity as 0.
struct PcmBuffer {
    std::vector<float> samples;
    int sampleRate = 0;   // Hz
    int channels = 0;

    qint64 frames() const
    {
        return channels > 0 ? static_cast<qint64>(samples.size()) / channels : 0;
    }
};

} // namespace aiband
