#include "files/SpareFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace aiband;

namespace {

void write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

ino_t inodeOf(const QString &path)
{
    struct stat info {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_ino : 0;
}

QStringList hiddenSpares(const QString &folder)
{
    return QDir(folder).entryList({QStringLiteral(".aiband-spare-*")}, QDir::Files | QDir::Hidden);
}

} // namespace

class SpareFilesTest : public QObject {
    Q_OBJECT

private slots:
    void aRetiredFileIsWrittenAgainUnderItsNewName()
    {
        QTemporaryDir dir;
        SpareFiles spares(dir.path());
        const QString old = dir.filePath(QStringLiteral("old.mid"));
        write(old, "an old take, longer than the new one");
        const ino_t inode = inodeOf(old);

        QVERIFY(spares.retire(old));
        QVERIFY(!QFile::exists(old));
        QCOMPARE(spares.count(), 1);
        QCOMPARE(hiddenSpares(dir.path()).size(), 1);

        const QString fresh = dir.filePath(QStringLiteral(".new.mid.partial"));
        const std::optional<int> handle = spares.reuse(fresh);
        QVERIFY(handle.has_value());
        QCOMPARE(inodeOf(fresh), inode);   // the same file, not a new one
        QVERIFY(hiddenSpares(dir.path()).isEmpty());
        QCOMPARE(spares.count(), 0);
        QFile file;
        QVERIFY(file.open(*handle, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle));
        QCOMPARE(file.write("new"), 3);
        QVERIFY(file.resize(3));
        file.close();
        QCOMPARE(read(fresh), QByteArray("new"));
    }

    void aFileSomeoneHasOpenIsNeverWrittenOver()
    {
        QTemporaryDir dir;
        SpareFiles spares(dir.path());
        const QString old = dir.filePath(QStringLiteral("old.mid"));
        write(old, "still being read");
        QFile reader(old);
        QVERIFY(reader.open(QIODevice::ReadOnly));
        QVERIFY(spares.retire(old));

        const QString fresh = dir.filePath(QStringLiteral(".new.mid.partial"));
        QVERIFY(!spares.reuse(fresh).has_value());
        QVERIFY(!QFile::exists(fresh));   // the caller makes a new file under the name
        QVERIFY(hiddenSpares(dir.path()).isEmpty());   // and the spare is gone
        QCOMPARE(reader.readAll(), QByteArray("still being read"));
    }

    void aFileWithAnotherLinkIsRemovedNotKept()
    {
        QTemporaryDir dir;
        SpareFiles spares(dir.path());
        const QString old = dir.filePath(QStringLiteral("old.mid"));
        const QString playing = dir.filePath(QStringLiteral("watched.mid"));
        write(old, "the take a plugin plays");
        QCOMPARE(::link(QFile::encodeName(old).constData(), QFile::encodeName(playing).constData()), 0);

        QVERIFY(spares.retire(old));
        QVERIFY(!QFile::exists(old));
        QCOMPARE(spares.count(), 0);
        QVERIFY(hiddenSpares(dir.path()).isEmpty());
        QCOMPARE(read(playing), QByteArray("the take a plugin plays"));
    }

    // Someone who can write the folder swaps a spare for a link to another file: the store
    // never writes through it.
    void aSpareSwappedForALinkIsRefused_data()
    {
        QTest::addColumn<bool>("symbolic");
        QTest::newRow("symbolic link") << true;
        QTest::newRow("hard link") << false;
    }

    void aSpareSwappedForALinkIsRefused()
    {
        QFETCH(bool, symbolic);
        QTemporaryDir dir;
        QTemporaryDir elsewhere;
        const QString target = elsewhere.filePath(QStringLiteral("precious"));
        write(target, "not yours");
        SpareFiles spares(dir.path());
        const QString old = dir.filePath(QStringLiteral("old.mid"));
        write(old, "x");
        QVERIFY(spares.retire(old));
        const QStringList kept = hiddenSpares(dir.path());
        QCOMPARE(kept.size(), 1);
        const QByteArray spare = QFile::encodeName(dir.filePath(kept.first()));
        QCOMPARE(::unlink(spare.constData()), 0);
        const QByteArray to = QFile::encodeName(target);
        QCOMPARE(symbolic ? ::symlink(to.constData(), spare.constData()) : ::link(to.constData(), spare.constData()), 0);

        const QString fresh = dir.filePath(QStringLiteral(".new.mid.partial"));
        QVERIFY(!spares.reuse(fresh).has_value());
        QVERIFY(!QFileInfo::exists(fresh) && !QFileInfo(fresh).isSymLink());
        QVERIFY(hiddenSpares(dir.path()).isEmpty());
        QCOMPARE(read(target), QByteArray("not yours"));
    }

    void keepsNoMoreThanItsCapacity()
    {
        QTemporaryDir dir;
        SpareFiles spares(dir.path(), 2);
        for (int i = 0; i < 3; ++i) {
            const QString path = dir.filePath(QStringLiteral("f%1.mid").arg(i));
            write(path, "x");
            QVERIFY(spares.retire(path));
            QVERIFY(!QFile::exists(path));
        }
        QCOMPARE(spares.count(), 2);
        QCOMPARE(hiddenSpares(dir.path()).size(), 2);
    }

    void retiringAMissingFileFails()
    {
        QTemporaryDir dir;
        SpareFiles spares(dir.path());
        QVERIFY(!spares.retire(dir.filePath(QStringLiteral("never.mid"))));
        QCOMPARE(errno, ENOENT);
    }

    void removeAllTakesAnEarlierRunsSparesToo()
    {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral(".aiband-spare-99")), "left by a crash");
        SpareFiles spares(dir.path());
        const QString path = dir.filePath(QStringLiteral("f.mid"));
        write(path, "x");
        QVERIFY(spares.retire(path));
        QCOMPARE(hiddenSpares(dir.path()).size(), 2);
        QCOMPARE(spares.removeAll(), 2);
        QVERIFY(hiddenSpares(dir.path()).isEmpty());
        QCOMPARE(spares.count(), 0);
        QVERIFY(!spares.reuse(dir.filePath(QStringLiteral(".n.partial"))).has_value());
    }

    void namesAreToldApart()
    {
        QVERIFY(SpareFiles::isSpareName(QStringLiteral(".aiband-spare-7")));
        QVERIFY(!SpareFiles::isSpareName(QStringLiteral("20261124-120001-123_bass_C_120_abcdef.mid")));
    }
};

QTEST_GUILESS_MAIN(SpareFilesTest)
#include "tst_spare_files.moc"
