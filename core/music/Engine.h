#pragma once

#include "Arrangement.h"
#include "SongPlan.h"

#include <QByteArray>
#include <QList>

namespace aiband {

struct RenderedPart {
    TrackType type;
    QByteArray midi;   // a complete Standard MIDI File for this part (all parts for Full)
    int noteCount = 0;
};

struct RenderedSong {
    QList<RenderedPart> parts;  // in the order the arrangement asked for them
    SongPlan plan;              // bars, chords and end: what the files contain, for checks and UIs
};

// Turns a validated arrangement (its style set) into MIDI files. Pure and deterministic: the
// same arrangement, seed included, gives the same bytes, on any thread.
RenderedSong renderSong(const Arrangement &arrangement);

} // namespace aiband
