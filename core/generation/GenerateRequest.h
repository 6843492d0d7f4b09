#pragma once

#include "DefaultsUsed.h"

#include "music/Arrangement.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace aiband {

class StyleLibrary;

// Bounds on what one request may ask for; far above any song, far below what hurts the server
// (engine.max_chords, engine.max_bars).
struct RequestLimits {
    int maxChords = 1024;
    int maxBars = 1024;   // in bars of the request's meter: 4,096 beats of 4/4

    double maxBeats(double beatsPerBar) const { return maxBars * beatsPerBar; }
    // Played notes one chord detection may read: 64 a bar, far above any player's.
    qsizetype maxNotes() const { return qsizetype{64} * maxBars; }
};

// A generation request after validation: what the engine plays, who asked, and which values
// were filled in by defaults (echoed back so a client always knows what it got).
struct GenerateRequest {
    Arrangement arrangement;
    QString pluginId;
    QJsonValue clientRequestId;   // set by the WebSocket hub: echoed on the files' announcements
    DefaultsUsed defaultsUsed;
    bool keyGuessed = false;
    QJsonObject body;             // the body as validated, kept in each file's metadata sidecar
};

// Reads the body of POST /api/generate (the original orchestrator's shape plus style and feel).
// Every problem is an Error naming the field, e.g. "chord_progression.chords[1].chord".
// `styles` must outlive the returned arrangement, which points into it.
Result<GenerateRequest> parseGenerateRequest(const QJsonObject &body, const StyleLibrary &styles,
                                             const QString &defaultStyle = QStringLiteral("pop"),
                                             const RequestLimits &limits = {});

// The fields of chord_progression (chords, tempo, key, time_signature, duration, bars): every
// one but chords may also stand at the top of a body, as the plugin's spec and flat form put them.
const QStringList &progressionFields();

// The parser's own steps, for reading a stored request again (a take's chords, TakeChords):
// the progression object with its fields from the top of the body moved in; its chords, one
// pass through, as written; the chords repeated to fill a song, the last one cut at its end; and
// a chord sheet's section markers as they come round over the song (none for a chord array).
Result<QJsonObject> requestProgression(const QJsonObject &body);
Result<QList<ChordEvent>> requestChords(const QJsonObject &progression, double beatsPerBar, const RequestLimits &limits = {});
QList<ChordEvent> loopProgression(const QList<ChordEvent> &chords, double durationBeats);
QList<SheetSection> requestSections(const QJsonObject &progression, const QList<ChordEvent> &chords, double beatsPerBar,
                                    double durationBeats);

// Plugin ids appear in file metadata, logs and WebSocket paths: letters, digits, . _ -
bool isValidPluginId(const QString &id);
// The error for a malformed plugin id, naming `field` ("plugin_id", "data.plugin_id").
Error invalidPluginIdError(const QString &field);

} // namespace aiband
