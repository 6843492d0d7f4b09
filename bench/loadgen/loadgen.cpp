// loadgen: WebSocket load generator for ai-band-orchestrator (issue 7's budgets, README.md here).
//
//   loadgen (--url ws://127.0.0.1:PORT | --server PATH) [--scenario heartbeat|fanout|generate|hold|all]
//           [--sessions N] [--rounds K] [--json OUT] [--hold SECONDS]
//
// Every session runs in one epoll loop of raw non-blocking sockets (WsClient.h); messages are
// serialised before the timed part; times are CLOCK_MONOTONIC nanoseconds. Each scenario prints
// one summary line and adds its distributions (count, min, p50, p90, p99, max in ms) to the JSON.

#include "HttpGet.h"
#include "ProcStats.h"
#include "ServerProcess.h"
#include "Stats.h"
#include "WsClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSysInfo>
#include <QEventLoop>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <optional>

#include <csignal>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <unistd.h>

using namespace loadgen;

namespace {

constexpr std::int64_t kSecond = 1000000000;
constexpr const char *kIdPrefix = "lg-"; // the same ids in every scenario: the registry stays small

void say(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

void note(const QString &line)
{
    std::fputs(qPrintable(QStringLiteral("loadgen: ") + line + QLatin1Char('\n')), stderr);
    std::fflush(stderr);
}

std::string heartbeatMessage(std::uint64_t n)
{
    const std::string id = std::to_string(n);
    return R"({"type":"heartbeat","data":{"timestamp":)" + id + R"(},"request_id":"hb-)" + id + R"("})";
}

std::string heartbeatReplyNeedle(std::uint64_t n)
{
    return R"("request_id":"hb-)" + std::to_string(n) + "\"";
}

std::string beatText(int round)
{
    return std::to_string(round) + ".5"; // exact in binary, printed so by QJsonDocument
}

std::string transportMessage(int round)
{
    return R"({"type":"transport_update","data":{"current_beat":)" + beatText(round) +
           R"(,"is_playing":false,"tempo":120,"time_signature":"4/4"},"request_id":"tu-)" + std::to_string(round) +
           R"("})";
}

// The original's POST /api/transport/sync body (its TransportState), which ours reads too. Ours
// refuses a timestamp far from its clock, so it is now's.
std::string transportPost(int round, const std::string &timestamp)
{
    return R"({"is_playing":false,"current_beat":)" + beatText(round) + R"(,"tempo":120,"timestamp":")" +
           timestamp + R"("})";
}

QJsonObject parseObject(std::string_view text)
{
    return QJsonDocument::fromJson(QByteArray(text.data(), static_cast<qsizetype>(text.size()))).object();
}

struct Settings {
    QString scenario = QStringLiteral("all");
    int sessions = -1;
    int rounds = -1;
    double holdSeconds = -1;
    double pacedSeconds = 2.0;
    int concurrentPlugins = 16;
    int openWindow = 32; // handshakes in flight while opening sessions
    bool qtClient = false;
    bool httpTrigger = false; // fan-out started by POST /api/transport/sync instead of a sender session
    QString jsonPath;
    QJsonObject generateData; // the seed example in the plugin's flat form
};

struct Budget {
    QString name;
    QString what;
    double limitMs;
};

class Bench {
public:
    Bench(Settings settings, std::uint32_t addr, std::uint16_t port, std::string hostHeader, int signalFd,
          qint64 serverPid)
        : m_s(std::move(settings)), m_addr(addr), m_port(port), m_host(std::move(hostHeader)), m_signalFd(signalFd),
          m_serverPid(serverPid)
    {
    }

    void heartbeat(int sessions, int rounds);
    void heartbeatPaced(int sessions, double seconds);
    void heartbeatQt(int sessions, int rounds);
    void fanout(int receivers, int rounds);
    void generateSequential(int rounds);
    void generateConcurrent(int plugins, int perPlugin);
    void hold(int sessions, double seconds, bool waitForUser);

    bool interrupted() const { return m_interrupted; }
    int failures() const { return m_failures; }
    QJsonArray results() const { return m_results; }
    QJsonArray budgets() const { return m_budgets; }

private:
    std::unique_ptr<WsEngine> engine() const
    {
        return std::make_unique<WsEngine>(m_addr, m_port, m_host, m_signalFd);
    }
    bool openSessions(WsEngine &engine, const QString &name, std::size_t count, QJsonObject &result);
    // Adds the CPU each side spent (per unit of work), closes the sessions, records the result.
    void finish(WsEngine &engine, QJsonObject &result, const CpuMark &before, std::int64_t startNs,
                std::uint64_t units, const QString &unit, const QString &summary);
    void failed(const QString &name, QJsonObject result, const QString &why);
    void budget(const QString &name, const QString &what, double limitMs, double measuredMs, bool valid = true);
    int warmupFor(int rounds) const { return std::min(50, rounds / 10); }
    qint64 healthCount() const;

    Settings m_s;
    std::uint32_t m_addr;
    std::uint16_t m_port;
    std::string m_host;
    int m_signalFd;
    qint64 m_serverPid;
    QJsonArray m_results;
    QJsonArray m_budgets;
    int m_failures = 0;
    bool m_interrupted = false;
};

qint64 Bench::healthCount() const
{
    const QJsonObject health = httpGetJson(m_addr, m_port, m_host, "/health");
    return health.contains(QStringLiteral("plugins_connected"))
               ? health.value(QStringLiteral("plugins_connected")).toInteger(-1)
               : -1;
}

bool Bench::openSessions(WsEngine &engine, const QString &name, std::size_t count, QJsonObject &result)
{
    std::string error;
    const std::int64_t start = nowNs();
    // Bounded: 30 s plus 20 ms a session; a handshake takes well under a millisecond.
    const bool ok = engine.open(count, kIdPrefix, start + 30 * kSecond + static_cast<std::int64_t>(count) * 20000000, &error,
                                static_cast<std::size_t>(m_s.openWindow));
    const double seconds = static_cast<double>(nowNs() - start) / 1e9;
    result.insert(QStringLiteral("open_s"), std::round(seconds * 1e4) / 1e4);
    if (!ok) {
        if (engine.signalReceived())
            m_interrupted = true;
        failed(name, result, QStringLiteral("opening %1 sessions: %2").arg(count).arg(QString::fromStdString(error)));
    }
    return ok;
}

void Bench::failed(const QString &name, QJsonObject result, const QString &why)
{
    ++m_failures;
    result.insert(QStringLiteral("scenario"), name);
    result.insert(QStringLiteral("ok"), false);
    result.insert(QStringLiteral("error"), why);
    m_results.append(result);
    say(QStringLiteral("%1: FAILED: %2").arg(name, why));
}

void Bench::budget(const QString &name, const QString &what, double limitMs, double measuredMs, bool valid)
{
    const bool met = valid && measuredMs <= limitMs;
    m_budgets.append(QJsonObject{{QStringLiteral("budget"), name},
                                 {QStringLiteral("what"), what},
                                 {QStringLiteral("limit_ms"), limitMs},
                                 {QStringLiteral("measured_ms"), std::round(measuredMs * 1e4) / 1e4},
                                 {QStringLiteral("met"), met}});
}

void Bench::finish(WsEngine &engine, QJsonObject &result, const CpuMark &before, std::int64_t startNs,
                   std::uint64_t units, const QString &unit, const QString &summary)
{
    const CpuMark after = CpuMark::take(m_serverPid);
    const double wall = static_cast<double>(nowNs() - startNs) / 1e9;
    const auto r3 = [](double v) { return std::round(v * 1e3) / 1e3; };
    const double perUnit = units > 0 ? 1e3 / static_cast<double>(units) : 0.0; // ms -> us per unit
    QJsonObject cpu{{QStringLiteral("unit"), unit},
                    {QStringLiteral("units"), static_cast<qint64>(units)},
                    {QStringLiteral("wall_ms"), r3(wall * 1e3)},
                    {QStringLiteral("loadgen_ms"), r3(after.self - before.self)},
                    {QStringLiteral("loadgen_us_per_unit"), r3((after.self - before.self) * perUnit)}};
    if (before.server >= 0 && after.server >= 0) {
        cpu.insert(QStringLiteral("server_ms"), r3(after.server - before.server));
        cpu.insert(QStringLiteral("server_main_thread_ms"), r3(after.serverMain - before.serverMain));
        cpu.insert(QStringLiteral("server_us_per_unit"), r3((after.server - before.server) * perUnit));
        cpu.insert(QStringLiteral("server_main_thread_us_per_unit"), r3((after.serverMain - before.serverMain) * perUnit));
        if (before.machine >= 0 && after.machine >= 0)
            cpu.insert(QStringLiteral("other_processes_ms"),
                       r3(std::max(0.0, (after.machine - before.machine) - (after.server - before.server) -
                                            (after.self - before.self))));
    }
    // Other processes on this machine take CPU from both sides: say how much, so that a figure
    // taken beside a compiler is not mistaken for the server's own.
    QString others;
    if (cpu.contains(QStringLiteral("other_processes_ms")) && wall > 0) {
        const double share = cpu.value(QStringLiteral("other_processes_ms")).toDouble() /
                             (wall * 1e3 * std::max(1, QThread::idealThreadCount()));
        cpu.insert(QStringLiteral("other_processes_share"), std::round(share * 1e3) / 1e3);
        others = QStringLiteral("  {other processes: %1% of the CPUs}").arg(share * 100, 0, 'f', 0);
    }
    result.insert(QStringLiteral("cpu"), cpu);
    const std::size_t clean = engine.closeAll(nowNs() + 10 * kSecond);
    result.insert(QStringLiteral("closed_cleanly"), static_cast<qint64>(clean));
    result.insert(QStringLiteral("ok"), !result.contains(QStringLiteral("error")));
    m_results.append(result);
    say(summary + others + (result.contains(QStringLiteral("error"))
                                ? QStringLiteral("  ERROR: ") + result.value(QStringLiteral("error")).toString()
                                : QString()));
}

