#pragma once

#include "util/Result.h"

#include <QList>
#include <QString>

namespace aiband {

// The error every chord-reading step returns: code "unknown_chord" and the 1-based character
// of `symbol` at which reading stopped. `position` is 0-based.
Error chordSymbolError(const QString &symbol, qsizetype position, const QString &why);

// Reads the quality part of a chord symbol, symbol[begin, end): everything after the root and
// before any slash bass ("m7b5", "7(b9,#11)", "sus4", "" for a major triad). Returns the
// intervals above the root as Chord::intervals defines them. Errors point into `symbol`.
Result<QList<int>> parseChordSuffix(const QString &symbol, qsizetype begin, qsizetype end);

} // namespace aiband
