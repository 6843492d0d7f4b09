#pragma once

// One blocking HTTP/1.1 GET over loopback with a deadline, for the server's /health between
// scenarios (how many sessions it counts). Not used while anything is being timed. And a
// keep-alive POST client for fan-out's HTTP trigger (--fanout-trigger http): the request is
// written in the timed part, its answer read after it.

#include "WsClient.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <string>

#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace loadgen {

// The JSON body of a 200 answer, or an empty object.
inline QJsonObject httpGetJson(std::uint32_t addrHostOrder, std::uint16_t port, const std::string &hostHeader,
                               const std::string &path, int timeoutMs = 5000)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return {};
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(addrHostOrder);
    timeval tv{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    QByteArray answer;
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0) {
        const std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader +
                                    "\r\nConnection: close\r\nAccept: application/json\r\n\r\n";
        if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
            const std::int64_t deadline = nowNs() + static_cast<std::int64_t>(timeoutMs) * 1000000;
            char buffer[16384];
            while (nowNs() < deadline && answer.size() < (1 << 20)) {
                const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
                if (n <= 0)
                    break;
                answer.append(buffer, n);
                // Stop at the end of the body when the length is known.
                const qsizetype headEnd = answer.indexOf("\r\n\r\n");
                if (headEnd >= 0) {
                    const QByteArray head = answer.left(headEnd).toLower();
                    const qsizetype at = head.indexOf("content-length:");
                    if (at >= 0) {
                        const qsizetype eol = head.indexOf("\r\n", at);
                        const qsizetype length = head.mid(at + 15, eol < 0 ? -1 : eol - at - 15).trimmed().toLongLong();
                        if (answer.size() >= headEnd + 4 + length)
                            break;
                    }
                }
            }
        }
    }
    ::close(fd);
    if (!answer.startsWith("HTTP/1.1 200"))
        return {};
    const qsizetype headEnd = answer.indexOf("\r\n\r\n");
    return headEnd < 0 ? QJsonObject{} : QJsonDocument::fromJson(answer.mid(headEnd + 4)).object();
}

// One keep-alive connection that POSTs JSON bodies: post() writes a request and returns at once,
// answer() reads that request's answer (status line, headers, Content-Length body).
class HttpPoster {
public:
    HttpPoster(std::uint32_t addrHostOrder, std::uint16_t port, std::string hostHeader, std::string path)
        : m_host(std::move(hostHeader)), m_path(std::move(path))
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(addrHostOrder);
        timeval tv{10, 0};
        setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        const int one = 1;
        setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~HttpPoster()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    HttpPoster(const HttpPoster &) = delete;
    HttpPoster &operator=(const HttpPoster &) = delete;

    bool connected() const { return m_fd >= 0; }

    bool post(const std::string &body)
    {
        const std::string request = "POST " + m_path + " HTTP/1.1\r\nHost: " + m_host +
                                    "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                                    "\r\n\r\n" + body;
        return m_fd >= 0 && ::send(m_fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size());
    }

    // The status code of the answer to the last post(), 0 when none came.
    int answer()
    {
        QByteArray got = m_pending;
        m_pending.clear();
        char buffer[16384];
        while (true) {
            const qsizetype headEnd = got.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                const QByteArray head = got.left(headEnd).toLower();
                const qsizetype at = head.indexOf("content-length:");
                const qsizetype eol = at < 0 ? -1 : head.indexOf("\r\n", at);
                const qsizetype length = at < 0 ? 0 : head.mid(at + 15, eol < 0 ? -1 : eol - at - 15).trimmed().toLongLong();
                const qsizetype end = headEnd + 4 + length;
                if (got.size() >= end) {
                    m_pending = got.mid(end);
                    return got.startsWith("HTTP/1.1 ") ? got.mid(9, 3).toInt() : 0;
                }
            }
            const ssize_t n = m_fd < 0 ? -1 : ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                return 0;
            got.append(buffer, n);
        }
    }

private:
    int m_fd = -1;
    std::string m_host;
    std::string m_path;
    QByteArray m_pending;
};

} // namespace loadgen
