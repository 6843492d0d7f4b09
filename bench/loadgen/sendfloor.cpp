// sendfloor: what the kernel alone costs to fan one WebSocket frame out to N loopback TCP
// sockets, with no Qt and no server in the way. The floor under `loadgen --scenario fanout`.
//
//   sendfloor [--sessions N] [--rounds R] [--bytes B] [--reader thread|none] [--nodelay 0|1]
//             [--congestion reno|cubic|bbr] [--split 0|1]
//
// N connected pairs over 127.0.0.1 (the accepted side has TCP_NODELAY, as BoundedTcpServer sets);
// each round writes one B-byte frame (306: a transport_sync with its header) to every accepted
// socket with one write() each, as the server does. With `--reader thread` a second thread reads
// the other ends through epoll, as loadgen does, and the round ends when the last one has its
// frame; with `none` nothing waits on them (the sockets are drained between rounds, untimed).
// Prints per round: the send loop's time, the time to the last reader (p50/p99), and the CPU time
// each thread used per frame (CLOCK_THREAD_CPUTIME_ID), which is the repeatable part on a busy machine.

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

namespace {

std::int64_t nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// This thread's CPU time, exact: CLOCK_THREAD_CPUTIME_ID brings the scheduler's count up to
// now (getrusage's can lag by a tick, longer than a round to 100 sockets).
std::int64_t threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

[[noreturn]] void die(const char *what)
{
    std::perror(what);
    std::exit(1);
}

struct Options {
    int sessions = 1000;
    int rounds = 200;
    int bytes = 306;
    bool reader = true;
    bool nodelay = true;
    std::string congestion;   // empty: the system's default (net.ipv4.tcp_congestion_control)
    bool split = false;       // a second thread writes the second half of the sockets
};

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const char *value = argv[i + 1];
        if (key == "--sessions")
            o.sessions = std::atoi(value);
        else if (key == "--rounds")
            o.rounds = std::atoi(value);
        else if (key == "--bytes")
            o.bytes = std::atoi(value);
        else if (key == "--reader")
            o.reader = std::string(value) != "none";
        else if (key == "--nodelay")
            o.nodelay = std::atoi(value) != 0;
        else if (key == "--congestion")
            o.congestion = value;
        else if (key == "--split")
            o.split = std::atoi(value) != 0;
        else {
            std::fprintf(stderr, "unknown option %s\n", key.c_str());
            std::exit(2);
        }
    }
    return o;
}

// N connected pairs: senders[i] is the accepted end (the server's), readers[i] the connecting one.
void connectPairs(const Options &o, std::vector<int> &senders, std::vector<int> &readers)
{
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr *>(&addr), len) != 0 || ::listen(listener, 4096) != 0 ||
        ::getsockname(listener, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
        die("listen");
    const int one = 1;
    for (int i = 0; i < o.sessions; ++i) {
        const int reader = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (reader < 0 || ::connect(reader, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
            die("connect");
        const int sender = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (sender < 0)
            die("accept");
        if (o.nodelay)
            setsockopt(sender, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (!o.congestion.empty() &&
            setsockopt(sender, IPPROTO_TCP, TCP_CONGESTION, o.congestion.data(), static_cast<socklen_t>(o.congestion.size())) != 0)
            die("TCP_CONGESTION");
        setsockopt(reader, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        senders.push_back(sender);
        readers.push_back(reader);
    }
    ::close(listener);
}

// Reads every reader's frame for each round through epoll; `done` counts the readers that have
// their whole frame this round, `lastAt` is the wake-up that completed the last one.
struct ReaderThread {
    std::vector<int> fds;
    int bytes = 0;
    std::atomic<int> round{-1};
    std::atomic<int> done{0};
    std::atomic<std::int64_t> lastAt{0};
    std::atomic<bool> stop{false};
    std::int64_t cpuNs = 0;

    void run()
    {
        const int ep = epoll_create1(EPOLL_CLOEXEC);
        for (std::size_t i = 0; i < fds.size(); ++i) {
            epoll_event ev{};
            ev.events = EPOLLIN;
            ev.data.u64 = i;
            epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev);
        }
        std::vector<int> have(fds.size(), 0);
        std::vector<epoll_event> events(2048);
        std::vector<char> buffer(64 * 1024);
        const std::int64_t cpuBefore = threadCpuNs();
        while (!stop.load(std::memory_order_relaxed)) {
            const int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 100);
            const std::int64_t t = nowNs();
            for (int k = 0; k < n; ++k) {
                const std::size_t i = events[k].data.u64;
                const ssize_t got = ::recv(fds[i], buffer.data(), buffer.size(), MSG_DONTWAIT);
                if (got <= 0)
                    continue;
                have[i] += static_cast<int>(got);
                while (have[i] >= bytes) {
                    have[i] -= bytes;
                    lastAt.store(t, std::memory_order_relaxed);
                    if (done.fetch_add(1, std::memory_order_release) + 1 == static_cast<int>(fds.size()))
                        done.notify_one();   // the sender sleeps until the round is read, as a server would
                }
            }
        }
        cpuNs = threadCpuNs() - cpuBefore;
        ::close(ep);
    }
};

void drain(const std::vector<int> &fds, int bytes)
{
    std::vector<char> buffer(static_cast<std::size_t>(bytes));
    for (const int fd : fds) {
        while (::recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT) > 0) {
        }
    }
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5)];
}

} // namespace

