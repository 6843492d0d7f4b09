#pragma once

#include "SemitoneSpectrum.h"

#include <array>

namespace aiband {

using PitchClasses = std::array<float, 12>;

// Two pitch-class profiles of one moment, as in Mauch's bass and treble chroma: the bass one
// from A1 to about E3 (where the root usually sounds), the treble one from about C3 upwards,
// each range faded in and out so a note crossing the boundary does not jump between them.
struct ChromaFrame {
    double seconds = 0;   // the centre of the analysis window
    PitchClasses bass{};
    PitchClasses treble{};
    float energy = 0;     // the sum of the harmonic semitone frame, before any normalising
};

ChromaFrame chromaOf(const SemitoneFrame &harmonic, double seconds);

// The profile moved to mean 0 and standard deviation 1 (all 0 when it is flat), so that a dot
// product of two of them over 12 is their correlation: how chroma and chord templates compare.
PitchClasses zScored(const PitchClasses &values);

} // namespace aiband
