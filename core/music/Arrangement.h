#pragma once

#include "Chord.h"
#include "Key.h"
#include "TrackType.h"

#include <QList>

namespace aiband {

// Times are in beats (quarter notes), the unit DAWs use for positions.
struct ChordEvent {
    Chord chord;
    double startBeat = 0.0;
    double durationBeats = 0.0;
};

// A named part of the song ("Verse", "Chorus"), from a chord sheet's "[Verse]" marker: where it
// starts, in beats from the start of the progression.
struct SheetSection {
    QString name;
    double startBeat = 0.0;
    bool operator==(const SheetSection &) const = default;
};

struct TimeSignature {
    int numerator = 4;
    int denominator = 4;
    double beatsPerBar() const { return numerator * 4.0 / denominator; }
    QString name() const { return QStringLiteral("%1/%2").arg(numerator).arg(denominator); }
    bool operator==(const TimeSignature &) const = default;
};

// How the band plays, on top of what the style prescribes.
struct Feel {
    double swingRatio = 0.5;    // off-beat position within a swung pair: 0.5 straight, 0.667 triplet
    int swingSubdivision = 8;   // 8: swung eighths, 16: swung sixteenths
    double humanize = 0.4;      // 0 exactly on the grid with pattern velocities ... 1 loose
    double intensity = 0.5;     // 0 soft and sparse ... 1 loud and busy
    double complexity = 0.5;    // 0 plain ... 1 ornate (optional hits, ghost notes, longer fills)
    bool fills = true;
    int countInBars = 0;        // clicks before the music
    int introBars = 0;          // drums alone before the music, ending in a fill
    bool ending = false;        // a final bar with an ending hit on the last chord
};

struct Style;

// A validated request for the engine: everything it needs and nothing about where it came from.
struct Arrangement {
    QList<ChordEvent> chords;     // sorted by start; already looped to cover durationBeats
    QList<SheetSection> sections; // the sheet's markers in order, looped as the chords are; may be empty
    double tempoBpm = 120.0;
    TimeSignature timeSignature;
    Key key;
    double durationBeats = 0.0;
    quint32 seed = 0;
    QList<TrackType> parts;
    const Style *style = nullptr; // owned by the StyleLibrary, which outlives every request
    Feel feel;
};

} // namespace aiband
