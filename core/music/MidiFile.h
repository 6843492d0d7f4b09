#pragma once

#include "Arrangement.h"
#include "PartMix.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace aiband {

inline constexpr int kTicksPerQuarter = 480;
inline constexpr int kDrumChannel = 9; // MIDI channel 10, zero-based

struct Note {
    qint64 startTick = 0;
    qint64 durationTicks = 0;
    int pitch = 60;
    int velocity = 100;
    bool operator==(const Note &) const = default;
};

struct MidiPart {
    QString name;        // track name meta event, e.g. "Bass"
    int channel = 0;     // zero-based
    int program = 0;     // General MIDI program, zero-based
    std::vector<Note> notes;
    // Volume and pan at tick 0 (controllers 7 and 10 after the program change); none leaves
    // the channel as the synth has it. The engine always gives one (PartRegistry's partMix).
    std::optional<PartMix> mix = std::nullopt;
};

struct MidiSong {
    QString title;
    double tempoBpm = 120.0;
    TimeSignature timeSignature;
    Key key;
    qint64 endTick = 0;  // every track ends here and nothing sounds after it
    std::vector<MidiPart> parts;
};

// Standard MIDI File, format 1, 480 PPQ: a conductor track (title, tempo, time and key
// signature at tick 0) followed by one track per part (name, the same tempo and time signature,
// program change, volume and pan when the part has a mix, notes).
// Notes are clipped to the song end, and a note that would overlap a later one of the same
// pitch is shortened, so every note-on has its own note-off.
QByteArray writeMidiFile(const MidiSong &song);

} // namespace aiband
