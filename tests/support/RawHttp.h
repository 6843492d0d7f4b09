#pragma once

// HTTP over a bare QTcpSocket, for the tests that must send bytes no HTTP client would (any
// Host, two Hosts, "..", pipelined requests, half a header): the bytes go out exactly as given
// and each answer is read back by its Content-Length.

#include "HttpResult.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

#include <optional>

namespace aiband::test {

struct RawResponse : HttpResult {
    QByteArray raw;   // the answer's bytes as they came, head and body
};

// One connection to the server; answers are taken off it one by one.
class RawClient {
public:
    explicit RawClient(quint16 port)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        socket.waitForConnected(5000);
    }

    bool connected() const { return socket.state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray &bytes)
    {
        socket.write(bytes);
        socket.flush();
    }

    // Waits for the next whole answer: its head, then Content-Length bytes of body (none after
    // a 101), or without a Content-Length whatever arrives before the server closes.
    std::optional<RawResponse> next(int timeoutMs = 5000)
    {
        std::optional<RawResponse> found;
        static_cast<void>(QTest::qWaitFor([&] {
            m_buffer += socket.readAll();
            const bool closed = socket.state() == QAbstractSocket::UnconnectedState;
            found = take(closed);
            return found.has_value() || closed;
        }, timeoutMs));
        return found;
    }

    // What has arrived and was not taken as an answer.
    QByteArray unread() const { return m_buffer; }

    QTcpSocket socket;

private:
    std::optional<RawResponse> take(bool closed)
    {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return std::nullopt;
        RawResponse response;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        response.status = lines.first().split(' ').value(1).toInt();
        qint64 length = -1;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            response.headers.append({name, value});
            if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
        }
        if (response.status == 101)
            length = 0;
        qsizetype size = end + 4 + length;
        if (length < 0 || m_buffer.size() < size) {
            if (!closed)
                return std::nullopt;
            size = m_buffer.size();   // the server hung up: the answer is what came
        }
        response.raw = m_buffer.left(size);
        response.body = response.raw.mid(end + 4);
        response.json = QJsonDocument::fromJson(response.body).object();
        m_buffer.remove(0, size);
        return response;
    }

    QByteArray m_buffer;
};

// Sends `request` on a new connection and reads one answer; an empty answer (status 0) when
// the server cannot be reached or does not answer.
inline RawResponse rawExchange(quint16 port, const QByteArray &request)
{
    RawClient client(port);
    if (!client.connected())
        return {};
    client.send(request);
    if (std::optional<RawResponse> response = client.next())
        return *response;
    RawResponse nothing;
    nothing.raw = client.unread();
    return nothing;
}

} // namespace aiband::test
