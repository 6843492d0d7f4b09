#include "Generators.h"

#include <algorithm>

namespace aiband {

void forEachChangeWithin(const SongPlan &plan, double start, double length, FunctionRef<void(double)> change)
{
    constexpr double kEpsilon = 1e-6;
    const QList<ChordEvent> &chords = plan.chords;
    const double end = start + length;
    // Chords in order: the changes inside come after those at or before the start, so the search
    // starts there and stops at the first change past the end. (Scanning every chord for every
    // sound made long songs quadratic.)
    auto chord = chords.cbegin();
    if (plan.chordsInOrder) {
        chord = std::upper_bound(chords.cbegin(), chords.cend(), start + kEpsilon,
                                 [](double beat, const ChordEvent &c) { return beat < c.startBeat; });
    }
    double from = start;
    for (; chord != chords.cend(); ++chord) {
        const double at = chord->startBeat;
        if (at > from + kEpsilon && at < end - kEpsilon) {
            change(at);
            from = at;
        } else if (plan.chordsInOrder && at >= end - kEpsilon) {
            break;
        }
    }
}

} // namespace aiband
