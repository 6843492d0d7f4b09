#pragma once

#include "Arrangement.h"
#include "MidiFile.h"
#include "SongPlan.h"

#include <cmath>

namespace aiband {

inline qint64 beatsToTicks(double beats)
{
    return std::llround(beats * kTicksPerQuarter);
}

// Each generator reads the arrangement (chords, style, feel) and the song plan, and returns
// one MIDI part. Deterministic for a given arrangement, seed included.
MidiPart generateDrums(const Arrangement &arrangement, const SongPlan &plan);
MidiPart generateBass(const Arrangement &arrangement, const SongPlan &plan);
MidiPart generateKeys(const Arrangement &arrangement, const SongPlan &plan);

// Pattern steps shared by generators: where in a bar each step of each pulse falls.
struct Step {
    int index = 0;          // running step number within the bar (for shared decisions)
    double beat = 0.0;      // absolute position in quarter notes
    double length = 0.25;   // in quarter notes
    QChar symbol;           // the cell's character
};

} // namespace aiband
