#include "Random.h"

namespace aiband {
namespace {

constexpr std::uint32_t kSize = 624;
constexpr std::uint32_t kShift = 397;

// MT19937's twist of the 624 state words, then every word tempered into `output`. Word k is
// remade from words k + 1 and k + 397, counted round the state, in order; three stretches, so
// that no index needs a modulo.
//
// Loops over whole arrays, which the compiler turns into vector instructions, instead of a
// twist step and a tempering per number drawn (most notes draw two or three). Compiled twice,
// for baseline x86-64 (four words per instruction) and for AVX2 (eight), the one the CPU runs
// chosen when the program loads; integer operations only, so both give the same words. Here and
// not in the header: a function compiled twice must be defined once, in one file.
[[gnu::target_clones("avx2", "default")]] void twistAndTemper(std::uint32_t *__restrict state,
                                                              std::uint32_t *__restrict output)
{
    const auto remake = [state](std::uint32_t k, std::uint32_t next, std::uint32_t far) {
        const std::uint32_t y = (state[k] & 0x80000000u) | (state[next] & 0x7FFFFFFFu);
        // 0x9908B0DF when y is odd, 0 when even: a mask, not a branch.
        state[k] = state[far] ^ (y >> 1) ^ ((0u - (y & 1u)) & 0x9908B0DFu);
    };
    std::uint32_t k = 0;
    for (; k < kSize - kShift; ++k)
        remake(k, k + 1, k + kShift);
    for (; k < kSize - 1; ++k)
        remake(k, k + 1, k + kShift - kSize);
    remake(kSize - 1, 0, kShift - 1);

    for (k = 0; k < kSize; ++k) {
        std::uint32_t y = state[k];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680u;
        y ^= (y << 15) & 0xEFC60000u;
        output[k] = y ^ (y >> 18);
    }
}

} // namespace

// Once per 624 numbers: out of line, not worth a copy in every caller.
void MersenneTwister::refill()
{
    static_assert(kSize == MersenneTwister::kSize && kShift == MersenneTwister::kShift);
    twistAndTemper(m_state.data(), m_output.data());
    m_next = 0;
}

} // namespace aiband
