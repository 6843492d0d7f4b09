#pragma once

#include <cstdint>
#include <random>

namespace aiband {

// Seeded, platform-independent randomness: std::mt19937's sequence is fixed by the standard,
// the standard distributions are not, so ranges are derived from the raw output here.
class Random {
public:
    explicit Random(std::uint32_t seed) : m_engine(seed) {}
    int between(int low, int high) // inclusive
    {
        const auto span = static_cast<std::uint32_t>(high - low + 1);
        return low + static_cast<int>(m_engine() % span);
    }

private:
    std::mt19937 m_engine;
};

} // namespace aiband
