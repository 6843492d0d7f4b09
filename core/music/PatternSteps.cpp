#include "Generators.h"

namespace aiband {

StepPattern stepPattern(const QList<Pulse> &pulses, const RoleCells &cells)
{
    StepPattern pattern;
    for (const Pulse &pulse : pulses) {
        const Cell &cell = cells.cellFor(pulse);
        pattern.push_back({&pulse, &cell, pulse.length / cell.size()});
    }
    return pattern;
}

void forEachStep(const PlannedBar &bar, const StepPattern &pattern, FunctionRef<void(const Step &)> visit)
{
    Step step;
    for (size_t p = 0; p < pattern.size(); ++p) {
        const Pulse &pulse = *pattern[p].pulse;
        const Cell &cell = *pattern[p].cell;
        step.length = pattern[p].stepLength;
        step.pulse = static_cast<int>(p);
        for (int s = 0; s < cell.size(); ++s, ++step.index) {
            const double offset = pulse.start + s * step.length;
            if (offset >= bar.lengthBeats - 1e-6)
                return;
            step.inPulse = s;
            step.beat = bar.startBeat + offset;
            step.symbol = cell[s];
            visit(step);
        }
    }
}

void forEachHeldStep(const PlannedBar &bar, const StepPattern &pattern, const Performance &performance, int voice,
                     bool &holding, FunctionRef<void(const Step &)> strike, FunctionRef<void(const Step &)> hold)
{
    forEachStep(bar, pattern, [&](const Step &step) {
        if (step.symbol == QLatin1Char('-')) {
            if (holding)
                hold(step);
            return;
        }
        if (step.symbol == QLatin1Char('.')
            || (step.symbol == QLatin1Char('?') && !performance.playsOptional(bar.index, step.index, voice))) {
            holding = false;
            return;
        }
        strike(step);
        holding = true;
    });
}

} // namespace aiband
