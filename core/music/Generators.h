#pragma once

#include "Arrangement.h"
#include "MidiFile.h"
#include "Random.h"

#include <cmath>

namespace aiband {

inline qint64 beatsToTicks(double beats)
{
    return std::llround(beats * kTicksPerQuarter);
}

// The first engine's parts: correct and in time, deliberately plain. Each takes the arrangement
// and a seeded generator and returns one MIDI part.
MidiPart generateBass(const Arrangement &arrangement, Random &random);
MidiPart generateDrums(const Arrangement &arrangement, Random &random);
MidiPart generateKeys(const Arrangement &arrangement, Random &random);

} // namespace aiband
