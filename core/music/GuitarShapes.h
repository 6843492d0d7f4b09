#pragma once

#include "Chord.h"
#include "GuitarFretboard.h"
#include "Style.h"

#include <QList>

#include <vector>

namespace aiband {

// What a guitarist keeps of a chord for a voicing. Pitch classes are absolute (0 = C).
struct GuitarTones {
    unsigned allowed = 0;   // the classes a shape may sound, one bit each: chord tones only
    QList<int> wanted;      // the classes it should sound, most important first (third, seventh,
                            // altered fifth, alterations, 13th, 9th, 11th, root, fifth)
    int hardWanted = 0;     // how many of `wanted`, from the first, every shape must hold
    int bass = 0;           // the class wanted on the lowest string: the slash bass if it is a
                            // chord tone, else the root
    bool allows(int pitchClass) const { return (allowed >> pitchClass) & 1u; }
};

GuitarTones guitarTones(const Chord &chord, GuitarVoicing voicing);

// The chord's fifth as a pitch class (diminished or augmented if that is what it has), its
// third when it has no fifth: a power chord's second note and a boom-chick's alternate bass.
int fifthClassOf(const Chord &chord);

// A playable shape for a chord and what it costs against the voicing's ideal (lower is better):
// tones left out, the wrong note in the bass, too few strings, a barre, an awkward position.
struct ShapeCandidate {
    GuitarShape shape;
    double cost = 0.0;
};

// Every playable shape (GuitarFretboard.h) of `chord` in `voicing`, built on the fretboard from
// the chord's tones: each holds only chord tones, at most one note per string, 3 strings or
// more, within E2..C6. Where to put the hand is GuitarHand's choice.
std::vector<ShapeCandidate> guitarShapes(const Chord &chord, GuitarVoicing voicing);

} // namespace aiband
