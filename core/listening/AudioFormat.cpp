#include "AudioFormat.h"

namespace aiband {

Status checkAudioFormat(int sampleRate, int channels)
{
    if (sampleRate < 8000 || sampleRate > 192000)
        return makeError(QStringLiteral("invalid_audio"),
                         QStringLiteral("sample rate %1 Hz is outside 8000..192000 Hz").arg(sampleRate),
                         QStringLiteral("sample_rate"));
    if (channels < 1 || channels > 8)
        return makeError(QStringLiteral("invalid_audio"),
                         QStringLiteral("%1 channels: audio needs 1 to 8").arg(channels),
                         QStringLiteral("channels"));
    return Done{};
}

} // namespace aiband
