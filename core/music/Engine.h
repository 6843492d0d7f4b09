#pragma once

#include "Arrangement.h"

#include <QByteArray>
#include <QList>

namespace aiband {

struct RenderedPart {
    TrackType type;
    QByteArray midi;   // a complete Standard MIDI File for this part
    int noteCount = 0;
};

// Turns a validated arrangement into one MIDI file per requested part. Pure and deterministic:
// the same arrangement (seed included) gives the same bytes, on any thread.
QList<RenderedPart> renderArrangement(const Arrangement &arrangement);

} // namespace aiband
