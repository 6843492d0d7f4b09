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

} // namespace aiband
