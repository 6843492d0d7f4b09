#include "AudioFormat.h"

#include "music/Meter.h"

#include <cmath>

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

Status checkAnalysisOptions(const AudioAnalysisOptions &options)
{
    if (options.tempoBpm && !(std::isfinite(*options.tempoBpm) && *options.tempoBpm >= 20 && *options.tempoBpm <= 400))
        return makeError(QStringLiteral("invalid_audio"),
                         QStringLiteral("tempo hint %1 BPM is outside 20..400 BPM").arg(*options.tempoBpm),
                         QStringLiteral("tempo_bpm"));
    if (options.meter && !isSupportedMeter(*options.meter))
        return makeError(QStringLiteral("invalid_audio"),
                         QStringLiteral("meter hint %1 is not one the band plays (2 to 15 beats of 2, 4 or 8)").arg(options.meter->name()),
                         QStringLiteral("meter"));
    return Done{};
}

} // namespace aiband
