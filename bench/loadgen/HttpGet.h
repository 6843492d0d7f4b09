#pragma once

// One blocking HTTP/1.1 GET over loopback with a deadline, for the server's /health between
// scenarios (how many sessions it counts). Not used while anything is being timed.

#include "WsClient.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <string>

#include <arpa/inet.h>
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

} // namespace loadgen
