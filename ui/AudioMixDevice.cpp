#include "AudioMixDevice.h"

#include "AudioPcm.h"

#include <algorithm>
#include <vector>

namespace aiband {

AudioMixDevice::AudioMixDevice(QObject *parent) : QIODevice(parent) {}

void AudioMixDevice::setParts(QList<QByteArray> parts)
{
    m_parts = std::move(parts);
    m_gains = QList<double>(m_parts.size(), 1.0);
    m_longest = 0;
    for (const QByteArray &part : std::as_const(m_parts))
        m_longest = std::max(m_longest, pcmFrames(part));
    m_loopFrames = std::min(m_loopFrames > 0 ? m_loopFrames : m_longest, m_longest);
    m_cursor = 0;
}

void AudioMixDevice::setGain(int part, double gain)
{
    if (part >= 0 && part < m_gains.size())
        m_gains[part] = std::max(0.0, gain);
}

void AudioMixDevice::setLoopFrames(qint64 frames)
{
    m_loopFrames = m_longest > 0 ? std::clamp<qint64>(frames, 1, m_longest) : frames;
}

qint64 AudioMixDevice::endFrames() const
{
    return m_looping && m_loopFrames > 0 ? m_loopFrames : m_longest;
}

qint64 AudioMixDevice::bytesAvailable() const
{
    // A loop never runs out; the sink asks for what fits its buffer.
    const qint64 frames = m_looping ? endFrames() : std::max<qint64>(0, endFrames() - m_cursor);
    return frames * kPcmBytesPerFrame + QIODevice::bytesAvailable();
}

qint64 AudioMixDevice::readData(char *data, qint64 maxSize)
{
    std::vector<PcmTrack> tracks;
    for (qsizetype i = 0; i < m_parts.size(); ++i)
        tracks.push_back({&m_parts[i], m_gains[i]});
    qint64 wanted = maxSize / kPcmBytesPerFrame;
    qint64 written = 0;
    while (wanted > 0) {
        if (m_cursor >= endFrames()) {
            if (!m_looping || endFrames() == 0)
                break;
            m_cursor = 0;
        }
        const qint64 frames = std::min(wanted, endFrames() - m_cursor);
        mixPcm(tracks, m_cursor, reinterpret_cast<qint16 *>(data + written * kPcmBytesPerFrame), frames);
        m_cursor += frames;
        written += frames;
        wanted -= frames;
    }
    return written * kPcmBytesPerFrame;
}

qint64 AudioMixDevice::writeData(const char *, qint64)
{
    return -1;   // read only
}

} // namespace aiband
