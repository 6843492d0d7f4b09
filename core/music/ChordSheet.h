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
//   "[Verse] C | Am | [Chorus] F | G"   section markers name the bar they stand in
// A dash separates chords only when a capital letter follows it, so "C-7" stays C minor seven.
// Section markers play no part in the chords: they are read by chordSheetSections.
Result<QList<ChordEvent>> parseChordSheet(const QString &text, double beatsPerBar);

// The sheet's section markers in order, each from the start of the bar it stands in; markers with an empty name ("[]") are left out. The
// sheet need not be valid: its chords are not read.
QList<SheetSection> chordSheetSections(const QString &text, double beatsPerBar);

// `sections` of a progression `progressionBeats` long, coming round again each time the
// progression loops, up to `durationBeats`: the sections of the song as it is played.
QList<SheetSection> loopSections(const QList<SheetSection> &sections, double progressionBeats, double durationBeats);

} // namespace aiband
