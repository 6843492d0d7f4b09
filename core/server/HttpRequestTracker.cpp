#include "HttpRequestTracker.h"

#include "audio/AudioDecode.h"

#include <QList>

#include <algorithm>

namespace aiband {
namespace {

// A chunk-size line is a hex number and maybe extensions; anything longer is not HTTP.
constexpr int kMaxChunkSizeLine = 256;
// The method and version around the target ("OPTIONS " ... " HTTP/1.1").
constexpr int kRequestLineSlack = 32;
// Empty lines before a request line are skipped (RFC 9112 2.2: at least one); two are plenty.
// Without a bound, "\r\n" forever grew Qt's buffer with no request to time out or refuse.
constexpr int kMaxBlankBytes = 4;

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.chop(1);
    return text;
}

bool namesEqual(QByteArrayView a, const char *b)
{
    return a.compare(QByteArrayView(b), Qt::CaseInsensitive) == 0;
}

} // namespace

bool HttpRequestTracker::requestInProgress() const
{
    return m_state != State::Idle && m_state != State::Upgraded && m_state != State::Failed;
}

void HttpRequestTracker::resumeAfterRefusedUpgrade()
{
    if (m_state == State::Upgraded)
        m_state = State::Idle;
}

bool HttpRequestTracker::takeCloseAfterAnswer()
{
    if (m_closeAfterAnswer.empty())
        return false;
    const bool close = m_closeAfterAnswer.front();
    m_closeAfterAnswer.pop_front();
    return close;
}

HttpViolation HttpRequestTracker::fail(HttpViolation violation, const char *why)
{
    m_state = State::Failed;
    m_failure = why;
    return violation;
}

void HttpRequestTracker::completeRequest()
{
    ++m_completed;
    // RFC 9112 9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 closes unless "keep-alive".
    const bool close = m_connectionClose || (m_version == "HTTP/1.0" && !m_keepAlive);
    m_closeAfterAnswer.push_back(close && !m_upgrade);
    if (m_closeAfterAnswer.size() > 64)   // never taken (an answer Qt did not ask us for)
        m_closeAfterAnswer.pop_front();
    m_state = m_upgrade ? State::Upgraded : State::Idle;
    m_blankBytes = 0;
}

HttpViolation HttpRequestTracker::feed(QByteArrayView bytes)
{
    qsizetype i = 0;
    const qsizetype size = bytes.size();
    while (i < size) {
        switch (m_state) {
        case State::Upgraded:
        case State::Failed:
            return HttpViolation::None;
        case State::Idle: {
            const char c = bytes[i++];
            // Empty lines between requests are allowed (RFC 9112 2.2), a few of them.
            if (c == '\r' || c == '\n') {
                if (++m_blankBytes > kMaxBlankBytes)
                    return fail(HttpViolation::BlankLines);
                break;
            }
            m_state = State::RequestLine;
            m_lineLength = 0;
            m_spaces = 0;
            m_targetLength = 0;
            m_targetStart.clear();
            m_recordingPath = false;
            m_audioBody = false;
            m_version.clear();
            if (const HttpViolation v = requestLineByte(c); v != HttpViolation::None)
                return v;
            break;
        }
        case State::RequestLine:
            if (const HttpViolation v = requestLineByte(bytes[i++]); v != HttpViolation::None)
                return v;
            break;
        case State::Headers:
        case State::Trailers: {
            // A line at a time: up to its end a header's bytes are only counted and kept, so they
            // are taken at once (byte by byte they were 19,000 instructions a request, callgrind).
            // Only `room` more bytes may come, the line's end included.
            const qsizetype room = std::max(0, m_limits.maxHeaderBytes - m_headerBytes);
            const QByteArrayView rest = bytes.sliced(i);
            const qsizetype end = rest.first(std::min(rest.size(), room)).indexOf('\n');
            if (end < 0) {
                if (rest.size() > room)
                    return fail(HttpViolation::HeadersTooLarge);
                m_line.append(rest.data(), rest.size());
                m_headerBytes += static_cast<int>(rest.size());
                i = size;
                break;
            }
            m_line.append(rest.data(), end);
            m_headerBytes += static_cast<int>(end + 1);
            i += end + 1;
            if (const HttpViolation v = headerLineEnd(m_state == State::Trailers); v != HttpViolation::None)
                return v;
            break;
        }
        case State::Body:
        case State::ChunkData: {
            // The body is only counted, never looked at: skip as much as belongs to it.
            const qint64 take = std::min<qint64>(m_remaining, size - i);
            i += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                if (m_state == State::Body)
                    completeRequest();
                else
                    m_state = State::ChunkDataEnd;
            }
            break;
        }
        case State::ChunkDataEnd: {
            const char c = bytes[i++];
            if (c == '\n')
                m_state = State::ChunkSize;
            else if (c != '\r')
                return fail(HttpViolation::Malformed);
            break;
        }
        case State::ChunkSize: {
            const char c = bytes[i++];
            if (c == '\n') {
                if (const HttpViolation v = chunkSizeLine(); v != HttpViolation::None)
                    return v;
            } else {
                m_line.append(c);
                if (m_line.size() > kMaxChunkSizeLine)
                    return fail(HttpViolation::Malformed);
            }
            break;
        }
        }
    }
    return HttpViolation::None;
}