// One session: heartbeat, wait for its response, again. Several: every session sends a heartbeat
// at the same instant, each round waits for all responses (the worst case of "all heartbeating").
void Bench::heartbeat(int sessions, int rounds)
{
    const QString name = QStringLiteral("heartbeat");
    const int warmup = warmupFor(rounds);
    const int total = warmup + rounds;
    QJsonObject result{{QStringLiteral("scenario"), name},
                       {QStringLiteral("variant"), sessions == 1 ? QStringLiteral("ping-pong") : QStringLiteral("burst")},
                       {QStringLiteral("sessions"), sessions},
                       {QStringLiteral("rounds"), rounds},
                       {QStringLiteral("warmup_rounds"), warmup}};
    auto eng = engine();
    if (!openSessions(*eng, name, static_cast<std::size_t>(sessions), result))
        return;
    std::vector<std::string> messages(static_cast<std::size_t>(total));
    std::vector<std::string> needles(static_cast<std::size_t>(total));
    for (int i = 0; i < total; ++i) {
        messages[static_cast<std::size_t>(i)] = heartbeatMessage(static_cast<std::uint64_t>(i));
        needles[static_cast<std::size_t>(i)] = heartbeatReplyNeedle(static_cast<std::uint64_t>(i));
    }
    Dist rtt;
    rtt.reserve(static_cast<std::size_t>(rounds) * static_cast<std::size_t>(sessions));
    Dist sendSpread; // bursts: from the first send to the last
    std::uint64_t mismatched = 0, unexpected = 0, received = 0;
    std::string firstOdd;
    std::size_t pending = 0;
    const bool pingPong = sessions == 1;
    WsEngine &e = *eng;
    e.setTextHandler([&](Conn &c, MsgType type, std::string_view text, std::int64_t t) {
        if (type != MsgType::HeartbeatResponse || c.sentAt.empty()) {
            ++unexpected;
            if (firstOdd.empty())
                firstOdd = std::string(text.substr(0, 300));
            return;
        }
        const std::int64_t sent = c.sentAt.front();
        c.sentAt.pop_front();
        const std::uint64_t n = c.counter++;
        if (text.find(needles[n]) == std::string_view::npos)
            ++mismatched;
        if (n >= static_cast<std::uint64_t>(warmup))
            rtt.addNs(t - sent);
        ++received;
        --pending;
        if (n == 0)
            c.lastText.assign(text);
        if (pingPong && c.counter < static_cast<std::uint64_t>(total)) {
            ++pending;
            c.sentAt.push_back(nowNs());
            e.sendText(c, messages[c.counter]);
        }
    });
    const CpuMark before = CpuMark::take(m_serverPid);
    const std::int64_t start = nowNs();
    bool ok = true;
    if (pingPong) {
        Conn &c = e.conn(0);
        pending = 1;
        c.sentAt.push_back(nowNs());
        e.sendText(c, messages[0]);
        ok = e.runUntil([&] { return c.counter >= static_cast<std::uint64_t>(total); }, start + 60 * kSecond);
    } else {
        for (int round = 0; round < total && ok; ++round) {
            pending = static_cast<std::size_t>(sessions);
            const std::int64_t first = nowNs();
            for (auto &conn : e.conns()) {
                conn->sentAt.push_back(nowNs());
                e.sendText(*conn, messages[static_cast<std::size_t>(round)]);
            }
            if (round >= warmup)
                sendSpread.addNs(nowNs() - first);
            ok = e.runUntil([&] { return pending == 0; }, nowNs() + 5 * kSecond);
        }
    }
    if (e.signalReceived())
        m_interrupted = true;
    if (!ok || e.failedCount() > 0)
        result.insert(QStringLiteral("error"), QStringLiteral("%1 of %2 responses; failures: %3")
                                                   .arg(received).arg(static_cast<qint64>(total) * sessions)
                                                   .arg(QString::fromStdString(e.firstFailure())));
    // The first response, parsed: a heartbeat_response echoing the client's timestamp and id.
    const QJsonObject sample = parseObject(e.conn(0).lastText);
    const bool sampleOk = sample.value(QStringLiteral("type")).toString() == QLatin1String("heartbeat_response") &&
                          sample.value(QStringLiteral("request_id")).toString() == QLatin1String("hb-0") &&
                          sample.value(QStringLiteral("data")).toObject().value(QStringLiteral("client_timestamp")).toInt(-1) == 0;
    if ((mismatched || unexpected || !sampleOk) && !result.contains(QStringLiteral("error")))
        result.insert(QStringLiteral("error"), QStringLiteral("%1 responses with the wrong request_id, %2 unexpected messages (%3)")
                                                   .arg(mismatched).arg(unexpected).arg(QString::fromStdString(firstOdd)));
    result.insert(QStringLiteral("rtt_ms"), rtt.json());
    if (!pingPong)
        result.insert(QStringLiteral("client_send_spread_ms"), sendSpread.json());
    QString summary = QStringLiteral("heartbeat  sessions=%1 %2 rounds=%3  round trip %4")
                          .arg(sessions).arg(pingPong ? QStringLiteral("ping-pong") : QStringLiteral("burst"))
                          .arg(rounds).arg(rtt.line());
    const bool valid = !result.contains(QStringLiteral("error"));
    if (sessions == 1 || sessions == 100) {
        const double limit = sessions == 1 ? 0.2 : 1.0;
        const QString budgetName = QStringLiteral("heartbeat_rtt_p99_%1_session%2%3")
                                       .arg(sessions).arg(sessions == 1 ? QString() : QStringLiteral("s"))
                                       .arg(pingPong ? QString() : QStringLiteral("_burst"));
        budget(budgetName, QStringLiteral("heartbeat round trip p99, %1 session(s)%2").arg(sessions)
                               .arg(pingPong ? QString() : QStringLiteral(", all sending at the same instant")),
               limit, rtt.percentile(0.99), valid);
        summary += QStringLiteral("  [budget p99 <= %1 ms: %2]").arg(limit).arg(valid && rtt.percentile(0.99) <= limit ? QStringLiteral("met") : QStringLiteral("NOT met"));
    }
    finish(e, result, before, start, received, QStringLiteral("heartbeat"), summary);
}

