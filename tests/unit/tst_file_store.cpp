#include "FileSizeLimit.h"
#include "files/FileCleanup.h"
#include "files/FileStore.h"
#include "files/GroupCommit.h"
#include "files/TakeSettler.h"
#include "files/TakesIndex.h"
#include "music/MidiFile.h"
#include "util/CompactJson.h"
#include "util/IsoTime.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>
#include <QThread>

#include <atomic>
#include <sys/stat.h>
#include <unistd.h>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <semaphore>
#include <thread>
#include <vector>

using namespace aiband;
using aiband::test::FileSizeLimit;

namespace {

const FileNaming kBass{QStringLiteral("bass"), QStringLiteral("C"), 120};

FileMetadata sampleMetadata()
{
    FileMetadata metadata;
    metadata.request = QJsonObject{{QStringLiteral("chord_progression"), QStringLiteral("C-Am-F-G")},
                                   {QStringLiteral("style"), QStringLiteral("funk")}};
    metadata.arrangementText = compactJson(QJsonObject{{QStringLiteral("style"), QStringLiteral("funk")}, {QStringLiteral("bars"), 4}});
    metadata.style = QStringLiteral("funk");
    metadata.feelText = compactJson(QJsonObject{{QStringLiteral("swing_ratio"), 0.5}});
    metadata.seed = 4000000000u;
    metadata.pluginId = QStringLiteral("daw-1");
    metadata.requestId = QStringLiteral("gen-7");
    metadata.trackType = QStringLiteral("bass");
    metadata.key = QStringLiteral("F#m");
    metadata.tempoBpm = 96.5;
    metadata.bars = 4;
    metadata.generationMs = 1.25;
    return metadata;
}

// A take of bass and drums, as the seed example makes, with their metadata; its pins released,
// as a caller does once the take is published.
Result<QList<StoredFile>> writeBassAndDrums(FileStore &store)
{
    FileMetadata drums = sampleMetadata();
    drums.trackType = QStringLiteral("drums");
    Result<QList<StoredFile>> take = store.writeTake({TakePart{kBass, "bass bytes", sampleMetadata()},
                                                      TakePart{{QStringLiteral("drums"), QStringLiteral("C"), 120}, "drums bytes", drums}});
    if (take) {
        for (const StoredFile &file : *take)
            store.unpin(file.name);
    }
    return take;
}

// A placing hook (FileStore::setPlacingHook) that acts at one stage only.
FileStore::PlacingHook atStage(FileStore::PlacingStage only, std::function<void(const QStringList &names)> act)
{
    return [only, act = std::move(act)](FileStore::PlacingStage stage, const QStringList &names) {
        if (stage == only)
            act(names);
    };
}

// A bass part's name, numbered.
QString nameOf(int i)
{
    return QStringLiteral("20261124-120001-123_bass_C_120_%1.mid").arg(i, 6, 16, QLatin1Char('0'));
}

// A take of one part, `name`, made by generation `requestId`.
IndexedPart row(const QString &name, const QString &requestId)
{
    FileMetadata metadata = sampleMetadata();
    metadata.fileName = name;
    metadata.requestId = requestId;
    return IndexedPart{metadata, name, false, {}};
}

// Part `name` of take `take` as start-up finds it in the index: with the digest of the bytes an
// earlier version synced (`digested`), or with the bytes this version keeps until settled
// (`waiting`); neither when empty.
IndexedPart partOfTake(const QString &name, const QString &take, const QByteArray &digested = {}, const QByteArray &waiting = {})
{
    FileMetadata metadata = sampleMetadata();
    metadata.fileName = name;
    IndexedPart part{metadata, take, false,
                     digested.isEmpty() ? QByteArray() : QCryptographicHash::hash(digested, QCryptographicHash::Sha256)};
    part.bytes = waiting;
    return part;
}

// A takes index holding the rows of `gone` and `writtenAgain` (generation gen-1) and `count`
// removals waiting, theirs first.
struct IndexWithWaitingRemovals {
    QTemporaryDir dir;
    TakesIndex index{dir.path(), false};
    const QString gone = nameOf(1);
    const QString writtenAgain = nameOf(2);
    QStringList waiting{gone, writtenAgain};
    bool ready = false;

    explicit IndexWithWaitingRemovals(qsizetype count)
    {
        ready = index.open().ok()
                && index.insert({row(gone, QStringLiteral("gen-1")), row(writtenAgain, QStringLiteral("gen-1"))}).ok();
        for (int i = 3; waiting.size() < count; ++i)
            waiting.append(nameOf(i));
        index.removeWithLaterInsert(waiting);
    }
    std::optional<IndexedPart> rowOf(const QString &name) const { return TakesIndex(dir.path(), false).find(name); }
};

void touch(const QString &path, const QByteArray &bytes = "x")
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

// Sets a file's modification time, the age cleanup goes by.
void age(const QString &path, const QDateTime &modified)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(modified, QFileDevice::FileModificationTime));
}

QStringList visibleFiles(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files, QDir::Name);
}

QStringList everything(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

// Every file but the takes index's own (the database, its WAL and shared-memory files).
QStringList everythingButTheIndex(const QString &dir)
{
    QStringList files = everything(dir);
    files.removeIf([](const QString &name) { return name.startsWith(QLatin1String(TakesIndex::kFileName)); });
    return files;
}

// A real MIDI file: the index rebuilds tempo and bars from it.
QByteArray midiBytes(double tempoBpm, qint64 bars)
{
    MidiSong song;
    song.tempoBpm = tempoBpm;
    song.endTick = bars * 4 * kTicksPerQuarter;
    MidiPart part;
    part.name = QStringLiteral("bass");
    part.notes.push_back(Note{0, kTicksPerQuarter, 36, 100});
    song.parts.push_back(part);
    return writeMidiFile(song);
}

} // namespace

// What a listing answers for metadata: its text and creation time.
std::optional<MetadataText> textOf(const std::optional<FileMetadata> &metadata)
{
    if (!metadata)
        return std::nullopt;
    return MetadataText{metadata->toJsonText(), metadata->created};
}

// A takes index of layout 2 (rows in the file name's b-tree) in `folder`, with `count` rows of a
// real take's size (about 1.1 KB: the request and the arrangement as played) and their files.
// The names, or none if it could not be made.
QStringList writeSecondLayoutIndex(const QString &folder, int count)
{
    QStringList names;
    bool made = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2"));
        db.setDatabaseName(folder + QLatin1Char('/') + QLatin1String(TakesIndex::kFileName));
        QSqlQuery query(db);
        made = db.open()
               && query.exec(QStringLiteral("CREATE TABLE parts (file_name TEXT PRIMARY KEY NOT NULL, take TEXT NOT NULL, "
                                            "recovered INTEGER NOT NULL, metadata TEXT NOT NULL, digest BLOB) WITHOUT ROWID"))
               && query.exec(QStringLiteral("PRAGMA user_version = 2")) && db.transaction();
        for (int i = 0; made && i < count; ++i) {
            const QString name = QStringLiteral("20261124-120001-123_bass_C_120_%1.mid").arg(i, 6, 16, QLatin1Char('0'));
            FileMetadata metadata = sampleMetadata();
            metadata.fileName = name;
            metadata.request.insert(QStringLiteral("padding"), QString(700, QLatin1Char('x')));
            made = query.prepare(QStringLiteral("INSERT INTO parts VALUES (?, ?, 0, ?, ?)"));
            query.addBindValue(name);
            query.addBindValue(name);
            query.addBindValue(QJsonDocument(metadata.toJson()).toJson(QJsonDocument::Compact));
            query.addBindValue(QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256));
            made = made && query.exec();
            touch(folder + QLatin1Char('/') + name, "bass");
            names.append(name);
        }
        made = made && db.commit();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v2"));
    return made ? names : QStringList();
}

// Every row writeSecondLayoutIndex() made, read back through the store whole: its request and
// its digest.
void checkSecondLayoutRows(const FileStore &store, const QStringList &names)
{
    for (const QString &name : names) {
        const std::optional<IndexedPart> part = store.indexedPart(name);
        QVERIFY(part.has_value());
        QCOMPARE(part->metadata.request.value(QStringLiteral("padding")).toString().size(), 700);
        QCOMPARE(part->digest, QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256));
    }
}

// The bytes the takes index keeps of durable takes not yet settled, by name, read beside the store.
QHash<QString, QByteArray> unsettledIn(const QString &folder)
{
    return TakesIndex(folder, true).unsettledParts();
}

QByteArray contentOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
}

// Runs one statement on the takes index in a connection of its own, as another program would.
bool runOnIndex(const QString &folder, const QString &statement)
{
    bool ran = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("beside"));
        db.setDatabaseName(folder + QLatin1Char('/') + QLatin1String(TakesIndex::kFileName));
        ran = db.open() && QSqlQuery(db).exec(statement);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("beside"));
    return ran;
}

// The index's layout version and the kind of its parts table ("rowid" or "without rowid"), read
// with a connection of its own.
QStringList indexLayout(const QString &folder)
{
    QStringList layout;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("layout"));
        db.setDatabaseName(folder + QLatin1Char('/') + QLatin1String(TakesIndex::kFileName));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next())
                layout.append(query.value(0).toString());
            if (query.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'parts'")) && query.next())
                layout.append(query.value(0).toString().contains(QLatin1String("WITHOUT ROWID")) ? QStringLiteral("without rowid")
                                                                                               : QStringLiteral("rowid"));
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("layout"));
    return layout;
}

// A durable store of two one-part takes whose bytes still wait to settle, one of them trimmed
// (its row's removal waiting for a later take). Which one goes does not matter (parts written in
// one millisecond tie by age).
struct StoreWithATrimmedWaitingPart {
    QTemporaryDir dir;
    FileStore store{dir.path(), true};
    QString trimmed;
    QString kept;
    QByteArray trimmedBytes;
    QByteArray keptBytes;
    bool ready = false;

    StoreWithATrimmedWaitingPart()
    {
        store.setSettleDelay(std::chrono::hours(1));
        if (!store.prepare().ok())
            return;
        const Result<StoredFile> first = store.write(kBass, "first", sampleMetadata());
        const Result<StoredFile> second = store.write(kBass, "second", sampleMetadata());
        const QStringList gone = store.trim(CleanupPolicy{0.0, 1, 60}, QDateTime::currentDateTimeUtc());
        if (!first || !second || gone.size() != 1)
            return;
        const bool firstGone = gone.first() == first->name;
        trimmed = gone.first();
        kept = firstGone ? second->name : first->name;
        trimmedBytes = firstGone ? "first" : "second";
        keptBytes = firstGone ? "second" : "first";
        ready = true;
    }
};

class TestFileStore : public QObject {
    Q_OBJECT
private slots:
    void writesUniquePluginConventionNames()
    {
        QTemporaryDir dir;
        FileStore store(dir.filePath(QStringLiteral("files")));
        QVERIFY(store.prepare().ok());
        QSet<QString> names;
        static const QRegularExpression convention(QStringLiteral("^\\d{8}-\\d{6}-\\d{3}_bass_Fsm_96_[0-9a-f]{6}\\.mid$"));
        for (int i = 0; i < 50; ++i) {
            const QDateTime before = QDateTime::currentDateTime();
            const Result<StoredFile> file = store.write({QStringLiteral("bass"), QStringLiteral("Fsm"), 96}, "MThd");
            const QDateTime after = QDateTime::currentDateTime();
            QVERIFY(file.ok());
            QVERIFY2(FileStore::isStoreFileName(file->name), qPrintable(file->name));
            QVERIFY2(convention.match(file->name).hasMatch(), qPrintable(file->name));
            // The local time it was written, to the millisecond (compared as text: read back, a
            // local time in the hour a clock goes back twice would be ambiguous).
            const QString format = QStringLiteral("yyyyMMdd-HHmmss-zzz");
            const QString stamped = file->name.left(19);
            QVERIFY2(before.toString(format) <= stamped && stamped <= after.toString(format), qPrintable(file->name));
            QCOMPARE(file->trackType, QStringLiteral("bass"));
            names.insert(file->name);
        }
        QCOMPARE(names.size(), 50);
        QCOMPARE(store.count(), 50);
        // No temporary files are left beside the finished ones.
        QCOMPARE(QDir(store.directory()).entryList(QDir::Files).size(), 50);
    }