HttpViolation HttpRequestTracker::requestLineByte(char c)
{
    if (c == '\n')
        return requestLineDone();
    ++m_lineLength;
    if (c == ' ') {
        ++m_spaces;
    } else if (m_spaces >= 2) {
        if (m_version.size() > 16)
            return fail(HttpViolation::Malformed, "the request line must end with HTTP/1.1");
        m_version.append(c);
    } else if (m_spaces == 1) {
        // The server answers origin-form ("/path") and OPTIONS' "*" only: an absolute URL names a
        // host the Host check never sees (RFC 9112 3.2.2).
        if (m_targetLength == 0 && c != '/' && c != '*')
            return fail(HttpViolation::NotOriginForm);
        ++m_targetLength;
        if (m_targetStart.size() <= kRecordingPath.size())
            m_targetStart.append(c);
    }
    // A line far longer than any target allows is refused before its end arrives.
    if (m_targetLength > m_limits.maxUrlLength || m_lineLength > m_limits.maxUrlLength + kRequestLineSlack)
        return fail(HttpViolation::UrlTooLong);
    return HttpViolation::None;
}

// RFC 9112 3: METHOD SP TARGET SP HTTP/1.x, nothing more; Qt's parser took a doubled or an
// unknown version as it came.
HttpViolation HttpRequestTracker::requestLineDone()
{
    if (m_version.endsWith('\r'))
        m_version.chop(1);
    if (m_spaces != 2 || m_targetLength == 0 || (m_version != "HTTP/1.1" && m_version != "HTTP/1.0"))
        return fail(HttpViolation::Malformed, "the request line must be METHOD /path HTTP/1.1");
    // The path alone decides: "/api/chords/detect" or "/api/chords/detect?tempo=96".
    m_recordingPath = m_targetStart == kRecordingPath
        || (m_targetStart.size() == kRecordingPath.size() + 1 && m_targetStart.startsWith(kRecordingPath)
            && m_targetStart.back() == '?');
    m_state = State::Headers;
    m_headerBytes = 0;
    m_line.clear();
    m_contentLength = 0;
    m_chunked = false;
    m_upgrade = false;
    m_sawContentLength = false;
    m_sawTransferEncoding = false;
    m_connectionClose = false;
    m_keepAlive = false;
    m_bodyBytes = 0;
    return HttpViolation::None;
}

HttpViolation HttpRequestTracker::headerLineEnd(bool trailer)
{
    if (trimmed(m_line).isEmpty()) {
        m_line.clear();
        if (trailer) {
            completeRequest();
            return HttpViolation::None;
        }
        return headersDone();
    }
    const HttpViolation v = trailer ? HttpViolation::None : headerLine();
    m_line.clear();
    return v;
}

