#include "AudioPcm.h"

#include "audio/AudioRender.h"

#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace aiband {
namespace {

Error invalidAudio(const QString &what)
{
    return makeError(QStringLiteral("invalid_audio"), QStringLiteral("the rendered audio is not usable: %1").arg(what));
}

quint32 le32(const char *bytes)
{
    return qFromLittleEndian<quint32>(bytes);
}

quint16 le16(const char *bytes)
{
    return qFromLittleEndian<quint16>(bytes);
}

// "fmt " must say PCM, two channels, 44.1 kHz, 16 bits.
std::optional<QString> checkFormat(const char *fmt, quint32 size)
{
    if (size < 16)
        return QStringLiteral("its format chunk is %1 bytes").arg(size);
    const quint16 encoding = le16(fmt);
    const quint16 channels = le16(fmt + 2);
    const quint32 rate = le32(fmt + 4);
    const quint16 bits = le16(fmt + 14);
    if (encoding != 1 || channels != kPcmChannels || rate != kAudioSampleRate || bits != 16)
        return QStringLiteral("encoding %1, %2 channels, %3 Hz, %4 bits (wanted 16-bit PCM stereo at %5 Hz)")
            .arg(encoding).arg(channels).arg(rate).arg(bits).arg(kAudioSampleRate);
    return std::nullopt;
}

} // namespace

Result<QByteArray> pcmOfWav(const QByteArray &wav)
{
    if (wav.size() < 12 || !wav.startsWith("RIFF") || wav.mid(8, 4) != "WAVE")
        return invalidAudio(QStringLiteral("not a WAV file"));
    bool formatChecked = false;
    qsizetype at = 12;
    while (at + 8 <= wav.size()) {
        const QByteArray id = wav.mid(at, 4);
        const quint32 size = le32(wav.constData() + at + 4);
        const qsizetype body = at + 8;
        const qsizetype available = std::min<qsizetype>(size, wav.size() - body);
        if (id == "fmt ") {
            if (auto wrong = checkFormat(wav.constData() + body, static_cast<quint32>(available)))
                return invalidAudio(*wrong);
            formatChecked = true;
        } else if (id == "data") {
            if (!formatChecked)
                return invalidAudio(QStringLiteral("its samples come before their format"));
            return wav.mid(body, available - available % kPcmBytesPerFrame);
        }
        at = body + size + (size % 2);   // chunks are padded to an even size
    }
    return invalidAudio(QStringLiteral("it has no samples"));
}

void mixPcm(std::span<const PcmTrack> tracks, qint64 fromFrame, qint16 *out, qint64 frames)
{
    const qint64 samples = frames * kPcmChannels;
    std::vector<double> sum(static_cast<size_t>(samples), 0.0);
    for (const PcmTrack &track : tracks) {
        if (!track.pcm || track.gain <= 0.0)
            continue;
        const qint64 available = std::clamp<qint64>(pcmFrames(*track.pcm) - fromFrame, 0, frames) * kPcmChannels;
        const auto *source = reinterpret_cast<const qint16 *>(track.pcm->constData()) + fromFrame * kPcmChannels;
        for (qint64 i = 0; i < available; ++i)
            sum[static_cast<size_t>(i)] += track.gain * qFromLittleEndian(source[i]);
    }
    for (qint64 i = 0; i < samples; ++i)
        out[i] = qToLittleEndian(static_cast<qint16>(std::clamp(std::lround(sum[static_cast<size_t>(i)]), -32768L, 32767L)));
}

qint64 pcmFrames(const QByteArray &pcm)
{
    return pcm.size() / kPcmBytesPerFrame;
}

double pcmSeconds(qint64 frames)
{
    return static_cast<double>(frames) / kAudioSampleRate;
}

} // namespace aiband
