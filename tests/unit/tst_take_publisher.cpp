// The folders plugins watch (files/TakePublisher): the newest take's parts only, each complete,
// the earlier takes' parts gone, history kept in takes/, one folder per plugin.

#include "FileSizeLimit.h"
#include "files/FileStore.h"
#include "files/TakePublisher.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QJsonDocument>
#include <QTest>

#include <sys/stat.h>

using namespace aiband;
using aiband::test::FileSizeLimit;

namespace {

QStringList listed(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

ino_t inodeOf(const QString &path)
{
    struct stat status {};
    return ::stat(QFile::encodeName(path).constData(), &status) == 0 ? status.st_ino : 0;
}

dev_t deviceOf(const QString &path)
{
    struct stat status {};
    return ::stat(QFile::encodeName(path).constData(), &status) == 0 ? status.st_dev : 0;
}

// When a folder's entries last changed, to the nanosecond.
qint64 changedNs(const QString &folder)
{
    struct stat status {};
    if (::stat(QFile::encodeName(folder).constData(), &status) != 0)
        return -1;
    return qint64(status.st_mtim.tv_sec) * 1000000000 + status.st_mtim.tv_nsec;
}

QByteArray bytesOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestTakePublisher : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<FileStore> m_store;
    std::unique_ptr<TakePublisher> m_publisher;

    QString watched() const { return m_dir.filePath(QStringLiteral("files")); }

    // One take: a file of each part, written to the store as a generation does.
    QList<StoredFile> take(const QStringList &parts, const QByteArray &tag)
    {
        QList<StoredFile> files;
        for (const QString &part : parts) {
            const Result<StoredFile> file = m_store->write({part, QStringLiteral("C"), 90}, "MThd " + tag + ' ' + part.toUtf8());
            if (file)
                files.append(*file);
        }
        return files;
    }

    static QStringList names(const QList<StoredFile> &files)
    {
        QStringList result;
        for (const StoredFile &file : files)
            result.append(file.name);
        result.sort();
        return result;
    }

private slots:
    void init()
    {
        QDir(watched()).removeRecursively();
        m_store = std::make_unique<FileStore>(TakePublisher::takesFolderOf(watched()), false);
        m_publisher = std::make_unique<TakePublisher>(watched());
        QVERIFY(m_store->prepare().ok());
        QVERIFY(m_publisher->prepare(*m_store).ok());
    }

    void theWatchedFolderHoldsTheNewestTakeOnly()
    {
        const QList<StoredFile> first = take({QStringLiteral("bass"), QStringLiteral("drums")}, "first");
        QCOMPARE(first.size(), 2);
        QVERIFY(m_publisher->publish(first, {}).ok());
        QCOMPARE(listed(watched()), names(first));
        const QList<StoredFile> second = take({QStringLiteral("bass"), QStringLiteral("drums")}, "second");
        QVERIFY(m_publisher->publish(second, {}).ok());
        QCOMPARE(listed(watched()), names(second));   // nothing of the first take, nothing half-made
        for (const StoredFile &file : second) {
            QCOMPARE(bytesOf(watched() + QLatin1Char('/') + file.name), bytesOf(file.path));
            // The take's own file (a hard link: whole at once, no copy).
            QCOMPARE(inodeOf(watched() + QLatin1Char('/') + file.name), inodeOf(file.path));
        }
        // Every take stays in the history.
        QCOMPARE(m_store->count(), 4);
        QCOMPARE(QFileInfo(m_store->directory()).fileName(), QStringLiteral("takes"));
    }

    // A part that cannot be placed (here: a folder squats its name in the plugin's own folder,
    // after the shared folder took the take) leaves every folder as it was: the earlier take
    // plays on, in the shared folder and the plugin's own, and nothing of the new one stays.
    void aTakeThatCannotBePublishedWholeIsNotPublishedAtAll()
    {
        const QList<StoredFile> first = take({QStringLiteral("bass"), QStringLiteral("drums")}, "first");
        QVERIFY(m_publisher->publish(first, QStringLiteral("p1")).ok());
        QList<StoredFile> second = take({QStringLiteral("bass"), QStringLiteral("drums")}, "second");
        const QString own = watched() + QStringLiteral("/plugins/p1");
        QVERIFY(QDir(own).mkdir(second.last().name));
        const Status published = m_publisher->publish(second, QStringLiteral("p1"));
        QVERIFY(!published.ok());
        QCOMPARE(published.error().code, QStringLiteral("write_failed"));
        for (const QString &folder : {watched(), own}) {
            QCOMPARE(listed(folder), names(first));
            QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden).size(), 2);
        }
    }

    // Found by python_churn: a client deleted a part between its write and its publishing, and
    // the whole generation answered 500. A part deleted meanwhile is simply not published.
    void aPartDeletedBeforePublishingIsLeftOut()
    {
        const QList<StoredFile> first = take({QStringLiteral("bass"), QStringLiteral("drums")}, "first");
        QVERIFY(m_publisher->publish(first, {}).ok());
        const QList<StoredFile> second = take({QStringLiteral("bass"), QStringLiteral("drums")}, "second");
        QVERIFY(QFile::remove(second.last().path));   // the new drums, deleted by a client
        QVERIFY(m_publisher->publish(second, {}).ok());
        QCOMPARE(listed(watched()), names({second.first(), first.last()}));   // new bass, earlier drums
    }

    void aTakeOfSomePartsLeavesTheOthersPlaying()
    {
        const QList<StoredFile> band = take({QStringLiteral("bass"), QStringLiteral("drums"), QStringLiteral("keys")}, "band");
        QVERIFY(m_publisher->publish(band, {}).ok());
        const QList<StoredFile> bass = take({QStringLiteral("bass")}, "new bass");
        QVERIFY(m_publisher->publish(bass, {}).ok());
        QCOMPARE(listed(watched()), names({bass.first(), band.at(1), band.at(2)}));
    }

    // A plugin's folder on another file system (here a link to /dev/shm) cannot link to the
    // takes: it gets copies, whole, and nothing hidden stays. Once known, its copies are made
    // first, so one that cannot be made (its hidden name squatted) shows nothing anywhere: the
    // shared folder is not even touched. One the disk cannot hold is said as such (507).
    void aFolderOnAnotherFileSystemGetsWholeCopies()
    {
        QTemporaryDir elsewhere(QStringLiteral("/dev/shm/tst_take_publisher-XXXXXX"));
        if (!elsewhere.isValid() || deviceOf(elsewhere.path()) == deviceOf(watched()))
            QSKIP("needs /dev/shm on another file system than the test's folder");
        const QString own = watched() + QStringLiteral("/plugins/p2");
        QVERIFY(QDir().mkpath(watched() + QStringLiteral("/plugins")));
        QVERIFY(QFile::link(elsewhere.path(), own));
        const QList<StoredFile> first = take({QStringLiteral("bass"), QStringLiteral("drums")}, "first");
        QVERIFY(m_publisher->publish(first, QStringLiteral("p2")).ok());
        QCOMPARE(listed(own), names(first));
        QCOMPARE(listed(watched()), names(first));
        for (const StoredFile &file : first) {
            QCOMPARE(bytesOf(own + QLatin1Char('/') + file.name), bytesOf(file.path));
            QVERIFY(inodeOf(own + QLatin1Char('/') + file.name) != inodeOf(file.path));   // a copy
            QCOMPARE(inodeOf(watched() + QLatin1Char('/') + file.name), inodeOf(file.path));   // a link
        }
        const QList<StoredFile> second = take({QStringLiteral("bass"), QStringLiteral("drums")}, "second");
        QVERIFY(m_publisher->publish(second, QStringLiteral("p2")).ok());
        QCOMPARE(listed(own), names(second));
        QCOMPARE(listed(watched()), names(second));

        const QList<StoredFile> third = take({QStringLiteral("bass"), QStringLiteral("drums")}, "third");
        QVERIFY(QDir(own).mkdir(QStringLiteral(".aiband-publishing-") + third.last().name));
        const qint64 sharedChanged = changedNs(watched());
        const Status published = m_publisher->publish(third, QStringLiteral("p2"));
        QVERIFY(!published.ok());
        QCOMPARE(published.error().code, QStringLiteral("write_failed"));
        QCOMPARE(changedNs(watched()), sharedChanged);
        QCOMPARE(listed(own), names(second));
        QCOMPARE(listed(watched()), names(second));

        const QList<StoredFile> fourth = take({QStringLiteral("bass"), QStringLiteral("drums")}, "fourth");
        Status tooBig = Done{};
        {
            const FileSizeLimit limit(2);   // no copy fits
            QVERIFY(limit.ok());
            tooBig = m_publisher->publish(fourth, QStringLiteral("p2"));
        }
        QVERIFY(!tooBig.ok());
        QCOMPARE(tooBig.error().code, QStringLiteral("insufficient_storage"));
        QCOMPARE(changedNs(watched()), sharedChanged);
        QCOMPARE(listed(own), names(second));
    }

    // A link that fails for this take's own reason (here the plugin's folder replaced by a file,
    // as a full disk or an I/O error would fail it) fails the take, and the folder links again
    // once it can: before, any failed link made it a folder of copies for the rest of the run.
    void aFolderWhoseLinkFailedOnceLinksAgain()
    {
        const QString own = watched() + QStringLiteral("/plugins/p1");
        QVERIFY(m_publisher->publish(take({QStringLiteral("bass")}, "first"), QStringLiteral("p1")).ok());
        QVERIFY(QDir(own).removeRecursively());
        QFile squatter(own);
        QVERIFY(squatter.open(QIODevice::WriteOnly));
        squatter.close();
        QVERIFY(!m_publisher->publish(take({QStringLiteral("bass")}, "second"), QStringLiteral("p1")).ok());
        QVERIFY(QFile::remove(own));
        const QList<StoredFile> third = take({QStringLiteral("bass")}, "third");
        QVERIFY(m_publisher->publish(third, QStringLiteral("p1")).ok());
        QCOMPARE(listed(own), names(third));
        QCOMPARE(inodeOf(own + QLatin1Char('/') + third.first().name), inodeOf(third.first().path));   // a link
    }

    void eachPluginHasAFolderOfItsOwn()
    {
        const QList<StoredFile> mine = take({QStringLiteral("bass"), QStringLiteral("drums")}, "mine");
        QVERIFY(m_publisher->publish(mine, QStringLiteral("bass-1")).ok());
        const QList<StoredFile> theirs = take({QStringLiteral("bass"), QStringLiteral("drums")}, "theirs");
        QVERIFY(m_publisher->publish(theirs, QStringLiteral("keys-2")).ok());
        const QString plugins = watched() + QStringLiteral("/plugins/");
        QCOMPARE(listed(plugins + QStringLiteral("bass-1")), names(mine));     // not taken over by keys-2
        QCOMPARE(listed(plugins + QStringLiteral("keys-2")), names(theirs));
        QCOMPARE(listed(watched()), names(theirs));                           // the newest of anyone's
        QCOMPARE(m_publisher->pluginFolder(QStringLiteral("..")), QString());  // never outside plugins/
        QCOMPARE(m_publisher->pluginFolder(QStringLiteral(".")), QString());
    }

    // A plugin's folder is made at its first take and then remembered; one removed by hand (or
    // with everything in it) is made again by the next take, which plays there as everywhere.
    void aPluginFolderRemovedByHandIsMadeAgain()
    {
        const QString own = watched() + QStringLiteral("/plugins/bass-1");
        const QList<StoredFile> first = take({QStringLiteral("bass"), QStringLiteral("drums")}, "first");
        QVERIFY(m_publisher->publish(first, QStringLiteral("bass-1")).ok());
        QCOMPARE(listed(own), names(first));
        QVERIFY(QDir(own).removeRecursively());
        const QList<StoredFile> second = take({QStringLiteral("bass"), QStringLiteral("drums")}, "second");
        QVERIFY(m_publisher->publish(second, QStringLiteral("bass-1")).ok());
        QCOMPARE(listed(own), names(second));
        QCOMPARE(listed(watched()), names(second));
        QVERIFY(QDir(watched() + QStringLiteral("/plugins")).removeRecursively());
        const QList<StoredFile> third = take({QStringLiteral("bass")}, "third");
        QVERIFY(m_publisher->publish(third, QStringLiteral("bass-1")).ok());
        QCOMPARE(listed(own), names(third));
        QCOMPARE(listed(watched()), names({third.first(), second.last()}));
    }

    // The publisher remembers what it placed instead of listing the folder for each take; a file
    // someone removed by hand meanwhile does not stop the next take, and what was there when the
    // app started (an earlier run's take) leaves at the first publish.
    void theNewestTakeOnlyWhateverWasRemovedByHand()
    {
        const QList<StoredFile> earlier = take({QStringLiteral("bass"), QStringLiteral("drums")}, "earlier");
        QVERIFY(m_publisher->publish(earlier, {}).ok());
        TakePublisher restarted(watched());   // a new run: it knows nothing of what it placed
        QVERIFY(restarted.prepare(*m_store).ok());
        const QList<StoredFile> first = take({QStringLiteral("bass"), QStringLiteral("drums")}, "first");
        QVERIFY(restarted.publish(first, {}).ok());
        QCOMPARE(listed(watched()), names(first));
        QVERIFY(QFile::remove(watched() + QLatin1Char('/') + first.first().name));
        const QList<StoredFile> second = take({QStringLiteral("bass"), QStringLiteral("drums")}, "second");
        QVERIFY(restarted.publish(second, {}).ok());
        QCOMPARE(listed(watched()), names(second));
        const QList<StoredFile> third = take({QStringLiteral("bass")}, "third");
        QVERIFY(restarted.publish(third, {}).ok());
        QCOMPARE(listed(watched()), names({third.first(), second.last()}));
    }

    // An earlier take's file a folder will not let go (here its name became a folder, so unlink
    // fails) stays, is tried again at every take of its part, and is said once, not every time.
    void anEarlierFileThatWillNotGoIsSaidOnce()
    {
        const QList<StoredFile> earlier = take({QStringLiteral("bass")}, "earlier");
        QVERIFY(m_publisher->publish(earlier, {}).ok());
        const QString stuck = watched() + QLatin1Char('/') + earlier.first().name;
        QVERIFY(QFile::remove(stuck));
        QVERIFY(QDir().mkdir(stuck));
        const QRegularExpression said(QStringLiteral("could not remove %1").arg(QRegularExpression::escape(earlier.first().name)));
        QTest::ignoreMessage(QtWarningMsg, said);
        QVERIFY(m_publisher->publish(take({QStringLiteral("bass")}, "second"), {}).ok());
        QTest::failOnWarning(said);
        const QList<StoredFile> third = take({QStringLiteral("bass")}, "third");
        QVERIFY(m_publisher->publish(third, {}).ok());
        QVERIFY(QFileInfo(stuck).isDir());
        QVERIFY(QDir().rmdir(stuck));
        const QList<StoredFile> fourth = take({QStringLiteral("bass")}, "fourth");
        QVERIFY(m_publisher->publish(fourth, {}).ok());
        QCOMPARE(listed(watched()), names(fourth));
    }

    void aDeletedFileLeavesEveryFolder()
    {
        const QList<StoredFile> files = take({QStringLiteral("bass"), QStringLiteral("drums")}, "deleted");
        QVERIFY(m_publisher->publish(files, QStringLiteral("p1")).ok());
        m_publisher->withdraw(files.first().name);
        QCOMPARE(listed(watched()), QStringList{files.last().name});
        QCOMPARE(listed(watched() + QStringLiteral("/plugins/p1")), QStringList{files.last().name});
        m_publisher->withdraw(QStringLiteral("../takes/") + files.last().name);   // not a name it publishes
        QVERIFY(QFile::exists(files.last().path));
    }

    // A copy in a watched folder (one on another file system) is never synced: a power cut can
    // leave it short while its take's own file is whole. The next start places the take again;
    // a folder's file that holds its take's bytes is left as it is.
    void aWatchedFileThatNoLongerHoldsItsTakeIsPlacedAgainAtStart()
    {
        const QList<StoredFile> published = take({QStringLiteral("bass"), QStringLiteral("drums")}, "whole");
        QVERIFY(m_publisher->publish(published, {}).ok());
        const QString cut = watched() + QLatin1Char('/') + published.at(0).name;
        const QString intact = watched() + QLatin1Char('/') + published.at(1).name;
        QVERIFY(QFile::remove(cut));
        {
            QFile shortCopy(cut);   // a file of its own, as a copy is, holding what a cut left
            QVERIFY(shortCopy.open(QIODevice::WriteOnly));
            shortCopy.write(bytesOf(published.at(0).path).left(5));
        }
        const ino_t intactInode = inodeOf(intact);
        QVERIFY(m_publisher->prepare(*m_store).ok());
        QCOMPARE(bytesOf(cut), bytesOf(published.at(0).path));
        QCOMPARE(inodeOf(intact), intactInode);
        QCOMPARE(listed(watched()), names(published));
    }

    void startMovesOldTakesAwayAndClearsLeftovers()
    {
        // What an earlier version left in the watched folder, a publish cut short, and a user's file.
        const QString oldTake = QStringLiteral("20261124-120001-123_bass_C_120_abcdef.mid");
        const QStringList planted{oldTake, QStringLiteral(".aiband-meta/") + oldTake + QStringLiteral(".json"),
                                  QStringLiteral(".aiband-publishing-") + oldTake, QStringLiteral("my song.mid")};
        QDir().mkpath(watched() + QStringLiteral("/.aiband-meta"));
        FileMetadata oldMetadata;
        oldMetadata.fileName = oldTake;
        oldMetadata.request = QJsonObject{{QStringLiteral("chord_progression"), QStringLiteral("C-F")}};
        oldMetadata.seed = 77;
        oldMetadata.trackType = QStringLiteral("bass");
        oldMetadata.created = QDateTime(QDate(2026, 11, 24), QTime(12, 0, 1), Qt::UTC);
        for (const QString &name : planted) {
            QFile file(watched() + QLatin1Char('/') + name);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(name == planted.at(1) ? QJsonDocument(oldMetadata.toJson()).toJson() : QByteArray("MThd"));
        }
        QVERIFY(m_publisher->prepare(*m_store).ok());
        QCOMPARE(listed(watched()), QStringList{QStringLiteral("my song.mid")});
        QVERIFY(QFile::exists(m_store->directory() + QLatin1Char('/') + oldTake));
        // Its old sidecar went into the takes index, and is gone.
        QCOMPARE(m_store->readMetadata(oldTake), std::optional<FileMetadata>(oldMetadata));
        QVERIFY(!QFileInfo::exists(watched() + QStringLiteral("/.aiband-meta")));
        QVERIFY(!QFileInfo::exists(m_store->metadataDirectory()));
        QCOMPARE(m_store->list().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTakePublisher)
#include "tst_take_publisher.moc"
