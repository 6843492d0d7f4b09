#include "Performance.h"

#include "MidiFile.h"
#include "Style.h"

#include <algorithm>
#include <cmath>

namespace aiband {
namespace {

struct TimingFeel {
    double biasMs;   // played this much late (negative: early) at full humanize
    double looseMs;  // spread around the bias at full humanize
};

TimingFeel timingFeel(Player player)
{
    switch (player) {
    case Player::Kick: return {0.0, 3.0};
    case Player::Snare: return {6.0, 4.0};   // laid back
    case Player::HiHat: return {-1.0, 8.0};  // loose, pushing a little
    case Player::Cymbal: return {0.0, 6.0};
    case Player::Tom: return {2.0, 5.0};
    case Player::Percussion: return {0.0, 7.0};
    case Player::Bass: return {4.0, 5.0};
    case Player::Keys: return {3.0, 9.0};
    case Player::Guitar: return {2.0, 7.0};  // the strum's start; its strings follow it
    case Player::Click: return {0.0, 0.0};
    }
    return {0.0, 0.0};
}

// splitmix64: a stateless hash, so a decision depends only on where it is made.
quint64 mix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
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
      m_musicStart((arrangement.feel.countInBars + arrangement.feel.introBars) * m_barLength),
      m_phraseBars(arrangement.style ? arrangement.style->phraseBars : 4),
      m_ticksPerMs(kTicksPerQuarter * arrangement.tempoBpm / 60000.0),
      m_random(arrangement.seed ^ (0x9E3779B9u * (partSalt + 1)))
{
}

double Performance::swung(double beat) const
{
    if (!m_swings)
        return beat;
    const double barStart = floorOf(beat / m_barLength + 1e-9) * m_barLength;
    const double inBar = beat - barStart;
    for (const Pulse &pulse : m_pulses) {
        if (inBar < pulse.start - 1e-9 || inBar >= pulse.start + pulse.length - 1e-9)
            continue;
        if (pulse.compound) // a pulse in three is already a triplet feel
            return beat;
        const double pair = m_swingPair;
        const double inPulse = inBar - pulse.start;
        const double pairStart = floorOf(inPulse / pair + 1e-9) * pair;
        if (std::abs(inPulse - pairStart - pair / 2) < 1e-6)
            return barStart + pulse.start + pairStart + m_arrangement.feel.swingRatio * pair;
        return beat;
    }
    return beat;
}

qint64 Performance::tick(double beat, Player player, bool swing)
{
    return tickAtPosition(swing ? swung(beat) : beat, player);
}

qint64 Performance::tickAtPosition(double position, Player player)
{
    const TimingFeel timing = timingFeel(player);
    const double humanize = m_arrangement.feel.humanize;
    double offsetMs = 0.0;
    if (humanize > 0.0) {
        const double spread = m_random.between(-1000, 1000) / 1000.0;
        offsetMs = humanize * (timing.biasMs + spread * timing.looseMs);
    }
    const double ticks = position * kTicksPerQuarter + offsetMs * m_ticksPerMs;
    return std::max<qint64>(0, roundHalfAwayFromZero(ticks));
}

int Performance::velocity(int base, int accent)
{
    const Feel &feel = m_arrangement.feel;
    const double gain = 0.75 + 0.5 * feel.intensity;
    double value = (base + accent) * gain;
    if (feel.humanize > 0.0)
        value += m_random.between(-1000, 1000) / 1000.0 * 10.0 * feel.humanize;
    return std::clamp(static_cast<int>(roundHalfAwayFromZero(value)), 1, 127);
}

int Performance::metricAccent(double beat) const
{
    const double barStart = floorOf(beat / m_barLength + 1e-9) * m_barLength;
    const double inBar = beat - barStart;
    for (const Pulse &pulse : m_pulses) {
        if (std::abs(inBar - pulse.start) < 1e-6) {
            switch (pulse.role) {
            case PulseRole::Downbeat: return 12;
            case PulseRole::Strong: return 7;
            case PulseRole::Backbeat: return 4;
            case PulseRole::Weak: return 2;
            }
        }
    }
    return -6;
}

int Performance::phraseAccent(double beat) const
{
    if (beat < m_musicStart)
        return 0;
    const int bar = static_cast<int>(floorOf((beat - m_musicStart) / m_barLength + 1e-9));
    // Long phrases breathe in groups of four bars, the phrase's own first bar strongest.
    const int inPhrase = bar % m_phraseBars;
    switch (inPhrase % 4) {
    case 0: return inPhrase == 0 ? 7 : 4;
    case 1: return -2;
    case 2: return 3;
    default: return -4;
    }
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
