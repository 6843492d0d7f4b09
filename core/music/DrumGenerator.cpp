#include "Generators.h"

namespace aiband {
namespace {

enum GmDrum { Kick = 36, Snare = 38, ClosedHat = 42, Crash = 49 };

} // namespace

MidiPart generateDrums(const Arrangement &arrangement, Random &random)
{
    MidiPart part{QStringLiteral("Drums"), kDrumChannel, 0 /* Standard kit */, {}};
    const TimeSignature &ts = arrangement.timeSignature;
    const double beatLength = 4.0 / ts.denominator;
    const int barCount = static_cast<int>(std::ceil(arrangement.durationBeats / ts.beatsPerBar() - 1e-9));
    const qint64 hit = kTicksPerQuarter / 8;

    for (int bar = 0; bar < barCount; ++bar) {
        const double barStart = bar * ts.beatsPerBar();
        if (bar == 0)
            part.notes.push_back({0, hit, Crash, 100 + random.between(-4, 4)});
        for (int beat = 0; beat < ts.numerator; ++beat) {
            const double start = barStart + beat * beatLength;
            if (start >= arrangement.durationBeats)
                break;
            const qint64 tick = beatsToTicks(start);
            // Kick on the downbeat and the middle of even bars; snare on the other even beats.
            const bool middle = ts.numerator % 2 == 0 && beat == ts.numerator / 2;
            if (beat == 0 || middle)
                part.notes.push_back({tick, hit, Kick, (beat == 0 ? 110 : 96) + random.between(-5, 5)});
            else if (beat % 2 == 1)
                part.notes.push_back({tick, hit, Snare, 100 + random.between(-6, 6)});
            // Hats on every beat and on the "and" when the beat is a quarter note.
            part.notes.push_back({tick, hit, ClosedHat, (beat == 0 ? 90 : 76) + random.between(-8, 8)});
            if (ts.denominator == 4 && start + 0.5 < arrangement.durationBeats)
                part.notes.push_back({beatsToTicks(start + 0.5), hit, ClosedHat, 62 + random.between(-8, 8)});
        }
    }
    return part;
}

} // namespace aiband
