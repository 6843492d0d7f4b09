#include "Generators.h"

namespace aiband {

MidiPart generateKeys(const Arrangement &arrangement, Random &random)
{
    MidiPart part{QStringLiteral("Keys"), 1, 0 /* Acoustic Grand Piano */, {}};
    for (const ChordEvent &event : arrangement.chords) {
        if (event.chord.noChord)
            continue;
        // Close voicing from the first chord tone at or above F3 (53), inside MIDI 48-84.
        const int base = 53 + ((event.chord.root - 53 % 12) + 12) % 12;
        const qint64 start = beatsToTicks(event.startBeat);
        const qint64 length = beatsToTicks(event.durationBeats) - kTicksPerQuarter / 16;
        for (int interval : event.chord.intervals) {
            int pitch = base + interval;
            while (pitch > 84)
                pitch -= 12;
            part.notes.push_back({start, length, pitch, 72 + random.between(-5, 5)});
        }
    }
    return part;
}

} // namespace aiband
