#pragma once

#include "Arrangement.h"
#include "Meter.h"
#include "MidiFile.h"
#include "Random.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace aiband {

// std::llround and std::floor as the engine uses them on every note, without the library call
// (or the long inline sequence) the compiler emits for them on baseline x86-64. Both give exactly
// the standard functions' results for every |x| < 2^62, the sign of a zero included; positions,
// ticks and velocities are far inside that. No branches on the value: humanized times round up
// or down at random, which a branch predictor cannot learn.
inline qint64 roundHalfAwayFromZero(double x)
{
    const auto whole = static_cast<qint64>(x);                // toward zero
    const double fraction = x - static_cast<double>(whole);   // exact: x less its integer part
    return whole + static_cast<qint64>(fraction >= 0.5) - static_cast<qint64>(fraction <= -0.5);
}

inline double floorOf(double x)
{
    const auto truncated = static_cast<double>(static_cast<qint64>(x));
    // One less below zero when x had a fraction; the sign of x keeps floor(-0.0) at -0.0.
    return std::copysign(truncated - static_cast<double>(truncated > x), x);
}

// Who plays a note, for timing: each has its own feel (a snare a hair late, hats loose).
enum class Player { Kick, Snare, HiHat, Cymbal, Tom, Percussion, Bass, Keys, Guitar, Click };

Player drumPlayer(int gmNote);

// A player's timing at full humanize: played `biasMs` late (negative: early), spread `looseMs`
// around that.
struct TimingFeel {
    double biasMs;
    double looseMs;
};

// By Player, in its order.
inline constexpr TimingFeel kTimingFeels[] = {
    {0.0, 3.0},   // Kick
    {6.0, 4.0},   // Snare: laid back
    {-1.0, 8.0},  // HiHat: loose, pushing a little
    {0.0, 6.0},   // Cymbal
    {2.0, 5.0},   // Tom
    {0.0, 7.0},   // Percussion
    {4.0, 5.0},   // Bass
    {3.0, 9.0},   // Keys
    {2.0, 7.0},   // Guitar: the strum's start; its strings follow it
    {0.0, 0.0},   // Click
};

// Turns musical positions into ticks and pattern velocities into played ones, applying the
// arrangement's feel: swing, humanized timing and dynamics. Each part has its own instance
// (and random stream); decisions several parts must agree on use sharedChance().
class Performance {
public:
    Performance(const Arrangement &arrangement, quint32 partSalt);

    // The tick where a note written at `beat` is played: swung (unless `swing` is false, for
    // notes that mark where the harmony changes), then humanized.
    qint64 tick(double beat, Player player, bool swing = true);
    // The same for a position already swung (swung(beat)): for notes struck together, as a
    // chord's voices are, the swing is worked out once and each note humanized on its own.
    qint64 tickAtPosition(double position, Player player);
    // A pattern velocity, scaled by intensity and humanized; `accent` adds for strong positions.
    int velocity(int base, int accent = 0);
    // How much a position weighs in its bar: the downbeat most, then strong pulses, backbeats,
    // weak pulses, and least the notes between pulses. Added to velocities, it is what makes a
    // part breathe with the meter instead of hitting every note the same.
    int metricAccent(double beat) const;
    // Where a bar sits in its phrase: players lean into a phrase's first bar and relax toward
    // its end, which shapes parts that play only a note or two per bar.
    int phraseAccent(double beat) const;
    // metricAccent(barStart + offset) for every bar that barOnGrid() accepts, when it is the same
    // for every position within 1e-9 of `offset` (as for any step of a pattern); otherwise none.
    // A part that plays the same offsets bar after bar works them out once.
    std::optional<int> steadyAccentInBar(double offset) const;
    // Whether a bar of `length` beats from `barStart` starts on the meter's grid (a whole number
    // of bars from the song's start, as metricAccent counts them) early enough in the song that
    // barStart + offset is within 1e-9 of the offset's place in the bar for every offset in it.
    bool barOnGrid(double barStart, double length) const
    {
        return barStart >= 0 && barStart < kGridSongBeats && length <= m_barLength && m_barLength < 1000
               && floorOf(inBars(barStart) + 1e-9) * m_barLength == barStart;
    }
    // Whether an optional ('?') hit at this place is played. The same for every part, so the bass
    // locked to the kick plays exactly the kick's optional hits.
    bool sharedChance(int bar, int step, double probability) const;
    // Whether an optional ('?') step of a pattern is played: more often as complexity rises,
    // and the same answer for every part that asks about the same voice and step.
    bool playsOptional(int bar, int step, int voice) const;

    double swung(double beat) const   // the position after swing, before humanizing
    {
        return m_swings ? swungPosition(beat) : beat;
    }
    Random &random() { return m_random; }
    const Feel &feel() const { return m_arrangement.feel; }

private:
    static constexpr int kBetweenPulses = -6;  // metricAccent between pulses
    // Below 2^22 beats a double's rounding error is under 1e-9 beats (barOnGrid).
    static constexpr double kGridSongBeats = 4194304.0;

    double swungPosition(double beat) const;
    // `beats` / the bar's length. A bar of 1, 2, 4 or 8 beats (2/4, 4/4...) is divided by
    // multiplying by its inverse: the same quotient, exactly, without a division's latency in
    // the chain that every note's accent and swing wait on.
    double inBars(double beats) const { return m_barInverseExact ? beats * m_barInverse : beats / m_barLength; }

