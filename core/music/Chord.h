#pragma once

#include "util/Result.h"

#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace aiband {

// A parsed chord symbol. Pitch classes are 0 = C ... 11 = B; intervals are semitones above the
// root, in ascending order, the root (0) included.
struct Chord {
    QString symbol;        // as written by the client
    int root = 0;
    int bass = 0;          // equals root unless a slash bass was given
    QList<int> intervals;
    bool noChord = false;  // N.C.: bass and keys rest, drums keep time

    QList<int> pitchClasses() const;
    bool operator==(const Chord &) const = default;
};

// Parses note names (A-G followed by any number of # or b, also the ♯ and ♭ signs).
// Returns the pitch class and how many characters were read; nullopt when there is no note.
std::optional<std::pair<int, int>> parseNoteName(QStringView text);

// The grammar of this first engine: roots with accidentals, the common triad, sixth, seventh,
// ninth, suspended and added-note qualities, slash basses and N.C.
// Errors say which character is wrong, e.g. "H" is not a note name.
Result<Chord> parseChord(const QString &symbol);

QString pitchClassName(int pitchClass);

} // namespace aiband
