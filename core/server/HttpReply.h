#pragma once

#include "HeaderList.h"

#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QPointer>
#include <QTcpSocket>

#include <memory>

namespace aiband {

// The answer to one HTTP request, at once or later (after a generation on a worker thread).
// Qt 6.4 crashes when a reply is written after the client went away, so the socket is watched
// and a reply to a vanished client is dropped. Answers on one connection go out in the order
// of their requests (AnswerOrder). Copies share the state; the first send wins.
class HttpReply {
public:
    // `headers` are added to the response sent (the request guard's CORS headers).
    // `closeAfter`: the client asked for the connection to close once it has the answer.
    explicit HttpReply(QHttpServerResponder &&responder, HeaderList headers = {}, bool closeAfter = false);

    void send(QHttpServerResponse &&response) const;
    bool clientGone() const;

private:
    struct State {
        explicit State(QHttpServerResponder &&r) : responder(std::move(r)), socket(responder.socket()) {}
        void write(QHttpServerResponse &&response);
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
        bool sent = false;
        bool closeAfter = false;
        quint64 ticket = 0;   // its place among the connection's answers
        HeaderList headers;
    };
    std::shared_ptr<State> m_state;
};

} // namespace aiband
