#pragma once

#include <array>
#include <vector>

namespace aiband {

// The pitch range the chroma is read from: A1 (55 Hz) to A6 (1760 Hz), one bin per semitone.
inline constexpr int kLowestPitch = 33;
inline constexpr int kPitchBins = 61;
using SemitoneFrame = std::array<float, kPitchBins>;

// Maps an FFT magnitude spectrum to semitone bins centred on the equal-tempered pitches of a
// tuning (cents from A = 440 Hz): each FFT bin adds to the semitones within 0.75 semitone of
// its frequency, weighted by closeness, so a partial between two semitones is not lost.
class SemitoneSpectrum {
public:
    SemitoneSpectrum(int fftSize, double sampleRate);

    void setTuning(double cents);
    void map(const std::vector<float> &magnitudes, SemitoneFrame &frame) const;

private:
    struct Contribution {
        int fftBin;
        int pitchBin;
        float weight;
    };
    int m_fftSize;
    double m_sampleRate;
    double m_tuning = 1e9;
    std::vector<Contribution> m_contributions;
};

} // namespace aiband
