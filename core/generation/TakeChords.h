#pragma once

#include "files/FileMetadata.h"
#include "music/ChordTimeline.h"
#include "util/Result.h"

namespace aiband {

// The chords of a generated take, from its metadata sidecar: the stored request read again by
// the parser's own steps (GenerateRequest's requestChords, loopProgression) in the meter and
// length the arrangement echo says were played, laid out by the engine's song plan, so a chart
// can never disagree with what was played. Fails, saying why, for a sidecar without the
// request's chords or the arrangement's meter and length.
Result<ChordTimeline> takeChordTimeline(const FileMetadata &metadata);

// The chords to chart over a file: its take's when its sidecar says, else read from its notes.
ChordTimeline chordTimelineOfFile(const QString &midiPath, const MidiSong &song);

} // namespace aiband
