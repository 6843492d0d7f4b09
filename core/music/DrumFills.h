#pragma once

#include "Meter.h"
#include "Style.h"

#include <QList>

namespace aiband {

// One hit of a fill or pickup: where (quarter-note beats from the bar's start), which General
// MIDI drum, how hard (before the performance scales it).
struct DrumHit {
    double beat = 0.0;
    int note = 38;
    int velocity = 88;
    bool together = false;  // struck with the hit before it (same time, no separate humanizing)
};

// How the drummer plays a fill: `big` before a new section (it takes more of the bar), `busy`
// with complexity (more notes), `swung` on the triplet grid the swing implies (a straight 16th
// grid under swung eighths put two hits a 32nd apart: the flam issue 13 heard).
struct FillFeel {
    bool big = false;
    bool busy = false;
    bool swung = false;
};

// The pulse a fill of `shape` starts at in a bar of `pulses`: never the first, so the bar keeps
// its downbeat. pulses.size() when the bar has no room for a fill.
int fillStartPulse(FillShape shape, const QList<Pulse> &pulses, const FillFeel &feel);

// The fill's hits, from `firstPulse` to the bar's end, in time order.
QList<DrumHit> fillHits(FillShape shape, const QList<Pulse> &pulses, int firstPulse, const FillFeel &feel);

// A pickup into the next bar over the groove (which keeps playing): a kick on the last pulse's
// off-beat, or two snare notes.
QList<DrumHit> pickupHits(Pickup pickup, const QList<Pulse> &pulses, bool swung);

} // namespace aiband
