#pragma once

#include <QObject>

#include <functional>
#include <map>

class QTcpSocket;

namespace aiband {

// Answers go out in the order their requests came (RFC 9112 9.3.2), even when a later request
// is answered at once and an earlier one later (a generation): one per connection, a child of
// its socket. Each request takes a ticket on arrival; an answer whose turn has not come waits
// here, and goes out as soon as the ones before it have.
class AnswerOrder : public QObject {
    Q_OBJECT
public:
    static AnswerOrder &of(QTcpSocket *socket);   // made on the first request

    quint64 ticket() { return m_issued++; }
    // Runs `write` now if it is `ticket`'s turn, else when it comes.
    void deliver(quint64 ticket, std::function<void()> write);

private:
    explicit AnswerOrder(QTcpSocket *socket);

    quint64 m_issued = 0;
    quint64 m_next = 0;
    std::map<quint64, std::function<void()>> m_waiting;
};

} // namespace aiband
