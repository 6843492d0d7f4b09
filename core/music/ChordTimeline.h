#pragma once

#include "Arrangement.h"
#include "ChordSheet.h"
#include "MidiFile.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace aiband {

// A chord as a chart shows it: its symbol and where it sounds, in beats from the file's start.
struct TimedChord {
    QString symbol;
    double startBeat = 0.0;
    double durationBeats = 0.0;
    bool operator==(const TimedChord &) const = default;
};

// Where a part of the song starts: a section the sheet names, or a part the plan adds around it.
struct TimedSection {
    enum class Kind { Named, CountIn, Intro, Ending };
    Kind kind = Kind::Named;
    QString name;      // the sheet's name for Named, empty otherwise (the window names the others)
    double startBeat = 0.0;
    bool operator==(const TimedSection &) const = default;
};

// The chords of one file over its whole length, as a chart above a piano roll reads them.
struct ChordTimeline {
    QList<TimedChord> chords;       // in order, at their places in the file (after any count-in or intro)
    QList<TimedSection> sections;   // in order
    QStringList progression;        // once through, a chord repeated in a row written once: "Dm7 G7 Cmaj7"
    bool detected = false;          // read from the notes rather than from the request

    bool isEmpty() const { return chords.isEmpty(); }
};

// What the engine plays for `arrangement` (its song plan: count-in and intro first, the
// looped progression, the ending chord; its sheet's sections as they come round), with
// `progression` the request's chords once through.
ChordTimeline plannedChordTimeline(const Arrangement &arrangement, const QList<ChordEvent> &progression);

// The chords a file's pitched notes play (ChordDetection, a chord per beat at most), for files
// without a request: N.C. is left out, and a file of drums alone has none. A file of more than
// kMaxDetectedNotes pitched notes has none either: it is read while a window waits.
inline constexpr std::size_t kMaxDetectedNotes = 65536;
ChordTimeline detectedChordTimeline(const MidiSong &song);

// A chord's symbol as charts show it: as the request wrote it, N.C. for no chord.
QString chartSymbol(const Chord &chord);

} // namespace aiband
