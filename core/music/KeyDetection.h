#pragma once

#include "Arrangement.h"
#include "Key.h"

#include <QList>

namespace aiband {

// The key a progression is most likely in: the Krumhansl-Kessler key profiles correlated with
// how long each pitch class sounds as a chord tone, the first and last chords' roots counted
// extra because songs tend to start and end on the tonic. N.C. is ignored; with no chord at
// all the answer is C major. docs/CHORDS.md explains the weights and known ambiguities.
Key detectKey(const QList<ChordEvent> &chords);

// How well `chord` belongs to `key`, 0..1: 1 for its diatonic chords of the right kind (Imaj7,
// ii m7, V7 ... in major; i, iiø, bIII, iv, V7 ... in minor), less for secondary dominants,
// blues sevenths and borrowed chords, 0 for the rest and for N.C. The table detectKey reads.
double chordFitInKey(const Chord &chord, const Key &key);

} // namespace aiband
