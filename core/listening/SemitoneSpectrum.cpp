#include "SemitoneSpectrum.h"

#include <cmath>

namespace aiband {

namespace {
constexpr double kReach = 0.75;   // semitones
}

SemitoneSpectrum::SemitoneSpectrum(int fftSize, double sampleRate)
    : m_fftSize(fftSize)
    , m_sampleRate(sampleRate)
{
    setTuning(0.0);
}

void SemitoneSpectrum::setTuning(double cents)
{
    if (std::abs(cents - m_tuning) < 0.5)
        return;
    m_tuning = cents;
    m_contributions.clear();
    const int bins = m_fftSize / 2 + 1;
    for (int bin = 1; bin < bins; ++bin) {
        const double hz = bin * m_sampleRate / m_fftSize;
        const double pitch = 69.0 + 12.0 * std::log2(hz / 440.0) - cents / 100.0 - kLowestPitch;
        const int nearest = static_cast<int>(std::lround(pitch));
        for (int target = nearest - 1; target <= nearest + 1; ++target) {
            const double distance = std::abs(pitch - target);
            if (target < 0 || target >= kPitchBins || distance >= kReach)
                continue;
            m_contributions.push_back({bin, target, static_cast<float>(1.0 - distance / kReach)});
        }
    }
}

void SemitoneSpectrum::map(const std::vector<float> &magnitudes, SemitoneFrame &frame) const
{
    frame.fill(0.0f);
    for (const Contribution &c : m_contributions)
        frame[static_cast<size_t>(c.pitchBin)] += c.weight * magnitudes[static_cast<size_t>(c.fftBin)];
}

} // namespace aiband
