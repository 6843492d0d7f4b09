#pragma once

#include "AudioChordAnalysis.h"
#include "util/Result.h"

namespace aiband {

// The formats the recognizer accepts: 8..192 kHz, 1..8 channels. Errors are "invalid_audio".
Status checkAudioFormat(int sampleRate, int channels);

// The hints it accepts: a tempo of 20..400 BPM, a meter the engine plays (isSupportedMeter).
// Errors are "invalid_audio", naming the hint ("tempo_bpm", "meter").
Status checkAnalysisOptions(const AudioAnalysisOptions &options);

} // namespace aiband
