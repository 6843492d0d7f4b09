#pragma once

#include "AudioOutput.h"

#include <memory>

class QAudioSink;

namespace aiband {

// The default sound device through Qt Multimedia's QAudioSink, in pull mode: the sink reads
// from the source on this thread as its buffer empties.
class AudioSinkOutput : public AudioOutput {
    Q_OBJECT
public:
    explicit AudioSinkOutput(QObject *parent = nullptr);
    ~AudioSinkOutput() override;

    std::optional<QString> start(QIODevice *source) override;
    void stop() override;
    qint64 bufferedBytes() const override;

    // What the window says when there is no device: Export audio still works.
    static QString noDeviceMessage();

private:
    void stateChanged();

    QAudioSink *m_sink = nullptr;
};

} // namespace aiband
