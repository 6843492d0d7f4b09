#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QList>

namespace aiband {

// The audition's sound as a stream: every part's PCM summed at its own gain as it is read, so a
// mute or a volume change is heard from the next read, with nothing rendered again. Looping, it
// wraps from the loop's end to the start for ever; otherwise it ends with the longest part (the
// instruments' release included).
class AudioMixDevice : public QIODevice {
    Q_OBJECT
public:
    explicit AudioMixDevice(QObject *parent = nullptr);

    // The parts' PCM (AudioPcm.h), each at gain 1; rewinds.
    void setParts(QList<QByteArray> parts);
    void setGain(int part, double gain);
    // Where a loop wraps, in frames: the song's end. Clamped to the longest part.
    void setLoopFrames(qint64 frames);
    void setLooping(bool looping) { m_looping = looping; }
    bool looping() const { return m_looping; }

    void rewind() { m_cursor = 0; }
    // The frame the next read starts at (within the song: 0 again after a wrap).
    qint64 cursor() const { return m_cursor; }
    qint64 endFrames() const;       // where reading stops or wraps
    qint64 loopFrames() const { return m_loopFrames; }
    bool finished() const { return !m_looping && m_cursor >= endFrames(); }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    QList<QByteArray> m_parts;
    QList<double> m_gains;
    qint64 m_longest = 0;
    qint64 m_loopFrames = 0;
    qint64 m_cursor = 0;
    bool m_looping = false;
};

} // namespace aiband
