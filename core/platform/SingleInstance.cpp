#include "SingleInstance.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QThread>

namespace aiband {
namespace {

constexpr int kAnswerTimeoutMs = 5000;
// A launch that finds the lock taken may be faster than the instance holding it is at opening
// its socket; it retries this long before giving up.
constexpr int kConnectWindowMs = 3000;

QString runtimeDir()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    return dir.isEmpty() ? QDir::tempPath() : dir;
}

} // namespace

SingleInstance::SingleInstance(QString key, QObject *parent) : QObject(parent), m_key(std::move(key)) {}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close();   // removes the socket file before the lock goes
}

QString SingleInstance::defaultKey(const QString &explicitConfigFile)
{
    QByteArray identity = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation).toUtf8();
    if (!explicitConfigFile.isEmpty())
        identity += '\n' + QFileInfo(explicitConfigFile).absoluteFilePath().toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex().left(16));
}

QString SingleInstance::lockFilePath() const
{
    return runtimeDir() + QStringLiteral("/ai-band-orchestrator-%1.lock").arg(m_key);
}

QString SingleInstance::socketPath() const
{
    return runtimeDir() + QStringLiteral("/ai-band-orchestrator-%1.socket").arg(m_key);
}

Result<SingleInstance::Claim> SingleInstance::claim(Request request)
{
    auto lock = std::make_unique<QLockFile>(lockFilePath());
    // A lock is stale only when the process that took it is gone, never because of its age
    // alone (0 says so whatever the Qt version's default rules for age are).
    lock->setStaleLockTime(0);
    if (lock->tryLock(0)) {
        m_lock = std::move(lock);
        if (Status listening = listen(); !listening)
            return listening.error();
        return Claim{true, {}};
    }
    if (lock->error() != QLockFile::LockFailedError)
        return makeError(QStringLiteral("instance_lock_failed"),
                         QStringLiteral("cannot create the instance lock %1").arg(lockFilePath()));
    auto answer = ask(request);
    if (!answer)
        return answer.error();
    Claim other = *answer;
    qint64 pid = 0;
    QString host;
    QString application;
    if (lock->getLockInfo(&pid, &host, &application))
        other.otherProcessId = pid;
    return other;
}

Status SingleInstance::listen()
{
    // We hold the lock, so a socket file left here belongs to a run that crashed.
    QLocalServer::removeServer(socketPath());
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(socketPath()))
        return makeError(QStringLiteral("instance_socket_failed"),
                         QStringLiteral("cannot listen on %1: %2").arg(socketPath(), m_server->errorString()));
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (!socket->canReadLine())
                    return;
                const QByteArray line = socket->readLine().trimmed();
                // "headless<TAB>URL" or "desktop<TAB>URL", one line.
                const QByteArray mode = m_mode == Mode::Headless ? "headless" : "desktop";
                socket->write(mode + '\t' + m_status.toUtf8() + '\n');
                socket->disconnectFromServer();   // after the answer is written
                if (line == "show")
                    emit activationRequested();
            });
        }
    });
    return Done{};
}

Result<SingleInstance::Claim> SingleInstance::ask(Request request) const
{
    QLocalSocket socket;
    const QDeadlineTimer window(kConnectWindowMs);
    for (;;) {
        socket.connectToServer(socketPath());
        if (socket.waitForConnected(500))
            break;
        if (window.hasExpired())
            return makeError(QStringLiteral("instance_not_answering"),
                             QStringLiteral("another instance holds %1 but does not answer on %2: %3")
                                 .arg(lockFilePath(), socketPath(), socket.errorString()));
        QThread::msleep(50);   // the other instance is between taking the lock and listening
    }
    socket.write(request == Request::Show ? "show\n" : "ping\n");
    QByteArray answer;
    const QDeadlineTimer deadline(kAnswerTimeoutMs);
    while (!answer.contains('\n') && !deadline.hasExpired()) {
        const bool more = socket.waitForReadyRead(static_cast<int>(deadline.remainingTime()));
        answer += socket.readAll();   // the answer may arrive together with the disconnect
        if (!more)
            break;
    }
    if (!answer.contains('\n'))
        return makeError(QStringLiteral("instance_not_answering"),
                         QStringLiteral("another instance is running but did not answer on %1").arg(socketPath()));
    const QString line = QString::fromUtf8(answer.left(answer.indexOf('\n')));
    Claim other;
    // "mode<TAB>status"; an instance from before the mode was told answers the status alone.
    const bool toldMode = line.contains(QLatin1Char('\t'));
    other.otherMode = toldMode && line.section(QLatin1Char('\t'), 0, 0) == QLatin1String("headless") ? Mode::Headless : Mode::Desktop;
    other.otherStatus = toldMode ? line.section(QLatin1Char('\t'), 1) : line;
    return other;
}

} // namespace aiband
