#pragma once

#include "music/Arrangement.h"
#include "music/Key.h"

#include <QList>
#include <QString>

#include <optional>

namespace aiband {

// Hints a caller may give the recognizer; each one it has replaces a guess.
struct AudioAnalysisOptions {
    std::optional<Key> key;
    std::optional<TimeSignature> meter;
    std::optional<double> tempoBpm;
};

struct AudioBeat {
    double seconds = 0;
    bool downbeat = false;   // the first beat of a bar of the detected (or given) meter
};

struct HeardAudioChord {
    QString chord;                          // canonical spelling ("Am7", "N.C.")
    double startBeat = 0, durationBeats = 0;   // in beats of the tracked grid, from beat 0
    double startSeconds = 0, durationSeconds = 0;
    double confidence = 0;                  // 0..1
};

// What the recognizer heard in a recording (docs/MUSIC.md, "Chords from audio").
struct AudioChordAnalysis {
    double tempoBpm = 0;
    TimeSignature meter;
    QList<AudioBeat> beats;
    QList<HeardAudioChord> chords;   // back to back, merged where the same chord holds
    Key key;
    double tuningCents = 0;          // how far the recording sits from A = 440 Hz
    double seconds = 0;
};

} // namespace aiband
