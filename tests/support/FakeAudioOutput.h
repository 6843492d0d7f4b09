#pragma once

// A sound device for tests: it plays only when the test pulls, and can refuse or fail like a
// real one (CI machines have no sound device). Used by tst_audition and tst_try_it_page.

#include "AudioOutput.h"
#include "AuditionPlayer.h"

#include <QByteArray>
#include <QIODevice>

#include <algorithm>
#include <memory>
#include <optional>

namespace aiband::test {

// A sound device that plays only when the test pulls, and can refuse or fail like a real one.
class FakeOutput : public AudioOutput {
public:
    std::optional<QString> refusal;
    qint64 buffered = 0;
    int starts = 0;

    std::optional<QString> start(QIODevice *source) override
    {
        ++starts;
        if (refusal)
            return refusal;
        m_source = source;
        return std::nullopt;
    }
    void stop() override { m_source = nullptr; }
    qint64 bufferedBytes() const override { return buffered; }
    bool started() const { return m_source != nullptr; }

    // What the device would read next; at the source's end it says it has drained, as a sink does.
    QByteArray pull(qint64 bytes)
    {
        QByteArray pulled;
        while (m_source && pulled.size() < bytes) {
            const QByteArray chunk = m_source->read(std::min<qint64>(bytes - pulled.size(), 16384));
            if (chunk.isEmpty()) {
                emit drained();
                break;
            }
            pulled += chunk;
        }
        return pulled;
    }
    void fail(const QString &message) { emit failed(message); }

private:
    QIODevice *m_source = nullptr;
};

// Every player gets a fake; the test keeps a pointer to the one in use.
inline void useFake(AuditionPlayer &player, FakeOutput *&fake)
{
    player.setOutputFactory([&fake] {
        auto output = std::make_unique<FakeOutput>();
        fake = output.get();
        return output;
    });
}

} // namespace aiband::test
