#include "HttpConnectionGuard.h"

#include "JsonReplies.h"
#include "logging/LogCategories.h"

#include <QJsonDocument>
#include <QTcpSocket>

#include <sys/socket.h>

namespace aiband {
namespace {

// How long a refused client may take to read our answer before the connection is cut.
constexpr int kLingerMs = 2000;

} // namespace

QByteArray rawErrorResponse(int status, const QByteArray &reason, const Error &error, const QByteArray &extraHeaders)
{
    const QByteArray body = QJsonDocument(errorBody(error)).toJson(QJsonDocument::Compact);
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n"
           "Content-Type: application/json\r\n"
           "Cache-Control: no-store\r\n"
           + extraHeaders +
           "Connection: close\r\n"
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

bool HttpConnectionGuard::closeAfterAnswer(QTcpSocket *socket)
{
    auto *guard = socket ? socket->findChild<HttpConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
    return guard && guard->m_tracker.takeCloseAfterAnswer();
}

HttpConnectionGuard::HttpConnectionGuard(QTcpSocket *socket, const HttpConnectionLimits &limits)
    : QObject(socket), m_socket(socket), m_limits(limits), m_tracker(limits.request)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &HttpConnectionGuard::onDeadline);
    m_reading = connect(socket, &QTcpSocket::readyRead, this, &HttpConnectionGuard::onReadyRead);
    arm();
}

void HttpConnectionGuard::onReadyRead()
{
    if (m_watching == Watching::Closing) {
        // Refused: whatever else the client sends is dropped, not buffered.
        m_socket->skip(m_socket->bytesAvailable());
        return;
    }
    // Still called after an upgrade request: Qt answered it as HTTP (refused), so it stays HTTP.
    m_tracker.resumeAfterRefusedUpgrade();
    // Qt's parser reads everything it is given, so what is available now is exactly what arrived
    // since its last read.
    const QByteArray bytes = m_socket->peek(m_socket->bytesAvailable());
    if (const HttpViolation violation = m_tracker.feed(bytes); violation != HttpViolation::None) {
        refuse(violation);
        return;
    }
    arm();
}

// One timer serves both deadlines: the request deadline runs from a request's first byte (and is
// not restarted by the bytes that follow, or trickling would defeat it); the idle deadline runs
// from the end of the last request.
void HttpConnectionGuard::arm()
{
    if (m_tracker.upgradeRequested()) {
        // Checked once more after the idle time, in case Qt refused the upgrade and left an
        // HTTP connection that then sits silent (Qt 6.4 closes those itself; later versions
        // may not).
        if (m_watching != Watching::Upgrade) {
            m_watching = Watching::Upgrade;
            m_deadline.start(m_limits.idleTimeoutMs);
        }
        return;
    }
    if (m_tracker.requestInProgress()) {
        // A new request (the next of a pipelined series included) gets its own deadline.
        if (m_watching != Watching::Request || m_tracker.completedRequests() != m_completedAtArm) {
            m_watching = Watching::Request;
            m_completedAtArm = m_tracker.completedRequests();
            m_deadline.start(m_limits.requestTimeoutMs);
        }
        return;
    }
    if (m_watching != Watching::Idle || m_tracker.completedRequests() != m_completedAtArm || !m_deadline.isActive()) {
        m_watching = Watching::Idle;
        m_completedAtArm = m_tracker.completedRequests();
        m_deadline.start(m_limits.idleTimeoutMs);
    }
}

void HttpConnectionGuard::onDeadline()
{
    switch (m_watching) {
    case Watching::Request:
        qCInfo(lcServer).noquote() << "request from" << m_socket->peerAddress().toString() << "not complete within"
                                   << m_limits.requestTimeoutMs << "ms; closing";
        refuse(408, "Request Timeout",
               makeError(QStringLiteral("request_timeout"),
                         QStringLiteral("the request was not complete within %1 s").arg(m_limits.requestTimeoutMs / 1000.0)));
        break;
    case Watching::Idle:
        qCDebug(lcServer).noquote() << "closing idle connection from" << m_socket->peerAddress().toString();
        m_socket->disconnectFromHost();
        break;
    case Watching::Closing:
        m_socket->abort();
        break;
    case Watching::Upgrade:
        // Disconnecting succeeds only if Qt did not: the socket never became a WebSocket.
        if (QObject::disconnect(m_reading)) {
            qCDebug(lcServer).noquote() << "closing idle connection from" << m_socket->peerAddress().toString()
                                        << "after a refused upgrade";
            m_socket->disconnectFromHost();
        }
        break;
    }
}

void HttpConnectionGuard::refuse(HttpViolation violation)
{
    const HttpLimits &l = m_limits.request;
    switch (violation) {
    case HttpViolation::BodyTooLarge:
        refuse(413, "Payload Too Large",
               makeError(QStringLiteral("body_too_large"),
                         QStringLiteral("the request body is larger than %1 bytes (%2)")
                             .arg(m_tracker.bodyLimit())
                             .arg(m_tracker.bodyLimit() > l.maxBodyBytes ? QStringLiteral("server.max_recording_bytes")
                                                                          : QStringLiteral("server.max_body_bytes"))));
        return;
    case HttpViolation::HeadersTooLarge:
        refuse(431, "Request Header Fields Too Large",
               makeError(QStringLiteral("headers_too_large"),
                         QStringLiteral("the request headers are larger than %1 bytes (server.max_header_bytes)").arg(l.maxHeaderBytes)));
        return;
    case HttpViolation::UrlTooLong:
        refuse(414, "URI Too Long",
               makeError(QStringLiteral("url_too_long"),
                         QStringLiteral("the request URL is longer than %1 bytes (server.max_url_length)").arg(l.maxUrlLength)));
        return;
    case HttpViolation::Malformed:
        refuse(400, "Bad Request",
               makeError(QStringLiteral("bad_request"),
                         m_tracker.failure() ? QString::fromLatin1(m_tracker.failure())
                                             : QStringLiteral("the request's framing (Content-Length or chunk sizes) is invalid")));
        return;
    case HttpViolation::BlankLines:
        refuse(400, "Bad Request",
               makeError(QStringLiteral("bad_request"), QStringLiteral("more empty lines than a request may start with")));
        return;
    case HttpViolation::NotOriginForm:
        refuse(400, "Bad Request",
               makeError(QStringLiteral("bad_request"),
                         QStringLiteral("the request target must be a path such as /health; absolute URLs are for proxies")));
        return;
    case HttpViolation::None:
        return;
    }
}

// Answers and closes without letting Qt's parser see any more of this connection. The close
// lingers: our side is shut for writing once the answer is out, and what the client still sends
// is discarded until it closes or kLingerMs pass, so it reads the answer instead of a reset.
void HttpConnectionGuard::refuse(int status, const QByteArray &reason, const Error &error)
{
    qCInfo(lcServer).noquote() << "refused a request from" << m_socket->peerAddress().toString() << "with" << status
                               << error.message;
    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    m_reading = connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnectionGuard::onReadyRead);
    m_watching = Watching::Closing;
    // Qt's parser keeps what it read in an open transaction; nothing of it will be used.
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->setReadBufferSize(64 * 1024);
    m_socket->skip(m_socket->bytesAvailable());
    m_socket->write(rawErrorResponse(status, reason, error));
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnectionGuard::finishClosing);
    m_socket->flush();
    finishClosing();
    m_deadline.start(kLingerMs);
}

void HttpConnectionGuard::finishClosing()
{
    if (m_socket->bytesToWrite() > 0 || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    disconnect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnectionGuard::finishClosing);
    ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
}

} // namespace aiband
