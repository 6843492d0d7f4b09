#include "MeterDetection.h"

#include <algorithm>
#include <cmath>

namespace aiband {

namespace {

constexpr double kThreeFourMargin = 0.05;

// How much the harmony changed from the beat before, 0..2 (one less the correlation).
std::vector<double> harmonicNovelty(const std::vector<BeatHarmony> &beats)
{
    std::vector<double> novelty(beats.size(), 0.0);
    for (size_t i = 1; i < beats.size(); ++i) {
        double ab = 0, aa = 0, bb = 0, meanA = 0, meanB = 0;
        std::array<double, 12> a{}, b{};
        for (size_t pc = 0; pc < 12; ++pc) {
            a[pc] = beats[i - 1].treble[pc] + beats[i - 1].bass[pc];
            b[pc] = beats[i].treble[pc] + beats[i].bass[pc];
            meanA += a[pc] / 12;
            meanB += b[pc] / 12;
        }
        for (size_t pc = 0; pc < 12; ++pc) {
            ab += (a[pc] - meanA) * (b[pc] - meanB);
            aa += (a[pc] - meanA) * (a[pc] - meanA);
            bb += (b[pc] - meanB) * (b[pc] - meanB);
        }
        novelty[i] = aa > 0 && bb > 0 ? 1.0 - ab / std::sqrt(aa * bb) : 0.0;
    }
    return novelty;
}

// The best phase of a bar of `length` beats and how much its downbeats stand out.
std::pair<int, double> bestPhase(const std::vector<double> &novelty, int length)
{
    double mean = 0;
    for (double n : novelty)
        mean += n / static_cast<double>(novelty.size());
    std::pair<int, double> best{0, -1e9};
    for (int phase = 0; phase < length; ++phase) {
        double sum = 0;
        int count = 0;
        for (size_t i = static_cast<size_t>(phase); i < novelty.size(); i += static_cast<size_t>(length)) {
            sum += novelty[i];
            ++count;
        }
        const double lift = count > 0 ? sum / count - mean : 0.0;
        if (lift > best.second)
            best = {phase, lift};
    }
    return best;
}

} // namespace

int heardBeatsPerBar(const TimeSignature &meter)
{
    if (meter.denominator == 8 && meter.numerator % 3 == 0)
        return meter.numerator / 3;   // compound: the heard beat is the dotted quarter
    return std::max(1, meter.numerator);
}

namespace {

int barPosition(int index, const MeterGuess &meter)
{
    const int perBar = heardBeatsPerBar(meter.meter);
    return ((index - meter.firstDownbeat) % perBar + perBar) % perBar;
}

} // namespace

bool isDownbeat(int index, const MeterGuess &meter)
{
    return barPosition(index, meter) == 0;
}

double changeCostAt(int index, const std::optional<MeterGuess> &meter)
{
    constexpr double kOnDownbeat = 2.0;
    constexpr double kMidBar = 3.0;
    constexpr double kOffBeat = 4.5;
    if (!meter)
        return kMidBar;
    const int perBar = heardBeatsPerBar(meter->meter);
    const int position = barPosition(index, *meter);
    if (position == 0)
        return kOnDownbeat;
    return perBar % 2 == 0 && position == perBar / 2 ? kMidBar : kOffBeat;
}

MeterGuess guessMeter(const std::vector<BeatHarmony> &beats, const std::optional<TimeSignature> &given)
{
    const std::vector<double> novelty = harmonicNovelty(beats);
    if (given)
        return {*given, novelty.empty() ? 0 : bestPhase(novelty, heardBeatsPerBar(*given)).first};
    if (novelty.empty())
        return {};
    const auto four = bestPhase(novelty, 4);
    const auto three = bestPhase(novelty, 3);
    if (three.second > four.second + kThreeFourMargin)
        return {TimeSignature{3, 4}, three.first};
    return {TimeSignature{4, 4}, four.first};
}

} // namespace aiband
