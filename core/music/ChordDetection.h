#pragma once

#include "Arrangement.h"
#include "Key.h"
#include "MidiFile.h"

#include <QList>

#include <optional>
#include <vector>

namespace aiband {

// A note as a player played it, in beats (quarter notes) from the start of the song.
struct PlayedNote {
    double startBeat = 0.0;
    double durationBeats = 0.0;
    int pitch = 60;
    int velocity = 100;
};

// How finely chords are read: one per beat at most, or one per bar.
enum class ChordResolution { Beat, Bar };

struct ChordDetectionOptions {
    TimeSignature meter;
    ChordResolution resolution = ChordResolution::Beat;
    std::optional<Key> key;   // when given, spelling and the harmonic prior use it
};

struct DetectedChord {
    ChordEvent event;         // the chord and where it sounds, in beats
    double confidence = 0.0;  // 0..1: how well the notes fit it, and how far ahead of the next reading
};

struct ChordDetection {
    QList<DetectedChord> chords;  // back to back from beat 0 to lengthBeats; N.C. where nothing sounds
    Key key;
    bool keyDetected = false;     // the key was worked out rather than given
    double lengthBeats = 0.0;     // whole segments (beats or bars) covering every note
};

// The pitched notes of a song (every part but the drum channel's), in beats. Stops reading after
// the first part that brings the count past `stopAfter`: a caller refusing more than that many
// notes need not read the rest.
std::vector<PlayedNote> pitchedNotes(const MidiSong &song, std::size_t stopAfter);

// Reads the chord progression a player played (docs/MUSIC.md, "Chords from MIDI"). The song is
// cut into segments (beats or bars); each gets a pitch-class profile (sounding time weighted by
// velocity) and the lowest note's pitch class; every chord of the vocabulary (12 roots times
// triads, sixths, sevenths, ninths, sus, diminished, augmented) is scored against it, and the
// best path through the segments is chosen by Viterbi, with a cost for changing chord that is
// lower on strong beats. The key is then detected from the path (or taken as given), and the
// path is read again with the key's harmony as a mild prior. Inversions and a held bass note
// outside the chord come out as slash chords. Pure: no I/O, no clock, no randomness.
ChordDetection detectChords(const std::vector<PlayedNote> &notes, const ChordDetectionOptions &options);

} // namespace aiband
