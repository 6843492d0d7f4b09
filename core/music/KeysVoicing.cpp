#include "KeysVoicing.h"

#include <QVarLengthArray>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace aiband {
namespace {

// The lower note's lowest clear pitch by interval, 1-11 semitones. Seconds are kept from G3
// (stricter than the usual table's E3/Eb3: a close cluster under G3 already blurs on a piano
// sound), thirds from C3/B2, fourths A2, the tritone B2, fifths C#2, sixths and sevenths F2.
constexpr std::array<int, 12> kLowIntervalLimits{0, 55, 55, 48, 47, 45, 47, 37, 41, 41, 41, 41};

bool hasInterval(const QList<int> &intervals, int i)
{
    return intervals.contains(i);
}

// The chord's simple intervals above the root, each once, in the symbol's order.
QList<int> simpleIntervals(const Chord &chord)
{
    QList<int> intervals;
    for (int interval : chord.intervals) {
        const int simple = interval % 12;
        if (!intervals.contains(simple))
            intervals.append(simple);
    }
    return intervals;
}

// Third and seventh carry the harmony; the top voice is the colour (9th) or the root.
QList<int> shellIntervals(const QList<int> &intervals)
{
    QList<int> shell;
    for (int i : {4, 3, 5, 2})
        if (hasInterval(intervals, i)) { shell.append(i); break; }
    for (int i : {10, 11, 9})
        if (hasInterval(intervals, i)) { shell.append(i); break; }
    shell.append(hasInterval(intervals, 2) ? 2 : 0);
    return shell;
}

// The root goes (the bass has it), then the fifth if more than four remain. Only the chord's
// written tones: the harmony checks judge keys notes against them.
QList<int> rootlessIntervals(QList<int> intervals)
{
    intervals.removeOne(0);
    if (intervals.size() > 4)
        intervals.removeOne(7);
    return intervals;
}

// The pitch classes a pianist would play for the chord (its simpleIntervals) in the style's
// voicing, at most four.
QList<int> voicedIntervals(QList<int> intervals, Voicing voicing)
{
    const bool seventh = intervals.size() >= 4;
    if (voicing == Voicing::Shell && seventh)
        intervals = shellIntervals(intervals);
    else if (voicing == Voicing::Rootless && seventh)
        return rootlessIntervals(intervals);
    // Too many notes for one hand: the fifth goes first, then the root (the bass has it).
    if (intervals.size() > 4 && hasInterval(intervals, 7))
        intervals.removeOne(7);
    if (intervals.size() > 4)
        intervals.removeOne(0);
    while (intervals.size() > 4)
        intervals.removeLast();
    if (intervals.size() < 3) // power chords and dyads: double the root an octave up
        intervals.append(12);
    return intervals;
}

// Whether a rotation may be the bottom of the voicing: any for most kinds; for rootless ones
// the third (A shape) or the seventh or sixth (B shape).
bool mayBeBottom(int interval, Voicing voicing, bool seventh)
{
    if (voicing != Voicing::Rootless || !seventh)
        return true;
    return interval == 3 || interval == 4 || interval == 5 || interval == 9 || interval == 10 || interval == 11;
}

double movement(const QList<int> &a, const QList<int> &b)
{
    if (a.size() == b.size()) {
        double total = 0;
        for (qsizetype i = 0; i < a.size(); ++i)
            total += std::abs(a[i] - b[i]);
        return total;
    }
    const auto mean = [](const QList<int> &v) { return std::accumulate(v.cbegin(), v.cend(), 0.0) / v.size(); };
    return std::abs(mean(a) - mean(b)) * static_cast<double>(std::max(a.size(), b.size()));
}

// A spread voicing's left hand: the root under the right hand when it is above the floor and
// clear of the low-interval limits.
QList<int> withRootUnder(QList<int> voicing, int root, int floor)
{
    int pitch = voicing.first() - 1;
    while (((pitch % 12) + 12) % 12 != root)
        --pitch;
    if (pitch < kKeysLowest || pitch <= floor)
        return voicing;
    voicing.prepend(pitch);
    if (!clearOfLowIntervals(voicing))
        voicing.removeFirst();
    return voicing;
}

// A stacked voicing of up to eight notes (MIDI pitches, 7 bits each) and its size as one number:
// equal numbers for equal voicings, so that a voicing is looked for among those already stacked
// with one comparison each.
using VoicingKey = quint64;
constexpr qsizetype kMaxKeyedNotes = 8;

template <typename Notes>
VoicingKey voicingKey(const Notes &notes)
{
    VoicingKey key = static_cast<VoicingKey>(notes.size()) << 56;
    for (qsizetype k = 0; k < notes.size(); ++k)
        key |= static_cast<VoicingKey>(notes[k] & 0x7F) << (7 * k);
    return key;
}

// Every rotation of `intervals` (in their order) stacked upward from every bottom note in range,
// appended to `candidates` unless already there (`keys` holds theirs: voicingKey).
void stackRotations(const Chord &chord, const QList<int> &intervals, Voicing voicing, bool seventh,
                    QList<QList<int>> &candidates, QVarLengthArray<VoicingKey, 64> &keys)
{
    const qsizetype size = intervals.size();
    if (size == 0)
        return;
    QVarLengthArray<int, 8> stacked(size);
    for (qsizetype rotation = 0; rotation < size; ++rotation) {
        if (!mayBeBottom(intervals[rotation], voicing, seventh))
            continue;
        const int bottomClass = (chord.root + intervals[rotation]) % 12;
        // The bottoms of that class from kKeysLowest up to C5.
        for (int bottom = kKeysLowest + (bottomClass - kKeysLowest % 12 + 12) % 12; bottom <= 72; bottom += 12) {
            stacked[0] = bottom;
            for (qsizetype k = 1; k < size; ++k) {
                // The next tone's pitch class above the note below it.
                const int above = stacked[k - 1] + 1;
                const int pc = (chord.root + intervals[(rotation + k) % size]) % 12;
                stacked[k] = above + ((pc - above % 12) % 12 + 12) % 12;
            }
            if (stacked[size - 1] > kKeysHighest || stacked[size - 1] - stacked[0] > 19)
                continue;
            bool known;
            if (size <= kMaxKeyedNotes) {  // as voicings are (four notes at most)
                const VoicingKey key = voicingKey(stacked);
                known = std::find(keys.cbegin(), keys.cend(), key) != keys.cend();
                if (!known)
                    keys.append(key);
            } else {
                known = std::any_of(candidates.cbegin(), candidates.cend(), [&](const QList<int> &c) {
                    return std::equal(c.cbegin(), c.cend(), stacked.cbegin(), stacked.cend());
                });
            }
            if (!known)
                candidates.append(QList<int>(stacked.cbegin(), stacked.cend()));
        }
    }
}

} // namespace

