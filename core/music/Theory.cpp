#include "Theory.h"

#include <cstdlib>

namespace aiband {

QList<ScaleType> allScaleTypes()
{
    return {ScaleType::Major, ScaleType::NaturalMinor, ScaleType::HarmonicMinor,
            ScaleType::MelodicMinor, ScaleType::Dorian, ScaleType::Phrygian, ScaleType::Lydian,
            ScaleType::Mixolydian, ScaleType::Locrian, ScaleType::LocrianSharp2,
            ScaleType::LydianDominant, ScaleType::MixolydianFlat13, ScaleType::PhrygianDominant,
            ScaleType::LydianAugmented, ScaleType::Altered, ScaleType::WholeTone,
            ScaleType::HalfWholeDiminished, ScaleType::WholeHalfDiminished,
            ScaleType::MajorPentatonic, ScaleType::MinorPentatonic, ScaleType::Blues};
}

QList<int> scaleIntervals(ScaleType type)
{
    switch (type) {
    case ScaleType::Major: return {0, 2, 4, 5, 7, 9, 11};
    case ScaleType::NaturalMinor: return {0, 2, 3, 5, 7, 8, 10};
    case ScaleType::HarmonicMinor: return {0, 2, 3, 5, 7, 8, 11};
    case ScaleType::MelodicMinor: return {0, 2, 3, 5, 7, 9, 11};
    case ScaleType::Dorian: return {0, 2, 3, 5, 7, 9, 10};
    case ScaleType::Phrygian: return {0, 1, 3, 5, 7, 8, 10};
    case ScaleType::Lydian: return {0, 2, 4, 6, 7, 9, 11};
    case ScaleType::Mixolydian: return {0, 2, 4, 5, 7, 9, 10};
    case ScaleType::Locrian: return {0, 1, 3, 5, 6, 8, 10};
    case ScaleType::LocrianSharp2: return {0, 2, 3, 5, 6, 8, 10};
    case ScaleType::LydianDominant: return {0, 2, 4, 6, 7, 9, 10};
    case ScaleType::MixolydianFlat13: return {0, 2, 4, 5, 7, 8, 10};
    case ScaleType::PhrygianDominant: return {0, 1, 4, 5, 7, 8, 10};
    case ScaleType::LydianAugmented: return {0, 2, 4, 6, 8, 9, 11};
    case ScaleType::Altered: return {0, 1, 3, 4, 6, 8, 10};
    case ScaleType::WholeTone: return {0, 2, 4, 6, 8, 10};
    case ScaleType::HalfWholeDiminished: return {0, 1, 3, 4, 6, 7, 9, 10};
    case ScaleType::WholeHalfDiminished: return {0, 2, 3, 5, 6, 8, 9, 11};
    case ScaleType::MajorPentatonic: return {0, 2, 4, 7, 9};
    case ScaleType::MinorPentatonic: return {0, 3, 5, 7, 10};
    case ScaleType::Blues: return {0, 3, 5, 6, 7, 10};
    }
    return {};
}

QString scaleName(ScaleType type)
{
    switch (type) {
    case ScaleType::Major: return QStringLiteral("major");
    case ScaleType::NaturalMinor: return QStringLiteral("natural minor");
    case ScaleType::HarmonicMinor: return QStringLiteral("harmonic minor");
    case ScaleType::MelodicMinor: return QStringLiteral("melodic minor");
    case ScaleType::Dorian: return QStringLiteral("dorian");
    case ScaleType::Phrygian: return QStringLiteral("phrygian");
    case ScaleType::Lydian: return QStringLiteral("lydian");
    case ScaleType::Mixolydian: return QStringLiteral("mixolydian");
    case ScaleType::Locrian: return QStringLiteral("locrian");
    case ScaleType::LocrianSharp2: return QStringLiteral("locrian #2");
    case ScaleType::LydianDominant: return QStringLiteral("lydian dominant");
    case ScaleType::MixolydianFlat13: return QStringLiteral("mixolydian b13");
    case ScaleType::PhrygianDominant: return QStringLiteral("phrygian dominant");
    case ScaleType::LydianAugmented: return QStringLiteral("lydian augmented");
    case ScaleType::Altered: return QStringLiteral("altered");
    case ScaleType::WholeTone: return QStringLiteral("whole tone");
    case ScaleType::HalfWholeDiminished: return QStringLiteral("half-whole diminished");
    case ScaleType::WholeHalfDiminished: return QStringLiteral("whole-half diminished");
    case ScaleType::MajorPentatonic: return QStringLiteral("major pentatonic");
    case ScaleType::MinorPentatonic: return QStringLiteral("minor pentatonic");
    case ScaleType::Blues: return QStringLiteral("blues");
    }
    return {};
}

int pitchClassOf(int pitch)
{
    return ((pitch % 12) + 12) % 12;
}

int pitchClassDistance(int a, int b)
{
    const int up = pitchClassOf(b - a);
    return up > 6 ? 12 - up : up;
}

int nearestPitchWithClass(int fromPitch, int pitchClass, int low, int high)
{
    // Ascending scan with a strict comparison: of two equally close notes the lower one stays.
    int best = -1;
    for (int pitch = low + pitchClassOf(pitchClass - low); pitch <= high; pitch += 12) {
        if (best < 0 || std::abs(pitch - fromPitch) < std::abs(best - fromPitch))
            best = pitch;
    }
    return best;
}

} // namespace aiband
