#pragma once

#include "Arrangement.h"
#include "Meter.h"

#include <QList>
#include <QMap>
#include <QString>

namespace aiband {

// A rhythm for one pulse: one character per step. Simple pulses have 4 steps (sixteenths of a
// quarter), compound pulses 6 (sixteenths of a dotted quarter).
using Cell = QString;

// Cells per pulse role, for simple and for compound pulses.
struct RoleCells {
    QMap<PulseRole, Cell> simple;
    QMap<PulseRole, Cell> compound;
    // A reference into these cells (or to a shared all-rest cell), valid while they live:
    // generators ask once per pulse, bar and voice, and a copy touched the string's shared
    // reference count each time, which threads rendering the same style contend on.
    const Cell &cellFor(const Pulse &pulse) const;
};

struct DrumVoice {
    QString name;       // "kick", "hat", ...
    int note = 36;      // General MIDI drum note
    RoleCells cells;    // x normal, X accent, g ghost, ? optional (more likely with complexity), . rest
};

enum class BassMode { Pattern, Walking, LockedToKick };

// One bar's figure of a pattern bass: cells per pulse role, and optionally the cell of the bar's
// last pulse, which roles cannot single out (in 3/4 both beats after the first are backbeats):
// a note on 3 of a waltz, a walk on 4 into the next bar.
struct BassFigure {
    RoleCells cells;
    Cell lastSimple;     // empty: the last pulse plays its role's cell
    Cell lastCompound;
};

struct BassStyle {
    int program = 33;
    BassMode mode = BassMode::Pattern;
    // Pattern mode: R root (slash bass), 5 fifth, 8 octave, 3 third, 7 seventh, g ghost note,
    // w a walking step toward the next root, - hold, . rest. LockedToKick: the kick's hits,
    // first of a chord the root.
    BassFigure plain;               // "cells": a section's first bar, and groove A's home figure
    QList<BassFigure> variations;   // groove A's other figures, chosen inside a phrase by the seed
    QList<BassFigure> grooveB;      // groove B's figures, its home first (empty: groove A's)
    double approach = 0.5;   // chance of an approach note into a chord change
    double staccato = 0.0;   // 0 legato ... 1 short notes
    double pickup = 0.5;     // chance that a phrase's last bar walks into the next phrase
    // Where the chords' roots are placed (MIDI): fifths, octaves and walks sit above them, so a
    // root at or below G2 leaves room for its octave under the bass's ceiling (G3).
    int low = 28;            // E1
    int high = 43;           // G2
};

enum class Voicing { Close, Shell, Spread };

struct KeysStyle {
    int program = 0;
    Voicing voicing = Voicing::Close;
    RoleCells cells;         // x hit, X accent, ? optional, - hold, . rest
};

// How the guitar's shapes are built (docs/MUSIC.md, "Guitar"): full chords near the open
// position, three- or four-string triads on the top strings, jazz shells (root, third, seventh),
// or power chords (root, fifth, octave).
enum class GuitarVoicing { Open, Triad, Shell, Power };

struct GuitarStyle {
    int program = 25;
    GuitarVoicing voicing = GuitarVoicing::Open;
    double strumMs = 5.0;      // between two strings of a down stroke; up strokes are quicker
    // The bars' rhythms: the groove first, then variations, the last one played in a phrase's last
    // bar. D/d down stroke, u up stroke, ? optional stroke, m palm-muted, x dead (scratch), c/C
    // chop on the top strings, b bass string, a alternate bass, p next arpeggio string, - hold,
    // . rest.
    QList<RoleCells> patterns;
};

struct Style {
    QString name;            // identifier used in requests: "rock"
    QString title;           // "Rock"
    QString description;
    TimeSignature meter;     // home meter, used when the request gives none
    double defaultTempo = 120.0;
    double swingRatio = 0.5;       // 0.5 straight; off-beat position within the swung pair
    int swingSubdivision = 8;      // 8 or 16: which notes are swung
    int phraseBars = 4;            // fills end each phrase; a crash starts the next
    bool backbeat = true;          // snare (or rim/clap) on the meter's backbeats
    QList<DrumVoice> drums;
    BassStyle bass;
    KeysStyle keys;
    GuitarStyle guitar;
};

QString pulseRoleName(PulseRole role);

} // namespace aiband
