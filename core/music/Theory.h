#pragma once

#include <QList>
#include <QString>

namespace aiband {

// The scales the engine chooses from. Each is a list of semitones above its tonic, ascending,
// starting at 0, within one octave.
enum class ScaleType {
    Major,               // Ionian
    NaturalMinor,        // Aeolian
    HarmonicMinor,
    MelodicMinor,        // ascending form, the jazz "melodic minor"
    Dorian,
    Phrygian,
    Lydian,
    Mixolydian,
    Locrian,
    LocrianSharp2,       // 6th mode of melodic minor, for m7b5 chords with a natural 9
    LydianDominant,      // 4th mode of melodic minor, for 7#11
    MixolydianFlat13,    // 5th mode of melodic minor, for 7b13 with a natural 9
    PhrygianDominant,    // 5th mode of harmonic minor, for 7b9b13
    LydianAugmented,     // 3rd mode of melodic minor, for maj7#5
    Altered,             // 7th mode of melodic minor: b9 #9 3 #11 b13 b7
    WholeTone,
    HalfWholeDiminished, // dominant diminished: starts with a half step
    WholeHalfDiminished, // diminished: starts with a whole step
    MajorPentatonic,
    MinorPentatonic,
    Blues,               // minor pentatonic with the b5
};

QList<ScaleType> allScaleTypes();
QList<int> scaleIntervals(ScaleType type);
QString scaleName(ScaleType type); // "lydian dominant"

// Pitch class 0-11 of any MIDI note or interval, negative ones included.
int pitchClassOf(int pitch);

// How far apart two pitch classes are, the short way round the circle: 0 to 6.
int pitchClassDistance(int a, int b);

// The MIDI note of `pitchClass` in [low, high] closest to `fromPitch`; ties go down, so lines
// do not creep upwards. -1 when the range holds no note of that class.
int nearestPitchWithClass(int fromPitch, int pitchClass, int low, int high);

} // namespace aiband
