#pragma once

#include "WebSocketFrameTracker.h"

#include <QObject>
#include <QPointer>

class QTcpSocket;
class QWebSocket;

namespace aiband {

// Closes a WebSocket session with 1002 (protocol error) when the client sends a frame that is
// not masked (RFC 6455 §5.1), before Qt's QWebSocket reads that frame; Qt 6.4 would process it.
//
// It has to see each batch of bytes before QWebSocket does, and know which of them it has
// already seen. Qt connects QWebSocket's reader to the socket's readyRead directly, in the
// handshake it runs from a queued call once the HTTP server hands the socket over (which first
// drops every connection on the socket). So:
// - watch() is called from a queued call posted while the upgrade request is being accepted: it
//   runs before Qt's queued handshake, and its readyRead slot is connected before Qt's reader,
//   so it runs first on every later batch;
// - attach() is called when the session is adopted, after Qt connected its reader: its second
//   slot runs after the reader and records how much of the buffer Qt left, all of it seen.
// Bytes that arrive before attach() belong to the handshake or wait, unread by Qt, for the next
// batch, where the first slot sees them first.
class WebSocketFrameGuard : public QObject {
    Q_OBJECT
public:
    // Starts watching `socket` (the guard is its child and goes with it).
    static WebSocketFrameGuard *watch(QTcpSocket *socket);

    // Whether `webSocket` is the session this guard's socket became.
    bool carries(const QWebSocket &webSocket) const;
    // From now on the socket's bytes are frames of `webSocket`.
    void attach(QWebSocket *webSocket);
    // The TCP connection under `webSocket`, when a guard was attached to it (every session the
    // server adopts) and while it lives; nullptr for any other. QWebSocket does not say which
    // socket it writes to, and a fan-out writes its prepared frames there (WebSocketTextFrame.h).
    static QTcpSocket *connectionOf(const QWebSocket &webSocket);

private:
    explicit WebSocketFrameGuard(QTcpSocket *socket);
    void beforeQtReads();
    void afterQtRead();
    void fail();

    QTcpSocket *m_socket;
    QPointer<QWebSocket> m_webSocket;
    WebSocketFrameTracker m_tracker;
    qint64 m_seen = 0;  // bytes at the front of the socket's buffer already fed to the tracker
};

} // namespace aiband
