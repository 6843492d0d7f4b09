#pragma once

#include "util/Result.h"

#include <QByteArray>

#include <span>

namespace aiband {

// What the audition plays: 16-bit signed stereo frames at the renderer's 44.1 kHz, as
// core/audio's WAV holds them, interleaved left then right.
constexpr int kPcmChannels = 2;
constexpr int kPcmBytesPerFrame = kPcmChannels * 2;

// The sample bytes of a WAV file, after checking it holds that format. invalid_audio, saying
// what is wrong, for anything else (the renderer changed, or a truncated answer).
Result<QByteArray> pcmOfWav(const QByteArray &wav);

// One part's sound and how loud it plays in the mix (0 is silent, 1 as rendered).
struct PcmTrack {
    const QByteArray *pcm = nullptr;
    double gain = 1.0;
};

// Sums the tracks' frames [fromFrame, fromFrame + frames) into `out` (frames * kPcmChannels
// samples), each at its gain, clipped to 16 bits. A track shorter than that adds silence.
void mixPcm(std::span<const PcmTrack> tracks, qint64 fromFrame, qint16 *out, qint64 frames);

qint64 pcmFrames(const QByteArray &pcm);
double pcmSeconds(qint64 frames);

} // namespace aiband
