#pragma once

#include "BeatHarmony.h"
#include "music/Arrangement.h"

#include <optional>
#include <vector>

namespace aiband {

struct MeterGuess {
    TimeSignature meter;
    int firstDownbeat = 0;   // the index of the first beat that starts a bar, 0..beats per bar - 1
};

// Bars and their downbeats from where the harmony changes: chords tend to change on the first
// beat of a bar, so each meter (4/4, 3/4, or the given one) and each phase is scored by how much
// more the harmony changes on its downbeats than on the other beats. 4/4 wins unless 3/4 is
// clearly better. With a given meter only the phase is chosen.
// How many tracked beats a bar of `meter` has: its numerator, or the dotted quarters of 6/8,
// 9/8 and 12/8.
int heardBeatsPerBar(const TimeSignature &meter);

// Whether beat `index` (counting from the first tracked beat) starts a bar of `meter`.
bool isDownbeat(int index, const MeterGuess &meter);

// What a chord change into beat `index` costs the chord decoder (log-likelihood): chords change
// most often on downbeats, less on the bar's middle, least elsewhere. `index` counts from the
// first tracked beat; without tracked beats every beat costs the middle amount.
double changeCostAt(int index, const std::optional<MeterGuess> &meter);

MeterGuess guessMeter(const std::vector<BeatHarmony> &beats, const std::optional<TimeSignature> &given);

} // namespace aiband
