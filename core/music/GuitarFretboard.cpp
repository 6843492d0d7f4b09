#include "GuitarFretboard.h"

#include <algorithm>

namespace aiband {
namespace {

struct FrettedNotes {
    int lowest = kHighestFret + 1;   // fret
    int highest = 0;
    int count = 0;
    int atLowest = 0;                // notes on the lowest fret
    int firstAtLowest = -1;          // strings holding them, the outermost two
    int lastAtLowest = -1;
};

FrettedNotes frettedNotes(const GuitarShape &shape)
{
    FrettedNotes notes;
    for (int fret : shape.frets) {
        if (fret > 0) {
            notes.lowest = std::min(notes.lowest, fret);
            notes.highest = std::max(notes.highest, fret);
            ++notes.count;
        }
    }
    for (int string = 0; string < kGuitarStrings; ++string) {
        if (notes.count > 0 && shape.frets[string] == notes.lowest) {
            ++notes.atLowest;
            notes.firstAtLowest = notes.firstAtLowest < 0 ? string : notes.firstAtLowest;
            notes.lastAtLowest = string;
        }
    }
    return notes;
}

bool needsBarre(const FrettedNotes &notes)
{
    return notes.count > kFingers;
}

// A barre presses every string it lies across: none of them can ring open.
bool barreLeavesNoOpenString(const GuitarShape &shape, const FrettedNotes &notes)
{
    for (int string = notes.firstAtLowest; string <= notes.lastAtLowest; ++string) {
        if (shape.frets[string] == 0)
            return false;
    }
    return true;
}

int innerMuteCount(const GuitarShape &shape)
{
    int mutes = 0;
    for (int string = shape.lowestString() + 1; string < shape.highestString(); ++string)
        mutes += shape.sounds(string) ? 0 : 1;
    return mutes;
}

bool hasUnison(const GuitarShape &shape)
{
    for (int a = 0; a < kGuitarStrings; ++a) {
        for (int b = a + 1; b < kGuitarStrings; ++b) {
            if (shape.sounds(a) && shape.pitch(a) == shape.pitch(b))
                return true;
        }
    }
    return false;
}

} // namespace

int GuitarShape::soundingCount() const
{
    return static_cast<int>(std::count_if(frets.cbegin(), frets.cend(), [](int fret) { return fret != kMuted; }));
}

int GuitarShape::lowestString() const
{
    for (int string = 0; string < kGuitarStrings; ++string) {
        if (sounds(string))
            return string;
    }
    return -1;
}

int GuitarShape::highestString() const
{
    for (int string = kGuitarStrings - 1; string >= 0; --string) {
        if (sounds(string))
            return string;
    }
    return -1;
}

int GuitarShape::position() const
{
    const FrettedNotes notes = frettedNotes(*this);
    return notes.count > 0 ? notes.lowest : 0;
}

int fingersNeeded(const GuitarShape &shape)
{
    const FrettedNotes notes = frettedNotes(shape);
    return needsBarre(notes) ? 1 + notes.count - notes.atLowest : notes.count;
}

bool isPlayable(const GuitarShape &shape, int innerMutes)
{
    if (shape.soundingCount() == 0)
        return false;
    const FrettedNotes notes = frettedNotes(shape);
    if (notes.count > 0 && (notes.highest - notes.lowest > kHandSpan || notes.highest > kHighestFret))
        return false;
    if (fingersNeeded(shape) > kFingers || (needsBarre(notes) && !barreLeavesNoOpenString(shape, notes)))
        return false;
    return innerMuteCount(shape) <= innerMutes && !hasUnison(shape);
}

} // namespace aiband
