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

} // namespace aiband
