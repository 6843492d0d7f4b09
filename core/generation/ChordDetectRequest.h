#pragma once

#include "GenerateRequest.h"
#include "listening/AudioChordAnalysis.h"
#include "music/ChordDetection.h"
#include "util/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace aiband {

// A chord detection request after validation (docs/PROTOCOL.md, "Chords from what was played").
struct ChordDetectRequest {
    std::vector<PlayedNote> notes;
    ChordDetectionOptions options;
    double tempoBpm = 120.0;   // for the answer's start_seconds and its chord_progression
};

// The options a Standard MIDI File or a recording takes from the URL's query: resolution, key,
// and the time signature (a MIDI file's own when it is not one the engine plays; a recording's
// instead of the one heard). A recording also takes a tempo, to settle a half- or double-time guess.
struct ChordDetectQuery {
    std::optional<QString> resolution;
    std::optional<QString> key;
    std::optional<QString> timeSignature;
    std::optional<QString> tempo;
};

// A recording to hear chords in (docs/PROTOCOL.md, "Chords from a recording"): the options are
// read on the server thread; the body is decoded and heard on a worker (BandSession).
struct AudioChordDetectRequest {
    AudioAnalysisOptions analysis;   // each hint given replaces the recognizer's guess
    ChordResolution resolution = ChordResolution::Beat;
};

// What a recording held: the recognizer's answer and the file's format.
struct HeardRecording {
    AudioChordAnalysis analysis;
    int sampleRate = 0;
    int channels = 0;   // the file's, before the downmix
};

// Reads a JSON body: {notes: [{pitch, start, duration, velocity?}], tempo?, time_signature?,
// resolution?, key?}. Times in beats. Errors name the field as written, under `prefix`
// ("data." over WebSocket): "notes[3].pitch".
Result<ChordDetectRequest> parseChordDetectJson(const QJsonObject &body, const RequestLimits &limits,
                                                const QString &prefix = {});

// Reads a Standard MIDI File: every note outside the drum channel, with the file's first tempo
// and time signature. Errors: invalid_midi (what and where), no_notes, too_many_notes, song_too_long.
Result<ChordDetectRequest> parseChordDetectMidi(const QByteArray &file, const ChordDetectQuery &query,
                                                const RequestLimits &limits);

// The query of a recording body: resolution, key, time_signature, tempo (errors name the parameter).
Result<AudioChordDetectRequest> parseAudioChordDetect(const ChordDetectQuery &query);

// `value` to `places` decimals, as the answers give their numbers.
double rounded(double value, double places);

// One chord heard in audio as the answers give it (a recording's and a live stream's alike):
// {chord, start_time, duration, start_seconds, confidence}, to three decimals.
QJsonObject heardChordJson(const HeardAudioChord &chord);

// The answer for a recording: the MIDI path's fields where they mean the same (chords with
// start_time, duration, start_seconds and confidence; key, tempo, time_signature, resolution,
// length_beats, chord_progression), and what only audio has (beats and downbeats in seconds,
// seconds, tuning_cents, sample_rate, channels, pickup_beats). chord_progression starts at the
// first downbeat, so the band's bars fall where the recording's do.
QJsonObject audioChordDetectionJson(const HeardRecording &heard, const AudioChordDetectRequest &request);

// One note of a JSON body: {pitch, <startName>, duration, velocity?} (startName "start" for
// detection, "beat" for a live player's note_events), errors naming `field` ("notes[3]").
Result<PlayedNote> parsePlayedNote(const QJsonValue &value, const QString &field, const QString &startName);

// The answer: the chords (chord, start_time, duration, start_seconds, confidence), the key, and
// chord_progression, ready to be sent as a generation request's.
QJsonObject chordDetectionJson(const ChordDetection &detection, const ChordDetectRequest &request);

} // namespace aiband
