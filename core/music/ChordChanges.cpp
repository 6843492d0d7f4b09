#include "Generators.h"

#include <algorithm>

namespace aiband {

void forEachChangeWithin(const SongPlan &plan, double start, double length, FunctionRef<void(double)> change)
{
    constexpr double kEpsilon = 1e-6;
    const QList<ChordEvent> &chords = plan.chords;
    // Chords in order: the changes inside come after those at or before the start, so the search
    // starts there and stops at the first change past the end. (Scanning every chord for every
    // sound made long songs quadratic.)
    qsizetype first = 0;
    if (plan.chordsInOrder) {
        first = std::upper_bound(chords.cbegin(), chords.cend(), start + kEpsilon,
                                 [](double beat, const ChordEvent &c) { return beat < c.startBeat; })
                - chords.cbegin();
    }
    forEachChangeFrom(chords, first, plan.chordsInOrder, start, length, change);
}

} // namespace aiband
