#include "Chroma.h"

#include <cmath>

namespace aiband {

namespace {

// Weights by MIDI pitch: bass rises from A1, peaks around C2..C3, fades out by F3; treble
// rises from A2, is full from C3 to C6 and fades towards A6.
float bassWeight(int pitch)
{
    if (pitch < 36)
        return 0.5f + 0.5f * static_cast<float>(pitch - kLowestPitch) / 3.0f;
    if (pitch <= 48)
        return 1.0f;
    return std::max(0.0f, 1.0f - static_cast<float>(pitch - 48) / 6.0f);
}

float trebleWeight(int pitch)
{
    if (pitch < 45)
        return 0.0f;
    if (pitch < 50)
        return static_cast<float>(pitch - 44) / 6.0f;
    if (pitch <= 84)
        return 1.0f;
    return std::max(0.0f, 1.0f - static_cast<float>(pitch - 84) / 12.0f);
}

} // namespace

ChromaFrame chromaOf(const SemitoneFrame &harmonic, double seconds)
{
    ChromaFrame chroma;
    chroma.seconds = seconds;
    for (int bin = 0; bin < kPitchBins; ++bin) {
        const int pitch = kLowestPitch + bin;
        const float value = harmonic[static_cast<size_t>(bin)];
        chroma.energy += value;
        chroma.bass[static_cast<size_t>(pitch % 12)] += bassWeight(pitch) * value;
        chroma.treble[static_cast<size_t>(pitch % 12)] += trebleWeight(pitch) * value;
    }
    return chroma;
}

PitchClasses zScored(const PitchClasses &values)
{
    float mean = 0;
    for (float v : values)
        mean += v / 12.0f;
    float variance = 0;
    for (float v : values)
        variance += (v - mean) * (v - mean) / 12.0f;
    const float deviation = std::sqrt(variance);
    PitchClasses out{};
    for (size_t pc = 0; pc < 12; ++pc)
        out[pc] = deviation > 1e-9f ? (values[pc] - mean) / deviation : 0.0f;
    return out;
}

} // namespace aiband