// The same heartbeat measurement with QWebSocket clients in Qt's event loop (--client qt): a
// cross-check of the raw client, and a measure of what a Qt client adds.
void Bench::heartbeatQt(int sessions, int rounds)
{
    const QString name = QStringLiteral("heartbeat");
    const bool pingPong = sessions == 1;
    const int warmup = warmupFor(rounds);
    const int total = warmup + rounds;
    QJsonObject result{{QStringLiteral("scenario"), name},
                       {QStringLiteral("variant"), pingPong ? QStringLiteral("ping-pong") : QStringLiteral("burst")},
                       {QStringLiteral("client"), QStringLiteral("QWebSocket")},
                       {QStringLiteral("sessions"), sessions},
                       {QStringLiteral("rounds"), rounds},
                       {QStringLiteral("warmup_rounds"), warmup}};
    QEventLoop loop;
    QSocketNotifier signalNotifier(static_cast<qintptr>(m_signalFd), QSocketNotifier::Read);
    bool interrupted = false;
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &loop, [&] {
        signalfd_siginfo info{};
        if (::read(m_signalFd, &info, sizeof info) > 0)
            interrupted = true;
        loop.quit();
    });
    std::vector<QString> messages(static_cast<std::size_t>(total));
    for (int i = 0; i < total; ++i)
        messages[static_cast<std::size_t>(i)] = QString::fromStdString(heartbeatMessage(static_cast<std::uint64_t>(i)));
    struct QtSession {
        std::unique_ptr<QWebSocket> socket;
        bool confirmed = false;
        int answered = 0;
        std::int64_t sentAt = 0;
    };
    std::vector<QtSession> qs(static_cast<std::size_t>(sessions));
    int confirmed = 0, pending = 0;
    std::uint64_t unexpected = 0;
    Dist rtt;
    std::function<bool()> done;
    const std::int64_t openStart = nowNs();
    for (int i = 0; i < sessions; ++i) {
        QtSession &q = qs[static_cast<std::size_t>(i)];
        q.socket = std::make_unique<QWebSocket>();
        QObject::connect(q.socket.get(), &QWebSocket::textMessageReceived, &loop, [&, i](const QString &text) {
            const std::int64_t t = nowNs();
            QtSession &me = qs[static_cast<std::size_t>(i)];
            if (!me.confirmed) {
                me.confirmed = text.contains(QLatin1String("\"type\":\"connection_confirmed\""));
                confirmed += me.confirmed ? 1 : 0;
            } else if (text.contains(QLatin1String("\"type\":\"heartbeat_response\""))) {
                if (me.answered >= warmup)
                    rtt.addNs(t - me.sentAt);
                ++me.answered;
                --pending;
                if (pingPong && me.answered < total) {
                    ++pending;
                    me.sentAt = nowNs();
                    me.socket->sendTextMessage(messages[static_cast<std::size_t>(me.answered)]);
                }
            } else {
                ++unexpected;
            }
            if (done && done())
                loop.quit();
        });
        q.socket->open(QUrl(QStringLiteral("ws://%1/ws/%2%3").arg(QString::fromStdString(m_host)).arg(QLatin1String(kIdPrefix))
                                .arg(i, 4, 10, QLatin1Char('0'))));
    }
    const auto runFor = [&](std::function<bool()> until, int ms) {
        done = std::move(until);
        if (done())
            return true;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
        return done() && !interrupted;
    };
    if (!runFor([&] { return confirmed == sessions; }, 30000)) {
        m_interrupted = interrupted;
        failed(name, result, QStringLiteral("%1 of %2 QWebSocket sessions confirmed").arg(confirmed).arg(sessions));
        return;
    }
    result.insert(QStringLiteral("open_s"), static_cast<double>(nowNs() - openStart) / 1e9);
    const CpuMark before = CpuMark::take(m_serverPid);
    const std::int64_t start = nowNs();
    bool ok = true;
    if (pingPong) {
        pending = 1;
        qs[0].sentAt = nowNs();
        qs[0].socket->sendTextMessage(messages[0]);
        ok = runFor([&] { return qs[0].answered >= total; }, 60000);
    } else {
        for (int round = 0; round < total && ok; ++round) {
            pending = sessions;
            for (QtSession &q : qs) {
                q.sentAt = nowNs();
                q.socket->sendTextMessage(messages[static_cast<std::size_t>(round)]);
            }
            ok = runFor([&] { return pending == 0; }, 5000);
        }
    }
    m_interrupted = m_interrupted || interrupted;
    if (!ok || unexpected > 0)
        result.insert(QStringLiteral("error"), QStringLiteral("the heartbeats were not all answered; %1 unexpected messages").arg(unexpected));
    result.insert(QStringLiteral("rtt_ms"), rtt.json());
    const CpuMark after = CpuMark::take(m_serverPid);
    const double units = static_cast<double>(total) * sessions;
    result.insert(QStringLiteral("cpu"), QJsonObject{{QStringLiteral("unit"), QStringLiteral("heartbeat")},
                                                     {QStringLiteral("loadgen_us_per_unit"), (after.self - before.self) * 1e3 / units},
                                                     {QStringLiteral("server_us_per_unit"), (after.server - before.server) * 1e3 / units},
                                                     {QStringLiteral("wall_ms"), static_cast<double>(nowNs() - start) / 1e6}});
    for (QtSession &q : qs)
        q.socket->close();
    runFor([&] { return std::all_of(qs.begin(), qs.end(), [](const QtSession &q) { return q.socket->state() == QAbstractSocket::UnconnectedState; }); }, 5000);
    result.insert(QStringLiteral("ok"), !result.contains(QStringLiteral("error")));
    m_results.append(result);
    say(QStringLiteral("heartbeat  sessions=%1 %2 rounds=%3 QWebSocket client  round trip %4%5")
            .arg(sessions).arg(pingPong ? QStringLiteral("ping-pong") : QStringLiteral("burst")).arg(rounds).arg(rtt.line())
            .arg(result.contains(QStringLiteral("error")) ? QStringLiteral("  ERROR: ") + result.value(QStringLiteral("error")).toString()
                                                           : QString()));
}

// Every session sends heartbeats at 10 Hz, their phases spread evenly (open loop: a late
// response never delays the next heartbeat).
void Bench::heartbeatPaced(int sessions, double seconds)
{
    const QString name = QStringLiteral("heartbeat");
    constexpr std::int64_t kPeriod = kSecond / 10;
    const std::int64_t step = kPeriod / sessions;
    const std::int64_t warmupNs = std::min<std::int64_t>(kPeriod * 2, static_cast<std::int64_t>(seconds * 1e9) / 10);
    const auto totalSends = static_cast<std::uint64_t>((seconds * 1e9 + static_cast<double>(warmupNs)) / static_cast<double>(step));
    QJsonObject result{{QStringLiteral("scenario"), name},
                       {QStringLiteral("variant"), QStringLiteral("paced")},
                       {QStringLiteral("sessions"), sessions},
                       {QStringLiteral("rate_per_session_hz"), 10},
                       {QStringLiteral("seconds"), seconds},
                       {QStringLiteral("warmup_s"), static_cast<double>(warmupNs) / 1e9}};
    auto eng = engine();
    if (!openSessions(*eng, name, static_cast<std::size_t>(sessions), result))
        return;
    WsEngine &e = *eng;
    const std::uint64_t perSession = totalSends / static_cast<std::uint64_t>(sessions) + 1;
    std::vector<std::string> messages(perSession);
    for (std::uint64_t i = 0; i < perSession; ++i)
        messages[i] = heartbeatMessage(i);
    Dist rtt;
    std::uint64_t sent = 0, received = 0, unexpected = 0;
    std::int64_t measureFrom = 0;
    e.setTextHandler([&](Conn &c, MsgType type, std::string_view, std::int64_t t) {
        if (type != MsgType::HeartbeatResponse || c.sentAt.empty()) {
            ++unexpected;
            return;
        }
        const std::int64_t at = c.sentAt.front();
        c.sentAt.pop_front();
        if (at >= measureFrom)
            rtt.addNs(t - at);
        ++received;
    });
    const std::int64_t start = nowNs();
    measureFrom = start + warmupNs;
    std::uint64_t next = 0; // the next send: session next % sessions, at start + next * step
    e.setTimerHandler([&](std::int64_t) {
        const std::int64_t now = nowNs();
        while (next < totalSends && start + static_cast<std::int64_t>(next) * step <= now) {
            Conn &c = e.conn(next % static_cast<std::uint64_t>(sessions));
            c.sentAt.push_back(nowNs());
            e.sendText(c, messages[std::min<std::uint64_t>(c.counter++, perSession - 1)]);
            ++sent;
            ++next;
        }
        if (next < totalSends)
            e.setTimer(start + static_cast<std::int64_t>(next) * step);
    });
    const CpuMark before = CpuMark::take(m_serverPid);
    e.setTimer(start);
    const bool ok = e.runUntil([&] { return next >= totalSends && received >= sent; },
                               start + static_cast<std::int64_t>((seconds + 10) * 1e9));
    e.setTimer(0);
    if (e.signalReceived())
        m_interrupted = true;
    if (!ok || e.failedCount() > 0 || unexpected > 0)
        result.insert(QStringLiteral("error"), QStringLiteral("%1 of %2 responses, %3 unexpected; failures: %4")
                                                   .arg(received).arg(sent).arg(unexpected)
                                                   .arg(QString::fromStdString(e.firstFailure())));
    result.insert(QStringLiteral("rtt_ms"), rtt.json());
    QString summary = QStringLiteral("heartbeat  sessions=%1 paced 10 Hz each, %2 s  round trip %3")
                          .arg(sessions).arg(seconds).arg(rtt.line());
    if (sessions == 100) {
        const bool valid = !result.contains(QStringLiteral("error"));
        budget(QStringLiteral("heartbeat_rtt_p99_100_sessions_paced"),
               QStringLiteral("heartbeat round trip p99, 100 sessions each heartbeating at 10 Hz, phases spread"),
               1.0, rtt.percentile(0.99), valid);
        summary += QStringLiteral("  [budget p99 <= 1 ms: %1]").arg(valid && rtt.percentile(0.99) <= 1.0 ? QStringLiteral("met") : QStringLiteral("NOT met"));
    }
    finish(e, result, before, start, received, QStringLiteral("heartbeat"), summary);
}

