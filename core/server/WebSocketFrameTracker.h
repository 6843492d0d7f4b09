#pragma once

#include <QByteArrayView>

#include <array>
#include <cstdint>

namespace aiband {

// Follows the frame boundaries of the bytes a client sends on a WebSocket connection (RFC 6455
// §5.2) and notices the first frame that is not masked. RFC 6455 §5.1 says a server must close
// the connection on such a frame; Qt 6.4's QWebSocket processes it instead, so WebSocketFrameGuard
// feeds this the bytes before Qt reads them. Everything else about a frame (reserved bits,
// opcodes, control frame sizes, lengths) Qt checks itself: this only needs lengths to find the
// next header.
class WebSocketFrameTracker {
public:
    // Consumes `bytes`, which continue those of the previous call. Returns false from the first
    // unmasked frame on (its second header byte is enough to tell); the rest is then ignored.
    bool feed(QByteArrayView bytes);

    // Passes over up to `count` bytes that lie inside the current frame's payload without looking
    // at them (payload bytes cannot be headers); returns how many it passed. Lets the caller avoid
    // copying a large frame's bytes as they trickle in.
    std::int64_t skipPayload(std::int64_t count);

    bool unmaskedFrameSeen() const { return m_state == State::Unmasked; }
    // Frames whose header has been read in full.
    std::int64_t framesSeen() const { return m_frames; }

private:
    enum class State { FirstByte, SecondByte, ExtendedLength, MaskKey, Payload, Unmasked };

    void headerRead();

    State m_state = State::FirstByte;
    int m_needed = 0;                // bytes still to read of the extended length or mask key
    std::uint64_t m_length = 0;      // the extended length as read so far
    std::uint64_t m_payloadLeft = 0; // payload bytes of the current frame still to come
    std::int64_t m_frames = 0;
};

} // namespace aiband
