#pragma once

#include "NoteNames.h"
#include "generation/GenerateRequest.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace aiband {

class BandSession;

// How long the song is: as the chords are written, a number of bars, or a number of times
// through the progression (choruses).
enum class SongLength { AsWritten, Bars, Choruses };

// Everything the Try it form holds, as values: what TryItPage reads from its controls and what
// becomes a POST /api/generate body. Optional values left empty are the API's defaults.
struct TryItSettings {
    QString chords;                 // as the user typed them, in `naming`
    NoteNaming naming = NoteNaming::Letters;
    QString style;
    int tempo = 120;
    QString meter;                  // "4/4"
    QString key;                    // in letters ("Bb", "F#m"); empty: detected from the chords
    SongLength length = SongLength::AsWritten;
    int lengthCount = 1;            // bars or choruses
    std::optional<double> swing;    // 0-1; empty: the style's swing
    double intensity = 0.5;
    double complexity = 0.5;
    double humanize = 0.4;
    int countInBars = 0;
    int introBars = 0;
    bool fills = true;
    bool ending = false;
    QStringList parts;              // track types: "bass", "drums", "keys", "guitar", "full"
    QString seed;                   // as typed; empty: a random seed
};

// The generate body a client of the API would send for `settings`, in the documented shape
// ({"chord_progression": {...}, "style", the feel fields, "track_types", "seed"}), the chords in
// letters. Choruses are sent as a duration in beats, `progressionBeats` times the count.
QJsonObject tryItBody(const TryItSettings &settings, double progressionBeats = 0.0);

// The request for `settings`, read by the API's own parser (BandSession::parseGeneration), so
// every rule and every error is the API's. Choruses take two readings: the first tells the
// progression's length, as written.
Result<GenerateRequest> parseTryIt(const TryItSettings &settings, const BandSession &session);

} // namespace aiband
