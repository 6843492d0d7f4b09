#pragma once

#include <QObject>

#include <optional>

class QIODevice;

namespace aiband {

// Where the audition's sound goes: a sound device (AudioSinkOutput), or in tests a fake that
// pulls bytes when told, since CI machines have no sound device. The output pulls 16-bit
// stereo frames at 44.1 kHz (AudioPcm.h) from the source it is started on.
class AudioOutput : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Starts pulling from `source` (open for reading; the caller keeps it alive until stop()).
    // A message for people, in their language, when nothing can play it (no device).
    virtual std::optional<QString> start(QIODevice *source) = 0;
    virtual void stop() = 0;
    // Bytes pulled from the source but not heard yet (the device's buffer): what the playhead
    // subtracts from what was pulled.
    virtual qint64 bufferedBytes() const = 0;

signals:
    void failed(const QString &message);   // the device stopped playing (unplugged, taken)
    void drained();                        // everything pulled was heard and the source had no more
};

} // namespace aiband
