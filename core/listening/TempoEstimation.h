#pragma once

#include <optional>
#include <vector>

namespace aiband {

// The beat period (in onset frames) that best explains an onset-strength signal: its
// autocorrelation between 40 and 240 BPM, weighted by a log-normal preference around 120 BPM
// one octave wide (Ellis 2007), which settles the choice between a tempo and its double or half.
// The lag is refined between frames by a parabola through the peak. nullopt when the signal has
// no periodicity at all (silence, a single sound).
std::optional<double> estimateBeatPeriod(const std::vector<float> &onsets, double framesPerSecond);

} // namespace aiband
