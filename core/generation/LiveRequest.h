#pragma once

#include "GenerateRequest.h"
#include "music/ChordDetection.h"
#include "music/StyleLibrary.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace aiband {

// live_start after validation (docs/PROTOCOL.md, "Following a player"). A session that follows
// another plugin's band takes its style, meter, key, seed and feel from it, so it may only say
// which parts it plays and how far ahead it hears them.
struct LiveStartRequest {
    QString follow;                  // the plugin whose band this session joins; empty: its own band
    const Style *style = nullptr;    // null when following
    std::optional<double> tempoBpm;  // the shared transport's from now on, when given
    std::optional<TimeSignature> meter;
    std::optional<Key> key;          // none: read from the chords heard
    quint32 seed = 0;
    Feel feel;
    QList<TrackType> parts;          // never Full: it stands for the full band's parts
    double lookaheadBeats = 4.0;
    QJsonObject body;                // the generate body a saved take's files keep (style, seed, feel)
};

inline constexpr double kMinLookaheadBeats = 1.0;
inline constexpr double kMaxLookaheadBeats = 32.0;

// Reads live_start's data. The style, tempo, meter, key, seed, parts and feel fields are checked
// by the generate body's own rules (one rule per field), errors naming them as the client wrote
// them under `prefix`.
Result<LiveStartRequest> parseLiveStart(const QJsonObject &data, const StyleLibrary &styles,
                                        const QString &defaultStyle, const QString &prefix);

// chord_event: {beat, chord}.
struct LiveChordInput {
    double beat = 0.0;
    Chord chord;
};
Result<LiveChordInput> parseChordEvent(const QJsonObject &data, const QString &prefix);

// note_events: {events: [{beat, pitch, velocity?, duration}]}, at most `maxNotes` of them.
inline constexpr int kMaxLiveNotesPerMessage = 1000;
Result<std::vector<PlayedNote>> parseNoteEvents(const QJsonObject &data, const QString &prefix);

// live_save: {from_beat?, to_beat?}.
struct LiveSaveRequest {
    std::optional<double> fromBeat;
    std::optional<double> toBeat;
};
Result<LiveSaveRequest> parseLiveSave(const QJsonObject &data, const QString &prefix);

} // namespace aiband
