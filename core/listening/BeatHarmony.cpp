#include "BeatHarmony.h"

#include <algorithm>
#include <cmath>

namespace aiband {

namespace {
constexpr double kEndMargin = 0.12;   // seconds: about a third of the chroma window
}

BeatHarmony harmonyBetween(const std::vector<ChromaFrame> &frames, double start, double end)
{
    BeatHarmony harmony;
    if (frames.empty())
        return harmony;
    const auto first = std::lower_bound(frames.begin(), frames.end(), start,
                                        [](const ChromaFrame &frame, double t) { return frame.seconds < t; });
    end = harmonyEnd(start, end);
    auto last = std::lower_bound(first, frames.end(), end,
                                 [](const ChromaFrame &frame, double t) { return frame.seconds < t; });
    auto from = first;
    if (from == last) {   // no frame inside: the nearest one
        from = first == frames.end() ? first - 1 : first;
        last = from + 1;
    }
    const float count = static_cast<float>(last - from);
    std::vector<float> energies;
    for (auto frame = from; frame != last; ++frame) {
        for (size_t pc = 0; pc < 12; ++pc) {
            harmony.bass[pc] += frame->bass[pc] / count;
            harmony.treble[pc] += frame->treble[pc] / count;
        }
        energies.push_back(frame->energy);
    }
    std::nth_element(energies.begin(), energies.begin() + static_cast<std::ptrdiff_t>(energies.size() / 2), energies.end());
    harmony.energy = energies[energies.size() / 2];
    return harmony;
}

double harmonyEnd(double start, double end)
{
    return end - std::min(kEndMargin, (end - start) / 3);
}

} // namespace aiband
