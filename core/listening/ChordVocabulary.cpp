#include "ChordVocabulary.h"

#include "music/KeyDetection.h"

#include <array>
#include <algorithm>
#include <cmath>

namespace aiband {

namespace {

struct Quality {
    const char *suffix;
    std::array<int, 4> intervals;   // -1 pads
    double complexity;
};

constexpr std::array<Quality, ChordVocabulary::kQualities> kQualityTable{{
    {"", {0, 4, 7, -1}, 0.0},
    {"m", {0, 3, 7, -1}, 0.0},
    {"7", {0, 4, 7, 10}, 0.01},
    {"maj7", {0, 4, 7, 11}, 0.03},
    {"m7", {0, 3, 7, 10}, 0.01},
    {"dim", {0, 3, 6, -1}, 0.02},
    {"aug", {0, 4, 8, -1}, 0.02},
    {"sus4", {0, 5, 7, -1}, 0.02},
}};

// Partials 1..6 of a tone land on its pitch class + these semitones, with these amplitudes.
constexpr std::array<int, 6> kPartialOffsets{0, 0, 7, 0, 4, 7};
constexpr float kPartialDecay = 0.7f;

const Quality &qualityOf(int state) { return kQualityTable[static_cast<size_t>(state % ChordVocabulary::kQualities)]; }

PitchClasses templateOf(int state)
{
    PitchClasses profile{};
    const int root = ChordVocabulary::rootOf(state);
    for (int interval : qualityOf(state).intervals) {
        if (interval < 0)
            continue;
        float amplitude = 1.0f;
        for (int offset : kPartialOffsets) {
            profile[static_cast<size_t>((root + interval + offset) % 12)] += amplitude;
            amplitude *= kPartialDecay;
        }
    }
    // Over 12, so that its dot product with a z-scored chroma is their correlation.
    PitchClasses scaled = zScored(profile);
    for (float &value : scaled)
        value /= 12.0f;
    return scaled;
}

Chord chordOfState(int state, const Key &key)
{
    if (state == ChordVocabulary::kNoChord)
        return parseChord(QStringLiteral("N.C.")).value();
    return parseChord(key.noteName(ChordVocabulary::rootOf(state)) + QLatin1String(qualityOf(state).suffix)).value();
}

} // namespace

ChordVocabulary::ChordVocabulary()
{
    for (int state = 0; state < kChordStates; ++state)
        m_templates.push_back(templateOf(state));
    m_templates.push_back(PitchClasses{});
    for (int state = 0; state < kStates; ++state)
        m_chords.push_back(chordOfState(state, Key{}));
}

QList<ChordEvent> ChordVocabulary::beatEvents(const std::vector<int> &states) const
{
    QList<ChordEvent> events;
    for (size_t i = 0; i < states.size(); ++i)
        events.append(ChordEvent{chord(states[i]), static_cast<double>(i), 1.0});
    return events;
}

QString ChordVocabulary::name(int state, const Key &key) const
{
    return chordOfState(state, key).canonical();
}

double ChordVocabulary::fitInKey(int state, const Key &key) const
{
    return state == kNoChord ? 0.0 : chordFitInKey(chord(state), key);
}

double ChordVocabulary::complexity(int state) const
{
    return state == kNoChord ? 0.0 : qualityOf(state).complexity;
}

} // namespace aiband
