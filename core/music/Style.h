#pragma once

#include "Arrangement.h"
#include "Meter.h"
#include "PartMix.h"

#include <QList>
#include <QMap>
#include <QString>

#include <array>
#include <optional>

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

// One bar's steps of a timeline, for the whole bar: 4 per simple pulse, 6 per compound one.
using BarCell = QString;

// What one drum voice plays in one of the style's grooves (docs/STYLES.md, "Drums: timelines,
// two grooves, fills").
struct DrumGroove {
    bool plays = true;  // false: the voice sits this groove out (hats in A, ride in B)
    RoleCells cells;    // one bar in any meter: x normal, X accent, g ghost, ? optional, . rest
    // Timelines that span several bars, by meter name ("4/4"): one bar cell per bar, played in
    // turn from the start of each phrase (or section); in a meter without one, `cells` play.
    QMap<QString, QList<BarCell>> timelines;
};

struct DrumVoice {
    QString name;       // "kick", "hat", ...
    int note = 36;      // General MIDI drum note
    RoleCells cells;    // groove A's cells (what a bass locked to the kick follows)
    std::array<DrumGroove, 2> grooves;  // A and B: B is A with the style's "b" changes
};

// The fills a style's drummer plays (docs/MUSIC.md, "Fills"). Full fills end a section and
// every `every` bars of a long one; the other phrase ends get at most a pickup.
enum class FillShape { TomsDown, SnareToms, HalfBarToms, TripletToms, SnareRoll, BrushSweep, RimFill, TimbaleFill };
enum class Pickup { None, Kick, Snare };
// Where a timeline's first bar is played: each phrase or each section starts it again.
enum class TimelineStart { Phrase, Section };

struct DrumFills {
    int every = 8;                       // bars between full fills inside a section
    QList<FillShape> shapes{FillShape::TomsDown, FillShape::SnareToms, FillShape::SnareRoll};
    QList<Pickup> pickups{Pickup::None, Pickup::Kick, Pickup::Snare};
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
    std::optional<PartMix> mix;  // the section's "mix"; none: the part's row's (partMix)
};

// Close: the chord's tones stacked within an octave and a half. Shell: third and seventh with
// the root or the written ninth on top. Spread: a close right hand over the root. Rootless: the
// A and B shapes of jazz piano (from the third or from the seventh up, no root: the bass has it).
enum class Voicing { Close, Shell, Spread, Rootless };

// The figures a pianist comps with (docs/STYLES.md, "Keys"): each song bar plays one, chosen by
// the seed among its groove's (A or B, from the song plan's form), and a phrase's last bar plays
// one of the phrase-end figures, which leave space. x hit, X accent, p broken chord (the
// voicing's next note, ringing), ? optional, - hold, . rest.
struct KeysComping {
    QList<RoleCells> grooveA;
    QList<RoleCells> grooveB;     // as A when the style writes none
    QList<RoleCells> phraseEnd;   // as the groove's when the style writes none
};

struct KeysStyle {
    int program = 0;
    Voicing voicing = Voicing::Close;
    KeysComping comping;
    // Share of chord changes the keys push: the new chord struck `pushBeats` early and tied over
    // the change (an eighth, or a sixteenth in funk), where the figure strikes a chord on it.
    double anticipation = 0.0;
    double pushBeats = 0.5;
    std::optional<PartMix> mix;
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
    std::optional<PartMix> mix;
};

struct Style {
    QString name;            // identifier used in requests: "rock"
    QString title;           // "Rock"
    QString description;
    TimeSignature meter;     // home meter, used when the request gives none
    double defaultTempo = 120.0;
    double swingRatio = 0.5;       // 0.5 straight; off-beat position within the swung pair
    int swingSubdivision = 8;      // 8 or 16: which notes are swung
    int phraseBars = 4;            // bars a phrase spans; phrase ends get a pickup or a fill
    bool backbeat = true;          // snare (or rim/clap) on the meter's backbeats
    QList<DrumVoice> drums;
    std::optional<PartMix> drumsMix;  // the drums section's "mix" (beside its instruments)
    DrumFills fills;
    TimelineStart timelineStart = TimelineStart::Phrase;
    BassStyle bass;
    KeysStyle keys;
    GuitarStyle guitar;
};

QString pulseRoleName(PulseRole role);

} // namespace aiband
