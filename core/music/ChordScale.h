#pragma once

#include <QList>

namespace aiband {

// The scale a player uses over a chord with these intervals (as in Chord::intervals):
// semitones above the root, ascending, from 0. Every chord tone is in it. docs/CHORDS.md
// explains the choices.
QList<int> chordScaleIntervals(const QList<int> &intervals);

} // namespace aiband
