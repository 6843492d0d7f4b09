#pragma once

#include "PartMix.h"
#include "TrackType.h"

#include <QList>
#include <QString>

#include <span>

namespace aiband {

struct Arrangement;
struct MidiPart;
struct SongPlan;
struct Style;

using PartGenerator = MidiPart (*)(const Arrangement &arrangement, const SongPlan &plan);

// What the program knows about one part, in one place, so that a new part is a generator and a
// row (docs/ARCHITECTURE.md, "Where to add a part"). Full is a row too, without a generator: its
// file holds the full band, the parts marked inFullBand. A part's TrackType is its row's position.
struct PartRow {
    const char *name;        // the word of the API, of file names and of metadata: "bass"
    const char *title;       // English; the window translates it in the context "aiband::PartTitle"
    const char *midiName;    // in MIDI files: the track name, and the part's word in the song title
    int channel;             // MIDI channel, zero-based (unused for Full: its tracks keep their own)
    int program;             // General MIDI program, zero-based; a style may choose another
    PartGenerator generate;  // nullptr for Full
    bool inFullBand;         // in Full's file (bass, drums and keys); a part outside it, such as
                             // the guitar, comes only when it is asked for
    PartMix mix;             // volume and pan at tick 0; a style may choose others

    bool isBand() const { return generate == nullptr; }
};

// Every part, in the order the API lists them (and error messages name them).
std::span<const PartRow> partRows();

const PartRow &partRow(TrackType type);
TrackType typeOf(const PartRow &row);   // `row` must be one of partRows()

// The General MIDI program `type` plays in `style`: the style's own for the parts whose style
// section names one (bass, keys, guitar), else the part's row's. What the generators write, and
// what a live band tells its plugins before any note is written.
int partProgram(const Style &style, TrackType type);

// The volume and pan `type` plays at in `style`: the "mix" of the style's section for the part,
// else the part's row's. Written at tick 0 of every track of the part (Engine, live takes).
PartMix partMix(const Style &style, TrackType type);

// The parts a file of `row` holds, in the order their tracks are written: the part itself, or
// for Full every part in the full band.
QList<const PartRow *> partsInFile(const PartRow &row);

} // namespace aiband
