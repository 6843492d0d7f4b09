#pragma once

#include "Chord.h"
#include "Style.h"

#include <QList>

#include <vector>

namespace aiband {

// How a pianist voices chords (docs/MUSIC.md, "Keys"): which notes, in which shapes, above
// which floor, and how they lead from the previous chord.

constexpr int kKeysLowest = 48;   // C3
constexpr int kKeysHighest = 84;  // C6
// The top of the bass part's range (G3, docs/MUSIC.md "The band"): a voicing above it is above
// the bass whatever the bass plays.
constexpr int kBassHighest = 55;

// The lowest pitch at which the lower note of an interval (in semitones, 1-11) still sounds
// clear: seconds from G3, thirds from C3, and so on (docs/MUSIC.md, "Low-interval limits").
int lowIntervalLimit(int semitones);
// Whether no two notes of `voicing` (ascending) lie closer than their low-interval limit allows.
bool clearOfLowIntervals(const QList<int> &voicing);

// Every voicing a chord can take in the style's voicing kind, stacked upward from every bottom
// note in range (for rootless voicings, only the A and B shapes: from the third or the seventh).
struct KeysCandidates {
    QList<QList<int>> voicings;
    std::vector<bool> clear;  // clearOfLowIntervals of each voicing: asked for every choice
};
KeysCandidates keysVoicingCandidates(const Chord &chord, Voicing voicing);

// The candidate that moves least from `previous` (near the middle of the keyboard when there
// is none), among those whose lowest note is above `floor` (the bass) and that keep the
// low-interval limits; a spread voicing puts the root under it when there is room.
// `candidates` must not be empty.
QList<int> chooseKeysVoicing(const Chord &chord, Voicing voicing, const KeysCandidates &candidates,
                             const QList<int> &previous, int floor);

} // namespace aiband
