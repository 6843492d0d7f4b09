#include "BeatTiming.h"

#include <algorithm>
#include <cmath>

namespace aiband {

bool audibleBeat(const std::vector<float> &onsets, int frame, float level)
{
    const int size = static_cast<int>(onsets.size());
    for (int t = std::max(0, frame - 3); t <= std::min(size - 1, frame + 3); ++t)
        if (onsets[static_cast<size_t>(t)] >= level)
            return true;
    return false;
}

float audibleLevel(double sumOfSquares, double count)
{
    return count > 0 ? static_cast<float>(0.2 * std::sqrt(sumOfSquares / count)) : 0.0f;
}

double tempoOfBeats(const std::vector<double> &seconds)
{
    const size_t n = seconds.size();
    if (n < 2)
        return 0.0;
    double meanIndex = (n - 1) / 2.0;
    double meanTime = 0;
    for (double t : seconds)
        meanTime += t / static_cast<double>(n);
    double covariance = 0, variance = 0;
    for (size_t i = 0; i < n; ++i) {
        covariance += (static_cast<double>(i) - meanIndex) * (seconds[i] - meanTime);
        variance += (static_cast<double>(i) - meanIndex) * (static_cast<double>(i) - meanIndex);
    }
    const double secondsPerBeat = covariance / variance;
    return secondsPerBeat > 0 ? 60.0 / secondsPerBeat : 0.0;
}

} // namespace aiband
