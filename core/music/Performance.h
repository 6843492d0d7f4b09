#pragma once

#include "Arrangement.h"
#include "Meter.h"
#include "Random.h"

#include <cmath>

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
    // Whether an optional ('?') hit at this place is played. The same for every part, so the bass
    // locked to the kick plays exactly the kick's optional hits.
    bool sharedChance(int bar, int step, double probability) const;
    // Whether an optional ('?') step of a pattern is played: more often as complexity rises,
    // and the same answer for every part that asks about the same voice and step.
    bool playsOptional(int bar, int step, int voice) const;

    double swung(double beat) const;   // the position after swing, before humanizing
    Random &random() { return m_random; }
    const Feel &feel() const { return m_arrangement.feel; }

private:
    const Arrangement &m_arrangement;
    QList<Pulse> m_pulses;
    bool m_swings;        // the feel swings at all (a ratio above straight)
    double m_swingPair;   // the length of a swung pair: an eighth-note pair is a beat
    double m_barLength;
    double m_musicStart;
    int m_phraseBars;
    double m_ticksPerMs;
    Random m_random;
};

} // namespace aiband
