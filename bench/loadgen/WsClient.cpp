#include "WsClient.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

namespace loadgen {
namespace {

constexpr std::uint64_t kTokenSignal = 0xffffffff00000001ull;
constexpr std::uint64_t kTokenTimer = 0xffffffff00000002ull;
constexpr std::uint64_t kTokenStdin = 0xffffffff00000003ull;
constexpr int kMaxEvents = 2048;
constexpr std::size_t kReadBuffer = 256 * 1024;

// "type": with or without a space before its value: Python's json.dumps (the original
// orchestrator's answers) writes one.
constexpr std::string_view kTypeKey = "\"type\":";

bool startsWithNoCase(std::string_view text, std::string_view prefix)
{
    if (text.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
            return false;
    }
    return true;
}

} // namespace

std::int64_t nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

MsgType classify(std::string_view text)
{
    const std::size_t at = text.rfind(kTypeKey);
    if (at == std::string_view::npos)
        return MsgType::Other;
    std::size_t start = at + kTypeKey.size();
    while (start < text.size() && text[start] == ' ')
        ++start;
    if (start >= text.size() || text[start] != '"')
        return MsgType::Other;
    ++start;
    const std::size_t end = text.find('"', start);
    if (end == std::string_view::npos)
        return MsgType::Other;
    const std::string_view type = text.substr(start, end - start);
    static const std::pair<std::string_view, MsgType> table[] = {
        {"heartbeat_response", MsgType::HeartbeatResponse},
        {"transport_sync", MsgType::TransportSync},
        {"connection_confirmed", MsgType::ConnectionConfirmed},
        {"generation_complete", MsgType::GenerationComplete},
        {"files_ready", MsgType::FilesReady},
        {"midi_ready", MsgType::MidiReady},
        {"generation_result", MsgType::GenerationResult},
        {"notification", MsgType::Notification},
        {"error", MsgType::Error},
        {"status", MsgType::Status},
        {"registered", MsgType::Registered},
    };
    for (const auto &[name, value] : table) {
        if (type == name)
            return value;
    }
    return MsgType::Other;
}

const char *typeName(MsgType type)
{
    switch (type) {
    case MsgType::ConnectionConfirmed: return "connection_confirmed";
    case MsgType::Registered: return "registered";
    case MsgType::HeartbeatResponse: return "heartbeat_response";
    case MsgType::TransportSync: return "transport_sync";
    case MsgType::GenerationComplete: return "generation_complete";
    case MsgType::FilesReady: return "files_ready";
    case MsgType::MidiReady: return "midi_ready";
    case MsgType::GenerationResult: return "generation_result";
    case MsgType::Notification: return "notification";
    case MsgType::Status: return "status";
    case MsgType::Error: return "error";
    case MsgType::Other: break;
    }
    return "other";
}

WsEngine::WsEngine(std::uint32_t ipv4HostOrder, std::uint16_t port, std::string hostHeader, int signalFd)
    : m_addr(ipv4HostOrder), m_port(port), m_hostHeader(std::move(hostHeader)), m_signalFd(signalFd)
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kTokenTimer;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_timer, &ev);
    if (m_signalFd >= 0) {
        ev.data.u64 = kTokenSignal;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_signalFd, &ev);
    }
    m_rng ^= static_cast<std::uint32_t>(nowNs());
    m_frame.reserve(4096);
}

WsEngine::~WsEngine()
{
    for (auto &conn : m_conns) {
        if (conn->fd >= 0)
            ::close(conn->fd);
    }
    if (m_timer >= 0)
        ::close(m_timer);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

void WsEngine::watchStdin()
{
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kTokenStdin;
    // A regular file or /dev/null cannot be watched; then only a signal or the time ends a hold.
    m_stdinWatched = epoll_ctl(m_epoll, EPOLL_CTL_ADD, STDIN_FILENO, &ev) == 0;
}

void WsEngine::setTimer(std::int64_t atNs)
{
    itimerspec spec{};
    if (atNs > 0) {
        spec.it_value.tv_sec = atNs / 1000000000;
        spec.it_value.tv_nsec = atNs % 1000000000;
        if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0)
            spec.it_value.tv_nsec = 1;
    }
    timerfd_settime(m_timer, TFD_TIMER_ABSTIME, &spec, nullptr);
}