    // Where swing moves a position of the bar: what swungPosition works out from `inBar` alone
    // (the pulse and the pair it falls in), kept for the positions a part plays again bar after
    // bar. A slot is found by the position's bits and holds it exactly, so an answer is reused
    // only for the very same position.
    struct SwingAtPosition {
        double inBar = std::numeric_limits<double>::quiet_NaN();  // never equal: an empty slot
        bool moves = false;       // an offbeat of a pair: moved to pulseStart + pairStart + delay
        double pulseStart = 0.0;
        double pairStart = 0.0;
    };
    const SwingAtPosition &swingAt(double inBar) const;
    const SwingAtPosition &workOutSwing(SwingAtPosition &slot, double inBar) const;  // fills an empty slot
    int accentOfPulseAt(double inBar) const;
    int accentBySearch(double inBar) const;  // for pulses off the half beats

    const Arrangement &m_arrangement;
    QList<Pulse> m_pulses;
    // metricAccent by half beat of the bar (where every meter's pulses start), -6 between pulses;
    // empty when a pulse starts elsewhere (then the pulses are searched).
    std::vector<int> m_accentByHalfBeat;
    bool m_swings;        // the feel swings at all (a ratio above straight)
    double m_swingPair;   // the length of a swung pair: an eighth-note pair is a beat
    // See swingAt(); only for a feel that swings, so that a straight part does not set it up.
    std::unique_ptr<std::array<SwingAtPosition, 128>> m_swingAt;
    double m_barLength;
    double m_barInverse;       // 1 / m_barLength
    bool m_barInverseExact;    // m_barLength is a power of two, so multiplying by the inverse is exact
    double m_musicStart;
    int m_phraseBars;
    double m_ticksPerMs;
    // The feel's humanize and the gain its intensity gives velocities (0.75 + 0.5 * intensity),
    // read for every note: kept here rather than read through the arrangement each time.
    double m_humanize;
    double m_velocityGain;
    Random m_random;
};

// The calls below are made for every note, from every generator: inline.

inline qint64 Performance::tick(double beat, Player player, bool swing)
{
    return tickAtPosition(swing ? swung(beat) : beat, player);
}

inline qint64 Performance::tickAtPosition(double position, Player player)
{
    const TimingFeel timing = kTimingFeels[static_cast<int>(player)];
    const double humanize = m_humanize;
    double offsetMs = 0.0;
    if (humanize > 0.0) {
        const double spread = m_random.between(-1000, 1000) / 1000.0;
        offsetMs = humanize * (timing.biasMs + spread * timing.looseMs);
    }
    const double ticks = position * kTicksPerQuarter + offsetMs * m_ticksPerMs;
    return std::max<qint64>(0, roundHalfAwayFromZero(ticks));
}

inline int Performance::velocity(int base, int accent)
{
    double value = (base + accent) * m_velocityGain;
    if (m_humanize > 0.0)
        value += m_random.between(-1000, 1000) / 1000.0 * 10.0 * m_humanize;
    return std::clamp(static_cast<int>(roundHalfAwayFromZero(value)), 1, 127);
}

inline int Performance::phraseAccent(double beat) const
{
    if (beat < m_musicStart)
        return 0;
    const int bar = static_cast<int>(floorOf(inBars(beat - m_musicStart) + 1e-9));
    // Long phrases breathe in groups of four bars, the phrase's own first bar strongest.
    const int inPhrase = bar % m_phraseBars;
    switch (inPhrase % 4) {
    case 0: return inPhrase == 0 ? 7 : 4;
    case 1: return -2;
    case 2: return 3;
    default: return -4;
    }
}

// Swing and accents are asked for every note: the lookups are inline, the work for a position
// seen the first time (or a meter off the half beats) is not.

inline double Performance::swungPosition(double beat) const
{
    const double barStart = floorOf(inBars(beat) + 1e-9) * m_barLength;
    const SwingAtPosition &swing = swingAt(beat - barStart);
    if (!swing.moves)
        return beat;
    return barStart + swing.pulseStart + swing.pairStart + m_arrangement.feel.swingRatio * m_swingPair;
}

inline const Performance::SwingAtPosition &Performance::swingAt(double inBar) const
{
    const quint64 bits = std::bit_cast<quint64>(inBar);
    SwingAtPosition &slot = (*m_swingAt)[(bits * 0x9E3779B97F4A7C15ull) >> 57];
    return slot.inBar == inBar ? slot : workOutSwing(slot, inBar);
}

inline int Performance::accentOfPulseAt(double inBar) const
{
    if (m_accentByHalfBeat.empty())
        return accentBySearch(inBar);
    // Pulses are half a beat apart at least, so only the nearest half beat can hold one within
    // 1e-6 of `inBar`; both differences below are exact (the operands are that close), so this
    // is the search's answer.
    const double halves = inBar * 2;
    const qint64 nearest = roundHalfAwayFromZero(halves);
    if (nearest < 0 || nearest >= static_cast<qint64>(m_accentByHalfBeat.size())
        || std::abs(halves - static_cast<double>(nearest)) >= 2 * 1e-6)
        return kBetweenPulses;
    return m_accentByHalfBeat[static_cast<size_t>(nearest)];
}

inline int Performance::metricAccent(double beat) const
{
    const double barStart = floorOf(inBars(beat) + 1e-9) * m_barLength;
    return accentOfPulseAt(beat - barStart);
}

} // namespace aiband
