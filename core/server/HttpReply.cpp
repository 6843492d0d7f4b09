#include "HttpReply.h"

namespace aiband {

HttpReply::HttpReply(QHttpServerResponder &&responder)
    : m_state(std::make_shared<State>(std::move(responder)))
{
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
    response.write(std::move(m_state->responder));
}

} // namespace aiband
