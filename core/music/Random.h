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

    // Word k is remade from words k + 1 and k + 397, counted round the state, in order.
    void twist()
    {
        const auto remake = [this](std::uint32_t k, std::uint32_t next, std::uint32_t far) {
            const std::uint32_t y = (m_state[k] & 0x80000000u) | (m_state[next] & 0x7FFFFFFFu);
            // 0x9908B0DF when y is odd, 0 when even: a mask, not a branch.
            m_state[k] = m_state[far] ^ (y >> 1) ^ ((0u - (y & 1u)) & 0x9908B0DFu);
        };
        // Three stretches, so that no index needs a modulo.
        std::uint32_t k = 0;
        for (; k < kSize - kShift; ++k)
            remake(k, k + 1, k + kShift);
        for (; k < kSize - 1; ++k)
            remake(k, k + 1, k + kShift - kSize);
        remake(kSize - 1, 0, kShift - 1);
    }

    // The next 624 numbers at once: the state twisted, then every word tempered. Loops over
    // whole arrays, which the compiler turns into vector instructions, instead of a twist step
    // and a tempering per number drawn (most notes draw two or three). With GCC on x86-64,
    // compiled twice, for baseline x86-64 (four words per instruction) and for AVX2 (eight), the
    // one the CPU runs chosen when the program loads; integer operations only, so both give the
    // same words. Not with clang (the fuzzing build): clang 14 cannot link a multiversioned
    // function defined in a header that several files include. (In a .cpp file of its own,
    // hidden from the callers, it cost jazz_swing 1.5 % more instructions.) Nor under GCC's
    // sanitizers: the choice runs while the program is being loaded, before their runtime has
    // started, and the ThreadSanitizer build crashed there (docs/RELIABILITY.md, "Churn"). Not
    // inlined: once per 624 numbers is not worth a copy in every caller.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_THREAD__) \
    && !defined(__SANITIZE_ADDRESS__)
    [[gnu::noinline, gnu::target_clones("avx2", "default")]]
#else
    [[gnu::noinline]]
#endif
    void refill()
    {
        twist();
        for (std::uint32_t k = 0; k < kSize; ++k) {
            std::uint32_t y = m_state[k];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9D2C5680u;
            y ^= (y << 15) & 0xEFC60000u;
            m_output[k] = y ^ (y >> 18);
        }
        m_next = 0;
    }

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