// One sender and N receivers: the sender's transport_update, then every receiver's transport_sync.
// Timed from just before the update is written to the wake-up at which the last sync was read.
// With --fanout-trigger http the sender is POST /api/transport/sync on a keep-alive connection
// (the original orchestrator broadcasts only that), its answer read after the round.
void Bench::fanout(int receivers, int rounds)
{
    const QString name = QStringLiteral("fanout");
    const int warmup = warmupFor(rounds);
    const int total = warmup + rounds;
    QJsonObject result{{QStringLiteral("scenario"), name},
                       {QStringLiteral("receivers"), receivers},
                       {QStringLiteral("sessions"), receivers + (m_s.httpTrigger ? 0 : 1)},
                       {QStringLiteral("rounds"), rounds},
                       {QStringLiteral("warmup_rounds"), warmup},
                       {QStringLiteral("trigger"), m_s.httpTrigger ? QStringLiteral("POST /api/transport/sync")
                                                                   : QStringLiteral("transport_update")}};
    const bool http = m_s.httpTrigger;
    auto eng = engine();
    if (!openSessions(*eng, name, static_cast<std::size_t>(receivers) + (http ? 0 : 1), result))
        return;
    WsEngine &e = *eng;
    Conn *const sender = http ? nullptr : &e.conn(static_cast<std::size_t>(receivers));
    HttpPoster poster(m_addr, m_port, m_host, "/api/transport/sync");
    if (http && !poster.connected()) {
        failed(name, result, QStringLiteral("could not connect for POST /api/transport/sync"));
        return;
    }
    // The POST bodies carry now's timestamp, written per round (before the timed part): the
    // server refuses one more than 10 s old, which a long run's later rounds would be.
    std::vector<std::string> messages(static_cast<std::size_t>(total));
    for (int i = 0; i < total && !http; ++i)
        messages[static_cast<std::size_t>(i)] = transportMessage(i);
    const std::string sourceNeedle = sender ? "\"source_plugin_id\":\"" + sender->pluginId + "\"" : std::string();

    Dist last, first, each;
    last.reserve(static_cast<std::size_t>(rounds));
    each.reserve(static_cast<std::size_t>(rounds) * static_cast<std::size_t>(receivers));
    std::size_t got = 0;
    std::int64_t firstAt = 0, lastAt = 0;
    std::uint64_t unexpected = 0;
    std::string firstOdd;
    e.setTextHandler([&](Conn &c, MsgType type, std::string_view text, std::int64_t t) {
        if (type != MsgType::TransportSync || &c == sender) {
            ++unexpected;
            if (firstOdd.empty())
                firstOdd = c.pluginId + ": " + std::string(text.substr(0, 300));
            return;
        }
        ++c.received;
        c.lastRecvNs = t;
        c.lastText.assign(text);
        if (got++ == 0)
            firstAt = t;
        lastAt = std::max(lastAt, t);
    });
    const CpuMark before = CpuMark::take(m_serverPid);
    const std::int64_t start = nowNs();
    QString error;
    std::uint64_t parsed = 0;
    // Over HTTP the answers' spelling is the server's own (Python puts spaces after ':'), so every
    // sync is parsed in full instead of searched for.
    const int stride = http ? 1 : std::max(1, receivers / 50);
    std::int64_t windowNs = 0, busyNs = 0;
    std::uint64_t wakeups = 0, events = 0;
    for (int round = 0; round < total && error.isEmpty(); ++round) {
        got = 0;
        lastAt = 0;
        const std::int64_t busyBefore = e.busyNs();
        const std::uint64_t wakeupsBefore = e.wakeups(), eventsBefore = e.events();
        if (http)
            messages[static_cast<std::size_t>(round)] =
                transportPost(round, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString());
        const std::int64_t sentAt = nowNs();
        if (http)
            poster.post(messages[static_cast<std::size_t>(round)]);
        else
            e.sendText(*sender, messages[static_cast<std::size_t>(round)]);
        if (!e.runUntil([&] { return got >= static_cast<std::size_t>(receivers); }, sentAt + 5 * kSecond)) {
            error = QStringLiteral("round %1: %2 of %3 receivers got the sync within 5 s; failures: %4")
                        .arg(round).arg(got).arg(receivers).arg(QString::fromStdString(e.firstFailure()));
            break;
        }
        if (http) {
            if (const int status = poster.answer(); status != 200) {
                error = QStringLiteral("round %1: POST /api/transport/sync answered %2").arg(round).arg(status);
                break;
            }
        }
        if (round >= warmup) {
            windowNs += lastAt - sentAt;
            busyNs += e.busyNs() - busyBefore;
            wakeups += e.wakeups() - wakeupsBefore;
            events += e.events() - eventsBefore;
            last.addNs(lastAt - sentAt);
            first.addNs(firstAt - sentAt);
            for (int i = 0; i < receivers; ++i)
                each.addNs(e.conn(static_cast<std::size_t>(i)).lastRecvNs - sentAt);
        }
        // Checked outside the timed part: each receiver got exactly this round's sync, from the
        // sender; a rotating sample is parsed in full.
        const std::string beatNeedle = "\"current_beat\":" + beatText(round) + ",";
        for (int i = 0; i < receivers; ++i) {
            const Conn &c = e.conn(static_cast<std::size_t>(i));
            if (c.received != static_cast<std::uint64_t>(round) + 1 ||
                (!http && (c.lastText.find(beatNeedle) == std::string::npos ||
                           c.lastText.find(sourceNeedle) == std::string::npos))) {
                error = QStringLiteral("round %1: %2 got %3 syncs, the last: %4")
                            .arg(round).arg(QString::fromStdString(c.pluginId)).arg(c.received)
                            .arg(QString::fromStdString(c.lastText.substr(0, 300)));
                break;
            }
            if ((i + round) % stride == 0) {
                const QJsonObject message = parseObject(c.lastText);
                const QJsonObject data = message.value(QStringLiteral("data")).toObject();
                ++parsed;
                if (message.value(QStringLiteral("type")).toString() != QLatin1String("transport_sync") ||
                    message.contains(QStringLiteral("request_id")) ||
                    (sender && data.value(QStringLiteral("source_plugin_id")).toString().toStdString() != sender->pluginId) ||
                    data.value(QStringLiteral("current_beat")).toDouble() != round + 0.5 ||
                    data.value(QStringLiteral("is_playing")).toBool(true)) {
                    error = QStringLiteral("round %1: unexpected sync %2").arg(round).arg(QString::fromStdString(c.lastText));
                    break;
                }
            }
        }
    }
    if (e.signalReceived())
        m_interrupted = true;
    if (error.isEmpty() && (unexpected > 0 || e.failedCount() > 0))
        error = QStringLiteral("%1 unexpected messages (%2); failures: %3")
                    .arg(unexpected).arg(QString::fromStdString(firstOdd), QString::fromStdString(e.firstFailure()));
    if (!error.isEmpty())
        result.insert(QStringLiteral("error"), error);
    result.insert(QStringLiteral("syncs_parsed_in_full"), static_cast<qint64>(parsed));
    // Whether the client kept up: the share of the timed windows its loop spent working rather
    // than waiting for the server, and how many sockets were ready at each wake-up.
    result.insert(QStringLiteral("loadgen_loop"),
                  QJsonObject{{QStringLiteral("busy_share_of_window"),
                               windowNs > 0 ? std::round(static_cast<double>(busyNs) / static_cast<double>(windowNs) * 1e3) / 1e3 : 0.0},
                              {QStringLiteral("wakeups_per_round"), rounds > 0 ? static_cast<double>(wakeups) / rounds : 0.0},
                              {QStringLiteral("events_per_wakeup"),
                               wakeups > 0 ? std::round(static_cast<double>(events) / static_cast<double>(wakeups) * 100) / 100 : 0.0}});
    result.insert(QStringLiteral("last_receiver_ms"), last.json());
    result.insert(QStringLiteral("first_receiver_ms"), first.json());
    result.insert(QStringLiteral("every_receiver_ms"), each.json());
    QString summary = QStringLiteral("fanout     receivers=%1 rounds=%2  to the last receiver %3  (first: p50 %4 p99 %5 ms; loadgen busy %6%)")
                          .arg(receivers).arg(rounds).arg(last.line())
                          .arg(first.percentile(0.5), 0, 'f', 3).arg(first.percentile(0.99), 0, 'f', 3)
                          .arg(windowNs > 0 ? 100.0 * static_cast<double>(busyNs) / static_cast<double>(windowNs) : 0.0, 0, 'f', 0);
    if (receivers == 100 || receivers == 1000) {
        const double limit = receivers == 100 ? 1.0 : 10.0;
        const bool valid = error.isEmpty();
        budget(QStringLiteral("fanout_last_receiver_p99_%1").arg(receivers),
               QStringLiteral("transport_update sent to transport_sync read by the last of %1 receivers, p99").arg(receivers),
               limit, last.percentile(0.99), valid);
        summary += QStringLiteral("  [budget p99 <= %1 ms: %2]").arg(limit)
                       .arg(valid && last.percentile(0.99) <= limit ? QStringLiteral("met") : QStringLiteral("NOT met"));
    }
    finish(e, result, before, start, static_cast<std::uint64_t>(total) * static_cast<std::uint64_t>(receivers),
           QStringLiteral("transport_sync delivered"), summary);
}

