#pragma once

#include <vector>

namespace aiband {

// Small facts about beats shared by the batch and the streaming recognizer.

// Whether an onset of at least `level` lies within 3 frames of `frame`: beats in silence before
// the music starts (or after it ends) are the tracker's extrapolation, not heard beats.
bool audibleBeat(const std::vector<float> &onsets, int frame, float level);

// The level audibleBeat asks for: a fifth of the onset strength's root mean square.
float audibleLevel(double sumOfSquares, double count);

// The tempo the beats keep, in BPM: the slope of a straight line through beat times by index
// (least squares), so one late beat barely moves it. 0 with fewer than two beats.
double tempoOfBeats(const std::vector<double> &seconds);

} // namespace aiband
