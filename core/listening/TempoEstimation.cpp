#include "TempoEstimation.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace aiband {

namespace {

constexpr double kSlowestBar = 6.0;      // seconds: the longest period read as a bar
constexpr double kBarOverBeat = 1.5;     // how much clearer a bar's period must be than any beat's
constexpr double kClearBeat = 0.1;       // autocorrelation of a beat that is really heard
constexpr double kPreferenceWidth = 0.7;   // octaves: the spread of the preference around 120 BPM

// The autocorrelation of a mean-free signal at `lag`, normalised by the overlap and by lag 0.
double correlationAt(const std::vector<double> &centred, double zeroLag, int lag)
{
    const int n = static_cast<int>(centred.size());
    double sum = 0;
    for (int i = lag; i < n; ++i)
        sum += centred[static_cast<size_t>(i)] * centred[static_cast<size_t>(i - lag)];
    return sum / (n - lag) * n / zeroLag;
}

// The lag refined between frames by a parabola through its neighbours.
double refined(const std::vector<double> &values, int best)
{
    const double a = values[static_cast<size_t>(best - 1)];
    const double b = values[static_cast<size_t>(best)];
    const double c = values[static_cast<size_t>(best + 1)];
    const double curvature = a - 2 * b + c;
    return best + (curvature < 0 ? std::clamp(0.5 * (a - c) / curvature, -0.5, 0.5) : 0.0);
}

// Music struck once a bar (held chords on a piano or an organ) has no beat-level periodicity:
// its bar is cut into four beats, or into the number that gives a tempo nearest 110 BPM.
double beatOfBar(double barFrames, double framesPerSecond)
{
    const auto bpm = [&](int beats) { return 60.0 * framesPerSecond * beats / barFrames; };
    if (bpm(4) >= 60 && bpm(4) <= 180)
        return barFrames / 4;
    int best = 2;
    for (int beats : {3, 6, 8})
        if (std::abs(bpm(beats) - 110) < std::abs(bpm(best) - 110))
            best = beats;
    return barFrames / best;
}

} // namespace

std::optional<double> estimateBeatPeriod(const std::vector<float> &onsets, double framesPerSecond)
{
    const int n = static_cast<int>(onsets.size());
    const int shortest = static_cast<int>(std::floor(framesPerSecond * 60.0 / 240.0));
    const int longest = static_cast<int>(std::ceil(framesPerSecond * 60.0 / 40.0));
    if (n < 2 * longest / 3 || shortest < 2)
        return std::nullopt;
    const double mean = std::accumulate(onsets.begin(), onsets.end(), 0.0) / n;
    std::vector<double> centred(static_cast<size_t>(n));
    double zeroLag = 0;
    for (int i = 0; i < n; ++i) {
        centred[static_cast<size_t>(i)] = onsets[static_cast<size_t>(i)] - mean;
        zeroLag += centred[static_cast<size_t>(i)] * centred[static_cast<size_t>(i)];
    }
    if (zeroLag <= 1e-12)
        return std::nullopt;
    const int maxLag = std::min(longest + 1, n - 1);
    std::vector<double> raw(static_cast<size_t>(maxLag + 1), 0.0);
    std::vector<double> weighted(static_cast<size_t>(maxLag + 1), 0.0);
    for (int lag = shortest - 1; lag <= maxLag; ++lag) {
        raw[static_cast<size_t>(lag)] = correlationAt(centred, zeroLag, lag);
        const double octaves = std::log2(60.0 * framesPerSecond / lag / 120.0);
        weighted[static_cast<size_t>(lag)] = raw[static_cast<size_t>(lag)] * std::exp(-0.5 * octaves * octaves / (kPreferenceWidth * kPreferenceWidth));
    }
    int best = -1;
    for (int lag = shortest; lag < maxLag; ++lag)
        if (best < 0 || weighted[static_cast<size_t>(lag)] > weighted[static_cast<size_t>(best)])
            best = lag;
    const double beatClarity = best >= 0 ? raw[static_cast<size_t>(best)] : 0.0;

    // A bar's period, for music with nothing between its bar lines.
    const int barFrom = static_cast<int>(1.5 * framesPerSecond);
    const int barTo = std::min(static_cast<int>(kSlowestBar * framesPerSecond), n / 2);
    std::vector<double> barRaw(static_cast<size_t>(std::max(barTo + 2, 0)), 0.0);
    int bar = -1;
    for (int lag = barFrom - 1; lag <= barTo + 1 && lag < n; ++lag) {
        barRaw[static_cast<size_t>(lag)] = correlationAt(centred, zeroLag, lag);
        if (lag >= barFrom && lag <= barTo && (bar < 0 || barRaw[static_cast<size_t>(lag)] > barRaw[static_cast<size_t>(bar)]))
            bar = lag;
    }
    // A clear beat whose multiple the bar is (two bars, three: a repeated strum pattern) stands.
    const double beatsInBar = best > 0 ? static_cast<double>(bar) / best : 0.0;
    const bool barOfTheBeat = beatClarity >= kClearBeat && std::abs(beatsInBar - std::round(beatsInBar)) < 0.04 * beatsInBar;
    if (bar > 0 && !barOfTheBeat && barRaw[static_cast<size_t>(bar)] > 0.2
        && barRaw[static_cast<size_t>(bar)] > kBarOverBeat * std::max(beatClarity, 0.0))
        return beatOfBar(refined(barRaw, bar), framesPerSecond);
    if (best < 0 || weighted[static_cast<size_t>(best)] <= 0.05)
        return std::nullopt;
    return refined(weighted, best);
}

} // namespace aiband