namespace {

std::string generateMessage(const QJsonObject &data, const std::string &requestId)
{
    const QJsonObject message{{QStringLiteral("type"), QStringLiteral("generate_request")},
                              {QStringLiteral("data"), data},
                              {QStringLiteral("request_id"), QString::fromStdString(requestId)}};
    return QJsonDocument(message).toJson(QJsonDocument::Compact).toStdString();
}

// What one generation brings back: generation_complete, files_ready, a midi_ready per part, then
// the take for the plugin's client (generation_result and notification, without a request_id).
struct GenerationTrack {
    std::int64_t sentAt = 0;
    std::int64_t completeAt = 0;
    std::int64_t readyAt = 0;
    std::int64_t lastMidiAt = 0;
    int midi = 0;
    int takeMessages = 0;
    bool done(int parts) const { return completeAt && readyAt && midi >= parts && takeMessages >= 2; }
};

// The server's own account of each generation (generation_complete's timings_ms): the engine and
// the file writes, apart from the protocol around them.
void addServerTimings(QJsonObject &result, const std::vector<std::string> &completions)
{
    Dist engine, write;
    for (const std::string &text : completions) {
        const QJsonObject timings = parseObject(text).value(QStringLiteral("data")).toObject()
                                        .value(QStringLiteral("timings_ms")).toObject();
        engine.addNs(static_cast<std::int64_t>(timings.value(QStringLiteral("engine")).toDouble() * 1e6));
        write.addNs(static_cast<std::int64_t>(timings.value(QStringLiteral("write")).toDouble() * 1e6));
    }
    result.insert(QStringLiteral("server_engine_ms"), engine.json());
    result.insert(QStringLiteral("server_write_ms"), write.json());
}

} // namespace

// One plugin asks for a generation over WebSocket, waits for all its answers, asks again.
void Bench::generateSequential(int rounds)
{
    const QString name = QStringLiteral("generate");
    const int warmup = warmupFor(rounds);
    const int total = warmup + rounds;
    constexpr int kParts = 2;
    QJsonObject result{{QStringLiteral("scenario"), name},
                       {QStringLiteral("variant"), QStringLiteral("sequential")},
                       {QStringLiteral("sessions"), 1},
                       {QStringLiteral("rounds"), rounds},
                       {QStringLiteral("warmup_rounds"), warmup},
                       {QStringLiteral("request"), m_s.generateData}};
    auto eng = engine();
    if (!openSessions(*eng, name, 1, result))
        return;
    WsEngine &e = *eng;
    Conn &plugin = e.conn(0);
    std::vector<std::string> messages(static_cast<std::size_t>(total));
    std::vector<std::string> needles(static_cast<std::size_t>(total));
    for (int i = 0; i < total; ++i) {
        messages[static_cast<std::size_t>(i)] = generateMessage(m_s.generateData, "g-" + std::to_string(i));
        needles[static_cast<std::size_t>(i)] = "\"request_id\":\"g-" + std::to_string(i) + "\"";
    }
    Dist complete, ready, allMidi;
    GenerationTrack track;
    int round = 0;
    std::uint64_t mismatched = 0, unexpected = 0, messagesIn = 0;
    std::string firstOdd, firstComplete, firstReady;
    std::vector<std::string> completions; // parsed after the run: the server's own timings
    completions.reserve(static_cast<std::size_t>(rounds));
    e.setTextHandler([&](Conn &, MsgType type, std::string_view text, std::int64_t t) {
        ++messagesIn;
        const bool answersTheRequest = type != MsgType::GenerationResult && type != MsgType::Notification;
        if (answersTheRequest && text.find(needles[static_cast<std::size_t>(round)]) == std::string_view::npos)
            ++mismatched;
        switch (type) {
        case MsgType::GenerationResult:
        case MsgType::Notification:
            ++track.takeMessages;
            break;
        case MsgType::GenerationComplete:
            track.completeAt = t;
            if (round == 0)
                firstComplete.assign(text);
            if (round >= warmup)
                completions.emplace_back(text);
            break;
        case MsgType::FilesReady:
            track.readyAt = t;
            if (round == 0)
                firstReady.assign(text);
            break;
        case MsgType::MidiReady:
            ++track.midi;
            track.lastMidiAt = t;
            break;
        default:
            ++unexpected;
            if (firstOdd.empty())
                firstOdd = std::string(text.substr(0, 400));
        }
    });
    const CpuMark before = CpuMark::take(m_serverPid);
    const std::int64_t start = nowNs();
    QString error;
    for (; round < total; ++round) {
        track = GenerationTrack{};
        track.sentAt = nowNs();
        e.sendText(plugin, messages[static_cast<std::size_t>(round)]);
        if (!e.runUntil([&] { return track.done(kParts) || unexpected > 0; }, track.sentAt + 10 * kSecond) ||
            unexpected > 0) {
            error = QStringLiteral("round %1: no complete answer within 10 s (%2); failures: %3")
                        .arg(round).arg(QString::fromStdString(firstOdd), QString::fromStdString(e.firstFailure()));
            break;
        }
        if (round >= warmup) {
            complete.addNs(track.completeAt - track.sentAt);
            ready.addNs(track.readyAt - track.sentAt);
            allMidi.addNs(track.lastMidiAt - track.sentAt);
        }
    }
    if (e.signalReceived())
        m_interrupted = true;
    // The first answers, parsed: two files, bass then drums, announced in files_ready.
    if (error.isEmpty()) {
        const QJsonObject c = parseObject(firstComplete).value(QStringLiteral("data")).toObject();
        const QJsonObject f = parseObject(firstReady).value(QStringLiteral("data")).toObject();
        const QJsonArray files = c.value(QStringLiteral("files")).toArray();
        const bool ok = files.size() == kParts &&
                        files.at(0).toObject().value(QStringLiteral("track_type")).toString() == QLatin1String("bass") &&
                        files.at(1).toObject().value(QStringLiteral("track_type")).toString() == QLatin1String("drums") &&
                        f.value(QStringLiteral("files")).toArray().size() == kParts;
        if (!ok)
            error = QStringLiteral("unexpected answer: %1").arg(QString::fromStdString(firstComplete.substr(0, 400)));
        else
            result.insert(QStringLiteral("first_timings_ms"), c.value(QStringLiteral("timings_ms")));
        if (mismatched)
            error = QStringLiteral("%1 answers without their request_id").arg(mismatched);
    }
    if (!error.isEmpty())
        result.insert(QStringLiteral("error"), error);
    result.insert(QStringLiteral("to_generation_complete_ms"), complete.json());
    result.insert(QStringLiteral("to_files_ready_ms"), ready.json());
    result.insert(QStringLiteral("to_last_midi_ready_ms"), allMidi.json());
    result.insert(QStringLiteral("messages_received"), static_cast<qint64>(messagesIn));
    addServerTimings(result, completions);
    const double elapsed = static_cast<double>(nowNs() - start) / 1e9;
    result.insert(QStringLiteral("generations_per_s"), std::round(round / elapsed * 10) / 10);
    const bool valid = error.isEmpty();
    budget(QStringLiteral("generate_files_ready_p99"),
           QStringLiteral("generate_request (seed example, bass+drums) to files_ready, one plugin, sequential, p99"),
           2.0, ready.percentile(0.99), valid);
    const QString summary = QStringLiteral("generate   sequential rounds=%1  to files_ready %2  (generation_complete p50 %3 p99 %4 ms)  [budget p99 <= 2 ms: %5]")
                                .arg(rounds).arg(ready.line()).arg(complete.percentile(0.5), 0, 'f', 3)
                                .arg(complete.percentile(0.99), 0, 'f', 3)
                                .arg(valid && ready.percentile(0.99) <= 2.0 ? QStringLiteral("met") : QStringLiteral("NOT met"));
    finish(e, result, before, start, static_cast<std::uint64_t>(round), QStringLiteral("generation"), summary);
}

