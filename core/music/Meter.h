#pragma once

#include "Arrangement.h"

#include <QList>

namespace aiband {

// What a pulse does in its bar. Style patterns are written per role, so one style plays in any
// meter: 4/4 is Downbeat Backbeat Strong Backbeat, 6/8 is Downbeat Backbeat, 7/8 is
// Downbeat(2) Weak(2) Backbeat(3), and so on.
enum class PulseRole { Downbeat, Strong, Backbeat, Weak };

struct Pulse {
    double start = 0.0;     // quarter-note beats from the start of the bar
    double length = 1.0;    // in quarter notes
    PulseRole role = PulseRole::Weak;
    bool compound = false;  // divides in three (dotted-quarter pulses, 3-eighth groups)
};

// The pulses of one bar of `ts`, in order; their lengths add up to ts.beatsPerBar().
QList<Pulse> pulsesOf(const TimeSignature &ts);

// Positions within a bar (quarter-note beats) of the strong pulses and of the backbeats.
QList<double> strongBeatsOf(const TimeSignature &ts);
QList<double> backbeatsOf(const TimeSignature &ts);

bool isSupportedMeter(const TimeSignature &ts);

} // namespace aiband
