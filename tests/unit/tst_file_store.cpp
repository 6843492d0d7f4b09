#include "files/FileStore.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace aiband;

class TestFileStore : public QObject {
    Q_OBJECT
private slots:
    void writesUniquePluginConventionNames()
    {
        QTemporaryDir dir;
        FileStore store(dir.filePath(QStringLiteral("files")));
        QVERIFY(store.prepare().ok());
        QSet<QString> names;
        for (int i = 0; i < 50; ++i) {
            const Result<StoredFile> file = store.write({QStringLiteral("bass"), QStringLiteral("Fsm"), 96}, "MThd");
            QVERIFY(file.ok());
            QVERIFY2(FileStore::isStoreFileName(file->name), qPrintable(file->name));
            QVERIFY(file->name.contains(QStringLiteral("_bass_Fsm_96_")));
            QCOMPARE(file->trackType, QStringLiteral("bass"));
            names.insert(file->name);
        }
        QCOMPARE(names.size(), 50);
        QCOMPARE(store.count(), 50);
        // No temporary files are left beside the finished ones.
        QCOMPARE(QDir(store.directory()).entryList(QDir::Files).size(), 50);
    }

    void writesWithoutSyncAppearWholeAndLeaveNothingBehind()
    {
        QTemporaryDir dir;
        FileStore store(dir.path(), /*durable=*/false);
        QSet<QString> names;
        for (int i = 0; i < 20; ++i) {
            const QByteArray bytes = "MThd" + QByteArray::number(i);
            const Result<StoredFile> file = store.write({QStringLiteral("keys"), QStringLiteral("Bb"), 90}, bytes);
            QVERIFY(file.ok());
            QFile written(file->path);
            QVERIFY(written.open(QIODevice::ReadOnly));
            QCOMPARE(written.readAll(), bytes);
            names.insert(file->name);
        }
        QCOMPARE(names.size(), 20);
        // Hidden ".partial" files included: nothing but the twenty files.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 20);
        QCOMPARE(store.count(), 20);
    }

    void listsNewestFirstAndIgnoresForeignFiles()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        QFile foreign(dir.filePath(QStringLiteral("notes.mid")));
        QVERIFY(foreign.open(QIODevice::WriteOnly));
        foreign.close();
        const QString first = store.write({QStringLiteral("drums"), QStringLiteral("C"), 120}, "a")->name;
        const QString second = store.write({QStringLiteral("keys"), QStringLiteral("C"), 120}, "b")->name;
        const QList<StoredFile> files = store.list();
        QCOMPARE(files.size(), 2);
        // Names begin with the creation time to the millisecond, so name order is age order.
        QVERIFY(files[0].name > files[1].name);
        QCOMPARE(QSet<QString>({files[0].name, files[1].name}), QSet<QString>({first, second}));
    }

    void refusesNamesItDidNotMake_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("dotdot") << "../20261124-120001-123_bass_C_120_abcdef.mid";
        QTest::newRow("absolute") << "/etc/passwd";
        QTest::newRow("backslash") << "..\\20261124-120001-123_bass_C_120_abcdef.mid";
        QTest::newRow("nul") << QStringLiteral("20261124-120001-123_bass_C_120_abcdef.mid") + QChar(0);
        QTest::newRow("other extension") << "20261124-120001-123_bass_C_120_abcdef.txt";
        QTest::newRow("foreign") << "notes.mid";
        QTest::newRow("empty") << "";
    }

    void refusesNamesItDidNotMake()
    {
        QFETCH(QString, name);
        QVERIFY(!FileStore::isStoreFileName(name));
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(!store.find(name).has_value());
        QVERIFY(!store.remove(name).ok());
    }

    void refusesSymlinksOutOfTheFolder()
    {
        QTemporaryDir dir;
        QTemporaryDir outside;
        const QString target = outside.filePath(QStringLiteral("secret"));
        QFile secret(target);
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("secret");
        secret.close();
        const QString name = QStringLiteral("20261124-120001-123_bass_C_120_abcdef.mid");
        QVERIFY(QFile::link(target, dir.filePath(name)));
        FileStore store(dir.path());
        QVERIFY(!store.find(name).has_value());
        QVERIFY(!store.remove(name).ok());
        QVERIFY(QFile::exists(target));
    }

    void removesItsOwnFiles()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        const QString name = store.write({QStringLiteral("bass"), QStringLiteral("C"), 120}, "x")->name;
        QVERIFY(store.remove(name).ok());
        QCOMPARE(store.count(), 0);
        QCOMPARE(store.remove(name).error().code, QStringLiteral("file_not_found"));
    }

    void countFollowsWritesDeletesAndOutsideChanges()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QCOMPARE(store.count(), 0);
        const QString first = store.write({QStringLiteral("bass"), QStringLiteral("C"), 120}, "a")->name;
        store.write({QStringLiteral("drums"), QStringLiteral("C"), 120}, "b");
        QCOMPARE(store.count(), 2);
        QVERIFY(store.remove(first).ok());
        QCOMPARE(store.count(), 1);
        // A file dropped into the folder by someone else is counted once the count is re-read.
        QFile outside(dir.filePath(QStringLiteral("20261124-120001-123_keys_C_120_abcdef.mid")));
        QVERIFY(outside.open(QIODevice::WriteOnly));
        outside.close();
        QTRY_COMPARE_WITH_TIMEOUT(store.count(), 2, 5000);
    }

    void unusableFolderIsReported()
    {
        QTemporaryDir dir;
        // A file where the folder should be: fails for root too, unlike a permission test.
        const QString blocked = dir.filePath(QStringLiteral("blocked"));
        QFile file(blocked);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        FileStore store(blocked + QStringLiteral("/files"));
        const Status status = store.prepare();
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, QStringLiteral("files_dir_unavailable"));
        QVERIFY(status.error().message.contains(blocked));
    }
};

QTEST_GUILESS_MAIN(TestFileStore)
#include "tst_file_store.moc"
