#include "Performance.h"

#include "MidiFile.h"
#include "Style.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace aiband {
namespace {

// splitmix64: a stateless hash, so a decision depends only on where it is made.
quint64 mix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// How much a position on a pulse weighs (Performance::metricAccent); between pulses it weighs
// kBetweenPulses.
int roleAccent(PulseRole role)
{
    switch (role) {
    case PulseRole::Downbeat: return 12;
    case PulseRole::Strong: return 7;
    case PulseRole::Backbeat: return 4;
    case PulseRole::Weak: return 2;
    }
    return 2;
}

// Whether `x` is 2^k for an integer k (0.5, 1, 2, 4...): then 1 / x is exact, and y * (1 / x)
// equals y / x for every y that is not subnormal.
bool isPowerOfTwo(double x)
{
    int exponent = 0;
    return x > 0 && std::isfinite(x) && std::frexp(x, &exponent) == 0.5;
}

} // namespace

Player drumPlayer(int note)
{
    switch (note) {
    case 35: case 36: return Player::Kick;
    case 37: case 38: case 39: case 40: return Player::Snare;
    case 42: case 44: case 46: return Player::HiHat;
    case 49: case 51: case 52: case 53: case 55: case 57: case 59: return Player::Cymbal;
    case 41: case 43: case 45: case 47: case 48: case 50: return Player::Tom;
    default: return Player::Percussion;
    }
}

Performance::Performance(const Arrangement &arrangement, quint32 partSalt)
    : m_arrangement(arrangement),
      m_pulses(pulsesOf(arrangement.timeSignature)),
      m_swings(arrangement.feel.swingRatio > 0.5 + 1e-9),
      m_swingPair(arrangement.feel.swingSubdivision == 16 ? 0.5 : 1.0),
      m_barLength(arrangement.timeSignature.beatsPerBar()),
      m_barInverse(1.0 / m_barLength),
      m_barInverseExact(isPowerOfTwo(m_barLength)),
      m_musicStart((arrangement.feel.countInBars + arrangement.feel.introBars) * m_barLength),
      m_phraseBars(arrangement.style ? arrangement.style->phraseBars : 4),
      m_ticksPerMs(kTicksPerQuarter * arrangement.tempoBpm / 60000.0),
      m_humanize(arrangement.feel.humanize),
      m_velocityGain(0.75 + 0.5 * arrangement.feel.intensity),
      m_random(arrangement.seed ^ (0x9E3779B9u * (partSalt + 1)))
{
    if (m_swings)
        m_swingAt = std::make_unique<std::array<SwingAtPosition, 128>>();
    std::vector<int> byHalfBeat(static_cast<size_t>(std::ceil(m_barLength * 2)) + 1, kBetweenPulses);
    for (const Pulse &pulse : m_pulses) {
        const double halves = pulse.start * 2;
        if (halves != std::floor(halves) || halves < 0 || halves >= static_cast<double>(byHalfBeat.size()))
            return;  // a pulse off the half beats: metricAccent searches
        byHalfBeat[static_cast<size_t>(halves)] = roleAccent(pulse.role);
    }
    m_accentByHalfBeat = std::move(byHalfBeat);
}

const Performance::SwingAtPosition &Performance::workOutSwing(SwingAtPosition &slot, double inBar) const
{
    slot = SwingAtPosition{inBar};
    for (const Pulse &pulse : m_pulses) {
        if (inBar < pulse.start - 1e-9 || inBar >= pulse.start + pulse.length - 1e-9)
            continue;
        if (pulse.compound) // a pulse in three is already a triplet feel
            return slot;
        const double pair = m_swingPair;
        const double inPulse = inBar - pulse.start;
        const double pairStart = floorOf(inPulse / pair + 1e-9) * pair;
        if (std::abs(inPulse - pairStart - pair / 2) < 1e-6)
            slot = SwingAtPosition{inBar, true, pulse.start, pairStart};
        return slot;
    }
    return slot;
}

int Performance::accentBySearch(double inBar) const
{
    for (const Pulse &pulse : m_pulses) {
        if (std::abs(inBar - pulse.start) < 1e-6)
            return roleAccent(pulse.role);
    }
    return kBetweenPulses;
}

std::optional<int> Performance::steadyAccentInBar(double offset) const
{
    // accentOfPulseAt changes only 1e-6 on either side of a half beat and where it rounds to the
    // next one, far more than 2e-9 apart: the same answer on both sides holds in between.
    const int accent = accentOfPulseAt(offset);
    if (offset < 0 || accentOfPulseAt(offset - 1e-9) != accent || accentOfPulseAt(offset + 1e-9) != accent)
        return std::nullopt;
    return accent;
}

bool Performance::playsOptional(int bar, int step, int voice) const
{
    return sharedChance(bar, step * 4096 + voice, 0.15 + 0.7 * m_arrangement.feel.complexity);
}

bool Performance::sharedChance(int bar, int step, double probability) const
{
    const quint64 hash = mix((static_cast<quint64>(m_arrangement.seed) << 32)
                             ^ (static_cast<quint64>(bar) << 12) ^ static_cast<quint64>(step));
    return static_cast<double>(hash % 10000) / 10000.0 < probability;
}

} // namespace aiband
