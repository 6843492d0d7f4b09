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

struct TimeSignature {
    int numerator = 4;
    int denominator = 4;
    double beatsPerBar() const { return numerator * 4.0 / denominator; }
    QString name() const { return QStringLiteral("%1/%2").arg(numerator).arg(denominator); }
    bool operator==(const TimeSignature &) const = default;
};

// A validated request for the engine: everything it needs and nothing about where it came from.
struct Arrangement {
    QList<ChordEvent> chords;     // sorted by start; already looped to cover durationBeats
    double tempoBpm = 120.0;
    TimeSignature timeSignature;
    Key key;
    double durationBeats = 0.0;
    quint32 seed = 0;
    QList<TrackType> parts;
};

} // namespace aiband
