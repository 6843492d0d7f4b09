#pragma once

#include "Arrangement.h"
#include "util/Result.h"

#include <QString>

namespace aiband {

// Reads a progression written as text, the way musicians type it:
//   "C-Am-F-G"          one bar per chord
//   "C Am F G"          the same
//   "C | Am | F G | G7" one bar per | group; chords sharing a bar split it evenly
//   "Dm7 G7 | % | Cmaj7" % repeats the previous bar
// A dash separates chords only when a capital letter follows it, so "C-7" stays C minor seven.
Result<QList<ChordEvent>> parseChordSheet(const QString &text, double beatsPerBar);

} // namespace aiband
