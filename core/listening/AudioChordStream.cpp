#include "AudioChordStream.h"

#include "AudioFormat.h"

namespace aiband {

class StreamingRecognizer {
public:
    int sampleRate = 0;
    int channels = 0;
    bool valid = false;
    qint64 framesHeard = 0;
    AudioAnalysisOptions options;
};

AudioChordStream::AudioChordStream(int sampleRate, int channels, AudioAnalysisOptions options)
    : m_impl(std::make_unique<StreamingRecognizer>())
{
    m_impl->sampleRate = sampleRate;
    m_impl->channels = channels;
    m_impl->valid = checkAudioFormat(sampleRate, channels).ok();
    m_impl->options = std::move(options);
}

AudioChordStream::~AudioChordStream() = default;
AudioChordStream::AudioChordStream(AudioChordStream &&) noexcept = default;
AudioChordStream &AudioChordStream::operator=(AudioChordStream &&) noexcept = default;

void AudioChordStream::push(const float *, qint64 frames)
{
    if (m_impl->valid && frames > 0)
        m_impl->framesHeard += frames;
}

AudioChordStream::Update AudioChordStream::takeUpdate()
{
    Update update;
    update.tempoBpm = m_impl->options.tempoBpm.value_or(0.0);
    update.key = m_impl->options.key.value_or(Key{});
    return update;
}

double AudioChordStream::secondsHeard() const
{
    return m_impl->valid ? static_cast<double>(m_impl->framesHeard) / m_impl->sampleRate : 0.0;
}

bool AudioChordStream::valid() const { return m_impl->valid; }

} // namespace aiband
