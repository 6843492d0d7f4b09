#pragma once

#include "GenerateRequest.h"
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

// The options a Standard MIDI File body takes from the URL's query: resolution, key, and the
// time signature when the file's own is not one the engine plays.
struct ChordDetectQuery {
    std::optional<QString> resolution;
    std::optional<QString> key;
    std::optional<QString> timeSignature;
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

// One note of a JSON body: {pitch, <startName>, duration, velocity?} (startName "start" for
// detection, "beat" for a live player's note_events), errors naming `field` ("notes[3]").
Result<PlayedNote> parsePlayedNote(const QJsonValue &value, const QString &field, const QString &startName);

// The answer: the chords (chord, start_time, duration, start_seconds, confidence), the key, and
// chord_progression, ready to be sent as a generation request's.
QJsonObject chordDetectionJson(const ChordDetection &detection, const ChordDetectRequest &request);

} // namespace aiband