// `plugins` plugins at once, each asking again as soon as its previous generation is announced.
void Bench::generateConcurrent(int plugins, int perPlugin)
{
    const QString name = QStringLiteral("generate");
    constexpr int kParts = 2;
    QJsonObject result{{QStringLiteral("scenario"), name},
                       {QStringLiteral("variant"), QStringLiteral("concurrent")},
                       {QStringLiteral("sessions"), plugins},
                       {QStringLiteral("generations_per_plugin"), perPlugin}};
    auto eng = engine();
    if (!openSessions(*eng, name, static_cast<std::size_t>(plugins), result))
        return;
    WsEngine &e = *eng;
    std::vector<std::string> messages(static_cast<std::size_t>(perPlugin));
    for (int i = 0; i < perPlugin; ++i)
        messages[static_cast<std::size_t>(i)] = generateMessage(m_s.generateData, "c-" + std::to_string(i));
    std::vector<GenerationTrack> tracks(static_cast<std::size_t>(plugins));
    std::vector<std::string> completions;
    completions.reserve(static_cast<std::size_t>(plugins) * static_cast<std::size_t>(perPlugin));
    Dist ready;
    std::uint64_t completed = 0, unexpected = 0, messagesIn = 0;
    std::int64_t lastDone = 0;
    std::string firstOdd;
    const std::uint64_t target = static_cast<std::uint64_t>(plugins) * static_cast<std::uint64_t>(perPlugin);
    e.setTextHandler([&](Conn &c, MsgType type, std::string_view text, std::int64_t t) {
        ++messagesIn;
        GenerationTrack &track = tracks[c.index];
        switch (type) {
        case MsgType::GenerationComplete:
            track.completeAt = t;
            completions.emplace_back(text);
            break;
        case MsgType::FilesReady: track.readyAt = t; break;
        case MsgType::MidiReady: ++track.midi; break;
        case MsgType::GenerationResult:
        case MsgType::Notification: ++track.takeMessages; break;
        default:
            ++unexpected;
            if (firstOdd.empty())
                firstOdd = std::string(text.substr(0, 400));
            return;
        }
        if (!track.done(kParts))
            return;
        ready.addNs(track.readyAt - track.sentAt);
        ++completed;
        lastDone = t;
        if (++c.counter < static_cast<std::uint64_t>(perPlugin)) {
            track = GenerationTrack{};
            track.sentAt = nowNs();
            e.sendText(c, messages[c.counter]);
        }
    });
    const CpuMark before = CpuMark::take(m_serverPid);
    const std::int64_t start = nowNs();
    for (auto &conn : e.conns()) {
        tracks[conn->index].sentAt = nowNs();
        e.sendText(*conn, messages[0]);
    }
    const bool ok = e.runUntil([&] { return completed >= target || unexpected > 0; }, start + 60 * kSecond);
    if (e.signalReceived())
        m_interrupted = true;
    if (!ok || unexpected > 0 || e.failedCount() > 0)
        result.insert(QStringLiteral("error"), QStringLiteral("%1 of %2 generations; %3 unexpected (%4); failures: %5")
                                                   .arg(completed).arg(target).arg(unexpected)
                                                   .arg(QString::fromStdString(firstOdd), QString::fromStdString(e.firstFailure())));
    const double elapsed = static_cast<double>((lastDone ? lastDone : nowNs()) - start) / 1e9;
    const double perSecond = elapsed > 0 ? static_cast<double>(completed) / elapsed : 0.0;
    result.insert(QStringLiteral("generations"), static_cast<qint64>(completed));
    result.insert(QStringLiteral("generations_per_s"), std::round(perSecond * 10) / 10);
    result.insert(QStringLiteral("to_files_ready_ms"), ready.json());
    result.insert(QStringLiteral("messages_received"), static_cast<qint64>(messagesIn));
    addServerTimings(result, completions);
    const QString summary = QStringLiteral("generate   concurrent plugins=%1 generations=%2  %3 generations/s  to files_ready %4")
                                .arg(plugins).arg(completed).arg(perSecond, 0, 'f', 1).arg(ready.line());
    finish(e, result, before, start, completed, QStringLiteral("generation"), summary);
}

// Opens the sessions, holds them (heartbeating every heartbeat_interval, as plugins do) until the
// time is up, a line arrives on stdin or SIGUSR1/SIGINT/SIGTERM, checks that every one still
// answers, and closes them.
void Bench::hold(int sessions, double seconds, bool waitForUser)
{
    const QString name = QStringLiteral("hold");
    QJsonObject result{{QStringLiteral("scenario"), name}, {QStringLiteral("sessions"), sessions}};
    const qint64 rssBefore = rssKib(m_serverPid);
    auto eng = engine();
    WsEngine &e = *eng;
    std::uint64_t responses = 0, unexpected = 0;
    std::int64_t aliveSent = 0;
    Dist aliveRtt;
    bool checking = false;
    std::uint64_t alive = 0;
    const std::string checkNeedle = heartbeatReplyNeedle(2);
    e.setTextHandler([&](Conn &c, MsgType type, std::string_view text, std::int64_t t) {
        if (type == MsgType::ConnectionConfirmed) {
            if (c.index == 0)
                c.lastText.assign(text);
            return;
        }
        if (type != MsgType::HeartbeatResponse) {
            ++unexpected;
            return;
        }
        ++responses;
        // The check after the hold sends hb-2; the hold's own heartbeats are hb-1.
        if (checking && c.counter == 0 && text.find(checkNeedle) != std::string_view::npos) {
            c.counter = 1;
            ++alive;
            aliveRtt.addNs(t - aliveSent);
        }
    });
    const CpuMark before = CpuMark::take(m_serverPid);
    if (!openSessions(e, name, static_cast<std::size_t>(sessions), result))
        return;
    const double heartbeatInterval =
        parseObject(e.conn(0).lastText).value(QStringLiteral("data")).toObject()
            .value(QStringLiteral("heartbeat_interval")).toDouble(30.0);
    const qint64 rssOpen = rssKib(m_serverPid);
    const qint64 countedOpen = healthCount();
    const double capped = seconds >= 0 ? seconds : 3600.0;
    say(QStringLiteral("hold: %1 sessions open and confirmed in %2 s; server pid %3, RSS %4 KiB, /health plugins_connected %5; "
                       "holding %6")
            .arg(sessions).arg(result.value(QStringLiteral("open_s")).toDouble())
            .arg(m_serverPid > 0 ? QString::number(m_serverPid) : QStringLiteral("unknown"))
            .arg(rssOpen).arg(countedOpen)
            .arg(waitForUser ? QStringLiteral("until a line on stdin, SIGUSR1, SIGINT or SIGTERM (at most %1 s)").arg(capped)
                             : QStringLiteral("for %1 s").arg(capped)));
    if (waitForUser)
        e.watchStdin();
    // Heartbeats as plugins send them: each session once per heartbeat_interval, spread evenly.
    const std::int64_t start = nowNs();
    const auto step = static_cast<std::int64_t>(heartbeatInterval * 1e9 / sessions);
    std::uint64_t nextBeat = 1;
    const std::string beat = heartbeatMessage(1);
    e.setTimerHandler([&](std::int64_t) {
        const std::int64_t now = nowNs();
        while (start + static_cast<std::int64_t>(nextBeat) * step <= now) {
            Conn &c = e.conn(nextBeat % static_cast<std::uint64_t>(sessions));
            e.sendText(c, beat);
            ++nextBeat;
        }
        e.setTimer(start + static_cast<std::int64_t>(nextBeat) * step);
    });
    e.setTimer(start + step);
    e.runUntil([&] { return e.stdinLine() || e.failedCount() > 0; }, start + static_cast<std::int64_t>(capped * 1e9));
    e.setTimer(0);
    const double held = static_cast<double>(nowNs() - start) / 1e9;
    const int endedBy = e.signalReceived();
    if (endedBy)
        say(QStringLiteral("hold: signal %1 received; closing").arg(endedBy));
    e.clearSignal(); // a signal ends the hold, not the run: the sessions are still checked and closed
    // Still alive: every session answers one more heartbeat (sent at once; the round trips are
    // reported, not budgeted).
    checking = true;
    const std::uint64_t beforeCheck = responses;
    aliveSent = nowNs();
    const std::string check = heartbeatMessage(2);
    for (auto &conn : e.conns())
        e.sendText(*conn, check);
    e.runUntil([&] { return alive >= static_cast<std::uint64_t>(sessions); }, nowNs() + 15 * kSecond);
    checking = false;
    const qint64 countedEnd = healthCount();
    if (alive < static_cast<std::uint64_t>(sessions) || e.failedCount() > 0 || unexpected > 0)
        result.insert(QStringLiteral("error"), QStringLiteral("%1 of %2 sessions answered after the hold; %3 unexpected; failures: %4")
                                                   .arg(alive).arg(sessions).arg(unexpected)
                                                   .arg(QString::fromStdString(e.firstFailure())));
    result.insert(QStringLiteral("held_s"), std::round(held * 1e3) / 1e3);
    result.insert(QStringLiteral("heartbeat_interval_s"), heartbeatInterval);
    result.insert(QStringLiteral("heartbeats_during_hold"), static_cast<qint64>(beforeCheck));
    result.insert(QStringLiteral("alive_after_hold"), static_cast<qint64>(alive));
    result.insert(QStringLiteral("alive_check_rtt_ms"), aliveRtt.json());
    result.insert(QStringLiteral("health_plugins_connected_open"), countedOpen);
    result.insert(QStringLiteral("health_plugins_connected_end"), countedEnd);
    result.insert(QStringLiteral("server_rss_kib_before"), rssBefore);
    result.insert(QStringLiteral("server_rss_kib_open"), rssOpen);
    result.insert(QStringLiteral("ended_by"), endedBy ? QStringLiteral("signal %1").arg(endedBy)
                                                      : e.stdinLine() ? QStringLiteral("stdin") : QStringLiteral("time"));
    const bool met = !result.contains(QStringLiteral("error")) && alive == static_cast<std::uint64_t>(sessions) &&
                     (countedEnd < 0 || countedEnd == sessions);
    if (sessions >= 1000)
        m_budgets.append(QJsonObject{{QStringLiteral("budget"), QStringLiteral("sessions_held_1000")},
                                     {QStringLiteral("what"), QStringLiteral("1,000 concurrent plugin sessions held, all answering")},
                                     {QStringLiteral("sessions"), sessions},
                                     {QStringLiteral("alive"), static_cast<qint64>(alive)},
                                     {QStringLiteral("met"), met}});
    const QString summary = QStringLiteral("hold       sessions=%1 opened in %2 s, held %3 s, %4 answering after it, /health %5; "
                                           "server RSS %6 -> %7 KiB; alive-check round trip %8%9")
                                .arg(sessions).arg(result.value(QStringLiteral("open_s")).toDouble()).arg(held, 0, 'f', 1)
                                .arg(alive).arg(countedEnd).arg(rssBefore).arg(rssOpen).arg(aliveRtt.line())
                                .arg(sessions >= 1000 ? (met ? QStringLiteral("  [budget 1,000 held: met]")
                                                             : QStringLiteral("  [budget 1,000 held: NOT met]"))
                                                      : QString());
    finish(e, result, before, start, beforeCheck + alive, QStringLiteral("heartbeat"), summary);
    say(QStringLiteral("hold: closed"));
}