int main(int argc, char **argv)
{
    const Options o = parse(argc, argv);
    std::vector<int> senders, readers;
    connectPairs(o, senders, readers);
    const std::string frame(static_cast<std::size_t>(o.bytes), 'x');

    ReaderThread reader;
    reader.fds = readers;
    reader.bytes = o.bytes;
    std::thread readerThread;
    if (o.reader)
        readerThread = std::thread([&] { reader.run(); });

    // --split: a second sending thread, woken each round, writes the second half.
    const std::size_t half = o.split ? senders.size() / 2 : senders.size();
    std::atomic<int> helperRound{0}, helperDone{0};
    std::atomic<bool> helperStop{false};
    const auto writeAll = [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
            if (::write(senders[i], frame.data(), frame.size()) != static_cast<ssize_t>(frame.size()))
                die("write");
        }
    };
    std::thread helper;
    if (o.split)
        helper = std::thread([&] {
            for (int seen = 0;;) {
                helperRound.wait(seen);
                if (helperStop)
                    return;
                seen = helperRound.load();
                writeAll(half, senders.size());
                helperDone.store(seen);
                helperDone.notify_one();
            }
        });

    const int warmup = std::max(1, o.rounds / 10);
    std::vector<double> sendMs, lastMs;
    std::int64_t sendCpuNs = 0;
    for (int round = 0; round < warmup + o.rounds; ++round) {
        reader.done.store(0);
        const std::int64_t cpuBefore = threadCpuNs();
        const std::int64_t start = nowNs();
        if (o.split) {
            helperRound.store(round + 1);
            helperRound.notify_one();
        }
        writeAll(0, half);
        if (o.split) {
            for (int done = helperDone.load(); done != round + 1; done = helperDone.load())
                helperDone.wait(done);
        }
        const std::int64_t sent = nowNs();
        const std::int64_t cpu = threadCpuNs() - cpuBefore;
        if (o.reader) {
            for (int done = reader.done.load(std::memory_order_acquire); done < o.sessions;
                 done = reader.done.load(std::memory_order_acquire))
                reader.done.wait(done);
        } else {
            drain(readers, o.bytes);
        }
        if (round >= warmup) {
            sendCpuNs += cpu;
            sendMs.push_back(static_cast<double>(sent - start) / 1e6);
            if (o.reader)
                lastMs.push_back(static_cast<double>(reader.lastAt.load() - start) / 1e6);
        }
        usleep(2000);   // a gap between rounds, as loadgen's checks leave one
    }
    if (helper.joinable()) {
        helperStop = true;
        helperRound.store(-1);
        helperRound.notify_one();
        helper.join();
    }
    reader.stop = true;
    if (readerThread.joinable())
        readerThread.join();

    const double frames = static_cast<double>(o.rounds) * o.sessions;
    std::printf("sendfloor sessions=%d rounds=%d bytes=%d reader=%s nodelay=%d congestion=%s split=%d\n", o.sessions,
                o.rounds, o.bytes, o.reader ? "thread" : "none", o.nodelay ? 1 : 0,
                o.congestion.empty() ? "default" : o.congestion.c_str(), o.split ? 1 : 0);
    std::printf("  send loop: p50 %.3f p99 %.3f ms per round; sender CPU %.2f us per frame (the main thread's)\n", percentile(sendMs, 0.5),
                percentile(sendMs, 0.99), static_cast<double>(sendCpuNs) / frames / 1e3);
    if (o.reader)
        std::printf("  to the last reader: p50 %.3f p99 %.3f ms; reader CPU %.2f us per frame (with its waiting rounds)\n",
                    percentile(lastMs, 0.5), percentile(lastMs, 0.99),
                    static_cast<double>(reader.cpuNs) / static_cast<double>(warmup + o.rounds) / o.sessions / 1e3);
    return 0;
}
