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

// A named part of a sheet ("Verse", "Chorus"), from the start of the bar its marker stands in,
// in beats from the start of the sheet.
struct SheetSection {
    QString name;
    double startBeat = 0.0;
    bool operator==(const SheetSection &) const = default;
};

// The sheet's section markers in order; markers with an empty name ("[]") are left out. The
// sheet need not be valid: its chords are not read.
QList<SheetSection> chordSheetSections(const QString &text, double beatsPerBar);

} // namespace aiband
