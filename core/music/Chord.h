#pragma once

#include "util/Result.h"

#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace aiband {

// A parsed chord symbol. Pitch classes are 0 = C ... 11 = B. The grammar, the canonical
// spellings and the chord-scale choices are described in docs/CHORDS.md.
struct Chord {
    QString symbol;        // as written by the client (trimmed)
    int root = 0;          // pitch class 0=C..11=B
    int bass = 0;          // equals root unless a slash bass was given
    QList<int> intervals;  // semitones above the root, ascending, unique, 0 included. Extensions keep
                           // their compound size: 9=14, b9=13, #9=15, 11=17, #11=18, 13=21, b13=20.
    bool noChord = false;  // N.C.: bass and keys rest, drums keep time
    QString rootName;      // root as spelled, normalised: "Db", "C#" (♯→#, ♭→b)
    QString bassName;      // slash bass as spelled and normalised, "" when none
    QString quality;       // canonical quality suffix: one spelling per set of intervals

    QList<int> pitchClasses() const;  // absolute pitch classes of the chord tones, in interval order
    QList<int> chordScale() const;    // absolute pitch classes of the scale a player uses over this
                                      // chord, starting at the root: 7 notes, 8 for the diminished
                                      // scales (and for the rare chord no 7-note scale holds),
                                      // 6 for whole tone; empty for N.C.
    bool hasInterval(int semitones) const; // modulo 12 membership, e.g. hasInterval(3) = has a minor third
    QString canonical() const;        // rootName + quality + ("/" + bassName if any); "N.C." for no chord
    bool operator==(const Chord &) const = default;
};

// Parses note names (A-G followed by any number of # or b, also the ♯ and ♭ signs).
// Returns the pitch class and how many characters were read; nullopt when there is no note.
// Lower-case letters are not notes: "b" and "m" belong to chord qualities.
std::optional<std::pair<int, int>> parseNoteName(QStringView text);

// Reads a chord symbol: root, quality, optional slash bass, or N.C. Errors have the code
// "unknown_chord" and say at which character (1-based) reading stopped and why, e.g.
// chord "H7" cannot be read at character 1: "H" is not a note name (A to G).
Result<Chord> parseChord(const QString &symbol);

QString pitchClassName(int pitchClass);

} // namespace aiband
