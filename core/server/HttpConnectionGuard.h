#pragma once

#include "HttpRequestTracker.h"
#include "util/Result.h"

#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace aiband {

struct HttpConnectionLimits {
    HttpLimits request;
    int requestTimeoutMs = 10000;  // first byte to last byte of one request (slow clients)
    int idleTimeoutMs = 60000;     // between requests on a keep-alive connection
};

// A complete HTTP/1.1 error response with our JSON error body and Connection: close, for the
// cases answered below Qt's HTTP server (limits, connection cap).
QByteArray rawErrorResponse(int status, const QByteArray &reason, const Error &error,
                            const QByteArray &extraHeaders = {});

// Watches one accepted connection while it speaks HTTP (a child of the socket). Its readyRead
// slot is connected before Qt's, so it peeks at each new chunk first: a request over a size limit
// is answered (413, 414, 431) and the connection closed before Qt's parser buffers it; a request
// not complete within the request timeout gets 408; a keep-alive connection idle for longer than
// the idle timeout is closed. Once the connection asks for a WebSocket upgrade it stands aside:
// Qt disconnects its slot when the socket becomes a QWebSocket, and the hub's heartbeat timeout
// watches idleness from then on.
class HttpConnectionGuard : public QObject {
    Q_OBJECT
public:
    HttpConnectionGuard(QTcpSocket *socket, const HttpConnectionLimits &limits);

    // Whether the client of `socket` asked to close after the answer to the request now being
    // answered (requests are answered in order): Connection: close, or HTTP/1.0.
    static bool closeAfterAnswer(QTcpSocket *socket);

private:
    void onReadyRead();
    void onDeadline();
    void arm();
    void refuse(HttpViolation violation);
    void refuse(int status, const QByteArray &reason, const Error &error);
    void finishClosing();

    enum class Watching { Idle, Request, Upgrade, Closing };

    QTcpSocket *m_socket;
    HttpConnectionLimits m_limits;
    HttpRequestTracker m_tracker;
    QTimer m_deadline;
    QMetaObject::Connection m_reading;  // our readyRead slot; Qt cuts it when it upgrades the socket
    Watching m_watching = Watching::Idle;
    qint64 m_completedAtArm = 0;
};

} // namespace aiband
