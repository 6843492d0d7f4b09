#pragma once

#include "util/Result.h"

namespace aiband {

// The formats the recognizer accepts: 8..192 kHz, 1..8 channels. Errors are "invalid_audio".
Status checkAudioFormat(int sampleRate, int channels);

} // namespace aiband