bool WsEngine::open(std::size_t count, const std::string &idPrefix, std::int64_t deadlineNs, std::string *error,
                    std::size_t window)
{
    const std::size_t first = m_conns.size();
    m_conns.reserve(first + count);
    for (std::size_t i = 0; i < count; ++i) {
        auto conn = std::make_unique<Conn>();
        conn->index = static_cast<std::uint32_t>(first + i);
        char id[24];
        std::snprintf(id, sizeof id, "%04zu", i);
        conn->pluginId = idPrefix + id;
        m_conns.push_back(std::move(conn));
    }
    m_nextToStart = first;
    m_window = std::max<std::size_t>(1, window);
    m_inFlight = 0;
    const std::size_t targetDone = m_confirmed + m_failed + count;
    startNext();
    const bool done = runUntil([&] { return m_confirmed + m_failed >= targetDone; }, deadlineNs);
    if (!done || m_failed > 0) {
        if (error) {
            if (m_signal)
                *error = "interrupted by signal " + std::to_string(m_signal);
            else if (!done)
                *error = "timed out with " + std::to_string(m_confirmed) + " of " + std::to_string(count) +
                         " sessions confirmed";
            else
                *error = std::to_string(m_failed) + " sessions failed; first: " + m_firstFailure;
        }
        return false;
    }
    return true;
}

void WsEngine::startNext()
{
    while (m_inFlight < m_window && m_nextToStart < m_conns.size()) {
        Conn &conn = *m_conns[m_nextToStart++];
        ++m_inFlight;
        startConnect(conn);
    }
}

void WsEngine::startConnect(Conn &conn)
{
    conn.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (conn.fd < 0) {
        fail(conn, std::string("socket: ") + std::strerror(errno));
        return;
    }
    const int one = 1;
    setsockopt(conn.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(m_port);
    addr.sin_addr.s_addr = htonl(m_addr);
    conn.state = Conn::State::Connecting;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u64 = conn.index;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, conn.fd, &ev) != 0) {
        fail(conn, std::string("epoll_ctl: ") + std::strerror(errno));
        return;
    }
    if (::connect(conn.fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
        fail(conn, std::string("connect: ") + std::strerror(errno));
        return;
    }
}

void WsEngine::finishConnect(Conn &conn)
{
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(conn.fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) {
        fail(conn, std::string("connect: ") + std::strerror(err));
        return;
    }
    QByteArray key(16, Qt::Uninitialized);
    for (char &c : key) {
        m_rng ^= m_rng << 13;
        m_rng ^= m_rng >> 17;
        m_rng ^= m_rng << 5;
        c = static_cast<char>(m_rng);
    }
    const QByteArray key64 = key.toBase64();
    conn.expectedAccept =
        QCryptographicHash::hash(key64 + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", QCryptographicHash::Sha1)
            .toBase64()
            .toStdString();
    conn.out = "GET /ws/" + conn.pluginId + " HTTP/1.1\r\nHost: " + m_hostHeader +
               "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key64.toStdString() +
               "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    conn.state = Conn::State::Handshaking;
    setWriteInterest(conn, true);
    flush(conn);
}

void WsEngine::setWriteInterest(Conn &conn, bool on)
{
    epoll_event ev{};
    ev.events = EPOLLIN | (on ? EPOLLOUT : 0u);
    ev.data.u64 = conn.index;
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, conn.fd, &ev);
}

bool WsEngine::flush(Conn &conn)
{
    while (!conn.out.empty()) {
        const ssize_t n = ::send(conn.fd, conn.out.data(), conn.out.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return true; // EPOLLOUT stays on
            if (errno == EINTR)
                continue;
            fail(conn, std::string("send: ") + std::strerror(errno));
            return false;
        }
        conn.out.erase(0, static_cast<std::size_t>(n));
    }
    setWriteInterest(conn, false);
    return true;
}

