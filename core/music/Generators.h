#pragma once

#include "Arrangement.h"
#include "MidiFile.h"
#include "Meter.h"
#include "SongPlan.h"
#include "Style.h"

#include <cmath>
#include <functional>

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

// One step of a style's cells, where it falls in the song.
struct Step {
    int index = 0;          // running step number within the bar (for decisions parts share)
    int pulse = 0;          // which pulse of the bar
    int inPulse = 0;        // step number within its pulse
    double beat = 0.0;      // absolute position in quarter notes
    double length = 0.25;   // in quarter notes
    QChar symbol;           // the cell's character
};

// Calls `visit` for every step of `cells` across the pulses of `bar`, in order, stopping where a
// shortened last bar ends.
void forEachStep(const PlannedBar &bar, const QList<Pulse> &pulses, const RoleCells &cells,
                 const std::function<void(const Step &)> &visit);

} // namespace aiband
