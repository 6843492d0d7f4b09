#include "HttpReply.h"

namespace aiband {

HttpReply::HttpReply(QHttpServerResponder &&responder, HeaderList headers, bool closeAfter)
    : m_state(std::make_shared<State>(std::move(responder)))
{
    m_state->headers = std::move(headers);
    m_state->closeAfter = closeAfter;
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
    response.write(std::move(m_state->responder));
    // Once what is written is sent: the client reads the answer, then the end of the connection.
    if (m_state->closeAfter && m_state->socket)
        m_state->socket->disconnectFromHost();
}

} // namespace aiband
