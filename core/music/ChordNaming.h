#pragma once

#include <QList>
#include <QString>

namespace aiband {

// The canonical quality suffix for a set of chord intervals (as in Chord::intervals): one
// spelling per set, which parses back to the same set. "m7", "m7b5", "7b9#11", "maj9",
// "mMaj7", "6/9", "7sus4", "dim7", "7alt", "" for a major triad. docs/CHORDS.md has the rules.
QString canonicalQuality(const QList<int> &intervals);

} // namespace aiband
