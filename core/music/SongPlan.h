#pragma once

#include "Arrangement.h"

#include <QList>

namespace aiband {

enum class BarKind { CountIn, Intro, Song, Ending };

// Where a bar stands in the form, for the players' choices: which groove, when to fill, when to
// vary. Song bars only; count-in, intro and ending bars keep the defaults.
struct FormPosition {
    int section = 0;       // which section of the song: a chord sheet's [marker], or one section without
    int phrase = 0;        // phrase number from the start of the song
    int barInPhrase = 0;
    int phraseBars = 1;    // this phrase's length; a section's last phrase may be shorter than the style's
    int groove = 0;        // which of the style's groove variations the band plays: 0 (A) or 1 (B)
    bool sectionEnd = false; // the last bar before another section (or the ending)
    bool phraseEnd() const { return barInPhrase == phraseBars - 1; }
};

struct PlannedBar {
    int index = 0;             // from the start of the file
    double startBeat = 0.0;
    double lengthBeats = 4.0;  // the last song bar may be cut short by the song's duration
    BarKind kind = BarKind::Song;
    bool fill = false;         // ends with a full drum fill (smaller pickups are the drummer's choice)
    bool sectionStart = false; // starts a section of the form (the first song bar, each [marker], the ending)
    FormPosition form;
    bool crash = false;        // starts with a crash: a section's start, or the bar after a full fill
};

// The shape of the song in time: count-in, intro, the progression's bars, ending. Chords are
// moved to where the music starts, and an ending bar carries the final chord.
struct SongPlan {
    QList<PlannedBar> bars;
    QList<ChordEvent> chords;  // absolute positions in the file
    double musicStartBeat = 0.0;
    double endBeat = 0.0;
    // Set by planSong when the chords are in order and no two of them can sound at one beat (as
    // a validated request's are): chordAt then searches by halves instead of scanning, which
    // keeps long songs linear. Clear it if `chords` is changed by hand.
    bool chordsInOrder = false;

    // The chord sounding at `beat`, or nullptr in a gap or outside the music.
    const ChordEvent *chordAt(double beat) const;
};

// Where a chord sounds for chordAt: from its start to its end, both a hair early.
inline constexpr double kChordSoundsEarly = 1e-9;
inline double chordSoundsFrom(const ChordEvent &event)
{
    return event.startBeat - kChordSoundsEarly;
}
inline double chordSoundsUntil(const ChordEvent &event)
{
    return event.startBeat + event.durationBeats - kChordSoundsEarly;
}

// SongPlan::chordAt for a caller that asks about beats in time order, as a generator walking
// its events does: it goes on from the last answer instead of searching the whole list, and
// gives the same answers (a beat earlier than the last one is passed to chordAt).
class ChordCursor {
public:
    explicit ChordCursor(const SongPlan &plan) : m_plan(plan) {}
    // Inline for the common answer, asked about every note: the chord of the last answer, which
    // still sounds and has no other starting before the beat.
    const ChordEvent *at(double beat)
    {
        const QList<ChordEvent> &chords = m_plan.chords;
        if (m_plan.chordsInOrder && beat >= m_lastBeat && m_next > 0
            && (m_next == chords.size() || beat < chordSoundsFrom(chords[m_next]))
            && beat < chordSoundsUntil(chords[m_next - 1])) {
            m_lastBeat = beat;
            return &chords[m_next - 1];
        }
        return advance(beat);
    }

private:
    const ChordEvent *advance(double beat);

    const SongPlan &m_plan;
    qsizetype m_next = 0;      // chords before this one start at or before m_lastBeat
    double m_lastBeat = 0.0;
};

// `phraseBars` lays out the phrases; the style's drum fills (arrangement.style->fills.every, 8
// without a style) space the full fills inside a section.
SongPlan planSong(const Arrangement &arrangement, int phraseBars);

QString barKindName(BarKind kind);

} // namespace aiband
