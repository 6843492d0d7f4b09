#pragma once

#include "listening/PcmBuffer.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace aiband {

// The containers a recording may come in (docs/PROTOCOL.md, "Chords from a recording").
enum class AudioContainer { Wav, Flac };

// What a body may hold: 8 kHz telephone audio up to 192 kHz studio masters, mono or stereo
// (more channels are refused, not guessed at: which two of six are the guitar?), up to ten
// minutes (a song, not an album: a 10-minute 192 kHz stereo file is 440 MB of samples once
// decoded to mono floats), and at least long enough to hold a few beats.
struct AudioDecodeLimits {
    int minSampleRate = 8000;
    int maxSampleRate = 192000;
    int maxChannels = 2;
    double maxSeconds = 600.0;
    double minSeconds = 1.0;
};

// A decoded recording: the channels averaged into one (chords do not depend on where they sit
// in the stereo image, and one channel halves the memory), as floats where full scale is ±1.
struct DecodedAudio {
    PcmBuffer pcm;                // one channel
    int fileChannels = 0;         // as the file had them, before the downmix
    double seconds() const { return pcm.sampleRate > 0 ? static_cast<double>(pcm.frames()) / pcm.sampleRate : 0.0; }
};

// The container a Content-Type names: audio/wav (and its aliases audio/wave, audio/x-wav,
// audio/vnd.wave), audio/flac (audio/x-flac); nullopt for any other media type.
std::optional<AudioContainer> audioContainerOf(const QByteArray &contentType);

// Reads a whole WAV or FLAC file from memory through libsndfile's virtual I/O (no temporary
// file). The body is the authority on sizes, never the header: a data chunk declaring 10 GB in
// a 1 KB body reads as the samples the body holds. Samples are read in blocks and the limits are
// checked as they arrive, so a file lying about its length cannot make us allocate for the lie.
// Blocking for as long as decoding takes (a 10-minute FLAC: about a second): call it on a worker.
// Errors, each naming what was found and what is accepted:
//   invalid_audio      not a file of the container named, cut short, a NaN or infinite sample
//   unsupported_audio  a sample format other than 8-32 bit PCM or float, a rate outside the
//                      limits, more than two channels
//   audio_too_long     more than maxSeconds; audio_too_short: less than minSeconds
Result<DecodedAudio> decodeAudio(const QByteArray &body, AudioContainer container,
                                 const AudioDecodeLimits &limits = {});

QString containerName(AudioContainer container);   // "WAV", "FLAC"

} // namespace aiband
