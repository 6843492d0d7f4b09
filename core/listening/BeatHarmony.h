#pragma once

#include "Chroma.h"

#include <vector>

namespace aiband {

// The harmony of one beat: the chroma frames whose centres fall in [start, end), averaged.
// Chords change on beats, so averaging over a beat keeps a strum's decay and passing notes
// from outvoting the chord. A beat shorter than a frame takes its nearest frame.
struct BeatHarmony {
    PitchClasses bass{};
    PitchClasses treble{};
    float energy = 0;   // the median frame's: a beat half in silence is a rest, not a chord
};

BeatHarmony harmonyBetween(const std::vector<ChromaFrame> &frames, double start, double end);

// Where harmonyBetween stops reading a beat [start, end): the frames just before the next beat
// already hear its attack through their window. A stream decides a beat once its chroma is there.
double harmonyEnd(double start, double end);

} // namespace aiband
