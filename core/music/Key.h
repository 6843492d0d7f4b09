#pragma once

#include "Chord.h"
#include "util/Result.h"

#include <QString>

namespace aiband {

struct Key {
    int tonic = 0;       // pitch class
    bool minor = false;

    QString name() const;         // "C", "F#m", "Bb"
    QString spelledOut() const;   // "C major", "F# minor": the plugin's spec spells keys so
    QString fileNameToken() const;// name() with '#' spelled "s", safe in URLs and file names
    static QString nameFromFileNameToken(const QString &token); // back: "Fsm" is "F#m", "Bb" stays
    int sharps() const;           // key signature: -7..7 (negative = flats)
    QString noteName(int pitchClass) const; // spelled with the signature's accidentals: Bb in F, A# in B
    bool operator==(const Key &) const = default;
};

// "C", "Am", "F# minor", "Bb major", "ebm"
Result<Key> parseKey(const QString &text);

} // namespace aiband
