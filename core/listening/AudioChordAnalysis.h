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
    // A live stream's first word on a beat, from its first ~50 ms (AudioChordStream): decided
    // (confirmed or corrected) by a final one for the same beat. A recording's are all final.
    bool final = true;
    // Heard by a stream before it knew the tempo: no beat grid yet, so startBeat and
    // durationBeats mean nothing; provisional, superseded by the final chords of those beats.
    bool beforeTempo = false;
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
