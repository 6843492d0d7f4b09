#include "KeyDetection.h"

#include "Theory.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

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

// How much the harmonic reading (what each chord does in the key, and the cadences into its
// tonic) counts beside the profile correlation. Both are about 0..1; the profile alone cannot
// tell a secondary dominant (the A7 of Dm7 G7 Cmaj7 A7) from a new key's leading tone. The key
// table passes from 0.45 to beyond 1.5; 0.8 sits well inside.
constexpr double kFunctionWeight = 0.8;

// Dominant -> the chord a fifth below it, per average chord length, for the key of its target;
// once more when a ii (or iiø) leads into the dominant.
constexpr double kDominantResolution = 1.0;
constexpr double kTriadResolution = 0.3;
constexpr double kTwoFiveBonus = 0.5;
// Dominant sevenths on I, IV and V together are the blues: the key is I's, whatever the
// pitch profile says (A7 D7 E7 fills D major's profile better than A's). Per beat those chords
// hold, in the same units as a chord's fit.
constexpr double kBluesChanges = 1.5;

enum class ChordClass { Major, MajorSeventh, Dominant, Minor, HalfDiminished, Diminished, Augmented };

ChordClass classOf(const Chord &chord)
{
    const bool flatSeven = chord.hasInterval(10);
    if (chord.hasInterval(4)) {
        if (flatSeven)
            return ChordClass::Dominant;
        if (chord.hasInterval(8) && !chord.hasInterval(7))
            return ChordClass::Augmented;
        return chord.hasInterval(11) ? ChordClass::MajorSeventh : ChordClass::Major;
    }
    if (chord.hasInterval(3)) {
        if (chord.hasInterval(6) && !chord.hasInterval(7))
            return flatSeven ? ChordClass::HalfDiminished : ChordClass::Diminished;
        return ChordClass::Minor;
    }
    // No third: a sus chord does the job of the major chord it delays.
    return flatSeven ? ChordClass::Dominant : ChordClass::Major;
}

bool isMajorFamily(ChordClass c)
{
    return c == ChordClass::Major || c == ChordClass::MajorSeventh || c == ChordClass::Dominant;
}

// How well a chord of class `c` on `degree` (semitones above the tonic) belongs to a major key:
// 1 for the diatonic chords, less for secondary dominants, blues sevenths and borrowed chords.
double majorKeyFit(int degree, ChordClass c)
{
    switch (degree) {
    case 0: return c == ChordClass::Dominant ? 0.6 : isMajorFamily(c) ? 1.0 : 0.0;
    case 1: return c == ChordClass::Dominant ? 0.3 : 0.0;                          // tritone substitute
    case 2: return c == ChordClass::Minor ? 1.0 : c == ChordClass::Dominant ? 0.5 : 0.0;
    case 3: return isMajorFamily(c) ? 0.3 : 0.0;                                    // bIII, borrowed
    case 4: return c == ChordClass::Minor ? 1.0 : c == ChordClass::Dominant ? 0.5 : 0.0;
    case 5: return c == ChordClass::Major || c == ChordClass::MajorSeventh ? 1.0
                 : c == ChordClass::Dominant                            ? 0.6
                 : c == ChordClass::Minor                               ? 0.4 : 0.0;
    case 7: return c == ChordClass::Dominant || c == ChordClass::Major ? 1.0
                 : c == ChordClass::MajorSeventh                       ? 0.5
                 : c == ChordClass::Minor                              ? 0.4 : 0.0;
    case 8: return isMajorFamily(c) ? 0.4 : 0.0;                                    // bVI, borrowed
    case 9: return c == ChordClass::Minor ? 1.0 : c == ChordClass::Dominant ? 0.5 : 0.0;
    case 10: return isMajorFamily(c) ? 0.4 : 0.0;                                   // bVII, borrowed
    case 11: return c == ChordClass::HalfDiminished ? 1.0
                  : c == ChordClass::Diminished     ? 0.8
                  : c == ChordClass::Dominant       ? 0.5 : 0.0;
    default: return 0.0;
    }
}