HttpViolation HttpRequestTracker::headerLine()
{
    const qsizetype colon = m_line.indexOf(':');
    if (colon <= 0)
        return HttpViolation::None;  // Qt's parser answers what is not a header
    const QByteArrayView line(m_line);   // `colon` indexes it: never trim it before slicing
    // RFC 9110 5.5: no control characters in a field but the tab (the line's final CR ends it).
    const QByteArrayView field = line.endsWith('\r') ? line.chopped(1) : line;
    if (std::any_of(field.begin(), field.end(), [](char c) { return (static_cast<uchar>(c) < 0x20 && c != '\t') || c == 0x7f; }))
        return fail(HttpViolation::Malformed, "a header holds a control character");
    const QByteArrayView name = trimmed(line.first(colon));
    const QByteArrayView value = trimmed(line.sliced(colon + 1));
    if (namesEqual(name, "content-length")) {
        return contentLength(value);
    } else if (namesEqual(name, "transfer-encoding")) {
        return transferEncoding(value);
    } else if (namesEqual(name, "connection")) {
        for (const QByteArray &token : QByteArray(value.data(), value.size()).split(',')) {
            m_connectionClose = m_connectionClose || namesEqual(trimmed(token), "close");
            m_keepAlive = m_keepAlive || namesEqual(trimmed(token), "keep-alive");
        }
    } else if (namesEqual(name, "upgrade")) {
        m_upgrade = QByteArray(value.data(), value.size()).toLower().contains("websocket");
    } else if (namesEqual(name, "content-type")) {
        m_audioBody = audioContainerOf(QByteArray(value.data(), value.size())).has_value();
    }
    return HttpViolation::None;
}

// RFC 9112 6.3: one Content-Length, digits only. Two (even equal) or "+2" could be read two ways,
// and Qt's parser and ours did read them differently.
HttpViolation HttpRequestTracker::contentLength(QByteArrayView value)
{
    const bool digits = !value.isEmpty() && value.size() <= 18
                        && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (m_sawContentLength || !digits)
        return fail(HttpViolation::Malformed, "a request has at most one Content-Length, a whole number");
    m_sawContentLength = true;
    m_contentLength = value.toLongLong();
    return HttpViolation::None;
}

// The only transfer coding a client may send us is chunked, once (RFC 9112 6.1, 7).
HttpViolation HttpRequestTracker::transferEncoding(QByteArrayView value)
{
    if (m_sawTransferEncoding || !namesEqual(value, "chunked"))
        return fail(HttpViolation::Malformed, "the only Transfer-Encoding accepted is chunked, once");
    m_sawTransferEncoding = true;
    m_chunked = true;
    return HttpViolation::None;
}

qint64 HttpRequestTracker::bodyLimit() const
{
    return recordingRequest() ? std::max(m_limits.maxBodyBytes, m_limits.maxRecordingBytes) : m_limits.maxBodyBytes;
}

HttpViolation HttpRequestTracker::headersDone()
{
    if (m_sawContentLength && m_sawTransferEncoding)
        return fail(HttpViolation::Malformed, "a request has Content-Length or Transfer-Encoding, not both");
    if (m_chunked) {
        m_state = State::ChunkSize;
        return HttpViolation::None;
    }
    if (m_contentLength > bodyLimit())
        return fail(HttpViolation::BodyTooLarge);
    if (m_contentLength > 0) {
        m_remaining = m_contentLength;
        m_state = State::Body;
        return HttpViolation::None;
    }
    completeRequest();
    return HttpViolation::None;
}

HttpViolation HttpRequestTracker::chunkSizeLine()
{
    QByteArrayView size = trimmed(m_line);
    if (const qsizetype semicolon = size.indexOf(';'); semicolon >= 0)
        size = trimmed(size.first(semicolon));
    m_line.clear();
    bool ok = false;
    const qint64 length = size.isEmpty() || size.size() > 15 ? -1 : size.toLongLong(&ok, 16);
    if (!ok || length < 0)
        return fail(HttpViolation::Malformed);
    if (length == 0) {
        m_state = State::Trailers;
        m_headerBytes = 0;
        return HttpViolation::None;
    }
    m_bodyBytes += length;
    if (m_bodyBytes > bodyLimit())
        return fail(HttpViolation::BodyTooLarge);
    m_remaining = length;
    m_state = State::ChunkData;
    return HttpViolation::None;
}

} // namespace aiband
