#pragma once

#include "AudioChordAnalysis.h"
#include "PcmBuffer.h"
#include "util/Result.h"

namespace aiband {

// Hears the chords, beats, meter, tempo and key of a recording (docs/MUSIC.md, "Chords from
// audio"). Errors have the code "invalid_audio": a sample rate outside 8..192 kHz, no channels
// or more than 8, a sample count that is not a whole number of frames, a tempo hint outside
// 20..400 BPM or a meter hint the band does not play (the field names which). NaN and infinite
// samples are read as 0. Audio too short for a beat gives no beats and one N.C. chord. Pure:
// no I/O; safe to call from several threads at once.
Result<AudioChordAnalysis> analyzeAudio(const PcmBuffer &audio, const AudioAnalysisOptions &options = {});

} // namespace aiband
