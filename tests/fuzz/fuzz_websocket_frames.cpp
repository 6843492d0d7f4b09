// Fuzz target: the WebSocket frame tracker (server/WebSocketFrameTracker), which follows the
// boundaries of every frame a client sends to find the first unmasked one before Qt reads it.
// Input: the first byte chooses how the rest is cut into reads; the rest is what a client sends.
// Invariants checked:
// - the verdict (unmasked frame found, frames read) is the same fed whole, byte by byte, in the
//   chosen cuts, or with payload bytes passed over by skipPayload() as the guard does;
// - once an unmasked frame is found, it stays found and nothing more is counted.

#include "FuzzSupport.h"
#include "server/WebSocketFrameTracker.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

using namespace aiband;

namespace {

struct Verdict {
    bool masked = true;
    std::int64_t frames = 0;
    bool operator==(const Verdict &) const = default;
};

Verdict feedInCuts(const QByteArray &bytes, qsizetype cut, bool skipPayload)
{
    WebSocketFrameTracker tracker;
    bool masked = true;
    for (qsizetype at = 0; at < bytes.size() && masked; at += cut) {
        QByteArrayView read = QByteArrayView(bytes).sliced(at, std::min(cut, bytes.size() - at));
        if (skipPayload)
            read = read.sliced(tracker.skipPayload(read.size()));
        masked = tracker.feed(read);
    }
    if (!masked) {
        const std::int64_t frames = tracker.framesSeen();
        FUZZ_CHECK(tracker.unmaskedFrameSeen(), QString::fromLatin1(bytes.toHex()));
        FUZZ_CHECK(!tracker.feed("\x81\x80\0\0\0\0"), QString::fromLatin1(bytes.toHex()));
        FUZZ_CHECK(tracker.framesSeen() == frames, QString::fromLatin1(bytes.toHex()));
    }
    return {masked, tracker.framesSeen()};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto input = fuzz::streamInput(data, size);
    if (!input)
        return 0;
    const auto &[cut, bytes] = *input;
    const Verdict whole = feedInCuts(bytes, std::max<qsizetype>(bytes.size(), 1), false);
    const QString detail = QString::fromLatin1(bytes.toHex());
    FUZZ_CHECK(feedInCuts(bytes, 1, false) == whole, detail);
    FUZZ_CHECK(feedInCuts(bytes, cut, false) == whole, detail);
    FUZZ_CHECK(feedInCuts(bytes, cut, true) == whole, detail);
    return 0;
}
