#pragma once

#include "generation/GenerateRequest.h"
#include "music/Engine.h"
#include "music/LiveBand.h"

#include <QJsonObject>
#include <QList>

namespace aiband {

// A take of what a live band played (live_save): the notes of its parts over [fromBeat,
// toBeat) of the transport, and the chords it played there, stored like a generation.
struct LiveTake {
    double fromBeat = 0.0;
    double toBeat = 0.0;
    QList<BandEvent> events;      // beats from the start of the take
    QList<ChordEvent> chords;     // idem
    QList<TrackType> parts;
    QList<int> programs;          // each part's General MIDI program
    const Style *style = nullptr;
    TimeSignature meter;
    Key key;
    double tempoBpm = 120.0;
    quint32 seed = 0;
    Feel feel;
    QJsonObject body;             // live_start's generation fields (style, seed, feel)
};

// The take as a generation request: its arrangement describes the files (and names them), and
// its body is a generate body over the chords played, so "regenerate" makes a studio take of
// the same changes.
GenerateRequest generationOf(const LiveTake &take, const QString &pluginId);

// The files: one per part, the notes exactly as they were sent, in the part's track (name,
// channel, program) as the engine writes them.
RenderedSong renderLiveTake(const LiveTake &take);

} // namespace aiband