// The same for a minor key: natural minor, with the harmonic minor's V and vii°.
double minorKeyFit(int degree, ChordClass c)
{
    switch (degree) {
    case 0: return c == ChordClass::Minor ? 1.0 : 0.0;
    case 1: return c == ChordClass::Major ? 0.4 : c == ChordClass::Dominant ? 0.3 : 0.0;  // Neapolitan
    case 2: return c == ChordClass::HalfDiminished ? 1.0
                 : c == ChordClass::Diminished     ? 0.8
                 : c == ChordClass::Minor          ? 0.3 : 0.0;
    case 3: return c == ChordClass::Major || c == ChordClass::MajorSeventh ? 1.0
                 : c == ChordClass::Augmented                          ? 0.6 : 0.0;
    case 5: return c == ChordClass::Minor ? 1.0 : c == ChordClass::Dominant ? 0.4 : c == ChordClass::Major ? 0.3 : 0.0;
    case 7: return c == ChordClass::Dominant ? 1.0
                 : c == ChordClass::Major    ? 0.9
                 : c == ChordClass::Minor    ? 0.6
                 : c == ChordClass::MajorSeventh ? 0.3 : 0.0;
    case 8: return c == ChordClass::Major || c == ChordClass::MajorSeventh ? 1.0 : 0.0;
    case 9: return c == ChordClass::HalfDiminished ? 0.4 : 0.0;
    case 10: return c == ChordClass::Major || c == ChordClass::Dominant ? 1.0 : c == ChordClass::MajorSeventh ? 0.5 : 0.0;
    case 11: return c == ChordClass::Diminished ? 1.0 : c == ChordClass::HalfDiminished ? 0.5 : 0.0;
    default: return 0.0;
    }
}

struct Played {
    const ChordEvent *event;
    ChordClass chordClass;
};

// 24 keys: index tonic * 2 + (minor ? 1 : 0).
using KeyScores = std::array<double, 24>;

int keyIndex(int tonic, bool minor)
{
    return tonic * 2 + (minor ? 1 : 0);
}

bool resolvesTo(const Played &from, const Played &to)
{
    return isMajorFamily(from.chordClass) && (from.event->chord.root + 5) % 12 == to.event->chord.root;
}

// A progression that ends on a dominant of its first chord goes round (a turnaround): its last
// chord leads back to the start rather than being home.
bool endsOnTurnaround(const QList<Played> &played)
{
    return played.size() > 1 && played.last().chordClass == ChordClass::Dominant && resolvesTo(played.last(), played.first());
}

bool isTwoOf(const Played &two, const Played &dominant)
{
    const bool twoClass = two.chordClass == ChordClass::Minor || two.chordClass == ChordClass::HalfDiminished;
    return twoClass && (two.event->chord.root + 5) % 12 == dominant.event->chord.root;
}

// A progression that stops on a ii-V without its I ("Dm7 G7", a vamp or a phrase cut short):
// musicians hear the I it promises, so the last chord is not home either. Major after a minor
// ii, minor after a half-diminished one.
std::optional<Key> openTwoFiveTarget(const QList<Played> &played)
{
    if (played.size() < 2 || endsOnTurnaround(played))
        return std::nullopt;
    const Played &two = played[played.size() - 2];
    const Played &five = played.last();
    if (five.chordClass != ChordClass::Dominant || !isTwoOf(two, five))
        return std::nullopt;
    return Key{(five.event->chord.root + 5) % 12, two.chordClass == ChordClass::HalfDiminished};
}

// Cadences: a dominant resolving a fifth down says its target is a tonic (for the key of the
// target's mode), more so after its ii. Pairs are taken in order, and round from the last chord
// to the first when the progression ends on a turnaround.
void addCadences(KeyScores &scores, const QList<Played> &played, double averageLength)
{
    const qsizetype pairs = played.size() - 1 + (endsOnTurnaround(played) ? 1 : 0);
    for (qsizetype i = 0; i < pairs; ++i) {
        const Played &from = played[i];
        const Played &to = played[(i + 1) % played.size()];
        if (!resolvesTo(from, to) || (to.chordClass != ChordClass::Minor && !isMajorFamily(to.chordClass)))
            continue;
        double weight = from.chordClass == ChordClass::Dominant ? kDominantResolution : kTriadResolution;
        if (i > 0 && isTwoOf(played[i - 1], from))
            weight += kTwoFiveBonus;
        scores[static_cast<size_t>(keyIndex(to.event->chord.root, to.chordClass == ChordClass::Minor))] += weight * averageLength;
    }
    if (const std::optional<Key> promised = openTwoFiveTarget(played))
        scores[static_cast<size_t>(keyIndex(promised->tonic, promised->minor))] += (kDominantResolution + kTwoFiveBonus) * averageLength;
}