bool WsEngine::sendText(Conn &conn, std::string_view text)
{
    if (conn.state != Conn::State::Open)
        return false;
    return sendFrame(conn, 0x1, text);
}

bool WsEngine::sendFrame(Conn &conn, std::uint8_t opcode, std::string_view payload)
{
    // Client frames must be masked (RFC 6455 5.3).
    std::string &f = m_frame;
    f.clear();
    f.push_back(static_cast<char>(0x80 | opcode));
    const std::size_t size = payload.size();
    if (size < 126) {
        f.push_back(static_cast<char>(0x80 | size));
    } else if (size <= 0xffff) {
        f.push_back(static_cast<char>(0x80 | 126));
        f.push_back(static_cast<char>(size >> 8));
        f.push_back(static_cast<char>(size & 0xff));
    } else {
        f.push_back(static_cast<char>(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            f.push_back(static_cast<char>((static_cast<std::uint64_t>(size) >> shift) & 0xff));
    }
    m_rng ^= m_rng << 13;
    m_rng ^= m_rng >> 17;
    m_rng ^= m_rng << 5;
    char mask[4];
    std::memcpy(mask, &m_rng, 4);
    f.append(mask, 4);
    const std::size_t start = f.size();
    f.append(payload);
    for (std::size_t i = 0; i < size; ++i)
        f[start + i] = static_cast<char>(f[start + i] ^ mask[i & 3]);
    ++m_framesOut;

    if (!conn.out.empty()) {
        conn.out.append(f);
        return true;
    }
    std::size_t sent = 0;
    while (sent < f.size()) {
        const ssize_t n = ::send(conn.fd, f.data() + sent, f.size() - sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                conn.out.assign(f, sent, std::string::npos);
                setWriteInterest(conn, true);
                return true;
            }
            fail(conn, std::string("send: ") + std::strerror(errno));
            return false;
        }
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

bool WsEngine::runUntil(const std::function<bool()> &done, std::int64_t deadlineNs)
{
    epoll_event events[kMaxEvents];
    while (!done()) {
        if (m_signal)
            return false;
        const std::int64_t now = nowNs();
        if (now >= deadlineNs)
            return false;
        const std::int64_t leftMs = (deadlineNs - now + 999999) / 1000000;
        const int n = epoll_wait(m_epoll, events, kMaxEvents, static_cast<int>(std::min<std::int64_t>(leftMs, 1000)));
        // One timestamp per wake-up: everything in this batch had arrived by now, so the time the
        // loop spends on the batch does not count against the server.
        const std::int64_t t = nowNs();
        for (int i = 0; i < n; ++i)
            onEvent(events[i].data.u64, events[i].events, t);
        if (n > 0) {
            ++m_wakeups;
            m_events += static_cast<std::uint64_t>(n);
            m_busyNs += nowNs() - t;
        }
    }
    return true;
}

void WsEngine::onEvent(std::uint64_t token, std::uint32_t events, std::int64_t t)
{
    if (token == kTokenTimer) {
        std::uint64_t expirations = 0;
        if (::read(m_timer, &expirations, sizeof expirations) > 0 && m_onTimer)
            m_onTimer(t);
        return;
    }
    if (token == kTokenSignal) {
        signalfd_siginfo info{};
        if (::read(m_signalFd, &info, sizeof info) == static_cast<ssize_t>(sizeof info))
            m_signal = static_cast<int>(info.ssi_signo);
        return;
    }
    if (token == kTokenStdin) {
        char buffer[512];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, STDIN_FILENO, nullptr);
            m_stdinWatched = false;
        } else if (std::memchr(buffer, '\n', static_cast<std::size_t>(n))) {
            m_stdinLine = true;
        }
        return;
    }
    if (token >= m_conns.size())
        return;
    Conn &conn = *m_conns[token];
    if (conn.fd < 0)
        return;
    if (conn.state == Conn::State::Connecting) {
        if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))
            finishConnect(conn);
        return;
    }
    if (events & EPOLLOUT)
        flush(conn);
    if (conn.fd >= 0 && (events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
        onReadable(conn, t);
}

void WsEngine::onReadable(Conn &conn, std::int64_t t)
{
    static thread_local std::vector<char> buffer(kReadBuffer);
    const ssize_t n = ::recv(conn.fd, buffer.data(), buffer.size(), 0);
    if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            return;
        fail(conn, std::string("recv: ") + std::strerror(errno));
        return;
    }
    if (n == 0) {
        if (conn.state == Conn::State::Closing)
            closeSocket(conn, Conn::State::Closed);
        else
            fail(conn, "the server closed the connection" +
                           (conn.closeCode ? " (close code " + std::to_string(conn.closeCode) + ")" : std::string()));
        return;
    }
    const std::size_t size = static_cast<std::size_t>(n);
    if (conn.state == Conn::State::Handshaking) {
        conn.in.append(buffer.data(), size);
        if (!handshakeDone(conn, t))
            return;
        return;
    }
    if (conn.in.empty()) {
        const std::size_t used = parseFrames(conn, buffer.data(), size, t);
        if (used < size && conn.fd >= 0)
            conn.in.assign(buffer.data() + used, size - used);
    } else {
        conn.in.append(buffer.data(), size);
        const std::size_t used = parseFrames(conn, conn.in.data(), conn.in.size(), t);
        if (conn.fd >= 0)
            conn.in.erase(0, used);
    }
}

