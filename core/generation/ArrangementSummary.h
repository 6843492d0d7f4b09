#pragma once

#include "DefaultsUsed.h"

#include "music/Arrangement.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace aiband {

struct GenerateRequest;
struct SongPlan;

// What a take played, as its answer's "metadata" says it (style, tempo, key, meter, length, seed,
// parts, feel, the defaults the request left to us), kept as values. Every take writes it as
// text for the takes index and the answer; building a QJsonObject of it and walking it again to
// write that text was an eighth of a take's instructions (docs/BENCHMARKS.md, "Values, not
// objects"); its tests keep a QJsonObject of it as the reference the text must equal.
struct ArrangementSummary {
    QString style;
    double tempoBpm = 0.0;
    QString key;                 // as played, e.g. F#m
    bool keyGuessed = false;     // the request gave no key: the progression's was detected
    QString timeSignature;       // e.g. 6/8
    double durationBeats = 0.0;
    double bars = 0.0;
    qint64 chordCount = 0;       // the chords played, the progression looped to the song's length
    qint64 seed = 0;
    QStringList trackTypes;
    Feel feel;
    DefaultsUsed defaultsUsed;
    double musicStartBeat = 0.0; // where the chords begin, after count-in and intro
    double fileLengthBeats = 0.0;

    static ArrangementSummary of(const GenerateRequest &request, const SongPlan &plan);

    // Its JSON object's compact text (keys ascending, as Qt writes an object), written field by
    // field; with the feel's text when it is written already.
    QByteArray toJsonText(const QByteArray &feelText = {}) const;
    QByteArray feelText() const;     // the "feel" object's text
};

} // namespace aiband
