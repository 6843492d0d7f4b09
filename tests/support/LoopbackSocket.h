#pragma once

#include <QtGlobal>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace aiband::test {

// A plain TCP connection to 127.0.0.1:`port`, for tests that must control what a client reads
// (a client that stops reading, raw frames). `receiveBuffer` > 0 sets SO_RCVBUF before the
// connection is made, so the window the server sees is that small. The descriptor (-1 if no
// socket could be made) and whether the connection was made; the caller closes it.
struct LoopbackSocket {
    int fd = -1;
    bool connected = false;
};

inline LoopbackSocket connectLoopback(quint16 port, int receiveBuffer = 0)
{
    LoopbackSocket socket;
    socket.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (socket.fd < 0)
        return socket;
    if (receiveBuffer > 0)
        ::setsockopt(socket.fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socket.connected = ::connect(socket.fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    return socket;
}

} // namespace aiband::test
