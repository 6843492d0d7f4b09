#include "Generators.h"

namespace aiband {

void forEachStep(const PlannedBar &bar, const QList<Pulse> &pulses, const RoleCells &cells,
                 FunctionRef<void(const Step &)> visit)
{
    Step step;
    for (int p = 0; p < pulses.size(); ++p) {
        const Pulse &pulse = pulses[p];
        const Cell &cell = cells.cellFor(pulse);
        step.length = pulse.length / cell.size();
        step.pulse = p;
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