    // A name's time is written digit by digit: Qt's text of the same format for every instant of
    // the years it covers (leap days, the ends of years 1 and 9999, local and other zones), and
    // Qt's own answer beyond them and for an invalid time.
    void nameTimesAreQtsText()
    {
        const QString format = QStringLiteral("yyyyMMdd-HHmmss-zzz");
        const qint64 first = QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        const qint64 end = QDateTime(QDate(10000, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        QList<QDateTime> times{QDateTime(), QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999)),
                               QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), QTimeZone(-34200)),
                               QDateTime::fromMSecsSinceEpoch(first - 1, Qt::UTC), QDateTime::fromMSecsSinceEpoch(first, Qt::UTC),
                               QDateTime::fromMSecsSinceEpoch(end - 1, Qt::UTC), QDateTime::fromMSecsSinceEpoch(end, Qt::UTC)};
        QRandomGenerator random(18);
        for (int i = 0; i < 20000; ++i) {
            const qint64 ms = first - 86400000LL * 400 + qint64(random.generate64() % quint64(end - first + 86400000LL * 800));
            times.append(QDateTime::fromMSecsSinceEpoch(ms, i % 2 ? Qt::UTC : Qt::LocalTime));
        }
        for (const QDateTime &time : std::as_const(times)) {
            if (compactTimeWithMs(time) != time.toString(format))
                QFAIL(qPrintable(QStringLiteral("%1: ours %2, Qt's %3").arg(time.toString(Qt::ISODateWithMs), compactTimeWithMs(time), time.toString(format))));
        }
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
        // Hidden ".partial" files included: nothing but the twenty files (and the takes index).
        QCOMPARE(everythingButTheIndex(dir.path()).size(), 20);
        QCOMPARE(store.count(), 20);
    }

    // A part is written straight to its descriptor (FileStore::writeWhole): into a new file, or
    // over a trimmed file's longer bytes, which are cut; either way the take tells its file's
    // own size and modification time.
    void partsWrittenNewOrOverASpareHoldTheirBytesAndTime()
    {
        QTemporaryDir dir;
        FileStore store(dir.path(), /*durable=*/false);
        QVERIFY(store.prepare().ok());
        const QByteArray longer(4000, 'x');
        for (int i = 0; i < 3; ++i)
            QVERIFY(store.write(kBass, longer).ok());
        QCOMPARE(store.trim(CleanupPolicy{0.0, 1, 60}).size(), 2);   // two spares of 4,000 bytes
        for (const QByteArray &bytes : {QByteArray("MThd-short"), QByteArray("MThd-other"), QByteArray("MThd-new")}) {
            const Result<StoredFile> file = store.write(kBass, bytes);
            QVERIFY(file.ok());
            QFile written(file->path);
            QVERIFY(written.open(QIODevice::ReadOnly));
            QCOMPARE(written.readAll(), bytes);
            QCOMPARE(file->sizeBytes, bytes.size());
            const QDateTime onDisk = QFileInfo(file->path).lastModified();
            QCOMPARE(file->modified.toMSecsSinceEpoch(), onDisk.toMSecsSinceEpoch());
        }
        QCOMPARE(everythingButTheIndex(dir.path()).size(), 4);   // the spares were used: none left
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
        // `$` alone would match before a final line feed, and the name would reach a header.
        QTest::newRow("trailing line feed") << "20261124-120001-123_bass_C_120_abcdef.mid\n";
        QTest::newRow("inner line feed") << "20261124-120001-123_bass_C_120\n_abcdef.mid";
    }

    // Even planted in the folder, such a name is never listed, served or deleted.
    void refusesNamesItDidNotMake()
    {
        QFETCH(QString, name);
        QVERIFY(!FileStore::isStoreFileName(name));
        QTemporaryDir dir;
        FileStore store(dir.path());
        const bool plantable = !name.isEmpty() && !name.contains(QLatin1Char('/')) && !name.contains(QChar(0));
        if (plantable) {
            QFile planted(dir.filePath(name));
            QVERIFY(planted.open(QIODevice::WriteOnly));
            planted.write("MThd");
        }
        QVERIFY(!store.find(name).has_value());
        QVERIFY(!store.remove(name).ok());
        QVERIFY(store.list().isEmpty());
        if (plantable)
            QVERIFY(QFileInfo::exists(dir.filePath(name)));   // not deleted either
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

    // The takes folder replaced by a link would send every write elsewhere: the store refuses to
    // write, and to start, rather than follow it.
    void refusesFoldersReplacedByLinks()
    {
        for (bool durable : {true, false}) {
            QTemporaryDir parent;
            QTemporaryDir outside;
            const QString folder = parent.filePath(QStringLiteral("takes"));
            FileStore store(folder, durable);
            QVERIFY(store.prepare().ok());
            QVERIFY(QDir(folder).removeRecursively());
            QVERIFY(QFile::link(outside.path(), folder));
            const Result<StoredFile> written = store.write({QStringLiteral("bass"), QStringLiteral("C"), 120}, "MThd",
                                                           sampleMetadata());
            QVERIFY(!written.ok());
            QVERIFY2(written.error().message.contains(QStringLiteral("is a link")), qPrintable(written.error().message));
            QVERIFY(QDir(outside.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
            QCOMPARE(store.count(), 0);
            QCOMPARE(store.prepare().error().code, QStringLiteral("files_dir_unavailable"));
        }
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
        // A file dropped into the folder by someone else is counted after the next cleanup pass
        // (which lists the folder anyway), not by scanning on every call.
        QFile outside(dir.filePath(QStringLiteral("20261124-120001-123_keys_C_120_abcdef.mid")));
        QVERIFY(outside.open(QIODevice::WriteOnly));
        outside.close();
        QCOMPARE(store.count(), 1);
        QVERIFY(store.cleanup(CleanupPolicy{0.0, 1000, 60}).isEmpty());
        QCOMPARE(store.count(), 2);
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

    void metadataGoesIntoTheTakesIndexAndReadsBack()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        const Result<StoredFile> file = store.write(kBass, "MThd", sampleMetadata());
        QVERIFY(file.ok());
        // The folder holds the MIDI file and the hidden takes index, no sidecar.
        QCOMPARE(everythingButTheIndex(dir.path()), QStringList{file->name});
        QVERIFY(QFileInfo(store.indexPath()).isFile());
        QCOMPARE(store.indexPath(), dir.filePath(QStringLiteral(".aiband-takes.sqlite")));
        QVERIFY(!QFileInfo::exists(store.metadataDirectory()));

        const std::optional<FileMetadata> read = store.readMetadata(file->name);
        QVERIFY(read.has_value());
        FileMetadata expected = sampleMetadata();
        expected.fileName = file->name;
        expected.created = read->created;
        QCOMPARE(*read, expected);
        QVERIFY(read->created.isValid());
        QVERIFY(qAbs(read->created.secsTo(QDateTime::currentDateTimeUtc())) < 600);
        QCOMPARE(read->seed, 4000000000u);   // beyond a signed 32-bit number, kept exactly

        // Another store on the same folder (the next start) reads the same row.
        {
            FileStore again(dir.path());
            QVERIFY(again.prepare().ok());
            QCOMPARE(again.readMetadata(file->name), read);
        }
        // Removing the file removes its row.
        QVERIFY(store.remove(file->name).ok());
        QVERIFY(!store.readMetadata(file->name).has_value());
        QVERIFY(!store.readSidecar(file->name).has_value());
    }

    // A take's parts are written, indexed and placed together: one row per part, one take.
    void aTakeIsOneCommit()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        const Result<QList<StoredFile>> take = writeBassAndDrums(store);
        QVERIFY(take.ok());
        QCOMPARE(take->size(), 2);
        QCOMPARE(everythingButTheIndex(dir.path()), (QStringList{take->at(0).name, take->at(1).name}));
        QCOMPARE(store.readMetadata(take->at(0).name)->trackType, QStringLiteral("bass"));
        QCOMPARE(store.readMetadata(take->at(1).name)->trackType, QStringLiteral("drums"));
        QFile bytes(take->at(1).path);
        QVERIFY(bytes.open(QIODevice::ReadOnly));
        QCOMPARE(bytes.readAll(), QByteArray("drums bytes"));
        QCOMPARE(store.count(), 2);
    }

    // A file that takes a part's name while the take is being written (put there by hand: the
    // store never makes a name twice) is never replaced: the take fails as a write failure
    // naming the file, leaves nothing of itself, and the file keeps its bytes.
    void aTakeNeverReplacesAFileUnderItsName()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        QString taken;
        store.setPlacingHook(atStage(FileStore::PlacingStage::BeforeRenames, [&](const QStringList &names) {
            taken = names.last();
            QFile file(dir.filePath(taken));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("someone's own bytes");
        }));
        const Result<QList<StoredFile>> take = writeBassAndDrums(store);
        QVERIFY(!take.ok());
        QCOMPARE(take.error().code, QStringLiteral("write_failed"));
        QVERIFY2(take.error().message.contains(taken), qPrintable(take.error().message));
        QCOMPARE(everythingButTheIndex(dir.path()), QStringList{taken});
        QFile file(dir.filePath(taken));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("someone's own bytes"));
        QCOMPARE(store.readMetadata(taken), std::nullopt);
        store.setPlacingHook({});
        QVERIFY(store.writeTake({TakePart{kBass, "again", sampleMetadata()}}).ok());   // the next take is fine
    }

    // A client may delete a part as soon as it is in place, before its take is indexed: the
    // deletion stands (the part is not indexed, listed or counted), and the other part is.
    void aPartDeletedBeforeItIsIndexedStaysDeleted()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        QString deleted;
        store.setPlacingHook(atStage(FileStore::PlacingStage::AfterRenames, [&](const QStringList &names) {
            deleted = names.first();
            QVERIFY(store.remove(deleted).ok());
        }));
        const Result<QList<StoredFile>> take = writeBassAndDrums(store);
        QVERIFY(take.ok());
        QCOMPARE(take->first().name, deleted);
        QVERIFY(!QFileInfo::exists(take->first().path));
        QCOMPARE(store.count(), 1);
        QCOMPARE(store.list().size(), 1);
        QCOMPARE(store.list().first().name, take->last().name);
    }

    // Durable takes written at the same time are all whole, committed with their bytes (until
    // settled), and share commit rounds when they arrive while one is in flight (never more
    // rounds than takes).
    void concurrentDurableTakesAreAllCommitted()
    {
        QTemporaryDir dir;
        FileStore store(dir.path(), /*durable=*/true);
        store.setSettleDelay(std::chrono::hours(1));
        QVERIFY(store.prepare().ok());
        constexpr int kThreads = 6;
        constexpr int kTakesEach = 5;
        std::vector<std::unique_ptr<QThread>> threads;
        std::atomic<int> failures{0};
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back(QThread::create([&store, &failures, t] {
                for (int i = 0; i < kTakesEach; ++i) {
                    const QByteArray bytes = QByteArray("take ") + QByteArray::number(t * 100 + i);
                    FileMetadata drums = sampleMetadata();
                    drums.trackType = QStringLiteral("drums");
                    const Result<QList<StoredFile>> take = store.writeTake(
                        {TakePart{kBass, bytes + " bass", sampleMetadata()},
                         TakePart{{QStringLiteral("drums"), QStringLiteral("C"), 120}, bytes + " drums", drums}});
                    if (!take.ok() || take->size() != 2)
                        ++failures;
                }
            }));
            threads.back()->start();
        }
        for (const auto &thread : threads)
            QVERIFY(thread->wait(60000));
        QCOMPARE(failures.load(), 0);
        QCOMPARE(store.count(), kThreads * kTakesEach * 2);
        QVERIFY(store.commitRounds() >= 1);
        QVERIFY(store.commitRounds() <= quint64(kThreads * kTakesEach));
        const QHash<QString, QByteArray> unsettled = unsettledIn(dir.path());
        QCOMPARE(unsettled.size(), kThreads * kTakesEach * 2);
        for (const StoredFile &file : store.list()) {
            const std::optional<IndexedPart> row = store.indexedPart(file.name);
            QVERIFY2(row.has_value(), qPrintable(file.name));
            QCOMPARE(unsettled.value(file.name), contentOf(file.path));
            QVERIFY(row->take.endsWith(QLatin1String(".mid")));
        }
        QCOMPARE(everythingButTheIndex(dir.path()).size(), kThreads * kTakesEach * 2);   // no hidden part left
    }

    // Entries that arrive while a commit is in flight wait for it and then go together in one.
    // Standard threads and semaphores, whose hand-overs a ThreadSanitizer build sees.
    void aGroupCommitTakesEveryoneWaitingInTheNextRound()
    {
        struct Entry {
            int value = 0;
            int round = 0;
        };
        std::binary_semaphore firstStarted(0);
        std::binary_semaphore releaseFirst(0);
        QList<int> batchSizes;
        int rounds = 0;
        GroupCommit<Entry> group([&](const QList<Entry *> &batch) {
            ++rounds;
            batchSizes.append(static_cast<int>(batch.size()));
            for (Entry *entry : batch)
                entry->round = rounds;
            if (rounds == 1) {
                firstStarted.release();
                releaseFirst.acquire();   // in flight until the others are waiting
            }
        });
        Entry first{1};
        std::thread leader([&] { group.commit(first); });
        firstStarted.acquire();
        constexpr int kLater = 5;
        std::vector<Entry> later(kLater);
        std::vector<std::thread> threads;
        for (int i = 0; i < kLater; ++i) {
            later[i].value = i + 2;
            threads.emplace_back([&group, &later, i] { group.commit(later[i]); });
        }
        QTRY_COMPARE(group.waiting(), kLater);
        releaseFirst.release();
        leader.join();
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(batchSizes, (QList<int>{1, kLater}));
        QCOMPARE(first.round, 1);
        for (const Entry &entry : later)
            QCOMPARE(entry.round, 2);
        QCOMPARE(group.batches(), quint64(2));
    }

    // An index of the first layout (no digests) is updated at start: its rows read as before, a
    // take it had committed but not renamed in is finished without a digest to check, and new
    // takes keep their bytes until they are settled instead.
    void anIndexOfTheFirstLayoutGetsDigests()
    {
        QTemporaryDir dir;
        const QString placed = QStringLiteral("20261124-120001-123_bass_C_120_aaaaaa.mid");
        const QString hidden = QStringLiteral("20261124-120001-123_drums_C_120_bbbbbb.mid");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(dir.filePath(QLatin1String(TakesIndex::kFileName)));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE parts (file_name TEXT PRIMARY KEY NOT NULL, take TEXT NOT NULL, "
                                              "recovered INTEGER NOT NULL, metadata TEXT NOT NULL) WITHOUT ROWID")));
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 1")));
            for (const QString &name : {placed, hidden}) {
                FileMetadata metadata = sampleMetadata();
                metadata.fileName = name;
                QVERIFY(query.prepare(QStringLiteral("INSERT INTO parts VALUES (?, ?, 0, ?)")));
                query.addBindValue(name);
                query.addBindValue(placed);
                query.addBindValue(QJsonDocument(metadata.toJson()).toJson(QJsonDocument::Compact));
                QVERIFY(query.exec());
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        touch(dir.filePath(placed), "bass");
        touch(dir.filePath(QLatin1Char('.') + hidden + QStringLiteral(".partial")), "drums");

        FileStore store(dir.path());
        store.setSettleDelay(std::chrono::hours(1));
        QVERIFY(store.prepare().ok());
        QCOMPARE(everythingButTheIndex(dir.path()), (QStringList{placed, hidden}));
        QVERIFY(store.readMetadata(placed).has_value());
        QVERIFY(store.readMetadata(hidden).has_value());
        QVERIFY(store.indexedPart(placed)->digest.isEmpty());
        const Result<StoredFile> written = store.write(kBass, "new bass", sampleMetadata());
        QVERIFY(written.ok());
        QCOMPARE(unsettledIn(dir.path()), (QHash<QString, QByteArray>{{written->name, "new bass"}}));
        QCOMPARE(indexLayout(dir.path()), (QStringList{QStringLiteral("3"), QStringLiteral("rowid")}));
    }

    // Layout 2 kept each row in the file name's b-tree, where a take's row (about 1 KB) took an
    // overflow page of its own: 4.7 KB a row. The start copies it into layout 3's rowid table,
    // every row and digest kept, and compacts the file.
    void anIndexOfTheSecondLayoutIsCopiedIntoTheThird()
    {
        QTemporaryDir dir;
        const QString database = dir.filePath(QLatin1String(TakesIndex::kFileName));
        const QStringList names = writeSecondLayoutIndex(dir.path(), 200);
        QVERIFY(!names.isEmpty());
        const qint64 before = QFileInfo(database).size();

        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        QCOMPARE(indexLayout(dir.path()), (QStringList{QStringLiteral("3"), QStringLiteral("rowid")}));
        checkSecondLayoutRows(store, names);
        QCOMPARE(store.count(), 200);
        // 200 rows of about 1.1 KB: 4.7 KB a row before (an overflow page each), under 2 KB after.
        const qint64 after = QFileInfo(database).size();
        QVERIFY2(before > 200 * 4000, qPrintable(QString::number(before)));
        QVERIFY2(after < 200 * 2000, qPrintable(QString::number(after)));
    }

    // A copy the disk cannot take (here a file size limit under the journal it needs) is rolled
    // back: layout 2 stays in use with every row, and a later start copies it.
    void aSecondLayoutIndexTheDiskCannotCopyStaysInUse()
    {
        QTemporaryDir dir;
        const QStringList names = writeSecondLayoutIndex(dir.path(), 200);
        QVERIFY(!names.isEmpty());
        {
            const FileSizeLimit limit(64 * 1024);
            QVERIFY(limit.ok());
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not be updated to layout 3.*used as it is")));
            FileStore store(dir.path());
            QVERIFY(store.prepare().ok());
            QCOMPARE(indexLayout(dir.path()), (QStringList{QStringLiteral("2"), QStringLiteral("without rowid")}));
            checkSecondLayoutRows(store, names);
            QCOMPARE(store.count(), 200);
        }
        FileStore later(dir.path());
        QVERIFY(later.prepare().ok());
        QCOMPARE(indexLayout(dir.path()), (QStringList{QStringLiteral("3"), QStringLiteral("rowid")}));
        checkSecondLayoutRows(later, names);
    }

    void metadataOfUnknownNamesIsNotRead()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        // Written without metadata: indexed with what its name says, no request.
        const QString bare = store.write({QStringLiteral("drums"), QStringLiteral("Fsm"), 96}, "a")->name;
        QVERIFY(!store.readMetadata(bare).has_value());   // no request: nothing to regenerate
        const std::optional<FileMetadata> described = store.indexedPart(bare)->metadata;
        QVERIFY(described.has_value());
        QVERIFY(store.indexedPart(bare)->recovered);
        QVERIFY(described->request.isEmpty());
        QCOMPARE(described->trackType, QStringLiteral("drums"));
        QCOMPARE(described->key, QStringLiteral("F#m"));
        QCOMPARE(described->tempoBpm, 96.0);

        const QString first = store.write(kBass, "c", sampleMetadata())->name;
        QVERIFY(!store.readMetadata(QStringLiteral("../") + first).has_value());
        QVERIFY(!store.readMetadata(QStringLiteral("20261124-120001-123_bass_C_120_abcdef.mid")).has_value());
        // The file gone behind the store's back: no metadata for it, though its row is still there.
        QVERIFY(QFile::remove(dir.filePath(first)));
        QVERIFY(!store.readMetadata(first).has_value());
    }

    // A listing's page reads its rows at once (one query per TakesIndex::kRowsPerQuery names):
    // what readSidecar() gives each name, no more (rebuilt rows, unknown and foreign names left out).
    void aPageOfMetadataIsReadAtOnce()
    {
        QTemporaryDir dir;
        FileStore store(dir.path(), false);
        QVERIFY(store.prepare().ok());
        QStringList names;
        for (int i = 0; i < static_cast<int>(TakesIndex::kRowsPerQuery) * 2 + 3; ++i) {
            FileMetadata metadata = sampleMetadata();
            metadata.seed = static_cast<quint32>(i);
            names.append(store.write(kBass, "MThd", metadata)->name);
        }
        const QString bare = store.write(kBass, "MThd")->name;   // a rebuilt row: no metadata
        names << bare << QStringLiteral("20261124-120001-123_bass_C_120_abcdef.mid") << QStringLiteral("../") + names.first()
              << names.first();   // unknown, foreign, twice

        const QHash<QString, MetadataText> page = store.readMetadataTexts(names);
        QCOMPARE(page.size(), static_cast<int>(TakesIndex::kRowsPerQuery) * 2 + 3);
        for (const QString &name : std::as_const(names))
            QCOMPARE(page.contains(name) ? std::optional<MetadataText>(page.value(name)) : std::nullopt, textOf(store.readSidecar(name)));
        QVERIFY(page.value(names.at(150)).json.contains("\"seed\":150,"));
        QVERIFY(store.readMetadataTexts({}).isEmpty());
    }

    // A listing answers a row's stored text as it is only when the row's checksum vouches for
    // it: a damaged text, or one moved to another file's row, is read as readSidecar() reads it
    // (refused when it does not describe its file), and a row copied from layout 2 (no checksum)
    // too.
    void aRowsTextIsAnsweredAsStoredOnlyWhenItsChecksumHolds()
    {
        QTemporaryDir dir;
        FileStore store(dir.path(), false);
        QVERIFY(store.prepare().ok());
        QStringList names;
        for (quint32 seed : {1u, 2u, 3u, 4u}) {
            FileMetadata metadata = sampleMetadata();
            metadata.seed = seed;
            names.append(store.write(kBass, "MThd", metadata)->name);
        }
        const QHash<QString, MetadataText> before = store.readMetadataTexts(names);
        QCOMPARE(before.size(), 4);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("edit"));
            db.setDatabaseName(dir.filePath(QLatin1String(TakesIndex::kFileName)));
            QVERIFY(db.open());
            QSqlQuery query(db);
            // 0: the text changed (the seed 1 becomes 7, a field no version writes), the checksum kept.
            QVERIFY(query.exec(QStringLiteral("UPDATE parts SET metadata = replace(metadata, '\"seed\":1,', "
                                              "'\"seed\":7,\"injected\":1,') WHERE file_name = '%1'").arg(names[0])));
            // 1: another file's row text and checksum.
            QVERIFY(query.exec(QStringLiteral("UPDATE parts SET (metadata, checksum) = (SELECT metadata, checksum FROM parts "
                                              "WHERE file_name = '%1') WHERE file_name = '%2'").arg(names[3], names[1])));
            // 2: as layout 2 left it: no checksum, no creation time.
            QVERIFY(query.exec(QStringLiteral("UPDATE parts SET checksum = NULL, created_ms = NULL WHERE file_name = '%1'")
                                   .arg(names[2])));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("edit"));

        const QHash<QString, MetadataText> after = store.readMetadataTexts(names);
        // Read and written again: the changed seed, now from the text itself.
        QCOMPARE(after.value(names[0]), *textOf(store.readSidecar(names[0])));
        QVERIFY(after.value(names[0]).json.contains("\"seed\":7,"));
        QVERIFY(!after.value(names[0]).json.contains("injected"));
        QVERIFY(!after.contains(names[1]));   // it describes names[3]: not this file's
        QCOMPARE(after.value(names[2]), before.value(names[2]));   // the same text, read the slow way
        QCOMPARE(after.value(names[3]), before.value(names[3]));
    }

    // The part a name holds, and any field: what QString::section() gave, also for names of no store.
    void partOfReadsTheSecondField()
    {
        for (const QString &name : {QStringLiteral("20261124-120001-123_bass_C_120_abcdef.mid"), QStringLiteral("a_b"),
                                    QStringLiteral("a__b"), QStringLiteral("_a_b"), QStringLiteral("a_"),
                                    QStringLiteral("_"), QStringLiteral("nothing"), QString()}) {
            QCOMPARE(FileStore::partOf(name), name.section(QLatin1Char('_'), 1, 1));
            for (int field = 0; field < 6; ++field)
                QCOMPARE(FileStore::nameField(name, field).toString(), name.section(QLatin1Char('_'), field, field));
        }
        QCOMPARE(FileStore::partOf(QStringLiteral("20261124-120001-123_drums_Fsm_96_abcdef.mid")), QStringLiteral("drums"));
    }

    // The index lost (deleted) or damaged (not a database): the next start rebuilds it from the
    // MIDI files, with what they say; the request is gone, and the damaged file is kept aside.
    void aLostOrDamagedIndexIsRebuiltFromTheMidiFiles_data()
    {
        QTest::addColumn<bool>("damaged");
        QTest::newRow("lost") << false;
        QTest::newRow("damaged") << true;
    }

    void aLostOrDamagedIndexIsRebuiltFromTheMidiFiles()
    {
        QFETCH(bool, damaged);
        QTemporaryDir dir;
        QString name;
        {
            FileStore store(dir.path());
            QVERIFY(store.prepare().ok());
            name = store.write({QStringLiteral("bass"), QStringLiteral("Bb"), 97}, midiBytes(97.0, 8), sampleMetadata())->name;
            QVERIFY(!store.readMetadata(name)->request.isEmpty());
        }
        const QString index = dir.filePath(QLatin1String(TakesIndex::kFileName));
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(index + QLatin1String(suffix));
        if (damaged)
            touch(index, QByteArray(8192, 'z'));

        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        QVERIFY(!store.readMetadata(name).has_value());   // not regenerable, and no chart from the sheet
        const std::optional<IndexedPart> part = store.indexedPart(name);
        QVERIFY(part.has_value() && part->recovered);
        const std::optional<FileMetadata> rebuilt = part->metadata;
        QVERIFY(rebuilt->request.isEmpty());   // what made it cannot be known: not regenerable
        QCOMPARE(rebuilt->trackType, QStringLiteral("bass"));
        QCOMPARE(rebuilt->key, QStringLiteral("Bb"));
        QCOMPARE(rebuilt->tempoBpm, 97.0);
        QCOMPARE(rebuilt->bars, 8.0);
        QCOMPARE(QFile::exists(index + QStringLiteral(".damaged")), damaged);
        // New takes are indexed as before.
        const QString next = store.write(kBass, "MThd", sampleMetadata())->name;
        QCOMPARE(store.readMetadata(next)->seed, 4000000000u);
    }

    // The folder deleted and made again under a running store (tst_ui does it to the server):
    // the next take makes a new index instead of failing on the unlinked one.
    void anIndexRemovedWhileRunningIsMadeAgain()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        QVERIFY(store.write(kBass, "a", sampleMetadata()).ok());
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(store.indexPath() + QLatin1String(suffix));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("takes index .* is gone")));
        const Result<StoredFile> next = store.write(kBass, "b", sampleMetadata());
        QVERIFY(next.ok());
        QVERIFY(QFileInfo(store.indexPath()).isFile());
        QCOMPARE(store.readMetadata(next->name)->seed, 4000000000u);
    }

    // Sidecars of versions before the index move into it at start, and leave.
    void oldSidecarsMoveIntoTheIndex()
    {
        QTemporaryDir dir;
        const QString name = QStringLiteral("20261124-120001-123_bass_C_120_abcdef.mid");
        const QString orphan = QStringLiteral("20261124-120001-124_drums_C_120_012345.mid");
        touch(dir.filePath(name), "MThd");
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral(".aiband-meta"))));
        FileMetadata old = sampleMetadata();
        old.fileName = name;
        old.created = QDateTime(QDate(2026, 11, 24), QTime(12, 0, 1), Qt::UTC);
        touch(dir.filePath(QStringLiteral(".aiband-meta/") + name + QStringLiteral(".json")), QJsonDocument(old.toJson()).toJson());
        touch(dir.filePath(QStringLiteral(".aiband-meta/") + orphan + QStringLiteral(".json")), "{}");

        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        QCOMPARE(store.readMetadata(name), std::optional<FileMetadata>(old));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral(".aiband-meta"))));
        QCOMPARE(everythingButTheIndex(dir.path()), QStringList{name});
    }

    void cleanupRemovesFilesOlderThanCleanupHours()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const StoredFile old = *store.write(kBass, "old", sampleMetadata());
        const StoredFile recent = *store.write(kBass, "recent", sampleMetadata());
        age(old.path, now.addSecs(-25 * 3600));
        age(recent.path, now.addSecs(-23 * 3600));
        touch(dir.filePath(QStringLiteral("notes.mid")));   // not ours: never touched
        age(dir.filePath(QStringLiteral("notes.mid")), now.addSecs(-1000 * 3600));

        QCOMPARE(store.cleanup(CleanupPolicy{24.0, 1000, 60}, now), QStringList{old.name});
        QCOMPARE(visibleFiles(dir.path()), (QStringList{recent.name, QStringLiteral("notes.mid")}));
        QVERIFY(!store.readSidecar(old.name).has_value());   // its row left with it
        QVERIFY(store.readSidecar(recent.name).has_value());
        QCOMPARE(store.count(), 1);

        // cleanup_hours 0 keeps files whatever their age.
        QVERIFY(store.cleanup(CleanupPolicy{0.0, 1000, 60}, now.addYears(10)).isEmpty());
        QVERIFY(QFile::exists(recent.path));
    }

    void cleanupKeepsAtMostMaxFilesOldestGoFirst()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QStringList byAge;   // oldest first
        for (int i = 0; i < 5; ++i) {
            const StoredFile file = *store.write(kBass, QByteArray::number(i), sampleMetadata());
            // Written in one order, aged in the reverse one: cleanup goes by age, not by name.
            age(file.path, now.addSecs(-3600 * (i + 1)));
            byAge.prepend(file.name);
        }
        const QStringList removed = store.cleanup(CleanupPolicy{0.0, 3, 60}, now);
        QCOMPARE(removed, byAge.mid(0, 2));
        QCOMPARE(store.list().size(), 3);
        for (const QString &name : byAge.mid(2))
            QVERIFY(store.find(name).has_value());
        for (const QString &name : byAge)
            QCOMPARE(store.readSidecar(name).has_value(), !removed.contains(name));
    }

    // A durable take is answered once its rows and bytes are in the index's journal; its files
    // reach the disk at the next settle, which forgets the bytes. Without durable writes nothing
    // is promised for a power cut, and no bytes are kept.
    void onlyDurableTakesKeepTheirBytesUntilSettled()
    {
        QTemporaryDir dir;
        FileStore fast(dir.path(), false);
        QVERIFY(fast.prepare().ok());
        QVERIFY(fast.write(kBass, "fast", sampleMetadata()).ok());
        QVERIFY(unsettledIn(dir.path()).isEmpty());
        QTemporaryDir other;
        FileStore durable(other.path(), true);
        durable.setSettleDelay(std::chrono::hours(1));
        QVERIFY(durable.prepare().ok());
        const QString name = durable.write(kBass, "durable", sampleMetadata())->name;
        QVERIFY(durable.indexedPart(name)->digest.isEmpty());
        QCOMPARE(unsettledIn(other.path()), (QHash<QString, QByteArray>{{name, "durable"}}));
        QVERIFY(durable.settle().ok());
        QVERIFY(unsettledIn(other.path()).isEmpty());
        QCOMPARE(contentOf(other.filePath(name)), QByteArray("durable"));
    }

    // A settle whose sync fails (the disk lost a write; the kernel says so once) writes every
    // waiting part again from the bytes the index kept, over its file, keeps them until a settle
    // succeeds, and says why meanwhile (the session shows it as its storage problem). A part no
    // longer under its name is not made again: while the app runs, a lost write cannot take a
    // name, but a delete or a trim can (a missing part is made again at start, after a power cut).
    void aSettleTheDiskFailsWritesEveryWaitingPartAgain()
    {
        QTemporaryDir dir;
        FileStore store(dir.path(), true);
        store.setSettleDelay(std::chrono::hours(1));
        QVERIFY(store.prepare().ok());
        const Result<QList<StoredFile>> take = writeBassAndDrums(store);
        QVERIFY(take.ok());
        const QString bass = dir.filePath(take->at(0).name);
        const QString drums = dir.filePath(take->at(1).name);
        // What a lost write leaves: one part short; the other gone from its name since.
        QVERIFY(QFile::resize(bass, 3));
        QVERIFY(QFile::remove(drums));
        QVERIFY(store.settleProblem().isEmpty());

        store.setSyncHook([] { return QStringLiteral("Input/output error"); });
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not be synced \\(Input/output error\\)")));
        const Status failed = store.settle();
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, QStringLiteral("write_failed"));
        QCOMPARE(contentOf(bass), QByteArray("bass bytes"));
        QVERIFY(!QFileInfo::exists(drums));
        QCOMPARE(unsettledIn(dir.path()).size(), 2);   // kept for the next settle
        QVERIFY2(store.settleProblem().contains(QStringLiteral("Input/output error")), qPrintable(store.settleProblem()));

        store.setSyncHook({});
        QVERIFY(store.settle().ok());
        QVERIFY(unsettledIn(dir.path()).isEmpty());
        QVERIFY(store.settleProblem().isEmpty());
        QCOMPARE(contentOf(bass), QByteArray("bass bytes"));
    }

    // A settle whose sync succeeds but whose index fails it says why and is tried again without
    // waiting for another take. An index that cannot record the settle (here a trigger refuses,
    // as a full disk or a damaged index would) kept the bytes, and each of their deletes synced,
    // until a later take's settle or the next start; one that could not be read to know what
    // waits read as "nothing", so the settle forgot which parts wait and cleared the problem.
    void aSettleTheIndexFailsIsToldAndTriedAgain_data()
    {
        QTest::addColumn<QString>("breaking");
        QTest::addColumn<QString>("mending");
        QTest::addColumn<QString>("problem");
        QTest::newRow("cannot record it") << QStringLiteral("CREATE TRIGGER refuse BEFORE DELETE ON unsettled "
                                                            "BEGIN SELECT RAISE(ABORT, 'the index refused'); END")
                                          << QStringLiteral("DROP TRIGGER refuse")
                                          << QStringLiteral("the index refused");
        QTest::newRow("cannot be read") << QStringLiteral("ALTER TABLE unsettled RENAME TO unsettled_aside")
                                        << QStringLiteral("ALTER TABLE unsettled_aside RENAME TO unsettled")
                                        << QStringLiteral("could not be read");
    }

    void aSettleTheIndexFailsIsToldAndTriedAgain()
    {
        QFETCH(QString, breaking);
        QFETCH(QString, mending);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        FileStore store(dir.path(), true);
        store.setSettleDelay(std::chrono::hours(1));
        QVERIFY(store.prepare().ok());
        QVERIFY(writeBassAndDrums(store).ok());
        QCOMPARE(unsettledIn(dir.path()).size(), 2);
        QVERIFY(runOnIndex(dir.path(), breaking));
        store.setSettleDelay(std::chrono::milliseconds(20));   // the retry's delay; the take's settle still waits an hour

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QRegularExpression::escape(problem)));
        const Status failed = store.settle();
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, QStringLiteral("write_failed"));
        QVERIFY2(store.settleProblem().contains(problem), qPrintable(store.settleProblem()));

        QVERIFY(runOnIndex(dir.path(), mending));
        QTRY_VERIFY_WITH_TIMEOUT(unsettledIn(dir.path()).isEmpty(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(store.settleProblem().isEmpty(), 20000);
    }

    // Every column of a take's rows, read with SQL beside the store: its name and take, not
    // recovered, its metadata as Qt's compact text, its time, and the checksum that lets a
    // listing answer the stored text as it is (BLAKE2b-160 of the name, a zero byte and the
    // text, computed here on its own). A row with a wrong checksum still reads the same, only
    // slower, so nothing else would notice one.
    void aTakesRowsHoldWhatItWrote()
    {
        QTemporaryDir dir;
        FileStore store(dir.path(), false);
        QVERIFY(store.prepare().ok());
        const Result<QList<StoredFile>> take = writeBassAndDrums(store);
        QVERIFY(take.ok());
        int rows = 0;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("columns"));
            db.setDatabaseName(dir.filePath(QLatin1String(TakesIndex::kFileName)));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("SELECT file_name, take, recovered, metadata, digest, created_ms, checksum "
                                              "FROM parts ORDER BY file_name")));
            for (; query.next(); ++rows) {
                const QString name = query.value(0).toString();
                QCOMPARE(name, take->at(rows).name);
                QCOMPARE(query.value(1).toString(), take->first().name);
                QCOMPARE(query.value(2).toInt(), 0);
                const std::optional<FileMetadata> metadata = store.readMetadata(name);
                QVERIFY(metadata);
                const QByteArray text = query.value(3).toByteArray();
                QCOMPARE(text, QJsonDocument(metadata->toJson()).toJson(QJsonDocument::Compact));
                QVERIFY(query.value(4).isNull());   // without durable writes no bytes wait
                QCOMPARE(query.value(5).toLongLong(), metadata->created.toMSecsSinceEpoch());
                QCryptographicHash checksum(QCryptographicHash::Blake2b_160);
                checksum.addData(name.toUtf8());
                checksum.addData(QByteArrayView("\0", 1));
                checksum.addData(text);
                QCOMPARE(query.value(6).toByteArray(), checksum.result());
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("columns"));
        QCOMPARE(rows, 2);
    }

    // Nobody needs to call settle(): the store's settler does, a moment after the take (here
    // 10 ms), and on closing whatever still waits.
    void durableTakesAreSettledSoonAfterAndOnClosing()
    {
        QTemporaryDir dir;
        {
            FileStore store(dir.path(), true);
            store.setSettleDelay(std::chrono::milliseconds(10));
            QVERIFY(store.prepare().ok());
            QVERIFY(store.write(kBass, "soon", sampleMetadata()).ok());
            QTRY_VERIFY_WITH_TIMEOUT(unsettledIn(dir.path()).isEmpty(), 20000);
            store.setSettleDelay(std::chrono::hours(1));
            QVERIFY(store.write(kBass, "on closing", sampleMetadata()).ok());
            QCOMPARE(unsettledIn(dir.path()).size(), 1);
        }
        QVERIFY(unsettledIn(dir.path()).isEmpty());
    }

    // The settler waits for the takes to pause (quiet), but never longer than its longest wait
    // after the first take it settles: each bound alone makes it settle.
    void theSettlerRunsWhenTakesPauseOrAtItsLongest()
    {
        std::atomic<int> settles{0};
        {
            TakeSettler settler([&] { ++settles; }, std::chrono::hours(1), std::chrono::milliseconds(20));
            settler.committed();
            QTRY_COMPARE_WITH_TIMEOUT(settles.load(), 1, 20000);
            settler.setDelays(std::chrono::milliseconds(20), std::chrono::hours(1));
            settler.committed();
            QTRY_COMPARE_WITH_TIMEOUT(settles.load(), 2, 20000);
            settler.setDelays(std::chrono::hours(1), std::chrono::hours(1));
            settler.committed();
        }
        QCOMPARE(settles.load(), 3);   // what waits is settled when it goes
    }

    // A failed settle is tried again at the settler's longest wait, with no take to start it.
    void aFailedSettleIsTriedAgainWithoutATake()
    {
        std::atomic<int> settles{0};
        TakeSettler *self = nullptr;
        TakeSettler settler([&] { if (++settles == 1) self->retry(); }, std::chrono::milliseconds(10),
                            std::chrono::milliseconds(30));
        self = &settler;
        settler.committed();
        QTRY_COMPARE_WITH_TIMEOUT(settles.load(), 2, 20000);
    }

    // A settle that keeps failing is tried later and later: `longest` after the first failure,
    // then twice as long after each (every try writes every waiting part again). One that does
    // not ask again starts the count over.
    void aSettleThatKeepsFailingIsTriedLessAndLessOften()
    {
        using namespace std::chrono;
        std::mutex mutex;
        std::vector<steady_clock::time_point> tries;
        const auto triesSoFar = [&] {
            std::lock_guard lock(mutex);
            return tries.size();
        };
        TakeSettler *self = nullptr;
        TakeSettler settler([&] {
            std::lock_guard lock(mutex);
            tries.push_back(steady_clock::now());
            if (tries.size() <= 3)
                self->retry();
        }, milliseconds(5), milliseconds(20));
        self = &settler;
        settler.committed();
        QTRY_COMPARE_WITH_TIMEOUT(triesSoFar(), size_t(4), 20000);
        QVERIFY(tries[1] - tries[0] >= milliseconds(20));
        QVERIFY(tries[2] - tries[1] >= milliseconds(40));
        QVERIFY(tries[3] - tries[2] >= milliseconds(80));
        QTRY_COMPARE_WITH_TIMEOUT(settler.failuresInARow(), 0, 20000);
    }

    // A store closing while its disk fails every sync tries once and goes: its settle asks for
    // another each time it fails, and the settler kept answering while it stopped (the app never
    // quit). What is left waits in the index, whole, for the next start.
    void aStoreWhoseSyncsKeepFailingClosesAfterOneLastTry()
    {
        std::atomic<int> tries{0};
        {
            // A settle that fails asks again, as FileStore::settle() does; after ten it would
            // stop asking, so that the old behaviour ends this test rather than hangs it.
            TakeSettler *self = nullptr;
            TakeSettler settler([&] { if (++tries < 10) self->retry(); }, std::chrono::hours(1), std::chrono::hours(1));
            self = &settler;
            settler.committed();
        }
        QCOMPARE(tries.load(), 1);

        QTemporaryDir dir;
        std::atomic<int> syncs{0};
        {
            FileStore store(dir.path(), true);
            store.setSettleDelay(std::chrono::hours(1));
            QVERIFY(store.prepare().ok());
            QVERIFY(writeBassAndDrums(store).ok());
            store.setSyncHook([&] { ++syncs; return QStringLiteral("Input/output error"); });
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not be synced")));
        }
        QCOMPARE(syncs.load(), 1);
        QCOMPARE(unsettledIn(dir.path()).size(), 2);
        FileStore next(dir.path(), true);
        QVERIFY(next.prepare().ok());
        QCOMPARE(next.list().size(), 2);
    }

    // What a power cut before the settle leaves: the take's rows and bytes committed, its files
    // as far as the disk had them. Start-up makes every part hold its bytes again: written over in
    // its own file (a hard link to it, as a watched folder has, shows them too), or made again
    // where the name is gone; a part whose row is gone (deleted) is not brought back, and what a
    // cut left of its file leaves; a settled take is not touched.
    void partsAPowerCutLeftShortAreRestoredFromTheIndexAtStart()
    {
        QTemporaryDir dir;
        const QString shortBass = QStringLiteral("20261124-120001-123_bass_C_120_aaaaaa.mid");
        const QString emptyDrums = QStringLiteral("20261124-120001-123_drums_C_120_bbbbbb.mid");
        const QString lostKeys = QStringLiteral("20261124-120001-123_keys_C_120_cccccc.mid");
        const QString deleted = QStringLiteral("20261124-120002-123_bass_C_120_dddddd.mid");
        const QString settled = QStringLiteral("20261124-120000-123_bass_C_120_eeeeee.mid");
        {
            TakesIndex index(dir.path(), true);
            QVERIFY(index.open().ok());
            QVERIFY(index.insert({partOfTake(settled, settled)}).ok());
            QVERIFY(index.insert({partOfTake(shortBass, shortBass, {}, "bass bytes"), partOfTake(emptyDrums, shortBass, {}, "drums bytes"),
                                  partOfTake(lostKeys, shortBass, {}, "keys bytes")}).ok());
            QVERIFY(index.insert({partOfTake(deleted, deleted, {}, "deleted bytes")}).ok());
            QVERIFY(index.remove({deleted}).ok());   // a client's delete: the row goes, its bytes stay behind
        }
        touch(dir.filePath(settled), "settled bytes");
        touch(dir.filePath(deleted), "delet");   // its unlink was lost, its row's removal was not
        touch(dir.filePath(shortBass), "bas");
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("watched"))));
        const QString watchedBass = dir.filePath(QStringLiteral("watched/") + shortBass);
        QCOMPARE(::link(QFile::encodeName(dir.filePath(shortBass)).constData(), QFile::encodeName(watchedBass).constData()), 0);
        touch(dir.filePath(QLatin1Char('.') + emptyDrums + QStringLiteral(".partial")), "");
        struct stat before {};
        QCOMPARE(::stat(QFile::encodeName(dir.filePath(settled)).constData(), &before), 0);

        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        QCOMPARE(everythingButTheIndex(dir.path()), (QStringList{settled, shortBass, emptyDrums, lostKeys}));
        QCOMPARE(contentOf(dir.filePath(shortBass)), QByteArray("bass bytes"));
        QCOMPARE(contentOf(watchedBass), QByteArray("bass bytes"));
        QCOMPARE(contentOf(dir.filePath(emptyDrums)), QByteArray("drums bytes"));
        QCOMPARE(contentOf(dir.filePath(lostKeys)), QByteArray("keys bytes"));
        QCOMPARE(contentOf(dir.filePath(settled)), QByteArray("settled bytes"));
        struct stat after {};
        QCOMPARE(::stat(QFile::encodeName(dir.filePath(settled)).constData(), &after), 0);
        QCOMPARE(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
        QVERIFY(!store.find(deleted).has_value());
        QVERIFY(unsettledIn(dir.path()).isEmpty());
        QCOMPARE(store.count(), 4);
        for (const QString &name : {shortBass, emptyDrums, lostKeys})
            QVERIFY(store.readMetadata(name).has_value());
    }

    // A part a client deletes before its file is on the disk must not keep its row past a power
    // cut that takes the unlink (start-up would restore it): its row goes at once, synced, not
    // with a later take.
    void aDeletedPartWhoseBytesWaitLosesItsRowAtOnce()
    {
        QTemporaryDir dir;
        FileStore store(dir.path(), true);
        store.setSettleDelay(std::chrono::hours(1));
        QVERIFY(store.prepare().ok());
        const QString deleted = store.write(kBass, "deleted", sampleMetadata())->name;
        const QString kept = store.write(kBass, "kept", sampleMetadata())->name;
        QCOMPARE(unsettledIn(dir.path()).size(), 2);
        QVERIFY(store.remove(deleted).ok());
        QVERIFY(!TakesIndex(dir.path(), true).find(deleted).has_value());
        QCOMPARE(unsettledIn(dir.path()).keys(), QStringList{kept});
        QVERIFY(!QFileInfo::exists(dir.filePath(deleted)));
    }

    // A trim's rows wait for a later take even when their parts' bytes still wait: a synced
    // commit of its own made the take after every trim wait for its sync. After a power cut such
    // a part is back whole (its row and bytes restore it, and the next trim removes it again) or
    // gone (start-up removes what is left of a part whose row is gone), never short. Here the cut
    // keeps everything but the row's removal.
    void aTrimmedPartWhoseBytesWaitIsBackWholeAfterACut()
    {
        StoreWithATrimmedWaitingPart fixture;
        QVERIFY(fixture.ready);
        const QTemporaryDir &dir = fixture.dir;
        QVERIFY(!QFileInfo::exists(dir.filePath(fixture.trimmed)));
        QVERIFY(TakesIndex(dir.path(), true).find(fixture.trimmed).has_value());   // waiting
        QCOMPARE(unsettledIn(dir.path()).size(), 2);

        QTemporaryDir cut;
        for (const QString &name : QDir(dir.path()).entryList(QDir::Files | QDir::Hidden))
            QVERIFY(QFile::copy(dir.filePath(name), cut.filePath(name)));
        FileStore after(cut.path(), true);
        QVERIFY(after.prepare().ok());
        QCOMPARE(contentOf(cut.filePath(fixture.trimmed)), fixture.trimmedBytes);
        QVERIFY(after.readMetadata(fixture.trimmed).has_value());
        QCOMPARE(after.count(), 2);
    }

    // A settle whose sync fails writes the waiting parts again where they are, and only there: a
    // part a trim took keeps its row and bytes until a later take's commit, and must not come
    // back as a file nothing lists (found in review: it did).
    void aFailedSettleDoesNotBringBackATrimmedPart()
    {
        StoreWithATrimmedWaitingPart fixture;
        QVERIFY(fixture.ready);
        const QTemporaryDir &dir = fixture.dir;
        FileStore &store = fixture.store;
        QVERIFY(TakesIndex(dir.path(), true).find(fixture.trimmed).has_value());   // its removal waits
        touch(dir.filePath(fixture.kept), "k");   // what the failed write left of it
        store.setSyncHook([] { return QStringLiteral("Input/output error"); });
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not be synced")));
        QVERIFY(!store.settle().ok());
        QVERIFY(!QFileInfo::exists(dir.filePath(fixture.trimmed)));
        QCOMPARE(contentOf(dir.filePath(fixture.kept)), fixture.keptBytes);
        store.setSyncHook({});
        QVERIFY(store.settle().ok());
        store.cleanup(CleanupPolicy{0.0, 100, 60});   // reconciled with the folder
        QCOMPARE(store.count(), 1);
        QVERIFY(!QFileInfo::exists(dir.filePath(fixture.trimmed)));
    }

    // A part committed but not renamed yet is under its hidden name when a settle's sync fails:
    // it is written again there too, and its take renames the restored bytes into place (found
    // in review: it was skipped, and the next settle forgot the only good copy).
    void aFailedSettleRewritesAPartNotRenamedYet()
    {
        QTemporaryDir dir;
        FileStore store(dir.path(), true);
        store.setSettleDelay(std::chrono::hours(1));
        QVERIFY(store.prepare().ok());
        const QByteArray bytes = "bass bytes of the take";
        bool failedInBetween = false;
        store.setPlacingHook(atStage(FileStore::PlacingStage::BeforeRenames, [&](const QStringList &names) {
            touch(dir.filePath(QLatin1Char('.') + names.first() + QStringLiteral(".partial")), "x");   // what the failed write left
            store.setSyncHook([] { return QStringLiteral("Input/output error"); });
            failedInBetween = !store.settle().ok();
            store.setSyncHook({});
        }));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not be synced")));
        const Result<StoredFile> written = store.write(kBass, bytes, sampleMetadata());
        QVERIFY(written.ok());
        store.setPlacingHook({});
        QVERIFY(failedInBetween);
        QVERIFY(store.settle().ok());   // the disk works again
        QVERIFY(unsettledIn(dir.path()).isEmpty());
        QCOMPARE(contentOf(written->path), bytes);
    }

    // A settle forgets the parts' bytes in a synced commit: from then on their deletes are not
    // synced, so a settle a power cut could take would bring back, from its bytes, a part
    // deleted after it (found in review). What is checked: the settle's commit is a synced one
    // and the delete's is not; and a start from the index as that synced commit left it (the
    // delete's removal lost) and the folder as the delete left it drops the row, not restores
    // the part. A test cannot tell a synced write from a cached one, hence the count.
    void aPartDeletedAfterItsSettleStaysGoneAfterACut()
    {
        QTemporaryDir dir;
        QTemporaryDir cut;
        FileStore store(dir.path(), true);
        store.setSettleDelay(std::chrono::hours(1));
        QVERIFY(store.prepare().ok());
        const QString deleted = store.write(kBass, "deleted bytes", sampleMetadata())->name;
        const quint64 syncedBefore = store.syncedIndexCommits();
        QVERIFY(store.settle().ok());
        QCOMPARE(store.syncedIndexCommits(), syncedBefore + 1);
        for (const QString &name : QDir(dir.path()).entryList(QDir::Files | QDir::Hidden)) {
            if (name.startsWith(QLatin1String(TakesIndex::kFileName)))
                QVERIFY(QFile::copy(dir.filePath(name), cut.filePath(name)));
        }
        const quint64 syncedAfterSettle = store.syncedIndexCommits();
        QVERIFY(store.remove(deleted).ok());
        QCOMPARE(store.syncedIndexCommits(), syncedAfterSettle);   // its bytes no longer wait
        QVERIFY(TakesIndex(cut.path(), true).find(deleted).has_value());   // the delete's removal lost
        FileStore after(cut.path(), true);
        QVERIFY(after.prepare().ok());
        QVERIFY(!after.find(deleted).has_value());
        QVERIFY(!QFileInfo::exists(cut.filePath(deleted)));   // not made again from its bytes
        QVERIFY(!TakesIndex(cut.path(), true).find(deleted).has_value());
    }

    // A delete whose row the index refuses (a trigger here; a full disk's SQLITE_FULL the same)
    // still deletes: the file leaves (the caller withdraws it everywhere), the refusal is said, a
    // part whose bytes wait is the storage problem until a settle forgets them, and the row
    // leaves with a later commit. Before, it was answered done with nothing said, and the row
    // stayed until the next start, which could bring the part back from its bytes.
    void aDeleteWhoseRowTheIndexRefusesIsSaidAndTriedAgain()
    {
        QTemporaryDir dir;
        FileStore store(dir.path(), true);
        store.setSettleDelay(std::chrono::hours(1));
        QVERIFY(store.prepare().ok());
        const QString deleted = store.write(kBass, "deleted bytes", sampleMetadata())->name;
        QVERIFY(runOnIndex(dir.path(), QStringLiteral("CREATE TRIGGER refuse BEFORE DELETE ON parts "
                                                      "BEGIN SELECT RAISE(ABORT, 'the index refused'); END")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("kept the rows of .*the index refused")));
        QVERIFY(store.remove(deleted).ok());
        QVERIFY(!QFileInfo::exists(dir.filePath(deleted)));
        QVERIFY(!store.find(deleted).has_value());
        QVERIFY2(store.settleProblem().contains(QLatin1String("could not forget deleted parts")), qPrintable(store.settleProblem()));
        QVERIFY(store.indexedPart(deleted).has_value());   // the row stays for now

        QVERIFY(runOnIndex(dir.path(), QStringLiteral("DROP TRIGGER refuse")));
        QVERIFY(store.settle().ok());
        QVERIFY(store.settleProblem().isEmpty());
        QVERIFY(unsettledIn(dir.path()).isEmpty());   // nothing left to bring it back
        store.cleanup(CleanupPolicy{24.0, 1000, 60});   // the maintenance pass: the row leaves
        QVERIFY(!store.indexedPart(deleted).has_value());
    }

    // A take's parts come back from writeTake() pinned, from before a trim could see them: a trim
    // on another thread between its return and its caller's pin took the newest parts when every
    // older one was pinned (a small plugin.max_files), and half a take was published (found in
    // review). They go once the caller lets go.
    void aTakeIsPinnedUntilItsWriterLetsGo()
    {
        QTemporaryDir dir;
        FileStore store(dir.path(), false);
        QVERIFY(store.prepare().ok());
        FileMetadata drums = sampleMetadata();
        drums.trackType = QStringLiteral("drums");
        const Result<QList<StoredFile>> take = store.writeTake({TakePart{kBass, "bass bytes", sampleMetadata()},
                                                                TakePart{{QStringLiteral("drums"), QStringLiteral("C"), 120}, "drums bytes", drums}});
        QVERIFY(take.ok());
        QStringList names;
        for (const StoredFile &file : *take) {
            QVERIFY(store.isPinned(file.name));
            names.append(file.name);
        }
        const CleanupPolicy nothingKept{24.0, 0, 60};
        QCOMPARE(store.cleanup(nothingKept), QStringList());
        QCOMPARE(store.count(), 2);
        for (const QString &name : std::as_const(names))
            store.unpin(name);
        QCOMPARE(store.pinnedCount(), 0);
        QStringList trimmed = store.cleanup(nothingKept);
        trimmed.sort();
        names.sort();
        QCOMPARE(trimmed, names);
        QVERIFY(store.write(kBass, "one part").ok());
        QCOMPARE(store.pinnedCount(), 0);   // write() pins nothing
    }

    // A part that cannot be restored (no room) stops the start rather than lose it: its bytes
    // stay in the index for the next start, which restores it once there is room.
    void aPartThatCannotBeRestoredStopsTheStartAndKeepsItsBytes()
    {
        QTemporaryDir dir;
        const QString name = QStringLiteral("20261124-120001-123_bass_C_120_aaaaaa.mid");
        const QByteArray bytes(300 * 1024, 'b');
        {
            TakesIndex index(dir.path(), true);
            QVERIFY(index.open().ok());
            QVERIFY(index.insert({partOfTake(name, name, {}, bytes)}).ok());
        }
        {
            FileStore store(dir.path());
            const FileSizeLimit limit(200 * 1024);
            QVERIFY(limit.ok());
            const Status prepared = store.prepare();
            QVERIFY(!prepared.ok());
            QCOMPARE(prepared.error().code, QStringLiteral("insufficient_storage"));
            QVERIFY2(prepared.error().message.contains(name), qPrintable(prepared.error().message));
        }
        QCOMPARE(unsettledIn(dir.path()).value(name), bytes);
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        QCOMPARE(contentOf(dir.filePath(name)), bytes);
        QVERIFY(unsettledIn(dir.path()).isEmpty());
    }

    // Checkpoints run beside the takes (TakesIndex::startCheckpoint): the journal must still start
    // over, or it grows by every page of every take (an earlier try that only ever trailed the
    // writes reached 588 MB in 16,000 takes). 1,500 takes of a row each write about 20 MB of pages.
    void theJournalStaysSmallWhileTakesAreWritten()
    {
        QTemporaryDir dir;
        {
            FileStore store(dir.path(), false);
            QVERIFY(store.prepare().ok());
            for (int i = 0; i < 1500; ++i)
                QVERIFY(store.write(kBass, QByteArray::number(i), sampleMetadata()).ok());
            const qint64 journal = QFileInfo(dir.filePath(QLatin1String(TakesIndex::kFileName) + QStringLiteral("-wal"))).size();
            QVERIFY2(journal < 6 * 1024 * 1024, qPrintable(QString::number(journal)));
        }
    }

    // A trim after a write (FileCleanup's) leaves the rows of what it removed to a later take's
    // transaction; the maintenance pass (cleanup()) removes them at once.
    void aTrimsRowsLeaveWithALaterTake()
    {
        QTemporaryDir dir;
        FileStore store(dir.path(), false);
        QVERIFY(store.prepare().ok());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QStringList names;
        for (int i = 0; i < 4; ++i)
            names.append(store.write(kBass, QByteArray::number(i), sampleMetadata())->name);
        const auto rowOf = [&](const QString &name) { return TakesIndex(dir.path(), false).find(name).has_value(); };
        // Which one goes does not matter here (parts written in one millisecond tie by age).
        const QStringList trimmed = store.trim(CleanupPolicy{0.0, 3, 60}, now);
        QCOMPARE(trimmed.size(), 1);
        QVERIFY(!QFile::exists(dir.filePath(trimmed[0])));
        QVERIFY(rowOf(trimmed[0]));   // waiting
        const QString next = store.write(kBass, "4", sampleMetadata())->name;
        QVERIFY(rowOf(next));
        QVERIFY(rowOf(trimmed[0]));   // one waiting is not enough for a take to carry

        // Which one goes may be `next` itself: file times are as coarse as the kernel's clock.
        const QStringList cleaned = store.cleanup(CleanupPolicy{0.0, 3, 60}, now);
        QCOMPARE(cleaned.size(), 1);
        QVERIFY(!rowOf(trimmed[0]));   // the maintenance pass does not wait
        QVERIFY(!rowOf(cleaned[0]));
        for (const QString &name : names + QStringList{next}) {
            if (!trimmed.contains(name) && !cleaned.contains(name))
                QVERIFY2(rowOf(name), qPrintable(name));
        }
    }

    // Rows waiting for removal go with the insert that finds kRemovalsPerInsert of them; a name
    // written again meanwhile keeps its new row; a full backlog is removed at once.
    void waitingRemovalsGoTogetherWithALaterInsert()
    {
        IndexWithWaitingRemovals fixture(TakesIndex::kRemovalsPerInsert - 1);
        QVERIFY(fixture.ready);
        TakesIndex &index = fixture.index;
        const QString &gone = fixture.gone;
        const QString &writtenAgain = fixture.writtenAgain;
        const auto rowOf = [&](const QString &name) { return fixture.rowOf(name); };
        QCOMPARE(index.deferredRemovals(), TakesIndex::kRemovalsPerInsert - 1);
        // Written again while its removal waits: its new row stays; and one fewer waits.
        QVERIFY(index.insert({row(writtenAgain, QStringLiteral("gen-2"))}).ok());
        QCOMPARE(index.deferredRemovals(), TakesIndex::kRemovalsPerInsert - 2);
        QVERIFY(rowOf(gone).has_value());

        index.removeWithLaterInsert({nameOf(500), nameOf(501)});
        QCOMPARE(index.deferredRemovals(), TakesIndex::kRemovalsPerInsert);
        const QString next = nameOf(600);
        QVERIFY(index.insert({row(next, QStringLiteral("gen-3"))}).ok());
        QCOMPARE(index.deferredRemovals(), 0);
        QVERIFY(!rowOf(gone).has_value());
        QVERIFY(rowOf(next).has_value());
        const std::optional<IndexedPart> again = rowOf(writtenAgain);
        QVERIFY(again.has_value());
        QCOMPARE(again->metadata.requestId, QStringLiteral("gen-2"));

        // A backlog that no insert carries (no takes come) is removed on its own when full.
        QVERIFY(index.insert({row(gone, QStringLiteral("gen-4"))}).ok());
        QStringList many{gone};
        for (qsizetype i = 1; i < TakesIndex::kMaxDeferredRemovals; ++i)
            many.append(nameOf(1000 + static_cast<int>(i)));
        index.removeWithLaterInsert(many.mid(0, many.size() - 1));
        QVERIFY(rowOf(gone).has_value());
        index.removeWithLaterInsert(many.mid(many.size() - 1));
        QCOMPARE(index.deferredRemovals(), 0);
        QVERIFY(!rowOf(gone).has_value());
    }

    // An insert that cannot commit (the disk refuses the journal's growth) leaves every removal
    // it took waiting again, that of a name it was writing again too; a later insert carries them.
    void aRolledBackInsertLeavesItsRemovalsWaiting()
    {
        IndexWithWaitingRemovals fixture(TakesIndex::kRemovalsPerInsert + 1);
        QVERIFY(fixture.ready);
        TakesIndex &index = fixture.index;
        const QString &gone = fixture.gone;
        const QString &writtenAgain = fixture.writtenAgain;
        const QStringList &waiting = fixture.waiting;
        const auto rowOf = [&](const QString &name) { return fixture.rowOf(name); };
        {
            const qint64 journal = QFileInfo(fixture.dir.filePath(QLatin1String(TakesIndex::kFileName) + QStringLiteral("-wal"))).size();
            QVERIFY(journal > 0);
            const FileSizeLimit limit(static_cast<rlim_t>(journal));
            QVERIFY(limit.ok());
            QVERIFY(!index.insert({row(writtenAgain, QStringLiteral("gen-2")), row(nameOf(900), QStringLiteral("gen-2"))}).ok());
        }
        QCOMPARE(index.deferredRemovals(), waiting.size());
        QVERIFY(rowOf(gone).has_value());
        QCOMPARE(rowOf(writtenAgain)->metadata.requestId, QStringLiteral("gen-1"));
        QVERIFY(!rowOf(nameOf(900)).has_value());

        QVERIFY(index.insert({row(nameOf(901), QStringLiteral("gen-3"))}).ok());
        QCOMPARE(index.deferredRemovals(), 0);
        QVERIFY(!rowOf(gone).has_value());
        QVERIFY(!rowOf(writtenAgain).has_value());
        QVERIFY(rowOf(nameOf(901)).has_value());
    }

    // The index stores each part's metadata as the text toJsonText() writes field by field: the
    // same bytes as Qt's own compact writer, for parts that share their request and for others.
    void theRowTextIsQtsCompactText()
    {
        FileMetadata bass = sampleMetadata();
        bass.created = QDateTime::fromMSecsSinceEpoch(1764938400123, Qt::UTC);
        bass.pluginId = QStringLiteral("daw-\u00e9\u266b \"1\"");
        bass.generationMs = 0.1 + 0.2;
        bass.bars = 4.5;
        FileMetadata drums = bass;
        drums.trackType = QStringLiteral("drums");
        drums.fileName = QStringLiteral("20261124-120001-123_drums_C_120_abcdef.mid");
        FileMetadata other = sampleMetadata();
        other.request.insert(QStringLiteral("tempo"), 97.25);   // not the shared object any more
        JsonTextCache shared;
        for (const FileMetadata &metadata : {bass, drums, other}) {
            const QByteArray expected = QJsonDocument(metadata.toJson()).toJson(QJsonDocument::Compact);
            QCOMPARE(metadata.toJsonText(&shared), expected);
            QCOMPARE(metadata.toJsonText(), expected);
            QCOMPARE(FileMetadata::fromJson(QJsonDocument::fromJson(expected).object()), std::optional<FileMetadata>(metadata));
        }
    }

    // A trim keeps the file it takes as a spare, and the next part is written into it: the same
    // inode (no new file made), exactly the new bytes (shorter than the old), listed and indexed;
    // no spare survives a restart.
    void aTrimmedFileIsWrittenAgainAsTheNextPart()
    {
        QTemporaryDir dir;
        const QByteArray longBytes = midiBytes(90.0, 64) + QByteArray(3000, '\0');
        const QByteArray shortBytes = midiBytes(120.0, 4);
        QVERIFY(shortBytes.size() < longBytes.size());
        struct stat before {};
        {
            FileStore store(dir.path());
            QVERIFY(store.prepare().ok());
            const StoredFile old = *store.write(kBass, longBytes, sampleMetadata());
            QCOMPARE(::stat(QFile::encodeName(old.path).constData(), &before), 0);
            QVERIFY(store.write(kBass, "x").ok());
            // The older by a minute: two files written in the same millisecond would tie.
            age(old.path, QDateTime::currentDateTimeUtc().addSecs(-60));
            QCOMPARE(store.cleanup(CleanupPolicy{0.0, 1, 60}), QStringList{old.name});
            QVERIFY(!QFile::exists(old.path));

            const StoredFile fresh = *store.write(kBass, shortBytes, sampleMetadata());
            struct stat after {};
            QCOMPARE(::stat(QFile::encodeName(fresh.path).constData(), &after), 0);
            QCOMPARE(after.st_ino, before.st_ino);
            QCOMPARE(after.st_size, static_cast<off_t>(shortBytes.size()));
            QFile written(fresh.path);
            QVERIFY(written.open(QIODevice::ReadOnly));
            QCOMPARE(written.readAll(), shortBytes);
            QCOMPARE(store.count(), 2);
            QVERIFY(store.readSidecar(fresh.name).has_value());
            QVERIFY(store.write(kBass, "y").ok());
            QCOMPARE(store.trim(CleanupPolicy{0.0, 1, 60}).size(), 2);
            QCOMPARE(everythingButTheIndex(dir.path()).filter(QStringLiteral(".aiband-spare-")).size(), 2);
        }
        FileStore restarted(dir.path());
        QVERIFY(restarted.prepare().ok());
        QCOMPARE(everythingButTheIndex(dir.path()).size(), 1);   // the newest part, no spare
        QCOMPARE(restarted.count(), 1);
    }

    // A download, a DAW or the window may still read a file a trim took: it keeps its bytes, and
    // the next part goes into a new file.
    void aTrimmedFileStillBeingReadKeepsItsBytes()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        const StoredFile old = *store.write(kBass, "the old take's bytes");
        QFile reader(old.path);
        QVERIFY(reader.open(QIODevice::ReadOnly));
        QVERIFY(store.write(kBass, "x").ok());
        age(old.path, QDateTime::currentDateTimeUtc().addSecs(-60));   // a same-millisecond tie otherwise
        QCOMPARE(store.cleanup(CleanupPolicy{0.0, 1, 60}), QStringList{old.name});
        const StoredFile fresh = *store.write(kBass, "the new take");
        QCOMPARE(reader.readAll(), QByteArray("the old take's bytes"));
        QFile written(fresh.path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(written.readAll(), QByteArray("the new take"));
        QCOMPARE(everythingButTheIndex(dir.path()).size(), 2);   // x and the new take: no spare kept
    }

    // A client's delete means the bytes leave the disk: nothing is kept to be written over.
    void aDeletedFileIsNotKeptAsASpare()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        const StoredFile old = *store.write(kBass, "private");
        QVERIFY(store.remove(old.name).ok());
        QVERIFY(everythingButTheIndex(dir.path()).isEmpty());
    }

    void aYoungFileIsNeverRemovedForItsAgeButTheCountHolds()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QStringList byAge;   // oldest first
        for (int i = 0; i < 3; ++i) {
            const StoredFile file = *store.write(kBass, "x");
            age(file.path, now.addSecs(-30 - (2 - i)));
            byAge.append(file.name);
        }
        // Over an age limit of 36 s, but only about 30 s old: all kept for their youth.
        QVERIFY(store.cleanup(CleanupPolicy{0.01, 1000, 60}, now).isEmpty());
        QCOMPARE(store.count(), 3);
        // Over the count: the oldest go whatever their age (a burst of generations is all
        // younger than a minute, and plugin.max_files is what keeps the disk from filling).
        QCOMPARE(store.trim(CleanupPolicy{0.01, 1, 60}, now), byAge.mid(0, 2));
        QCOMPARE(store.list().size(), 1);
        QCOMPARE(store.list().first().name, byAge.last());
        // Thirty seconds later the last is a minute old and goes for its age.
        QCOMPARE(store.cleanup(CleanupPolicy{0.01, 1000, 60}, now.addSecs(31)), byAge.mid(2));
        QCOMPARE(store.count(), 0);
    }

    void theCountHoldsDuringABurstOfWrites()
    {
        QTemporaryDir dir;
        FileStore store(dir.path(), false);
        QVERIFY(store.prepare().ok());
        constexpr int kMaxFiles = 20;
        FileCleanup cleanup(&store, CleanupPolicy{24.0, kMaxFiles, 60});
        QList<StoredFile> written;
        std::optional<FilePin> downloading;
        for (int i = 0; i < 300; ++i) {
            written.append(*store.write(kBass, QByteArray::number(i)));
            if (i == 5)
                downloading.emplace(store, written.first().name);   // being read all along
            cleanup.fileWritten();
            if (i % 10 == 0)
                QCoreApplication::processEvents();   // the server's loop, between requests
        }
        // Every file is seconds old, the burst is over: the count holds, with the pinned file and
        // the newest ones kept.
        QTRY_COMPARE(store.count(), kMaxFiles);
        QSet<QString> kept;
        for (const StoredFile &file : store.list())
            kept.insert(file.name);
        // Newest in the store's order: files written in the same millisecond go by name.
        const QString pinned = written.first().name;
        std::sort(written.begin(), written.end(), [](const StoredFile &a, const StoredFile &b) {
            return a.modified != b.modified ? a.modified > b.modified : a.name > b.name;
        });
        QSet<QString> expected{pinned};
        for (const StoredFile &file : written.mid(0, kMaxFiles - 1))
            expected.insert(file.name);
        QCOMPARE(kept, expected);
        QCOMPARE(visibleFiles(dir.path()).size(), kMaxFiles);
    }

    // A folder over the count loses a little more than its excess (CleanupPolicy::kTrimMargin),
    // so writing a file at a time trims every few writes, not after each.
    void aFolderOverTheCountIsTrimmedALittleUnderIt()
    {
        QCOMPARE((CleanupPolicy{0.0, 31, 60}.keptAfterTrim()), 31);   // a small limit is kept exactly
        QCOMPARE((CleanupPolicy{0.0, 1000, 60}.keptAfterTrim()), 969);
        QTemporaryDir dir;
        FileStore store(dir.path(), false);
        QVERIFY(store.prepare().ok());
        const CleanupPolicy policy{0.0, 320, 60};
        QList<StoredFile> written;
        int trims = 0;
        int most = 0;
        for (int i = 0; i < 600; ++i) {
            written.append(*store.write(kBass, QByteArray::number(i)));
            most = std::max(most, store.count());
            if (store.count() > policy.maxFiles) {   // as FileCleanup::fileWritten() asks
                const QStringList trimmed = store.trim(policy);
                QCOMPARE(trimmed.size(), 11);          // 321 files down to 310
                ++trims;
            }
        }
        QCOMPARE(most, 321);                           // over by one file, until its trim
        QCOMPARE(trims, 26);                           // where one trim a write made 280
        QCOMPARE(store.count(), 310 + (600 - 321) % 11);
        QCOMPARE(visibleFiles(dir.path()).size(), store.count());
        // The newest are the ones kept.
        std::sort(written.begin(), written.end(), [](const StoredFile &a, const StoredFile &b) {
            return a.modified != b.modified ? a.modified > b.modified : a.name > b.name;
        });
        QSet<QString> expected;
        for (const StoredFile &file : written.mid(0, store.count()))
            expected.insert(file.name);
        QSet<QString> kept;
        for (const StoredFile &file : store.list())
            kept.insert(file.name);
        QCOMPARE(kept, expected);
    }

    void cleanupNeverRemovesAPinnedFile()
    {
        QTemporaryDir dir;
        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const StoredFile downloading = *store.write(kBass, "a");
        const StoredFile other = *store.write(kBass, "b");
        age(downloading.path, now.addSecs(-48 * 3600));
        age(other.path, now.addSecs(-48 * 3600));
        {
            const FilePin pin(store, downloading.name);
            const FilePin nested(store, downloading.name);
            QVERIFY(store.isPinned(downloading.name));
            QCOMPARE(store.cleanup(CleanupPolicy{24.0, 1000, 60}, now), QStringList{other.name});
            QVERIFY(QFile::exists(downloading.path));
        }
        QVERIFY(!store.isPinned(downloading.name));
        QCOMPARE(store.pinnedCount(), 0);
        QCOMPARE(store.cleanup(CleanupPolicy{24.0, 1000, 60}, now), QStringList{downloading.name});
    }

    void leftoversOfAnInterruptedRunAreRemovedAtStart()
    {
        QTemporaryDir dir;
        const QString name = QStringLiteral("20261124-120001-123_bass_C_120_abcdef.mid");
        const QString gone = QStringLiteral("20261124-120001-124_drums_Fsm_96_012345.mid");
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral(".aiband-meta"))));
        const QString meta = dir.filePath(QStringLiteral(".aiband-meta/"));
        const QStringList leftovers{
            dir.filePath(QLatin1Char('.') + gone + QStringLiteral(".partial")),   // a take never committed
            dir.filePath(gone + QStringLiteral(".Ab3dE9")),                       // older versions' QSaveFile temporary
            meta + QLatin1Char('.') + gone + QStringLiteral(".json.partial"),     // older versions' sidecars
            meta + gone + QStringLiteral(".json.x1Y2z3"),
            meta + gone + QStringLiteral(".json"),
        };
        const QStringList kept{
            dir.filePath(name),
            dir.filePath(QStringLiteral("notes.txt")), dir.filePath(QStringLiteral("song.mid.Ab3dE9")),
            dir.filePath(QStringLiteral(".hidden.partial")),
        };
        for (const QString &path : leftovers + kept)
            touch(path);

        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        for (const QString &path : leftovers)
            QVERIFY2(!QFile::exists(path), qPrintable(path));
        for (const QString &path : kept)
            QVERIFY2(QFile::exists(path), qPrintable(path));
        QVERIFY(store.removeLeftovers().isEmpty());
        QCOMPARE(store.list().size(), 1);
        QVERIFY(store.indexedPart(name).has_value());   // a file without a row gets one
    }

    // What a kill between a take's commit (its rows) and its renames leaves: the take is finished
    // at start when every part is still there, whole, under its hidden name; a take that lost a
    // part (a power cut took a name never synced) is removed, rows and files. Never half a take.
    void anInterruptedTakeIsFinishedOrRemovedWholeAtStart()
    {
        QTemporaryDir dir;
        const QString bass = QStringLiteral("20261124-120001-123_bass_C_120_aaaaaa.mid");
        const QString drums = QStringLiteral("20261124-120001-123_drums_C_120_bbbbbb.mid");
        const QString lostBass = QStringLiteral("20261124-120002-123_bass_C_120_cccccc.mid");
        const QString lostDrums = QStringLiteral("20261124-120002-123_drums_C_120_dddddd.mid");
        // A durable take's rows are committed while its parts are synced: a power cut can leave
        // the rows with a hidden part that is empty or short.
        const QString cutBass = QStringLiteral("20261124-120003-123_bass_C_120_eeeeee.mid");
        const QString cutDrums = QStringLiteral("20261124-120003-123_drums_C_120_ffffff.mid");
        const auto row = [](const QString &name, const QString &take, const QByteArray &bytes = {}) { return partOfTake(name, take, bytes); };
        {
            TakesIndex index(dir.path(), true);
            QVERIFY(index.open().ok());
            QVERIFY(index.insert({row(bass, bass, "bass"), row(drums, bass, "drums")}).ok());
            QVERIFY(index.insert({row(lostBass, lostBass), row(lostDrums, lostBass)}).ok());
            QVERIFY(index.insert({row(cutBass, cutBass, "cut bass"), row(cutDrums, cutBass, "cut drums")}).ok());
        }
        touch(dir.filePath(bass), "bass");                                            // renamed in
        touch(dir.filePath(QLatin1Char('.') + drums + QStringLiteral(".partial")), "drums");   // not yet
        touch(dir.filePath(QLatin1Char('.') + lostBass + QStringLiteral(".partial")), "lost");  // its drums are gone
        touch(dir.filePath(QLatin1Char('.') + cutBass + QStringLiteral(".partial")), "cut bass");    // whole
        touch(dir.filePath(QLatin1Char('.') + cutDrums + QStringLiteral(".partial")), "cut dr");     // short

        FileStore store(dir.path());
        QVERIFY(store.prepare().ok());
        QCOMPARE(everythingButTheIndex(dir.path()), (QStringList{bass, drums}));
        QVERIFY(!store.indexedPart(cutBass).has_value());
        QVERIFY(!store.indexedPart(cutDrums).has_value());
        QFile finished(dir.filePath(drums));
        QVERIFY(finished.open(QIODevice::ReadOnly));
        QCOMPARE(finished.readAll(), QByteArray("drums"));
        QVERIFY(store.readMetadata(drums).has_value());
        QVERIFY(!store.readSidecar(lostBass).has_value());
        QVERIFY(!store.readSidecar(lostDrums).has_value());
        QCOMPARE(store.count(), 2);
    }

    void folderReplacedByAFileIsAWriteFailure_data()
    {
        QTest::addColumn<bool>("durable");
        QTest::newRow("durable") << true;
        QTest::newRow("renamed") << false;
    }

    void folderReplacedByAFileIsAWriteFailure()
    {
        QFETCH(bool, durable);
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("files"));
        FileStore store(folder, durable);
        QVERIFY(store.prepare().ok());
        QVERIFY(QDir(folder).removeRecursively());
        touch(folder);   // a file where the folder was: fails for root too
        for (const bool withMetadata : {false, true}) {
            const Result<StoredFile> file = withMetadata ? store.write(kBass, "MThd", sampleMetadata())
                                                         : store.write(kBass, "MThd");
            QVERIFY(!file.ok());
            QCOMPARE(file.error().code, QStringLiteral("write_failed"));
            QVERIFY2(file.error().message.contains(folder), qPrintable(file.error().message));
        }
    }

    void aFullDiskIsInsufficientStorageAndLeavesNothing_data()
    {
        QTest::addColumn<bool>("durable");
        QTest::addColumn<bool>("withMetadata");
        QTest::newRow("durable") << true << false;
        QTest::newRow("renamed") << false << false;
        QTest::newRow("durable with metadata") << true << true;
        QTest::newRow("renamed with metadata") << false << true;
    }

    void aFullDiskIsInsufficientStorageAndLeavesNothing()
    {
        QFETCH(bool, durable);
        QFETCH(bool, withMetadata);
        QTemporaryDir dir;
        FileStore store(dir.path(), durable);
        QVERIFY(store.prepare().ok());
        QCOMPARE(store.count(), 0);
        // The index row is small (and the index made before the limit); the MIDI bytes are what
        // does not fit.
        const QByteArray big(4096, 'M');
        {
            const FileSizeLimit limit(2048);
            QVERIFY(limit.ok());
            const Result<StoredFile> file = withMetadata ? store.write(kBass, big, sampleMetadata())
                                                         : store.write(kBass, big);
            QVERIFY(!file.ok());
            QCOMPARE(file.error().code, QStringLiteral("insufficient_storage"));
            QVERIFY2(file.error().message.contains(QStringLiteral("no room")), qPrintable(file.error().message));
            QVERIFY2(file.error().message.contains(dir.path()), qPrintable(file.error().message));
        }
        // Nothing half-written anywhere: no file, no temporary, no row.
        QCOMPARE(everythingButTheIndex(dir.path()), QStringList());
        QCOMPARE(store.count(), 0);
        FileStore restarted(dir.path(), durable);
        QVERIFY(restarted.prepare().ok());
        QCOMPARE(restarted.count(), 0);
        // With room again, writing works.
        const Result<StoredFile> file = store.write(kBass, big, sampleMetadata());
        QVERIFY(file.ok());
        QCOMPARE(file->sizeBytes, big.size());
    }
};

QTEST_GUILESS_MAIN(TestFileStore)
#include "tst_file_store.moc"
