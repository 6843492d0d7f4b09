#pragma once

// CPU time and memory of a process, read from /proc: how much the server spent per message, and
// how much the load generator itself spent (it must stay well below the server).

#include <QFile>
#include <QString>

#include <cstdint>
#include <ctime>
#include <unistd.h>

namespace loadgen {

// utime + stime of /proc/PID/stat or /proc/PID/task/TID/stat, in milliseconds (clock-tick
// resolution, 10 ms here); -1 when unreadable.
inline double procCpuMs(const QString &statPath)
{
    QFile file(statPath);
    if (!file.open(QIODevice::ReadOnly))
        return -1.0;
    const QByteArray stat = file.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return -1.0;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // After "pid (comm) " the fields are numbered from 3 (state): utime is 14, stime 15.
    if (fields.size() < 13)
        return -1.0;
    const double ticks = fields[11].toDouble() + fields[12].toDouble();
    return ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

inline double processCpuMs(qint64 pid)
{
    return pid > 0 ? procCpuMs(QStringLiteral("/proc/%1/stat").arg(pid)) : -1.0;
}

// The thread group leader: the server's main thread, where its event loop runs.
inline double mainThreadCpuMs(qint64 pid)
{
    return pid > 0 ? procCpuMs(QStringLiteral("/proc/%1/task/%1/stat").arg(pid)) : -1.0;
}

inline double selfCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// VmRSS of /proc/PID/status in KiB; -1 when unreadable.
inline qint64 rssKib(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/status").arg(pid));
    if (pid <= 0 || !file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

inline QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(file.readAll()).trimmed();
}

// Busy time of every CPU together (/proc/stat: all but idle and iowait), in milliseconds: what
// the other processes of the machine took is this, less the server and the load generator.
inline double machineBusyMs()
{
    QFile file(QStringLiteral("/proc/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return -1.0;
    const QList<QByteArray> f = file.readLine().simplified().split(' ');
    if (f.size() < 9 || f[0] != "cpu")
        return -1.0;
    double ticks = 0;
    for (int i : {1, 2, 3, 6, 7, 8}) // user nice system irq softirq steal
        ticks += f[i].toDouble();
    return ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// CPU spent between two points: the server (whole process and its main thread), this process,
// and the whole machine.
struct CpuMark {
    double server = -1;
    double serverMain = -1;
    double self = 0;
    double machine = -1;
    static CpuMark take(qint64 serverPid)
    {
        return CpuMark{processCpuMs(serverPid), mainThreadCpuMs(serverPid), selfCpuMs(), machineBusyMs()};
    }
};

} // namespace loadgen
