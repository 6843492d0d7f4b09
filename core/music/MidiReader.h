#pragma once

#include "MidiFile.h"
#include "util/Result.h"

#include <QByteArray>

namespace aiband {

// Reads a Standard MIDI File of format 0 or 1: what writeMidiFile writes, and any ordinary
// file from elsewhere (running status, velocity-0 note-offs, sysex and unknown meta events,
// unknown chunks, any metrical division).
//
// The song it returns:
// - title: the name of track 0; tempo, time and key signature: the first of each in the file
//   (defaults 120 BPM, 4/4, C major when absent);
// - endTick: the latest end-of-track;
// - parts: one per track that has notes, with that track's name, the channel of its first
//   channel event, its first program change (0 when none), and its mix when the track sets
//   volume (controller 7) or pan (10) at tick 0, the other at the General MIDI default (100,
//   64). Notes are in note-on order;
//   a note-off (or a note-on with velocity 0) ends the oldest sounding note of its channel and
//   pitch; notes still sounding at the end of their track end there.
// Ticks are scaled to kTicksPerQuarter when the file uses another division.
//
// Anything else fails with code "invalid_midi" and a message that says what is wrong and at
// which byte offset. It never reads outside `bytes`, whatever they hold.
Result<MidiSong> readMidiFile(const QByteArray &bytes);

} // namespace aiband