bool parseLoopbackUrl(const QUrl &url, std::uint32_t *addr, std::uint16_t *port, QString *why)
{
    if (url.scheme() != QLatin1String("ws") || url.port() <= 0) {
        *why = QStringLiteral("--url must be ws://127.0.0.1:PORT");
        return false;
    }
    QHostAddress host(url.host());
    if (url.host() == QLatin1String("localhost"))
        host = QHostAddress(QHostAddress::LocalHost);
    bool ok = false;
    const quint32 v4 = host.toIPv4Address(&ok);
    if (!ok || !host.isLoopback()) {
        *why = QStringLiteral("only IPv4 loopback servers (127.0.0.0/8) are measured; got %1").arg(url.host());
        return false;
    }
    *addr = v4;
    *port = static_cast<std::uint16_t>(url.port());
    return true;
}

QJsonObject seedExampleFlatForm(QString *why)
{
    QFile file(QStringLiteral(AIBAND_SEED_EXAMPLE));
    if (!file.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("cannot read %1").arg(file.fileName());
        return {};
    }
    const QJsonObject seed = QJsonDocument::fromJson(file.readAll()).object();
    // The plugin's flat form: the progression's fields beside the others; plugin_id is the session's.
    QJsonObject flat = seed.value(QStringLiteral("chord_progression")).toObject();
    for (auto it = seed.begin(); it != seed.end(); ++it) {
        if (it.key() != QLatin1String("chord_progression") && it.key() != QLatin1String("plugin_id"))
            flat.insert(it.key(), it.value());
    }
    if (!flat.contains(QStringLiteral("chords")))
        *why = QStringLiteral("%1 has no chord_progression.chords").arg(file.fileName());
    return flat;
}

void raiseOpenFileLimit(int wanted)
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return;
    if (limit.rlim_cur >= static_cast<rlim_t>(wanted))
        return;
    limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, static_cast<rlim_t>(wanted));
    setrlimit(RLIMIT_NOFILE, &limit);
}

} // namespace

