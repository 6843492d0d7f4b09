#pragma once

#include <array>

namespace aiband {

// A six-string guitar in standard tuning, and what one left hand can hold on it.

inline constexpr int kGuitarStrings = 6;
// Open strings, lowest first: E2 A2 D3 G3 B3 E4. A string's index is its place in this list.
inline constexpr std::array<int, kGuitarStrings> kStandardTuning{40, 45, 50, 55, 59, 64};
inline constexpr int kGuitarLowest = 40;   // E2, the open low string
inline constexpr int kGuitarHighest = 84;  // C6, the top of the range the part uses
inline constexpr int kHighestFret = 15;    // shapes are built at or below it
inline constexpr int kHandSpan = 3;        // a shape's fretted notes lie within four frets
inline constexpr int kFingers = 4;
inline constexpr int kMuted = -1;

// One chord shape: a fret per string (0 open, kMuted not played), lowest string first.
struct GuitarShape {
    std::array<int, kGuitarStrings> frets{kMuted, kMuted, kMuted, kMuted, kMuted, kMuted};

    bool sounds(int string) const { return frets[string] != kMuted; }
    int pitch(int string) const { return sounds(string) ? kStandardTuning[string] + frets[string] : -1; }
    int soundingCount() const;
    int lowestString() const;    // -1 for a shape that plays nothing
    int highestString() const;
    int lowestPitch() const { return pitch(lowestString()); }
    // Where the hand is: the lowest fretted fret, 0 for a shape of open strings only.
    int position() const;
    bool operator==(const GuitarShape &) const = default;
};

// Fingers the shape takes: one per fretted note, or a barre across the lowest fret's notes and
// one per note above it.
int fingersNeeded(const GuitarShape &shape);

// Whether one hand plays the shape: fretted notes within kHandSpan frets of each other and
// within kHighestFret, kFingers fingers (a barre counts as one, and it cannot leave an open
// string above its lowest string), no two strings on one pitch, the sounding strings together
// but for at most `innerMutes` muted strings between them.
bool isPlayable(const GuitarShape &shape, int innerMutes);

} // namespace aiband
