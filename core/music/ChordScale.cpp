#include "ChordScale.h"

#include "Theory.h"

#include <algorithm>

namespace aiband {
namespace {

bool hasAny(const QList<int> &intervals, std::initializer_list<int> wanted)
{
    return std::any_of(wanted.begin(), wanted.end(),
                       [&](int interval) { return intervals.contains(interval); });
}

QList<ScaleType> dominantScales(const QList<int> &intervals)
{
    // b9, #9, b13 or #5: the altered family. The altered scale has no perfect fifth, so chords
    // that keep theirs (7b9, 7#9) fall through to the half-whole diminished.
    if (hasAny(intervals, {8, 13, 15, 20}))
        return {ScaleType::Altered, ScaleType::HalfWholeDiminished, ScaleType::WholeTone,
                ScaleType::MixolydianFlat13, ScaleType::PhrygianDominant,
                ScaleType::LydianDominant, ScaleType::Mixolydian};
    if (hasAny(intervals, {6, 18}))
        return {ScaleType::LydianDominant, ScaleType::WholeTone, ScaleType::Altered};
    return {ScaleType::Mixolydian, ScaleType::LydianDominant};
}

QList<ScaleType> majorScales(const QList<int> &intervals)
{
    if (intervals.contains(10))
        return dominantScales(intervals);
    const bool augmented = intervals.contains(8) && !hasAny(intervals, {6, 7});
    if (augmented && !intervals.contains(11))
        return {ScaleType::WholeTone, ScaleType::LydianAugmented};
    return {ScaleType::Major, ScaleType::Lydian, ScaleType::LydianAugmented, ScaleType::Mixolydian,
            ScaleType::HalfWholeDiminished, ScaleType::MixolydianFlat13, ScaleType::PhrygianDominant};
}

QList<ScaleType> minorScales(const QList<int> &intervals)
{
    const bool flatFifth = intervals.contains(6) && !hasAny(intervals, {7, 8});
    if (flatFifth)
        return intervals.contains(10) ? QList<ScaleType>{ScaleType::Locrian, ScaleType::LocrianSharp2}
                                      : QList<ScaleType>{ScaleType::WholeHalfDiminished};
    if (intervals.contains(11))
        return {ScaleType::MelodicMinor, ScaleType::HarmonicMinor};
    return {ScaleType::Dorian, ScaleType::NaturalMinor, ScaleType::Phrygian,
            ScaleType::MelodicMinor, ScaleType::HarmonicMinor};
}

// Chords without a third: suspended ones sound dominant, power chords and bare fifths major.
QList<ScaleType> thirdlessScales(const QList<int> &intervals)
{
    const bool suspended = hasAny(intervals, {2, 5});
    if (suspended || intervals.contains(10))
        return {ScaleType::Mixolydian, ScaleType::Major, ScaleType::Dorian, ScaleType::Phrygian,
                ScaleType::Lydian};
    return {ScaleType::Major, ScaleType::Mixolydian, ScaleType::Lydian};
}

// Scales to try, the usual choice first.
QList<ScaleType> candidateScales(const QList<int> &intervals)
{
    if (intervals.contains(4))
        return majorScales(intervals);
    if (intervals.contains(3))
        return minorScales(intervals);
    return thirdlessScales(intervals);
}

QList<int> missingTones(const QList<int> &scale, const QList<int> &pitchClasses)
{
    QList<int> missing;
    for (int pitchClass : pitchClasses) {
        if (!scale.contains(pitchClass))
            missing.append(pitchClass);
    }
    return missing;
}

} // namespace

QList<int> chordScaleIntervals(const QList<int> &intervals)
{
    QList<int> pitchClasses;
    for (int interval : intervals) {
        if (!pitchClasses.contains(pitchClassOf(interval)))
            pitchClasses.append(pitchClassOf(interval));
    }
    // The first candidate holding every chord tone; for chords no standard scale holds (7#9b13
    // with its fifth), the closest candidate with the missing chord tones added.
    QList<int> best;
    QList<int> bestMissing;
    for (ScaleType type : candidateScales(intervals)) {
        const QList<int> scale = scaleIntervals(type);
        const QList<int> missing = missingTones(scale, pitchClasses);
        if (missing.isEmpty())
            return scale;
        if (best.isEmpty() || missing.size() < bestMissing.size()) {
            best = scale;
            bestMissing = missing;
        }
    }
    best.append(bestMissing);
    std::sort(best.begin(), best.end());
    return best;
}

} // namespace aiband