bool WsEngine::handshakeDone(Conn &conn, std::int64_t t)
{
    const std::size_t end = conn.in.find("\r\n\r\n");
    if (end == std::string::npos) {
        if (conn.in.size() > 16384)
            fail(conn, "handshake answer too long");
        return false;
    }
    const std::string_view head(conn.in.data(), end);
    if (!head.starts_with("HTTP/1.1 101")) {
        fail(conn, "upgrade refused: " + std::string(head.substr(0, head.find("\r\n"))));
        return false;
    }
    bool acceptOk = false;
    std::size_t pos = 0;
    while (pos < head.size()) {
        std::size_t eol = head.find("\r\n", pos);
        if (eol == std::string_view::npos)
            eol = head.size();
        std::string_view line = head.substr(pos, eol - pos);
        if (startsWithNoCase(line, "sec-websocket-accept:")) {
            std::string_view value = line.substr(21);
            while (!value.empty() && value.front() == ' ')
                value.remove_prefix(1);
            while (!value.empty() && value.back() == ' ')
                value.remove_suffix(1);
            acceptOk = value == conn.expectedAccept;
        }
        pos = eol + 2;
    }
    if (!acceptOk) {
        fail(conn, "wrong or missing Sec-WebSocket-Accept");
        return false;
    }
    conn.state = Conn::State::Open;
    const std::string rest = conn.in.substr(end + 4);
    conn.in.clear();
    if (!rest.empty()) {
        const std::size_t used = parseFrames(conn, rest.data(), rest.size(), t);
        if (conn.fd >= 0)
            conn.in.assign(rest, used, std::string::npos);
    }
    return true;
}

