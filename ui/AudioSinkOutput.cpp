#include "AudioSinkOutput.h"

#include "AudioPcm.h"
#include "audio/AudioRender.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSink>
#include <QMediaDevices>

namespace aiband {
namespace {

constexpr int kBufferFractionOfSecond = 5;

QAudioFormat pcmFormat()
{
    QAudioFormat format;
    format.setSampleRate(kAudioSampleRate);
    format.setChannelCount(kPcmChannels);
    format.setSampleFormat(QAudioFormat::Int16);
    return format;
}

} // namespace

AudioSinkOutput::AudioSinkOutput(QObject *parent) : AudioOutput(parent) {}

AudioSinkOutput::~AudioSinkOutput()
{
    stop();
}

QString AudioSinkOutput::noDeviceMessage()
{
    return tr("No sound device to play on. You can still Export audio… and play the file elsewhere.");
}

std::optional<QString> AudioSinkOutput::start(QIODevice *source)
{
    stop();
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    if (device.isNull() || QMediaDevices::audioOutputs().isEmpty())
        return noDeviceMessage();
    if (!device.isFormatSupported(pcmFormat()))
        return tr("The sound device %1 cannot play 16-bit stereo at 44.1 kHz. You can still Export audio…")
            .arg(device.description());
    m_sink = new QAudioSink(device, pcmFormat(), this);
    // A fifth of a second ahead: a mute or a volume change is heard that soon after the click
    // (the mix is made as the sink pulls), and the playhead is that close to the sound.
    m_sink->setBufferSize(kAudioSampleRate / kBufferFractionOfSecond * kPcmBytesPerFrame);
    connect(m_sink, &QAudioSink::stateChanged, this, &AudioSinkOutput::stateChanged);
    m_sink->start(source);
    if (m_sink->error() != QAudio::NoError) {
        stop();
        return noDeviceMessage();
    }
    return std::nullopt;
}

void AudioSinkOutput::stop()
{
    if (!m_sink)
        return;
    QAudioSink *sink = m_sink;
    m_sink = nullptr;   // stateChanged during stop() is ours, not the device's
    sink->disconnect(this);
    sink->stop();
    sink->deleteLater();
}

qint64 AudioSinkOutput::bufferedBytes() const
{
    return m_sink ? std::max<qint64>(0, m_sink->bufferSize() - m_sink->bytesFree()) : 0;
}

void AudioSinkOutput::stateChanged()
{
    if (!m_sink)
        return;
    switch (m_sink->state()) {
    case QAudio::IdleState:
        emit drained();
        break;
    case QAudio::StoppedState:
        if (m_sink->error() != QAudio::NoError)
            emit failed(tr("The sound device stopped playing (%1). You can still Export audio…")
                            .arg(m_sink->error() == QAudio::OpenError ? tr("it could not be opened")
                                                                      : tr("it failed")));
        break;
    default:
        break;
    }
}

} // namespace aiband
