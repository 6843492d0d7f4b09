#pragma once

#include <optional>
#include <vector>

namespace aiband {

// The beat period (in onset frames) that best explains an onset-strength signal: its
// autocorrelation between 40 and 240 BPM, weighted by a log-normal preference around 120 BPM
// (Ellis 2007; 0.7 octave wide here, as a syncopated strum's bar and dotted-quarter periods
// outweighed its beat with Ellis's wider one), which settles a tempo against its double or half.
// The lag is refined between frames by a parabola through the peak. Music struck only once a
// bar (held piano or organ chords) has its clearest period at the bar, 1.5 to 6 s: when that is
// much clearer than any beat's, the bar is cut into beats (four when that gives 60-180 BPM),
// unless a clearly heard beat divides it (a strum pattern repeating every two bars).
// nullopt when the signal has no periodicity at all (silence, a single sound).
std::optional<double> estimateBeatPeriod(const std::vector<float> &onsets, double framesPerSecond);

} // namespace aiband
