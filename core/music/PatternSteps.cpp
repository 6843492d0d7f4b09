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

} // namespace aiband
