#include "HttpReply.h"

#include "AnswerOrder.h"

namespace aiband {

HttpReply::HttpReply(QHttpServerResponder &&responder, HeaderList headers, bool closeAfter)
    : m_state(std::make_shared<State>(std::move(responder)))
{
    m_state->headers = std::move(headers);
    m_state->closeAfter = closeAfter;
    if (m_state->socket)
        m_state->ticket = AnswerOrder::of(m_state->socket).ticket();
}

bool HttpReply::clientGone() const
{
    return !m_state->socket || m_state->socket->state() != QAbstractSocket::ConnectedState;
}

void HttpReply::send(QHttpServerResponse &&response) const
{
    if (m_state->sent || clientGone())
        return;
    m_state->sent = true;
    for (const auto &[name, value] : m_state->headers)
        response.setHeader(name, value);
    auto waiting = std::make_shared<QHttpServerResponse>(std::move(response));
    AnswerOrder::of(m_state->socket).deliver(m_state->ticket, [state = m_state, waiting] {
        state->write(std::move(*waiting));
    });
}

void HttpReply::State::write(QHttpServerResponse &&response)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    response.write(std::move(responder));
    // Once what is written is sent: the client reads the answer, then the end of the connection.
    if (closeAfter) {
        socket->disconnectFromHost();
        return;
    }
    // Sent now rather than when the event loop next finds the socket writable: an answer given
    // after a generation would otherwise wait behind the take's announcements (files_ready,
    // the window's models) and one more turn of the loop.
    socket->flush();
}

} // namespace aiband
