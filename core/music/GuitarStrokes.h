#pragma once

#include "GuitarFretboard.h"
#include "Random.h"

#include <vector>

namespace aiband {

// What the picking hand does with a shape: which strings sound, in which order, how far apart
// in time and how hard, for each stroke of the style's patterns.
enum class Stroke {
    Down,          // every string of the shape, low to high
    Up,            // the top three or four, high to low, quicker and lighter
    PalmMute,      // the lowest strings, damped by the palm: short
    DeadDown,      // a scratch: the top strings muted by the fretting hand, very short and soft
    DeadUp,
    Chop,          // the top three strings: skanks, chicks, comping
    Bass,          // the shape's lowest string alone
    AlternateBass, // the chord's fifth (or another chord tone) on a string next to the bass string
    Pluck,         // one string of an arpeggio: the bass, then up and down the others
};

struct StrokeNote {
    int string = 0;
    int pitch = 0;
    double delayMs = 0.0;    // after the stroke begins
    int velocityOffset = 0;  // added to the stroke's velocity
};

struct StrokeContext {
    double strumMs = 5.0;    // between two strings of a down stroke
    double stepMs = 125.0;   // the pattern step: a stroke takes at most a third of it
    int arpeggioIndex = 0;   // Pluck: which note of the arpeggio, from 0 at the bass
    int floorPitch = 0;      // AlternateBass stays above the bass part
    int alternateClass = 0;  // the pitch class AlternateBass looks for first (the fifth)
    unsigned chordTones = 0; // the chord's pitch classes, one bit each
};

// The notes of one stroke on `shape`, in the order they sound (delays ascending). At most one
// note per string; only strings of the shape, but for AlternateBass, which may fret a string
// next to the bass string within the hand's reach.
std::vector<StrokeNote> strokeNotes(Stroke stroke, const GuitarShape &shape, const StrokeContext &context, Random &random);

} // namespace aiband
