#include "Generators.h"

#include <limits>

namespace aiband {

StepPattern stepPattern(const QList<Pulse> &pulses, const RoleCells &cells)
{
    StepPattern pattern;
    pattern.reserve(static_cast<size_t>(pulses.size()));
    for (const Pulse &pulse : pulses) {
        const Cell &cell = cells.cellFor(pulse);
        pattern.push_back({&pulse, &cell, pulse.length / cell.size()});
    }
    return pattern;
}

std::vector<Step> patternSteps(const StepPattern &pattern, bool withRests)
{
    // forEachStep's walk over a bar at beat 0 long enough for every step.
    PlannedBar whole;
    whole.lengthBeats = std::numeric_limits<double>::infinity();
    std::vector<Step> steps;
    size_t count = 0;
    for (const PulseCell &pulse : pattern)
        count += static_cast<size_t>(pulse.cell->size());
    steps.reserve(count);
    forEachStep(whole, pattern, [&](const Step &step) {
        if (withRests || step.symbol != QLatin1Char('.'))
            steps.push_back(step);
    });
    return steps;
}

} // namespace aiband
