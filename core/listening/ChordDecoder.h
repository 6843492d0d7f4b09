#pragma once

#include "BeatHarmony.h"
#include "ChordVocabulary.h"

#include <array>
#include <optional>
#include <vector>

namespace aiband {

using ChordScores = std::array<double, ChordVocabulary::kStates>;   // log-likelihoods per state

// How well each chord explains a beat: the correlation of the beat's treble chroma with the
// chord's template, plus a bonus when the bass chroma peaks on the chord's root (or, a little less, on its fifth), less a little
// for rich chords. N.C. scores a level that only chords clearly present beat, higher the flatter
// the beat's pitch classes (noise, a reverb tail), and wins outright when the beat is near silent: quieter than -70 dB or than 1/50 of the loudest beat
// so far (`loudest`, which the caller keeps).
ChordScores chordScores(const BeatHarmony &beat, float loudest, const ChordVocabulary &vocabulary);

// The share of the beat's likelihood that `state` holds among all states, 0..1.
double confidenceOf(const ChordScores &scores, int state);

// Transition log-probabilities between beats: staying is free, changing costs what
// MeterDetection's changeCostAt says for the beat (least on a downbeat), and with a key a change
// is cheaper towards chords that belong to it (key-aware prior).
class ChordTransitions {
public:
    ChordTransitions(const ChordVocabulary &vocabulary, const std::optional<Key> &key);
    double into(int state) const { return m_into[static_cast<size_t>(state)]; }   // the key's bonus for a change

private:
    ChordScores m_into{};
};

// The most likely chord per beat over the whole piece (Viterbi); changeCosts[i] is the cost of a
// change into beat i.
std::vector<int> decodeChords(const std::vector<ChordScores> &beats, const ChordTransitions &transitions,
                              const std::vector<double> &changeCosts);

// The decoded chords' sevenths settled per bar, by their beats' votes (`downbeats[i]` starts a
// bar). A picked dominant seventh is one quiet string, plucked once in the bar and ringing on,
// so the bar's other beats hear the plain triad and the decoder keeps it: a stretch of one
// major chord within a bar becomes the dominant seventh on the same root when that outscores
// the triad on at least a quarter of its beats, a note heard anywhere in the bar belonging to
// its chord. And a picking thumb re-strikes the root on 1 and 3, whose fifth partial is the
// major third: a minor seventh reads as a dominant seventh on those beats and as itself between
// them, so a dominant-seventh stretch whose beats are half m7 is m7. Not maj7 from a triad: the
// major seventh is the third's strong partial and wins beats without being played.
std::vector<int> seventhsHeardInTheBar(const std::vector<int> &path, const std::vector<ChordScores> &beats,
                                       const std::vector<bool> &downbeats);

// The same recursion run forward only: each beat's chord is decided as soon as the beat is
// heard, the best state of the forward pass, for live input.
class OnlineChordDecoder {
public:
    int next(const ChordScores &beat, const ChordTransitions &transitions, double changeCost);
    // The state next() would give for `beat`, without deciding it: a provisional guess from part
    // of a beat, to be decided by next() once the whole beat is heard.
    int peek(const ChordScores &beat, const ChordTransitions &transitions, double changeCost) const;

private:
    static ChordScores forward(const std::optional<ChordScores> &best, const ChordScores &beat,
                               const ChordTransitions &transitions, double changeCost);

    std::optional<ChordScores> m_best;
};

} // namespace aiband
