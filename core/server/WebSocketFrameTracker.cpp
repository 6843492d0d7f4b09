#include "WebSocketFrameTracker.h"

#include <algorithm>

namespace aiband {
namespace {

constexpr unsigned char kMaskBit = 0x80;
constexpr unsigned char kLengthBits = 0x7f;
constexpr int kMaskKeyBytes = 4;

} // namespace

bool WebSocketFrameTracker::feed(QByteArrayView bytes)
{
    qsizetype at = 0;
    while (at < bytes.size() && m_state != State::Unmasked) {
        const auto byte = static_cast<unsigned char>(bytes[at]);
        switch (m_state) {
        case State::FirstByte:
            m_state = State::SecondByte;
            ++at;
            break;
        case State::SecondByte: {
            if (!(byte & kMaskBit)) {
                m_state = State::Unmasked;
                return false;
            }
            const unsigned length = byte & kLengthBits;
            m_length = length < 126 ? length : 0;
            m_needed = length == 126 ? 2 : length == 127 ? 8 : 0;
            m_state = m_needed > 0 ? State::ExtendedLength : State::MaskKey;
            if (m_state == State::MaskKey)
                m_needed = kMaskKeyBytes;
            ++at;
            break;
        }
        case State::ExtendedLength:
            m_length = (m_length << 8) | byte;
            ++at;
            if (--m_needed == 0) {
                m_state = State::MaskKey;
                m_needed = kMaskKeyBytes;
            }
            break;
        case State::MaskKey:
            ++at;
            if (--m_needed == 0)
                headerRead();
            break;
        case State::Payload:
            at += static_cast<qsizetype>(skipPayload(bytes.size() - at));
            break;
        case State::Unmasked:
            break;
        }
    }
    return m_state != State::Unmasked;
}

std::int64_t WebSocketFrameTracker::skipPayload(std::int64_t count)
{
    if (m_state != State::Payload || count <= 0)
        return 0;
    const auto skipped = std::min<std::uint64_t>(m_payloadLeft, static_cast<std::uint64_t>(count));
    m_payloadLeft -= skipped;
    if (m_payloadLeft == 0)
        m_state = State::FirstByte;
    return static_cast<std::int64_t>(skipped);
}

void WebSocketFrameTracker::headerRead()
{
    ++m_frames;
    m_payloadLeft = m_length;
    m_state = m_payloadLeft > 0 ? State::Payload : State::FirstByte;
}

} // namespace aiband
