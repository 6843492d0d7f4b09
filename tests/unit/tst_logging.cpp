#include "logging/LogBuffer.h"
#include "logging/LogCategories.h"
#include "logging/Logging.h"
#include "logging/RotatingLogFile.h"
#include "util/IsoTime.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

using namespace aiband;

class TestLogging : public QObject {
    Q_OBJECT
private slots:
    void bufferKeepsTheNewestAndAnswersSince()
    {
        LogBuffer buffer(3);
        for (int i = 1; i <= 5; ++i)
            buffer.append({0, QDateTime::currentDateTime(), QStringLiteral("info"), QStringLiteral("t"),
                           QString::number(i)});
        QCOMPARE(buffer.lastId(), 5u);
        QList<LogEntry> all = buffer.since(0, 100);
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.first().id, 3u);
        QCOMPARE(all.first().message, QStringLiteral("3"));
        QCOMPARE(buffer.since(3, 100).size(), 2);
        QCOMPARE(buffer.since(4, 100).first().message, QStringLiteral("5"));
        QCOMPARE(buffer.since(5, 100).size(), 0);
        QCOMPARE(buffer.since(0, 1).size(), 1);
    }

    void routerFeedsBufferAndFileAndHonoursLevel()
    {
        QTemporaryDir dir;
        LogBuffer buffer(100);
        {
            LogRouter router(&buffer);
            router.setEchoToStderr(false);
            QCOMPARE(router.openFile(dir.filePath(QStringLiteral("logs/app.log")), 1 << 20, 2), QString());
            QSignalSpy appended(&buffer, &LogBuffer::appended);

            applyLogLevel(LogLevel::Warning);
            qCInfo(lcServer) << "hidden info";
            qCWarning(lcServer) << "shown warning";
            applyLogLevel(LogLevel::Debug);
            qCDebug(lcMusic) << "shown debug";
            applyLogLevel(LogLevel::Info);
            qCDebug(lcMusic) << "hidden debug";

            QCOMPARE(appended.count(), 2);
        }
        const QList<LogEntry> entries = buffer.since(0, 10);
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[0].level, QStringLiteral("warning"));
        QCOMPARE(entries[0].category, QStringLiteral("aiband.server"));
        QCOMPARE(entries[0].message, QStringLiteral("shown warning"));
        QCOMPARE(entries[1].level, QStringLiteral("debug"));

        QFile file(dir.filePath(QStringLiteral("logs/app.log")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("WARNING  aiband.server: shown warning"));
        QVERIFY(!text.contains("hidden"));
    }

    void fileRotatesAndKeepsBackupCount()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("r.log"));
        RotatingLogFile file(path, 100, 2);
        QVERIFY(file.open());
        for (int i = 0; i < 10; ++i)
            file.writeLine(QStringLiteral("line %1 ").arg(i) + QString(40, QLatin1Char('x')));
        QVERIFY(QFile::exists(path));
        QVERIFY(QFile::exists(path + QStringLiteral(".1")));
        QVERIFY(QFile::exists(path + QStringLiteral(".2")));
        QVERIFY(!QFile::exists(path + QStringLiteral(".3")));
        QVERIFY(QFileInfo(path).size() <= 100);
        QFile newest(path);
        QVERIFY(newest.open(QIODevice::ReadOnly));
        QVERIFY(newest.readAll().contains("line 9"));
    }

    // The size is counted from what the file held when it was opened: a log left near its limit
    // by an earlier run rotates at the first line that would pass it.
    void aLogLeftNearItsLimitRotatesAtTheNextLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("orchestrator.log"));
        {
            QFile earlier(path);
            QVERIFY(earlier.open(QIODevice::WriteOnly));
            earlier.write(QByteArray(90, 'e'));
        }
        RotatingLogFile file(path, 100, 1);
        QVERIFY(file.open());
        file.writeLine(QStringLiteral("a line of twenty"));
        QCOMPARE(QFileInfo(path + QStringLiteral(".1")).size(), 90);
        QCOMPARE(QFileInfo(path).size(), 17);
    }
    // A line's time is written digit by digit: Qt's ISO text with milliseconds of the same time for
    // every local instant of the years it covers (leap days, the ends of years 1 and 9999), and
    // Qt's own text for UTC and other zones, beyond those years and for an invalid time.
    void lineTimesAreQtsText()
    {
        const qint64 first = QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        const qint64 end = QDateTime(QDate(10000, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        QList<QDateTime> times{QDateTime(), QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999)),
                               QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), QTimeZone(-34200)),
                               QDateTime(QDate(2026, 12, 7), QTime(13, 26, 53, 836), Qt::UTC),
                               QDateTime::fromMSecsSinceEpoch(first - 1), QDateTime::fromMSecsSinceEpoch(first),
                               QDateTime::fromMSecsSinceEpoch(end - 1), QDateTime::fromMSecsSinceEpoch(end)};
        QRandomGenerator random(14);
        for (int i = 0; i < 20000; ++i) {
            const qint64 ms = first - 86400000LL * 400 + qint64(random.generate64() % quint64(end - first + 86400000LL * 800));
            times.append(QDateTime::fromMSecsSinceEpoch(ms, i % 5 ? Qt::LocalTime : Qt::UTC));
        }
        for (const QDateTime &time : std::as_const(times)) {
            if (logTimeWithMs(time) != time.toString(Qt::ISODateWithMs))
                QFAIL(qPrintable(QStringLiteral("ours %1, Qt's %2").arg(logTimeWithMs(time), time.toString(Qt::ISODateWithMs))));
        }
        LogEntry entry;
        entry.time = QDateTime(QDate(2026, 12, 7), QTime(13, 26, 53, 836));
        entry.level = QStringLiteral("info");
        entry.category = QStringLiteral("aiband.generation");
        entry.message = QStringLiteral("gen-1 generated 2 files");
        QCOMPARE(entry.toLine(), QStringLiteral("2026-12-07T13:26:53.836 INFO     aiband.generation: gen-1 generated 2 files"));
    }
};

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
