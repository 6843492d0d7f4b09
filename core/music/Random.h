#pragma once

#include <array>
#include <cstdint>

namespace aiband {

// MT19937, the sequence std::mt19937 is required to produce, written out here because the
// standard library's twist branches on the low bit of every state word: a coin toss the CPU
// mispredicts half the time, which was a sixth of all mispredicted branches in a render. The
// same seed gives the same numbers as std::mt19937 (the engine's files depend on it).
class MersenneTwister {
public:
    explicit MersenneTwister(std::uint32_t seed)
    {
        m_state[0] = seed;
        for (std::uint32_t i = 1; i < kSize; ++i)
            m_state[i] = 1812433253u * (m_state[i - 1] ^ (m_state[i - 1] >> 30)) + i;
    }

    std::uint32_t operator()()
    {
        if (m_next == kSize)
            refill();
        return m_output[m_next++];
    }

private:
    static constexpr std::uint32_t kSize = 624;
    static constexpr std::uint32_t kShift = 397;

    // The next 624 numbers at once (Random.cpp): the state twisted, then every word tempered.
    void refill();

    std::array<std::uint32_t, kSize> m_state;
    std::array<std::uint32_t, kSize> m_output;  // the tempered words of the current state
    std::uint32_t m_next = kSize;
};

// Seeded, platform-independent randomness: the MT19937 sequence is fixed by the standard, the
// standard distributions are not, so ranges are derived from the raw output here.
class Random {
public:
    explicit Random(std::uint32_t seed) : m_engine(seed) {}
    int between(int low, int high) // inclusive
    {
        const auto span = static_cast<std::uint32_t>(high - low + 1);
        return low + static_cast<int>(m_engine() % span);
    }

private:
    MersenneTwister m_engine;
};

} // namespace aiband