// The beats held by dominant sevenths on I, IV and V of `tonic`, when all three are there.
double bluesLength(const QList<Played> &played, int tonic)
{
    std::array<double, 3> held{};
    constexpr std::array<int, 3> kDegrees{0, 5, 7};
    for (const Played &p : played) {
        if (p.chordClass != ChordClass::Dominant)
            continue;
        for (size_t d = 0; d < kDegrees.size(); ++d)
            if (pitchClassOf(p.event->chord.root - tonic) == kDegrees[d])
                held[d] += p.event->durationBeats;
    }
    const bool all = std::all_of(held.begin(), held.end(), [](double beats) { return beats > 0.0; });
    return all ? held[0] + held[1] + held[2] : 0.0;
}

KeyScores functionScores(const QList<Played> &played, double totalLength)
{
    KeyScores scores{};
    for (int tonic = 0; tonic < 12; ++tonic) {
        scores[static_cast<size_t>(keyIndex(tonic, false))] += kBluesChanges * bluesLength(played, tonic);
        for (const Played &p : played) {
            const int degree = pitchClassOf(p.event->chord.root - tonic);
            scores[static_cast<size_t>(keyIndex(tonic, false))] += majorKeyFit(degree, p.chordClass) * p.event->durationBeats;
            scores[static_cast<size_t>(keyIndex(tonic, true))] += minorKeyFit(degree, p.chordClass) * p.event->durationBeats;
        }
    }
    addCadences(scores, played, totalLength / static_cast<double>(played.size()));
    for (double &score : scores)
        score /= totalLength;
    return scores;
}

Profile chordToneDurations(const QList<Played> &played)
{
    Profile histogram{};
    for (const Played &p : played) {
        QList<int> counted;
        for (int pitchClass : p.event->chord.pitchClasses()) {
            if (!counted.contains(pitchClass))
                histogram[static_cast<size_t>(pitchClass)] += p.event->durationBeats;
            counted.append(pitchClass);
        }
    }
    return histogram;
}

// The first and last roots as likely tonics; after a turnaround the last chord is not home, so
// its weight goes to the chord it leads back to, and after an open ii-V to the I it promises.
void addEnds(Profile &histogram, const QList<Played> &played, double averageLength)
{
    const int first = played.first().event->chord.root;
    const std::optional<Key> promised = openTwoFiveTarget(played);
    const int last = endsOnTurnaround(played) ? first : promised ? promised->tonic : played.last().event->chord.root;
    histogram[static_cast<size_t>(first)] += kFirstRootWeight * averageLength;
    histogram[static_cast<size_t>(last)] += kLastRootWeight * averageLength;
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
        const double p = profile[static_cast<size_t>(pitchClassOf(pitchClass - tonic))] - meanP;
        covariance += h * p;
        varianceH += h * h;
        varianceP += p * p;
    }
    return varianceH > 0.0 ? covariance / std::sqrt(varianceH * varianceP) : 0.0;
}

} // namespace

double chordFitInKey(const Chord &chord, const Key &key)
{
    if (chord.noChord)
        return 0.0;
    const int degree = pitchClassOf(chord.root - key.tonic);
    return key.minor ? minorKeyFit(degree, classOf(chord)) : majorKeyFit(degree, classOf(chord));
}

Key detectKey(const QList<ChordEvent> &chords)
{
    QList<Played> played;
    double totalLength = 0.0;
    for (const ChordEvent &event : chords) {
        if (!event.chord.noChord && event.durationBeats > 0.0) {
            played.append({&event, classOf(event.chord)});
            totalLength += event.durationBeats;
        }
    }
    if (played.isEmpty())
        return Key{};

    Profile histogram = chordToneDurations(played);
    addEnds(histogram, played, totalLength / static_cast<double>(played.size()));
    const KeyScores function = functionScores(played, totalLength);

    // Strictly greater: on a tie the earlier key (C before C#, major before minor) stays.
    Key best;
    double bestScore = -1e9;
    for (int tonic = 0; tonic < 12; ++tonic) {
        for (bool minor : {false, true}) {
            const double score = correlation(histogram, minor ? kMinorProfile : kMajorProfile, tonic)
                + kFunctionWeight * function[static_cast<size_t>(keyIndex(tonic, minor))];
            if (score > bestScore) {
                bestScore = score;
                best = Key{tonic, minor};
            }
        }
    }
    return best;
}

} // namespace aiband