int main(int argc, char **argv)
{
    // SIGINT, SIGTERM and SIGUSR1 are read from a signalfd in the epoll loop (the server we start
    // gets the default mask back, see ServerProcess). Blocked before any thread exists.
    sigset_t watched;
    sigemptyset(&watched);
    sigaddset(&watched, SIGINT);
    sigaddset(&watched, SIGTERM);
    sigaddset(&watched, SIGUSR1);
    sigprocmask(SIG_BLOCK, &watched, nullptr);
    const int signalFd = signalfd(-1, &watched, SFD_NONBLOCK | SFD_CLOEXEC);
    std::signal(SIGPIPE, SIG_IGN);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("loadgen"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "WebSocket load generator for ai-band-orchestrator: heartbeat round trip, transport_sync fan-out,\n"
        "generation over WebSocket, and holding many sessions (bench/loadgen/README.md)."));
    parser.addHelpOption();
    const QCommandLineOption urlOption(QStringLiteral("url"), QStringLiteral("The server, ws://127.0.0.1:PORT."), QStringLiteral("url"));
    const QCommandLineOption serverOption(QStringLiteral("server"),
        QStringLiteral("Start this ai-band-orchestrator binary (--headless --port 0, temporary folders) and stop it at the end."),
        QStringLiteral("path"));
    const QCommandLineOption serverArgOption(QStringLiteral("server-arg"),
        QStringLiteral("One more argument for the started server (repeatable), e.g. --server-arg=--log-level=warning."),
        QStringLiteral("arg"));
    const QCommandLineOption wrapperOption(QStringLiteral("server-wrapper"),
        QStringLiteral("Run the started server under this command, one word per option (repeatable), e.g. "
                       "--server-wrapper=valgrind --server-wrapper=--tool=callgrind."), QStringLiteral("word"));
    const QCommandLineOption clientOption(QStringLiteral("client"),
        QStringLiteral("raw (default): the epoll client; qt: QWebSocket clients in Qt's event loop, for the heartbeat "
                       "scenario only (a cross-check of the raw client)."), QStringLiteral("kind"), QStringLiteral("raw"));
    const QCommandLineOption scenarioOption(QStringLiteral("scenario"),
        QStringLiteral("heartbeat, fanout, generate, hold or all (default)."), QStringLiteral("name"), QStringLiteral("all"));
    const QCommandLineOption sessionsOption(QStringLiteral("sessions"),
        QStringLiteral("heartbeat: sessions; fanout: receivers; generate: concurrent plugins; hold: sessions."), QStringLiteral("n"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"),
        QStringLiteral("Measured rounds (heartbeats per session, fan-outs, sequential generations; generate's concurrent "
                       "part: generations per plugin)."), QStringLiteral("k"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Write the results here."), QStringLiteral("file"));
    const QCommandLineOption holdOption(QStringLiteral("hold"),
        QStringLiteral("hold: seconds to hold the sessions (default: until a line on stdin or SIGUSR1/SIGINT/SIGTERM; "
                       "in 'all', 2)."), QStringLiteral("seconds"));
    const QCommandLineOption pacedOption(QStringLiteral("paced-seconds"),
        QStringLiteral("heartbeat: seconds of the paced run (every session at 10 Hz); 0 skips it (default 2)."),
        QStringLiteral("seconds"), QStringLiteral("2"));
    const QCommandLineOption triggerOption(QStringLiteral("fanout-trigger"),
        QStringLiteral("fanout: ws (default), a sender session's transport_update; http, POST /api/transport/sync "
                       "(what the original orchestrator broadcasts)."), QStringLiteral("kind"), QStringLiteral("ws"));
    const QCommandLineOption windowOption(QStringLiteral("open-window"),
        QStringLiteral("WebSocket handshakes in flight while sessions open (default 32)."), QStringLiteral("n"));
    parser.addOptions({urlOption, triggerOption, serverOption, serverArgOption, scenarioOption, sessionsOption, roundsOption, jsonOption,
                       holdOption, pacedOption, windowOption, wrapperOption, clientOption});
    parser.process(app);

    Settings settings;
    settings.scenario = parser.value(scenarioOption);
    settings.jsonPath = parser.value(jsonOption);
    const auto intOption = [&](const QCommandLineOption &option, int min, int max, int *out) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value < min || value > max) {
            note(QStringLiteral("--%1 must be a whole number from %2 to %3").arg(option.names().first()).arg(min).arg(max));
            return false;
        }
        *out = value;
        return true;
    };
    if (!intOption(sessionsOption, 1, 10000, &settings.sessions) || !intOption(roundsOption, 1, 1000000, &settings.rounds) ||
        !intOption(windowOption, 1, 4096, &settings.openWindow))
        return 2;
    if (parser.isSet(holdOption)) {
        bool ok = false;
        settings.holdSeconds = parser.value(holdOption).toDouble(&ok);
        if (!ok || settings.holdSeconds < 0 || settings.holdSeconds > 86400) {
            note(QStringLiteral("--hold must be 0 to 86400 seconds"));
            return 2;
        }
    }
    {
        bool ok = false;
        settings.pacedSeconds = parser.value(pacedOption).toDouble(&ok);
        if (!ok || settings.pacedSeconds < 0 || settings.pacedSeconds > 600) {
            note(QStringLiteral("--paced-seconds must be 0 to 600"));
            return 2;
        }
    }
    static const QStringList scenarios{QStringLiteral("heartbeat"), QStringLiteral("fanout"), QStringLiteral("generate"),
                                       QStringLiteral("hold"), QStringLiteral("all")};
    if (!scenarios.contains(settings.scenario)) {
        note(QStringLiteral("unknown --scenario %1; one of %2").arg(settings.scenario, scenarios.join(QStringLiteral(", "))));
        return 2;
    }
    settings.httpTrigger = parser.value(triggerOption) == QLatin1String("http");
    if (!settings.httpTrigger && parser.value(triggerOption) != QLatin1String("ws")) {
        note(QStringLiteral("--fanout-trigger is ws or http"));
        return 2;
    }
    settings.qtClient = parser.value(clientOption) == QLatin1String("qt");
    if (!settings.qtClient && parser.value(clientOption) != QLatin1String("raw")) {
        note(QStringLiteral("--client is raw or qt"));
        return 2;
    }
    if (settings.qtClient && settings.scenario != QLatin1String("heartbeat")) {
        note(QStringLiteral("--client qt measures the heartbeat scenario only"));
        return 2;
    }
    if (parser.isSet(urlOption) == parser.isSet(serverOption)) {
        note(QStringLiteral("give either --url ws://127.0.0.1:PORT or --server PATH"));
        return 2;
    }
    QString why;
    settings.generateData = seedExampleFlatForm(&why);
    if (!why.isEmpty()) {
        note(why);
        return 2;
    }
    raiseOpenFileLimit(8192);
    rlimit files{};
    getrlimit(RLIMIT_NOFILE, &files);
    const int neededFiles = std::max(settings.sessions, 1001) + 64;
    if (files.rlim_cur < static_cast<rlim_t>(neededFiles))
        note(QStringLiteral("the open-files limit is %1 (hard %2); %3 sessions may not fit")
                 .arg(files.rlim_cur).arg(files.rlim_max).arg(neededFiles - 64));

    std::unique_ptr<ServerProcess> server;
    QUrl wsUrl;
    if (parser.isSet(serverOption)) {
        server = std::make_unique<ServerProcess>(parser.value(serverOption));
        if (!server->start(parser.values(serverArgOption), parser.values(wrapperOption), &why)) {
            note(why);
            return 1;
        }
        wsUrl = server->url();
        wsUrl.setScheme(QStringLiteral("ws"));
        note(QStringLiteral("started %1 (pid %2) listening on %3").arg(server->commandLine()).arg(server->pid())
                 .arg(server->url().toString()));
    } else {
        wsUrl = QUrl(parser.value(urlOption));
    }
    std::uint32_t addr = 0;
    std::uint16_t port = 0;
    if (!parseLoopbackUrl(wsUrl, &addr, &port, &why)) {
        note(why);
        if (server)
            server->stop();
        return 2;
    }
    const std::string hostHeader = wsUrl.host().toStdString() + ":" + std::to_string(port);
    const qint64 serverPid = server ? server->pid() : -1;

    const QString loadStart = loadAverage();
    const QDateTime startedAt = QDateTime::currentDateTimeUtc();
    Bench bench(settings, addr, port, hostHeader, signalFd, serverPid);
    const QString s = settings.scenario;
    const bool all = s == QLatin1String("all");
    const auto rounds = [&](int fallback) { return settings.rounds > 0 ? settings.rounds : fallback; };
    const auto go = [&] { return !bench.interrupted(); };

    if ((all || s == QLatin1String("heartbeat")) && go()) {
        const QList<int> counts = settings.sessions > 0 && !all ? QList<int>{settings.sessions} : QList<int>{1, 100};
        for (int n : counts) {
            if (!go())
                break;
            if (settings.qtClient) {
                bench.heartbeatQt(n, rounds(n == 1 ? 5000 : 200));
                continue;
            }
            bench.heartbeat(n, rounds(n == 1 ? 5000 : 200));
            if (n > 1 && settings.pacedSeconds > 0 && go())
                bench.heartbeatPaced(n, settings.pacedSeconds);
        }
    }
    if ((all || s == QLatin1String("fanout")) && go()) {
        const QList<int> counts = settings.sessions > 0 && !all ? QList<int>{settings.sessions} : QList<int>{10, 100, 1000};
        for (int n : counts) {
            if (go())
                bench.fanout(n, rounds(n <= 10 ? 1000 : n <= 100 ? 500 : 200));
        }
    }
    if ((all || s == QLatin1String("generate")) && go()) {
        bench.generateSequential(rounds(300));
        if (go())
            bench.generateConcurrent(settings.sessions > 0 && !all ? settings.sessions : settings.concurrentPlugins,
                                     rounds(40));
    }
    if ((all || s == QLatin1String("hold")) && go()) {
        const int n = settings.sessions > 0 && !all ? settings.sessions : 1000;
        const bool waitForUser = !all && settings.holdSeconds < 0;
        bench.hold(n, all && settings.holdSeconds < 0 ? 2.0 : settings.holdSeconds, waitForUser);
    }

    int serverExit = 0;
    qint64 logLines = -1;
    if (server) {
        serverExit = server->stop();
        logLines = server->logLines();
        if (serverExit != 0)
            note(QStringLiteral("the server exited with %1; its log ends: %2").arg(serverExit).arg(server->stderrTail()));
        else
            note(QStringLiteral("server stopped with SIGTERM, exit status 0; it logged %1 lines").arg(logLines));
    }

    int metCount = 0;
    const QJsonArray budgets = bench.budgets();
    for (const QJsonValue &b : budgets)
        metCount += b.toObject().value(QStringLiteral("met")).toBool() ? 1 : 0;
    if (!budgets.isEmpty())
        say(QStringLiteral("budgets: %1 of %2 met").arg(metCount).arg(budgets.size()));

    if (!settings.jsonPath.isEmpty()) {
        QJsonObject machine{{QStringLiteral("cpus"), QThread::idealThreadCount()},
                            {QStringLiteral("kernel"), QSysInfo::kernelVersion()},
                            {QStringLiteral("loadavg_start"), loadStart},
                            {QStringLiteral("loadavg_end"), loadAverage()}};
        QJsonObject serverJson{{QStringLiteral("url"), wsUrl.toString()},
                               {QStringLiteral("started_by_loadgen"), server != nullptr}};
        if (server) {
            serverJson.insert(QStringLiteral("command"), server->commandLine());
            serverJson.insert(QStringLiteral("environment"), QStringLiteral("AIBAND_MAX_CONNECTIONS=4096, own XDG_CONFIG_HOME, XDG_DATA_HOME and working directory"));
            serverJson.insert(QStringLiteral("exit_code"), serverExit);
            serverJson.insert(QStringLiteral("log_lines"), logLines);
            // Qt variables the server inherited (QT_NO_GLIB=1 changes its event loop).
            QJsonObject qtEnv;
            const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            for (const QString &name : env.keys()) {
                if (name.startsWith(QLatin1String("QT_")))
                    qtEnv.insert(name, env.value(name));
            }
            serverJson.insert(QStringLiteral("inherited_qt_environment"), qtEnv);
        }
        const QJsonObject report{{QStringLiteral("tool"), QStringLiteral("aiband loadgen")},
                                 {QStringLiteral("command_line"), QCoreApplication::arguments().join(QLatin1Char(' '))},
                                 {QStringLiteral("started_at"), startedAt.toString(Qt::ISODateWithMs)},
                                 {QStringLiteral("clock"), QStringLiteral("CLOCK_MONOTONIC; a receive time is the epoll wake-up that read it")},
                                 {QStringLiteral("machine"), machine},
                                 {QStringLiteral("server"), serverJson},
                                 {QStringLiteral("results"), bench.results()},
                                 {QStringLiteral("budgets"), budgets},
                                 {QStringLiteral("interrupted"), bench.interrupted()},
                                 {QStringLiteral("ok"), bench.failures() == 0 && serverExit == 0 && !bench.interrupted()}};
        QSaveFile out(settings.jsonPath);
        if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(report).toJson(QJsonDocument::Indented)) < 0 ||
            !out.commit())
            note(QStringLiteral("cannot write %1").arg(settings.jsonPath));
    }
    if (bench.interrupted())
        return 130;
    return bench.failures() == 0 && serverExit == 0 ? 0 : 1;
}