int lowIntervalLimit(int semitones)
{
    return semitones >= 1 && semitones <= 11 ? kLowIntervalLimits[static_cast<size_t>(semitones)] : 0;
}

bool clearOfLowIntervals(const QList<int> &voicing)
{
    // lowIntervalLimit() written out: every candidate of every chord change is checked here.
    const int *notes = voicing.constData();
    const qsizetype count = voicing.size();
    for (qsizetype i = 0; i < count; ++i) {
        for (qsizetype j = i + 1; j < count; ++j) {
            const int semitones = notes[j] - notes[i];
            const int limit = semitones >= 1 && semitones <= 11 ? kLowIntervalLimits[static_cast<size_t>(semitones)] : 0;
            if (notes[i] < limit)
                return false;
        }
    }
    return true;
}

KeysCandidates keysVoicingCandidates(const Chord &chord, Voicing voicing)
{
    const QList<int> simple = simpleIntervals(chord);
    const QList<int> intervals = voicedIntervals(simple, voicing);
    const bool seventh = simple.size() >= 4;
    QList<QList<int>> candidates;
    // Every rotation in both orders from each of the (at most three) bottoms of its class.
    candidates.reserve(2 * 3 * intervals.size());
    QVarLengthArray<VoicingKey, 64> keys;
    // The tones in the symbol's order (E7#9: E G# D G, the guitarist's voicing) and in close
    // position (rising from each tone: the rootless A and B shapes are two of these).
    stackRotations(chord, intervals, voicing, seventh, candidates, keys);
    QList<int> ascending = intervals;
    std::sort(ascending.begin(), ascending.end());
    stackRotations(chord, ascending, voicing, seventh, candidates, keys);
    std::vector<bool> clear;
    clear.reserve(static_cast<size_t>(candidates.size()));
    for (const QList<int> &candidate : candidates)
        clear.push_back(clearOfLowIntervals(candidate));
    return {candidates, std::move(clear)};
}

QList<int> chooseKeysVoicing(const Chord &chord, Voicing voicing, const KeysCandidates &candidates,
                             const QList<int> &previous, int floor)
{
    static const QList<int> kMiddle{60, 64, 67};
    const QList<int> &reference = previous.isEmpty() ? kMiddle : previous;
    const QList<int> *best = nullptr;
    double bestCost = 1e9;
    for (qsizetype c = 0; c < candidates.voicings.size(); ++c) {
        const QList<int> &candidate = candidates.voicings[c];
        // Above the bass and clear down low first; then the least movement, staying near the
        // middle of the keyboard over a long song instead of drifting away.
        const double muddy = (candidate.first() <= floor ? 1000.0 : 0.0) + (candidates.clear[static_cast<size_t>(c)] ? 0.0 : 500.0);
        const double centre = std::abs(candidate.first() + candidate.last() - 128) * 0.25;
        const double cost = muddy + movement(candidate, reference) + centre;
        if (cost < bestCost) {
            bestCost = cost;
            best = &candidate;
        }
    }
    QList<int> chosen = *best;
    // No shape fits above a very high bass: the notes at or under it are left out.
    while (chosen.size() > 1 && chosen.first() <= floor)
        chosen.removeFirst();
    return voicing == Voicing::Spread ? withRootUnder(chosen, chord.root, floor) : chosen;
}

} // namespace aiband