std::size_t WsEngine::parseFrames(Conn &conn, const char *data, std::size_t size, std::int64_t t)
{
    std::size_t pos = 0;
    while (size - pos >= 2 && conn.fd >= 0) {
        const auto *p = reinterpret_cast<const unsigned char *>(data + pos);
        const bool fin = p[0] & 0x80;
        const std::uint8_t opcode = p[0] & 0x0f;
        const bool masked = p[1] & 0x80;
        std::uint64_t length = p[1] & 0x7f;
        std::size_t header = 2;
        if (length == 126) {
            if (size - pos < 4)
                break;
            length = (static_cast<std::uint64_t>(p[2]) << 8) | p[3];
            header = 4;
        } else if (length == 127) {
            if (size - pos < 10)
                break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | p[2 + i];
            header = 10;
        }
        const std::size_t maskAt = header;
        if (masked)
            header += 4;
        if (size - pos < header + length)
            break;
        std::string unmasked;
        std::string_view payload(data + pos + header, static_cast<std::size_t>(length));
        if (masked) { // servers must not mask, but read it right if one does
            unmasked.assign(payload);
            for (std::size_t i = 0; i < unmasked.size(); ++i)
                unmasked[i] = static_cast<char>(unmasked[i] ^ p[maskAt + (i & 3)]);
            payload = unmasked;
        }
        pos += header + static_cast<std::size_t>(length);
        ++m_framesIn;

        switch (opcode) {
        case 0x0: // continuation
        case 0x1: // text
        case 0x2: // binary (the protocol has none; treated like text so it is seen)
            if (!fin || !conn.fragment.empty()) {
                conn.fragment.append(payload);
                if (!fin)
                    break;
                const std::string whole = std::move(conn.fragment);
                conn.fragment.clear();
                deliverText(conn, whole, t);
                break;
            } else {
                deliverText(conn, payload, t);
            }
            break;
        case 0x8: { // close
            if (payload.size() >= 2)
                conn.closeCode = (static_cast<unsigned char>(payload[0]) << 8) | static_cast<unsigned char>(payload[1]);
            else
                conn.closeCode = 1005;
            if (conn.state == Conn::State::Closing) {
                closeSocket(conn, Conn::State::Closed);
            } else {
                // The server closed first: answer and note it.
                sendFrame(conn, 0x8, payload.substr(0, 2));
                fail(conn, "the server closed the session with code " + std::to_string(conn.closeCode));
            }
            return pos;
        }
        case 0x9: // ping
            sendFrame(conn, 0xA, payload);
            break;
        default: // pong and reserved opcodes
            break;
        }
    }
    return pos;
}

void WsEngine::deliverText(Conn &conn, std::string_view text, std::int64_t t)
{
    const MsgType type = classify(text);
    if (type == MsgType::ConnectionConfirmed && !conn.confirmed) {
        conn.confirmed = true;
        ++m_confirmed;
        --m_inFlight;
        startNext();
    }
    if (m_onText)
        m_onText(conn, type, text, t);
}

void WsEngine::fail(Conn &conn, const std::string &why)
{
    const bool wasWaitingForConfirm = !conn.confirmed && conn.state != Conn::State::Failed &&
                                      conn.state != Conn::State::Closed && conn.state != Conn::State::Idle;
    conn.failure = why;
    if (m_firstFailure.empty())
        m_firstFailure = conn.pluginId + ": " + why;
    if (conn.state != Conn::State::Failed)
        ++m_failed;
    closeSocket(conn, Conn::State::Failed);
    if (wasWaitingForConfirm && m_inFlight > 0) {
        --m_inFlight;
        startNext();
    }
}

void WsEngine::closeSocket(Conn &conn, Conn::State state)
{
    if (conn.fd >= 0) {
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, conn.fd, nullptr);
        ::close(conn.fd);
        conn.fd = -1;
    }
    conn.state = state;
}

std::size_t WsEngine::closeAll(std::int64_t deadlineNs)
{
    std::size_t closing = 0;
    for (auto &conn : m_conns) {
        if (conn->state == Conn::State::Open) {
            const char code[2] = {static_cast<char>(1000 >> 8), static_cast<char>(1000 & 0xff)};
            if (sendFrame(*conn, 0x8, std::string_view(code, 2))) {
                conn->state = Conn::State::Closing;
                ++closing;
            }
        }
    }
    const auto stillClosing = [this] {
        return std::none_of(m_conns.begin(), m_conns.end(),
                            [](const auto &c) { return c->state == Conn::State::Closing; });
    };
    runUntil(stillClosing, deadlineNs);
    std::size_t clean = 0;
    for (auto &conn : m_conns) {
        if (conn->state == Conn::State::Closed)
            ++clean;
        closeSocket(*conn, conn->state == Conn::State::Closing ? Conn::State::Failed : conn->state);
    }
    return clean;
}

} // namespace loadgen
