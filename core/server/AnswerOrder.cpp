#include "AnswerOrder.h"

#include <QTcpSocket>

namespace aiband {

AnswerOrder::AnswerOrder(QTcpSocket *socket) : QObject(socket) {}

AnswerOrder &AnswerOrder::of(QTcpSocket *socket)
{
    if (auto *order = socket->findChild<AnswerOrder *>(QString(), Qt::FindDirectChildrenOnly))
        return *order;
    return *new AnswerOrder(socket);
}

void AnswerOrder::deliver(quint64 ticket, std::function<void()> write)
{
    if (ticket != m_next) {
        m_waiting.emplace(ticket, std::move(write));
        return;
    }
    write();
    ++m_next;
    for (auto it = m_waiting.find(m_next); it != m_waiting.end(); it = m_waiting.find(m_next)) {
        const std::function<void()> waiting = std::move(it->second);
        m_waiting.erase(it);
        waiting();
        ++m_next;
    }
}

} // namespace aiband
