#include "Generators.h"

namespace aiband {
namespace {

// Bass register: roots between A1 (33) and G#2 (44) leave room for the fifth above.
int bassPitch(int pitchClass)
{
    int pitch = 36 + pitchClass;
    if (pitch > 44)
        pitch -= 12;
    return pitch;
}

} // namespace

MidiPart generateBass(const Arrangement &arrangement, Random &random)
{
    MidiPart part{QStringLiteral("Bass"), 0, 33 /* Electric Bass (finger) */, {}};
    for (const ChordEvent &event : arrangement.chords) {
        if (event.chord.noChord)
            continue;
        const int root = bassPitch(event.chord.bass);
        const bool hasFifth = event.chord.intervals.contains(7);
        const int fifth = bassPitch(event.chord.root) + 7;
        // Root on the change; on chords of three beats or more, the fifth on the third beat.
        for (double beat = 0.0; beat < event.durationBeats; beat += 2.0) {
            const double length = std::min(2.0, event.durationBeats - beat);
            const bool onChange = beat == 0.0;
            const int pitch = onChange || !hasFifth || length < 1.0 ? root : fifth;
            const int velocity = (onChange ? 100 : 88) + random.between(-6, 6);
            part.notes.push_back({beatsToTicks(event.startBeat + beat),
                                  beatsToTicks(length) - kTicksPerQuarter / 16, pitch, velocity});
        }
    }
    return part;
}

} // namespace aiband
