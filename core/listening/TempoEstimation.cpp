#include "TempoEstimation.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace aiband {

std::optional<double> estimateBeatPeriod(const std::vector<float> &onsets, double framesPerSecond)
{
    const int n = static_cast<int>(onsets.size());
    const int shortest = static_cast<int>(std::floor(framesPerSecond * 60.0 / 240.0));
    const int longest = static_cast<int>(std::ceil(framesPerSecond * 60.0 / 40.0));
    if (n < 2 * longest / 3 || shortest < 2)
        return std::nullopt;
    const double mean = std::accumulate(onsets.begin(), onsets.end(), 0.0) / n;
    std::vector<double> centred(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        centred[static_cast<size_t>(i)] = onsets[static_cast<size_t>(i)] - mean;
    const int maxLag = std::min(longest + 1, n - 1);
    std::vector<double> weighted(static_cast<size_t>(maxLag + 1), 0.0);
    double zeroLag = 0;
    for (int i = 0; i < n; ++i)
        zeroLag += centred[static_cast<size_t>(i)] * centred[static_cast<size_t>(i)];
    if (zeroLag <= 1e-12)
        return std::nullopt;
    for (int lag = shortest - 1; lag <= maxLag; ++lag) {
        double sum = 0;
        for (int i = lag; i < n; ++i)
            sum += centred[static_cast<size_t>(i)] * centred[static_cast<size_t>(i - lag)];
        // Normalised by the overlap, so long lags are not penalised for their shorter overlap.
        const double correlation = sum / (n - lag) * n / zeroLag;
        const double bpm = 60.0 * framesPerSecond / lag;
        const double octaves = std::log2(bpm / 120.0);
        weighted[static_cast<size_t>(lag)] = correlation * std::exp(-0.5 * octaves * octaves);
    }
    int best = -1;
    for (int lag = shortest; lag < maxLag; ++lag)
        if (best < 0 || weighted[static_cast<size_t>(lag)] > weighted[static_cast<size_t>(best)])
            best = lag;
    if (best < 0 || weighted[static_cast<size_t>(best)] <= 0.05)
        return std::nullopt;
    const double a = weighted[static_cast<size_t>(best - 1)];
    const double b = weighted[static_cast<size_t>(best)];
    const double c = weighted[static_cast<size_t>(best + 1)];
    const double curvature = a - 2 * b + c;
    const double offset = curvature < 0 ? std::clamp(0.5 * (a - c) / curvature, -0.5, 0.5) : 0.0;
    return best + offset;
}

} // namespace aiband
