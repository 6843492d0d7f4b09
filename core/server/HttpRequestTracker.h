#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <deque>

namespace aiband {

// Size limits of one HTTP request, checked on the raw bytes before Qt's parser buffers them.
struct HttpLimits {
    qint64 maxBodyBytes = 1024 * 1024;  // Content-Length, or the sum of a chunked body's chunks
    int maxHeaderBytes = 16 * 1024;     // the header lines after the request line
    int maxUrlLength = 8 * 1024;        // the request target of the request line
    // A recording (an audio Content-Type) sent to kRecordingPath may be this large instead: ten
    // minutes of CD-quality WAV are 106 MB, far past what any JSON body needs.
    qint64 maxRecordingBytes = 128 * 1024 * 1024;
};

// The one route that takes recordings (POST /api/chords/detect with an audio body).
inline constexpr QByteArrayView kRecordingPath = "/api/chords/detect";

enum class HttpViolation {
    None,
    UrlTooLong,       // 414
    HeadersTooLarge,  // 431
    BodyTooLarge,     // 413
    Malformed,        // 400: framing we cannot follow or that RFC 9112 forbids (failure() says what)
    BlankLines,       // 400: more empty lines before a request line than RFC 9112 2.2 asks us to skip
    NotOriginForm,    // 400: a request target that is not a path (an absolute URL is for proxies)
};

// Follows the request boundaries of one keep-alive connection as its bytes arrive: request line,
// header lines up to the empty line, then Content-Length body bytes or chunks. Qt 6.4's HTTP
// server reads whatever arrives into one buffer with no limit; this sees every byte first (the
// caller peeks them), so an oversized request is refused before it is buffered, and the caller
// knows whether a request is in progress (for the slow-client deadline) or the connection idles.
// Pipelined requests are followed one after another. After a WebSocket upgrade request it stops
// looking: the bytes that follow are frames.
class HttpRequestTracker {
public:
    explicit HttpRequestTracker(HttpLimits limits = {}) : m_limits(limits) {}

    // Consumes `bytes`; returns the first violation (after which the tracker ignores input).
    HttpViolation feed(QByteArrayView bytes);

    bool requestInProgress() const;   // some bytes of a request arrived, not all of them
    bool upgradeRequested() const { return m_state == State::Upgraded; }
    bool failed() const { return m_state == State::Failed; }
    // Whether the client asked for the connection to close after the answer to its next request
    // not yet answered (Connection: close, or HTTP/1.0 without keep-alive): one per completed
    // request, taken in request order. False when none is left.
    bool takeCloseAfterAnswer();
    // Whether the request being read (or the last one refused) is a recording, an audio body
    // sent to kRecordingPath, which may be up to maxRecordingBytes. Judged at the headers' end.
    bool recordingRequest() const { return m_recordingPath && m_audioBody; }
    qint64 bodyLimit() const;
    // For Malformed: what was wrong, in a sentence for the client.
    const char *failure() const { return m_failure; }
    qint64 completedRequests() const { return m_completed; }
    // After an upgrade request that was answered as plain HTTP (refused), go on following requests.
    void resumeAfterRefusedUpgrade();

private:
    enum class State { Idle, RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Upgraded, Failed };

    HttpViolation fail(HttpViolation violation, const char *why = nullptr);
    HttpViolation requestLineDone();
    HttpViolation contentLength(QByteArrayView value);
    HttpViolation transferEncoding(QByteArrayView value);
    HttpViolation requestLineByte(char c);
    HttpViolation headerLineEnd(bool trailer);   // m_line holds a whole header line, without its \n
    HttpViolation headerLine();
    HttpViolation headersDone();
    HttpViolation chunkSizeLine();
    void completeRequest();

    HttpLimits m_limits;
    State m_state = State::Idle;
    qint64 m_completed = 0;
    // The request being read.
    int m_lineLength = 0;        // request line bytes so far
    int m_spaces = 0;            // spaces seen in the request line
    int m_targetLength = 0;      // bytes of the request target so far
    QByteArray m_targetStart;    // its first bytes, enough to tell kRecordingPath (and a '?')
    bool m_recordingPath = false;
    bool m_audioBody = false;    // its Content-Type is a recording's (audio/wav, audio/flac...)
    int m_blankBytes = 0;        // CR and LF bytes before this request line
    QByteArray m_version;        // the request line after its target: "HTTP/1.1"
    bool m_sawContentLength = false;
    bool m_sawTransferEncoding = false;
    bool m_connectionClose = false;
    bool m_keepAlive = false;
    std::deque<bool> m_closeAfterAnswer;   // per completed request not yet taken
    const char *m_failure = nullptr;
    int m_headerBytes = 0;
    QByteArray m_line;           // the current header or chunk-size line (bounded by the limits)
    qint64 m_contentLength = 0;
    bool m_chunked = false;
    bool m_upgrade = false;
    qint64 m_bodyBytes = 0;      // chunked: data bytes so far
    qint64 m_remaining = 0;      // bytes left of the body or of the current chunk
};

} // namespace aiband
