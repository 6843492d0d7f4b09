#include "ChordDecoder.h"

#include <algorithm>
#include <cmath>

namespace aiband {

namespace {

constexpr double kSharpness = 12.0;      // log-likelihood per unit of correlation
constexpr double kBassWeight = 0.08;
constexpr float kFifthInTheBass = 0.8f;   // an alternating bass's fifth, as much as its root
constexpr double kNoChordLevel = 0.3;    // the correlation a chord must beat to be heard
constexpr float kCompression = 10.0f;
constexpr double kContrastFloor = 0.5;    // compressed chroma flatter than this leans to N.C.
constexpr double kFlatWeight = 1.0;
constexpr double kKeyWeight = 1.0;
constexpr float kSilence = 0.02f;        // harmonic semitone energy of about -70 dB
// A beat this far under the loudest so far (about -34 dB in amplitude) is what rings on after
// the music stopped, a room's tail or a string left to die, not a chord being played.
constexpr float kTailShare = 0.02f;

// A bar's chord read again from its beats' votes (seventhsHeardInTheBar): a stretch decoded as
// `decoded` becomes `heard` on the same root when `heard` outscores it on `share` of its beats.
// Qualities as ChordVocabulary numbers them: maj 0, 7 2, m7 4.
struct Rereading {
    int decoded;
    int heard;
    double share;
};
constexpr std::array<Rereading, 2> kRereadings{{
    {0, 2, 0.25},   // a seventh plucked once is heard on one beat of four
    {2, 4, 0.5},    // the root re-struck on 1 and 3 sounds its major third (fifth partial)
}};

// Loudness compressed like hearing does, relative to the beat's loudest pitch class, so one
// loud note or partial does not outvote the rest of the chord.
PitchClasses compressed(const PitchClasses &values)
{
    const float peak = *std::max_element(values.begin(), values.end());
    PitchClasses out{};
    if (peak <= 0)
        return out;
    for (size_t pc = 0; pc < 12; ++pc)
        out[pc] = std::log1p(kCompression * values[pc] / peak);
    return out;
}

// How far the beat's pitch classes are from standing out of each other: 0 for a chord, rising
// towards kFlatWeight as they flatten into noise (drums left over, hiss, a room ringing).
double flatness(const PitchClasses &treble)
{
    const PitchClasses levels = compressed(treble);
    float mean = 0;
    for (float v : levels)
        mean += v / 12.0f;
    if (mean <= 0)
        return kFlatWeight;
    float variance = 0;
    for (float v : levels)
        variance += (v - mean) * (v - mean) / 12.0f;
    const double contrast = std::sqrt(variance) / mean;
    return kFlatWeight * std::max(0.0, kContrastFloor - contrast) / kContrastFloor;
}

// The best and second-best states of a score vector, for a max over all states but one.
std::pair<int, int> bestTwo(const ChordScores &scores)
{
    int best = 0;
    int second = 1;
    if (scores[1] > scores[0])
        std::swap(best, second);
    for (int state = 2; state < ChordVocabulary::kStates; ++state) {
        if (scores[static_cast<size_t>(state)] > scores[static_cast<size_t>(best)]) {
            second = best;
            best = state;
        } else if (scores[static_cast<size_t>(state)] > scores[static_cast<size_t>(second)]) {
            second = state;
        }
    }
    return {best, second};
}

} // namespace

ChordScores chordScores(const BeatHarmony &beat, float loudest, const ChordVocabulary &vocabulary)
{
    ChordScores scores{};
    const bool silent = beat.energy < kSilence || beat.energy < kTailShare * loudest;
    const PitchClasses treble = zScored(compressed(beat.treble));
    const float bassPeak = *std::max_element(beat.bass.begin(), beat.bass.end());
    float bassMean = 0;
    for (float v : beat.bass)
        bassMean += v / 12.0f;
    for (int state = 0; state < ChordVocabulary::kChordStates; ++state) {
        const PitchClasses &chord = vocabulary.treble(state);
        double correlation = 0;
        for (size_t pc = 0; pc < 12; ++pc)
            correlation += treble[pc] * chord[pc];
        const auto bassOn = [&](int pc) { return bassPeak > 0 ? (beat.bass[static_cast<size_t>(pc % 12)] - bassMean) / bassPeak : 0.0f; };
        const int root = ChordVocabulary::rootOf(state);
        // A picking thumb or a bass player alternates root and fifth, and a low root often
        // sounds weaker than the fifth above it: the fifth in the bass also speaks for the root,
        // so G with D in the bass is not taken for Dsus4.
        const float bass = std::max(bassOn(root), kFifthInTheBass * bassOn(root + 7));
        scores[static_cast<size_t>(state)] = kSharpness * (correlation + kBassWeight * bass - vocabulary.complexity(state));
    }
    scores[ChordVocabulary::kNoChord] = kSharpness * (silent ? 2.0 : kNoChordLevel + flatness(beat.treble));
    return scores;
}

double confidenceOf(const ChordScores &scores, int state)
{
    const double top = *std::max_element(scores.begin(), scores.end());
    double sum = 0;
    for (double s : scores)
        sum += std::exp(s - top);
    return std::exp(scores[static_cast<size_t>(state)] - top) / sum;
}

ChordTransitions::ChordTransitions(const ChordVocabulary &vocabulary, const std::optional<Key> &key)
{
    for (int state = 0; state < ChordVocabulary::kStates; ++state)
        m_into[static_cast<size_t>(state)] = key ? kKeyWeight * vocabulary.fitInKey(state, *key) : 0.0;
}

std::vector<int> decodeChords(const std::vector<ChordScores> &beats, const ChordTransitions &transitions,
                              const std::vector<double> &changeCosts)
{
    if (beats.empty())
        return {};
    constexpr int kStates = ChordVocabulary::kStates;
    std::vector<std::array<int, kStates>> from(beats.size());
    ChordScores delta = beats.front();
    for (size_t beat = 1; beat < beats.size(); ++beat) {
        const auto [best, second] = bestTwo(delta);
        ChordScores next{};
        for (int state = 0; state < kStates; ++state) {
            const int other = state == best ? second : best;
            const double stay = delta[static_cast<size_t>(state)];
            const double change = delta[static_cast<size_t>(other)] + transitions.into(state) - changeCosts[beat];
            from[beat][static_cast<size_t>(state)] = stay >= change ? state : other;
            next[static_cast<size_t>(state)] = std::max(stay, change) + beats[beat][static_cast<size_t>(state)];
        }
        delta = next;
    }
    std::vector<int> path(beats.size());
    path.back() = static_cast<int>(std::max_element(delta.begin(), delta.end()) - delta.begin());
    for (size_t beat = beats.size() - 1; beat > 0; --beat)
        path[beat - 1] = from[beat][static_cast<size_t>(path[beat])];
    return path;
}

std::vector<int> seventhsHeardInTheBar(const std::vector<int> &path, const std::vector<ChordScores> &beats,
                                       const std::vector<bool> &downbeats)
{
    std::vector<int> refined = path;
    for (size_t from = 0; from < path.size();) {
        size_t to = from + 1;
        while (to < path.size() && !downbeats[to] && path[to] == path[from])
            ++to;
        const int state = path[from];
        const auto rereading = std::find_if(kRereadings.begin(), kRereadings.end(), [&](const Rereading &r) {
            return state != ChordVocabulary::kNoChord && state % ChordVocabulary::kQualities == r.decoded;
        });
        if (rereading != kRereadings.end()) {
            const int other = ChordVocabulary::rootOf(state) * ChordVocabulary::kQualities + rereading->heard;
            int votes = 0;
            for (size_t beat = from; beat < to; ++beat)
                votes += beats[beat][static_cast<size_t>(other)] > beats[beat][static_cast<size_t>(state)];
            if (votes >= rereading->share * static_cast<double>(to - from))
                std::fill(refined.begin() + static_cast<std::ptrdiff_t>(from), refined.begin() + static_cast<std::ptrdiff_t>(to), other);
        }
        from = to;
    }
    return refined;
}

ChordScores OnlineChordDecoder::forward(const std::optional<ChordScores> &best, const ChordScores &beat,
                                        const ChordTransitions &transitions, double changeCost)
{
    if (!best)
        return beat;
    const auto [top, second] = bestTwo(*best);
    ChordScores next{};
    for (int state = 0; state < ChordVocabulary::kStates; ++state) {
        const int other = state == top ? second : top;
        next[static_cast<size_t>(state)] = std::max((*best)[static_cast<size_t>(state)],
                                                    (*best)[static_cast<size_t>(other)] + transitions.into(state) - changeCost)
            + beat[static_cast<size_t>(state)];
    }
    // Only differences matter; keeping the top at 0 keeps long streams from overflowing.
    const double highest = *std::max_element(next.begin(), next.end());
    for (double &s : next)
        s -= highest;
    return next;
}

int OnlineChordDecoder::next(const ChordScores &beat, const ChordTransitions &transitions, double changeCost)
{
    m_best = forward(m_best, beat, transitions, changeCost);
    return static_cast<int>(std::max_element(m_best->begin(), m_best->end()) - m_best->begin());
}

int OnlineChordDecoder::peek(const ChordScores &beat, const ChordTransitions &transitions, double changeCost) const
{
    const ChordScores guess = forward(m_best, beat, transitions, changeCost);
    return static_cast<int>(std::max_element(guess.begin(), guess.end()) - guess.begin());
}

} // namespace aiband
