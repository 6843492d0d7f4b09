// The single-instance guard in one process: two guards with the same key, a stale lock left by
// a crashed run, and a live lock that is old (which must not count as stale).

#include "platform/SingleInstance.h"

#include <QFile>
#include <QFuture>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>
#include <QtConcurrent>

using namespace aiband;

class TestSingleInstance : public QObject {
    Q_OBJECT

    static QString uniqueKey() { return QUuid::createUuid().toString(QUuid::Id128).left(16); }

    // The second guard asks from another thread: the first answers from this thread's event loop.
    static Result<SingleInstance::Claim> claimElsewhere(SingleInstance &guard, SingleInstance::Request request)
    {
        QFuture<Result<SingleInstance::Claim>> future =
            QtConcurrent::run([&guard, request] { return guard.claim(request); });
        // The worker gives up after a few seconds on its own, so this wait always ends.
        static_cast<void>(QTest::qWaitFor([&] { return future.isFinished(); }, 30000));
        return future.result();
    }

private slots:
    void theSecondGuardReachesTheFirst()
    {
        const QString key = uniqueKey();
        SingleInstance first(key);
        const auto claimed = first.claim(SingleInstance::Request::Show);
        QVERIFY(claimed.ok());
        QVERIFY(claimed->primary);
        first.setStatus(QStringLiteral("http://127.0.0.1:8000"));
        QSignalSpy activated(&first, &SingleInstance::activationRequested);

        SingleInstance second(key);
        const auto answer = claimElsewhere(second, SingleInstance::Request::Show);
        QVERIFY2(answer.ok(), answer.ok() ? "" : qPrintable(answer.error().message));
        QVERIFY(!answer->primary);
        QCOMPARE(answer->otherStatus, QStringLiteral("http://127.0.0.1:8000"));
        QCOMPARE(answer->otherMode, SingleInstance::Mode::Desktop);
        QCOMPARE(answer->otherProcessId, QCoreApplication::applicationPid());
        QCOMPARE(activated.count(), 1);

        // A ping is answered but raises nothing.
        SingleInstance third(key);
        const auto pinged = claimElsewhere(third, SingleInstance::Request::Ping);
        QVERIFY(pinged.ok() && !pinged->primary);
        QCOMPARE(activated.count(), 1);

        // Another key is another instance.
        SingleInstance other(uniqueKey());
        const auto own = other.claim(SingleInstance::Request::Show);
        QVERIFY(own.ok() && own->primary);
    }

    // A later desktop launch must learn that the running one is headless: it has no window to
    // bring up, so the launch says where it runs and how to stop it instead.
    void aHeadlessInstanceSaysSo()
    {
        const QString key = uniqueKey();
        SingleInstance server(key);
        QVERIFY(server.claim(SingleInstance::Request::Ping)->primary);
        server.setMode(SingleInstance::Mode::Headless);
        server.setStatus(QStringLiteral("http://127.0.0.1:8123"));

        SingleInstance launch(key);
        const auto answer = claimElsewhere(launch, SingleInstance::Request::Show);
        QVERIFY2(answer.ok(), answer.ok() ? "" : qPrintable(answer.error().message));
        QVERIFY(!answer->primary);
        QCOMPARE(answer->otherMode, SingleInstance::Mode::Headless);
        QCOMPARE(answer->otherStatus, QStringLiteral("http://127.0.0.1:8123"));
        QCOMPARE(answer->otherProcessId, QCoreApplication::applicationPid());
    }

    void theLockIsFreedWhenTheInstanceEnds()
    {
        const QString key = uniqueKey();
        {
            SingleInstance first(key);
            QVERIFY(first.claim(SingleInstance::Request::Show)->primary);
        }
        SingleInstance next(key);
        const auto claimed = next.claim(SingleInstance::Request::Show);
        QVERIFY(claimed.ok() && claimed->primary);
    }

    void aLockLeftByACrashedRunIsTakenOver()
    {
        SingleInstance guard(uniqueKey());
        // What QLockFile writes (pid, application name, host name), for a process that is gone,
        // and the socket file a crash leaves behind.
        QFile lock(guard.lockFilePath());
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write("2147480000\nai-band-orchestrator\n\n");
        lock.close();
        QFile socket(guard.socketPath());
        QVERIFY(socket.open(QIODevice::WriteOnly));
        socket.close();

        const auto claimed = guard.claim(SingleInstance::Request::Show);
        QVERIFY2(claimed.ok(), claimed.ok() ? "" : qPrintable(claimed.error().message));
        QVERIFY(claimed->primary);
    }

    void aLongRunningInstanceKeepsItsLock()
    {
        // QLockFile's default stale time would call any lock older than 30 s stale, live or not.
        const QString key = uniqueKey();
        SingleInstance first(key);
        QVERIFY(first.claim(SingleInstance::Request::Show)->primary);
        QFile lock(first.lockFilePath());
        QVERIFY(lock.open(QIODevice::ReadWrite));
        QVERIFY(lock.setFileTime(QDateTime::currentDateTime().addSecs(-3600), QFileDevice::FileModificationTime));
        lock.close();

        SingleInstance second(key);
        const auto answer = claimElsewhere(second, SingleInstance::Request::Ping);
        QVERIFY(answer.ok());
        QVERIFY(!answer->primary);
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_single_instance.moc"
