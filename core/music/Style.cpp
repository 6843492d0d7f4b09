#include "Style.h"

namespace aiband {

const Cell &RoleCells::cellFor(const Pulse &pulse) const
{
    static const Cell kSimpleRest(4, QLatin1Char('.'));
    static const Cell kCompoundRest(6, QLatin1Char('.'));
    const QMap<PulseRole, Cell> &cells = pulse.compound ? compound : simple;
    // Strong pulses fall back to the downbeat's cell, weak ones to the backbeat's: a style only
    // has to spell out what differs.
    if (auto it = cells.find(pulse.role); it != cells.end())
        return *it;
    const PulseRole fallback = pulse.role == PulseRole::Strong ? PulseRole::Downbeat : PulseRole::Backbeat;
    if (pulse.role == PulseRole::Weak || pulse.role == PulseRole::Strong) {
        if (auto it = cells.find(fallback); it != cells.end())
            return *it;
    }
    return pulse.compound ? kCompoundRest : kSimpleRest;
}

QString pulseRoleName(PulseRole role)
{
    switch (role) {
    case PulseRole::Downbeat: return QStringLiteral("downbeat");
    case PulseRole::Strong: return QStringLiteral("strong");
    case PulseRole::Backbeat: return QStringLiteral("backbeat");
    case PulseRole::Weak: return QStringLiteral("weak");
    }
    return {};
}

} // namespace aiband
