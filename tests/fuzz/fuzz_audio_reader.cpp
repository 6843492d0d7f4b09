// Fuzz target: the audio reader (decodeAudio), which reads a request body as WAV and as FLAC
// through libsndfile's virtual I/O and our own walk of the WAV chunks. libsndfile itself is not
// instrumented, so the fuzzer's coverage guidance sees our side (chunk walk, the virtual I/O
// callbacks, the format checks, the block reader); AddressSanitizer sees every byte either side
// reads. Limits are small (2 s, 0.001 s minimum) so an input that declares an hour decodes fast.
// Invariants checked, not just "no crash":
// - a failure is one of the documented codes with a message;
// - a decoded recording has a rate and channel count within the limits, one channel of finite
//   samples, a length within the limits, and no more frames than the body has bytes (WAV) or
//   the limit allows (FLAC);
// - reading the same bytes twice gives the same answer.

#include "FuzzSupport.h"
#include "audio/AudioDecode.h"

#include <QStringList>

#include <cmath>
#include <cstddef>
#include <cstdint>

using namespace aiband;

namespace {

const AudioDecodeLimits kLimits{8000, 192000, 2, 2.0, 0.001};

void check(const QByteArray &body, AudioContainer container)
{
    const QString what = containerName(container) + QStringLiteral(" of %1 bytes").arg(body.size());
    const Result<DecodedAudio> decoded = decodeAudio(body, container, kLimits);
    const Result<DecodedAudio> again = decodeAudio(body, container, kLimits);
    FUZZ_CHECK(decoded.ok() == again.ok(), what);
    if (!decoded) {
        static const QStringList codes{QStringLiteral("invalid_audio"), QStringLiteral("unsupported_audio"),
                                       QStringLiteral("audio_too_long"), QStringLiteral("audio_too_short")};
        FUZZ_CHECK(codes.contains(decoded.error().code), what + QStringLiteral(": ") + decoded.error().code);
        FUZZ_CHECK(!decoded.error().message.isEmpty(), what);
        FUZZ_CHECK(again.error().code == decoded.error().code, what);
        return;
    }
    const PcmBuffer &pcm = decoded->pcm;
    FUZZ_CHECK(pcm.channels == 1, what);
    FUZZ_CHECK(pcm.sampleRate >= kLimits.minSampleRate && pcm.sampleRate <= kLimits.maxSampleRate, what);
    FUZZ_CHECK(decoded->fileChannels >= 1 && decoded->fileChannels <= kLimits.maxChannels, what);
    FUZZ_CHECK(decoded->seconds() >= kLimits.minSeconds && decoded->seconds() <= kLimits.maxSeconds, what);
    if (container == AudioContainer::Wav)
        FUZZ_CHECK(pcm.frames() <= body.size(), what + QStringLiteral(": %1 frames").arg(pcm.frames()));
    for (const float sample : pcm.samples)
        FUZZ_CHECK(std::isfinite(sample), what);
    FUZZ_CHECK(again->pcm.samples == pcm.samples, what);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    check(body, AudioContainer::Wav);
    check(body, AudioContainer::Flac);
    return 0;
}
