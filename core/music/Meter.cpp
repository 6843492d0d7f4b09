#include "Meter.h"

namespace aiband {
namespace {

using R = PulseRole;

// Roles for meters counted in quarter (or half) notes, by number of pulses. Beyond the table,
// bars are grouped in twos with a final three.
QList<PulseRole> simpleRoles(int count)
{
    switch (count) {
    case 1: return {R::Downbeat};
    case 2: return {R::Downbeat, R::Backbeat};
    case 3: return {R::Downbeat, R::Backbeat, R::Backbeat};
    case 4: return {R::Downbeat, R::Backbeat, R::Strong, R::Backbeat};
    case 5: return {R::Downbeat, R::Weak, R::Backbeat, R::Strong, R::Backbeat};            // 3+2
    case 6: return {R::Downbeat, R::Weak, R::Backbeat, R::Strong, R::Weak, R::Backbeat};   // 3+3
    case 7: return {R::Downbeat, R::Backbeat, R::Strong, R::Backbeat, R::Strong, R::Weak, R::Backbeat}; // 4+3
    default: break;
    }
    QList<PulseRole> roles;
    for (int i = 0; i < count; ++i)
        roles.append(i == 0 ? R::Downbeat : (i % 2 == 1 ? R::Backbeat : R::Strong));
    return roles;
}

// Eighth-note meters that are not compound (5/8, 7/8, 11/8...): groups of two eighths with a
// final group of three, each group one pulse.
QList<Pulse> additivePulses(int eighths)
{
    QList<int> groups;
    int left = eighths;
    while (left > 3) {
        groups.append(2);
        left -= 2;
    }
    groups.append(left);
    if (groups.size() >= 2 && groups.last() == 1) { // 2+1 is not a group: make it 3
        groups.removeLast();
        groups.last() = 3;
    }
    QList<Pulse> pulses;
    double start = 0.0;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const bool last = i == groups.size() - 1;
        const PulseRole role = i == 0 ? R::Downbeat : (last ? R::Backbeat : R::Weak);
        pulses.append({start, groups[i] * 0.5, role, groups[i] == 3});
        start += groups[i] * 0.5;
    }
    if (pulses.size() >= 4) // long additive bars get a second strong point halfway
        pulses[pulses.size() / 2].role = R::Strong;
    return pulses;
}

} // namespace

bool isSupportedMeter(const TimeSignature &ts)
{
    const bool denominatorOk = ts.denominator == 2 || ts.denominator == 4 || ts.denominator == 8;
    return denominatorOk && ts.numerator >= 2 && ts.numerator <= 15;
}

QList<Pulse> pulsesOf(const TimeSignature &ts)
{
    if (ts.denominator == 8 && ts.numerator % 3 == 0 && ts.numerator >= 6) {
        QList<Pulse> pulses;
        const QList<PulseRole> roles = simpleRoles(ts.numerator / 3);
        for (qsizetype i = 0; i < roles.size(); ++i)
            pulses.append({i * 1.5, 1.5, roles[i], true});
        return pulses;
    }
    if (ts.denominator == 8)
        return additivePulses(ts.numerator);
    const double length = 4.0 / ts.denominator;
    QList<Pulse> pulses;
    const QList<PulseRole> roles = simpleRoles(ts.numerator);
    for (qsizetype i = 0; i < roles.size(); ++i)
        pulses.append({i * length, length, roles[i], false});
    return pulses;
}

QList<double> strongBeatsOf(const TimeSignature &ts)
{
    QList<double> beats;
    for (const Pulse &pulse : pulsesOf(ts)) {
        if (pulse.role == R::Downbeat || pulse.role == R::Strong)
            beats.append(pulse.start);
    }
    return beats;
}

QList<double> backbeatsOf(const TimeSignature &ts)
{
    QList<double> beats;
    for (const Pulse &pulse : pulsesOf(ts)) {
        if (pulse.role == R::Backbeat)
            beats.append(pulse.start);
    }
    return beats;
}

} // namespace aiband
