#pragma once

// A minimal WebSocket client engine for load generation: non-blocking POSIX sockets, one epoll
// loop for every session, frames built and parsed by hand. It exists so that the client costs
// far less per message than the server it measures (a QWebSocket per session in Qt's event loop
// costs about as much as the server does, see README.md).
//
// Loopback IPv4 only. Text frames only (what the protocol uses); pings are answered, close frames
// are honoured. Times are CLOCK_MONOTONIC nanoseconds, the clock QElapsedTimer uses on Linux.

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace loadgen {

std::int64_t nowNs();

// The server's message types; found without a JSON parse (see classify()).
enum class MsgType : std::uint8_t {
    Other,
    ConnectionConfirmed,
    Registered,
    HeartbeatResponse,
    TransportSync,
    GenerationComplete,
    FilesReady,
    MidiReady,
    GenerationResult,
    Notification,
    Status,
    Error,
};

// The top-level "type" of a server message. The server serialises with QJsonDocument, whose
// objects keep their keys sorted, so the envelope's "type" is its last key: the last
// "type":"..." in the text is the envelope's, whatever "data" holds.
MsgType classify(std::string_view text);
const char *typeName(MsgType type);

struct Conn {
    enum class State : std::uint8_t { Idle, Connecting, Handshaking, Open, Closing, Closed, Failed };

    int fd = -1;
    std::uint32_t index = 0;
    State state = State::Idle;
    std::string pluginId;
    std::string expectedAccept; // Sec-WebSocket-Accept the server must answer
    std::string in;             // received bytes not yet parsed
    std::string out;            // bytes the socket did not take yet
    std::string fragment;       // a fragmented message being reassembled
    bool confirmed = false;     // connection_confirmed received
    int closeCode = 0;          // the server's close code, when it closed
    std::string failure;

    // Bookkeeping the scenarios use; the engine never touches these.
    std::uint64_t received = 0;
    std::int64_t lastRecvNs = 0;
    std::string lastText;
    std::deque<std::int64_t> sentAt;
    std::uint64_t counter = 0;
};

class WsEngine {
public:
    using TextHandler = std::function<void(Conn &, MsgType, std::string_view, std::int64_t)>;
    using TimerHandler = std::function<void(std::int64_t)>;

    // signalFd: a signalfd the loop watches (SIGINT/SIGTERM/SIGUSR1), or -1.
    WsEngine(std::uint32_t ipv4HostOrder, std::uint16_t port, std::string hostHeader, int signalFd);
    ~WsEngine();
    WsEngine(const WsEngine &) = delete;
    WsEngine &operator=(const WsEngine &) = delete;

    // Opens `count` sessions (/ws/{prefix}{index, 4 digits}) with at most `window` handshakes in
    // flight, and waits until each has its connection_confirmed. False, with a reason, on a
    // failure, a signal or the deadline.
    bool open(std::size_t count, const std::string &idPrefix, std::int64_t deadlineNs, std::string *error,
              std::size_t window = 64);

    std::vector<std::unique_ptr<Conn>> &conns() { return m_conns; }
    Conn &conn(std::size_t i) { return *m_conns[i]; }

    void setTextHandler(TextHandler handler) { m_onText = std::move(handler); }
    void setTimerHandler(TimerHandler handler) { m_onTimer = std::move(handler); }
    // Arms the one timer at an absolute nowNs() time (0 disarms).
    void setTimer(std::int64_t atNs);

    // Sends one masked text frame; false when the session is not open or the socket failed.
    bool sendText(Conn &conn, std::string_view text);

    // Runs the loop until done() holds (true), or a signal, or the deadline (false).
    bool runUntil(const std::function<bool()> &done, std::int64_t deadlineNs);

    // Sends close (1000) on every open session and waits for the server's close or EOF, then
    // closes every socket. Returns how many sessions closed cleanly.
    std::size_t closeAll(std::int64_t deadlineNs);

    // Watch standard input too: a line on it is reported by stdinLine() (EOF is ignored).
    void watchStdin();
    bool stdinLine() const { return m_stdinLine; }

    int signalReceived() const { return m_signal; }
    void clearSignal() { m_signal = 0; }
    std::size_t failedCount() const { return m_failed; }
    std::size_t confirmedCount() const { return m_confirmed; }
    std::string firstFailure() const { return m_firstFailure; }
    std::uint64_t framesIn() const { return m_framesIn; }
    std::uint64_t framesOut() const { return m_framesOut; }
    // How hard the loop itself works: time spent handling wake-ups (not waiting in epoll_wait),
    // wake-ups, and the events they brought. A loop that keeps up with the server is idle most
    // of the time and wakes with few events at once.
    std::int64_t busyNs() const { return m_busyNs; }
    std::uint64_t wakeups() const { return m_wakeups; }
    std::uint64_t events() const { return m_events; }

private:
    void startConnect(Conn &conn);
    void onEvent(std::uint64_t token, std::uint32_t events, std::int64_t t);
    void onReadable(Conn &conn, std::int64_t t);
    // A complete text message: counts the handshake's confirmation, then hands it on.
    void deliverText(Conn &conn, std::string_view text, std::int64_t t);
    void onWritable(Conn &conn);
    void finishConnect(Conn &conn);
    std::size_t parseFrames(Conn &conn, const char *data, std::size_t size, std::int64_t t);
    bool handshakeDone(Conn &conn, std::int64_t t);
    bool sendFrame(Conn &conn, std::uint8_t opcode, std::string_view payload);
    bool flush(Conn &conn);
    void fail(Conn &conn, const std::string &why);
    void closeSocket(Conn &conn, Conn::State state);
    void setWriteInterest(Conn &conn, bool on);
    void startNext();

    std::uint32_t m_addr;
    std::uint16_t m_port;
    std::string m_hostHeader;
    int m_epoll = -1;
    int m_timer = -1;
    int m_signalFd = -1;
    bool m_stdinWatched = false;
    bool m_stdinLine = false;
    int m_signal = 0;
    std::vector<std::unique_ptr<Conn>> m_conns;
    std::size_t m_nextToStart = 0;
    std::size_t m_window = 64;
    std::size_t m_inFlight = 0;
    std::size_t m_confirmed = 0;
    std::size_t m_failed = 0;
    std::string m_firstFailure;
    std::uint64_t m_framesIn = 0;
    std::uint64_t m_framesOut = 0;
    std::int64_t m_busyNs = 0;
    std::uint64_t m_wakeups = 0;
    std::uint64_t m_events = 0;
    std::uint32_t m_rng = 0x9e3779b9u;
    std::string m_frame;
    TextHandler m_onText;
    TimerHandler m_onTimer;
};

} // namespace loadgen
