#include "HttpReply.h"

namespace aiband {

HttpReply::HttpReply(QHttpServerResponder &&responder, HeaderList headers)
    : m_state(std::make_shared<State>(std::move(responder)))
{
    m_state->headers = std::move(headers);
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
}

} // namespace aiband
