#include "generation/PoolTask.h"
#include "generation/WarmThreadPool.h"

#include <QCoreApplication>
#include <QEvent>

#include <QMutex>
#include <QSemaphore>
#include <QSet>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>

using namespace aiband;

namespace {

// Runs `body` on the pool as a QRunnable of its own (deleted after it ran).
template <typename Body>
void run(WarmThreadPool &pool, Body body)
{
    pool.start(QRunnable::create(std::move(body)));
}

// Counts the events of one type delivered to objects of this thread.
class EventCounter : public QObject {
public:
    explicit EventCounter(QEvent::Type type) : m_type(type) { QCoreApplication::instance()->installEventFilter(this); }
    int count = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == m_type)
            ++count;
        return false;
    }

private:
    QEvent::Type m_type;
};

class Flagged : public QRunnable {
public:
    explicit Flagged(bool &destroyed) : m_destroyed(destroyed) {}
    ~Flagged() override { m_destroyed = true; }
    void run() override {}

private:
    bool &m_destroyed;
};

} // namespace

class TestWarmThreadPool : public QObject {
    Q_OBJECT

private slots:
    // One client's takes, one after another, all run on one thread (its takes-index connection
    // and caches warm), although the pool has made three; QThreadPool took the one idle longest.
    void tasksOneAfterAnotherRunOnTheThreadIdleLast()
    {
        WarmThreadPool pool(8);
        QSemaphore started;
        QSemaphore release;
        for (int i = 0; i < 3; ++i) {
            run(pool, [&] {
                started.release();
                release.acquire();
            });
        }
        started.acquire(3);   // three at once: three threads
        QCOMPARE(pool.threadCount(), 3);
        release.release(3);
        QVERIFY(pool.waitForDone());

        QSet<QThread *> threads;
        for (int i = 0; i < 10; ++i) {
            run(pool, [&] { threads.insert(QThread::currentThread()); });
            QVERIFY(pool.waitForDone());
        }
        QCOMPARE(threads.size(), 1);
        QVERIFY(!threads.contains(QThread::currentThread()));
        QCOMPARE(pool.threadCount(), 3);
    }

    void tasksBeyondItsThreadsWaitAndEveryOneRuns()
    {
        WarmThreadPool pool(2);
        QCOMPARE(pool.maxThreadCount(), 2);
        std::atomic<int> running{0};
        std::atomic<int> most{0};
        std::atomic<int> ran{0};
        for (int i = 0; i < 200; ++i) {
            run(pool, [&] {
                const int now = ++running;
                int seen = most.load();
                while (now > seen && !most.compare_exchange_weak(seen, now)) {
                }
                ++ran;
                --running;
            });
        }
        QVERIFY(pool.waitForDone());
        QCOMPARE(ran.load(), 200);
        QVERIFY(most.load() <= 2);
        QVERIFY(pool.threadCount() <= 2);
    }

    void waitingIsLimitedAndEndsWhenTheTasksDo()
    {
        WarmThreadPool pool(1);
        QSemaphore release;
        std::atomic<int> ran{0};
        run(pool, [&] {
            release.acquire();
            ++ran;
        });
        run(pool, [&] { ++ran; });   // waits for the one thread
        QVERIFY(!pool.waitForDone(20));   // the first cannot end before it is released
        QCOMPARE(ran.load(), 0);
        release.release();
        QVERIFY(pool.waitForDone());
        QCOMPARE(ran.load(), 2);
    }

    void aTaskIsDeletedAfterItRanOnlyWhenItAutoDeletes()
    {
        bool kept = false;
        bool deleted = false;
        auto *keep = new Flagged(kept);
        keep->setAutoDelete(false);
        {
            WarmThreadPool pool(2);
            pool.start(keep);
            pool.start(new Flagged(deleted));
            QVERIFY(pool.waitForDone());
            QVERIFY(deleted);
            QVERIFY(!kept);
        }
        delete keep;
        QVERIFY(kept);
    }

    // The destructor waits for what was started, then ends its threads.
    void destroyingThePoolRunsWhatWasStarted()
    {
        std::atomic<int> ran{0};
        {
            WarmThreadPool pool(2);
            for (int i = 0; i < 50; ++i)
                run(pool, [&] { ++ran; });
        }
        QCOMPARE(ran.load(), 50);
    }
    // What a task returns reaches the thread that started it in one event: the courier that
    // carried it is deleted as it delivers (a deleteLater was a second event and a second
    // wake-up of that thread's loop for every take).
    void aResultReachesTheCallingThreadInOneEvent()
    {
        WarmThreadPool pool(2);
        QObject receiver;
        EventCounter deferredDeletes(QEvent::DeferredDelete);
        int delivered = 0;
        QThread *deliveredOn = nullptr;
        runOnPool(pool, &receiver, [] { return 42; }, [&](int value) {
            delivered = value;
            deliveredOn = QThread::currentThread();
        });
        QTRY_COMPARE(delivered, 42);
        QCOMPARE(deliveredOn, QThread::currentThread());
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QCOMPARE(deferredDeletes.count, 0);
    }

    // A receiver gone before the result arrives gets nothing.
    void nothingIsDeliveredToAReceiverThatIsGone()
    {
        WarmThreadPool pool(1);
        auto *receiver = new QObject;
        QSemaphore started, finish;
        bool delivered = false;
        runOnPool(pool, receiver, [&] { started.release(); finish.acquire(); return 1; }, [&](int) { delivered = true; });
        started.acquire();
        delete receiver;
        finish.release();
        QVERIFY(pool.waitForDone(10000));
        QCoreApplication::sendPostedEvents();
        QVERIFY(!delivered);
    }
};

QTEST_GUILESS_MAIN(TestWarmThreadPool)
#include "tst_warm_thread_pool.moc"
