// The file store through the HTTP API: metadata in listings, regenerate, refused file names for
// every route that takes one, storage failures answered (507/500) instead of crashing, and a
// generation that throws or runs over its deadline answered while the server goes on.

#include "FileSizeLimit.h"
#include "RawHttp.h"
#include "TestServer.h"
#include "files/TakesIndex.h"
#include "generation/GenerationResult.h"
#include "music/Key.h"
#include "server/FileListing.h"
#include "util/CompactJson.h"
#include "util/IsoTime.h"

#include <QDir>
#include <QJsonDocument>
#include <QFile>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QTimeZone>

#include <algorithm>
#include <limits>
#include <stdexcept>

using namespace aiband;
using namespace aiband::test;

namespace {

QByteArray bassRequest(const QString &seed = QStringLiteral("42"))
{
    return QStringLiteral(R"({"chord_progression": {"chords": "Dm7 | G7 | Cmaj7 | Cmaj7", "tempo": 110},
                              "style": "jazz_swing", "track_types": ["bass", "drums"], "swing": 0.3,
                              "plugin_id": "daw-1", "seed": %1})").arg(seed).toUtf8();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A request sent byte for byte, so that nothing between the test and the server normalises
// "..", backslashes or percent escapes in the path.
RawResponse rawRequest(const QUrl &base, const QByteArray &method, const QByteArray &path)
{
    return rawExchange(static_cast<quint16>(base.port()),
                       method + ' ' + path + " HTTP/1.1\r\nHost: " + base.authority().toLatin1()
                           + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}

QStringList names(const QList<StoredFile> &files)
{
    QStringList names;
    for (const StoredFile &file : files)
        names.append(file.name);
    return names;
}

QStringList namesIn(const HttpResult &listing)
{
    QStringList names;
    for (const QJsonValue &file : listing.json.value(QStringLiteral("files")).toArray())
        names.append(file.toObject().value(QStringLiteral("name")).toString());
    return names;
}

QJsonValue nextCursorOf(const FilePage &page)
{
    return page.next ? QJsonValue(page.next->encode()) : QJsonValue();
}

// GET /api/files' answer as it was made before it was written as text: a QJsonObject per file
// (StoredFile::toJson(), the URL, FileMetadata::toJson() read one row at a time), in Qt's own
// compact text.
QByteArray filesPageAsObjects(const FileStore &store, const FilePage &page, const QUrl &baseUrl)
{
    QJsonArray files;
    for (const StoredFile &file : page.files) {
        QJsonObject entry = file.toJson();
        entry.insert(QStringLiteral("url"), fileDownloadUrl(baseUrl, file.name).toString());
        const std::optional<FileMetadata> metadata = store.readSidecar(file.name);
        entry.insert(QStringLiteral("metadata"), metadata ? QJsonValue(metadata->toJson()) : QJsonValue());
        entry.insert(QStringLiteral("created"), unixSeconds(metadata ? metadata->created : file.modified));
        files.append(entry);
    }
    const QJsonObject answer{{QStringLiteral("files"), files},
                             {QStringLiteral("count"), files.size()},
                             {QStringLiteral("total"), page.total},
                             {QStringLiteral("next_cursor"), nextCursorOf(page)},
                             {QStringLiteral("files_dir"), store.directory()}};
    return QJsonDocument(answer).toJson(QJsonDocument::Compact);
}

// GET /api/midi/list's answer the same way.
QByteArray midiListAsObjects(const FilePage &page, const QUrl &baseUrl)
{
    QJsonArray files;
    for (const StoredFile &file : page.files) {
        files.append(QJsonObject{{QStringLiteral("file_id"), file.name},
                                 {QStringLiteral("filename"), file.name},
                                 {QStringLiteral("track_type"), file.trackType},
                                 {QStringLiteral("key"), Key::nameFromFileNameToken(file.name.section(QLatin1Char('_'), 2, 2))},
                                 {QStringLiteral("tempo"), file.name.section(QLatin1Char('_'), 3, 3).toInt()},
                                 {QStringLiteral("url"), fileDownloadUrl(baseUrl, file.name).toString()},
                                 {QStringLiteral("path"), file.path},
                                 {QStringLiteral("size_bytes"), file.sizeBytes},
                                 {QStringLiteral("created"), file.modified.toUTC().toString(Qt::ISODateWithMs)}});
    }
    const QJsonObject answer{{QStringLiteral("files"), files},
                             {QStringLiteral("count"), files.size()},
                             {QStringLiteral("total"), page.total},
                             {QStringLiteral("next_cursor"), nextCursorOf(page)}};
    return QJsonDocument(answer).toJson(QJsonDocument::Compact);
}

// Metadata with everything a writer can get wrong: escapes, control characters, non-ASCII, a
// lone surrogate, numbers whole and not, tiny and huge, the largest seed, a time given with an
// offset.
FileMetadata awkwardMetadata()
{
    FileMetadata metadata;
    metadata.request = QJsonObject{{QStringLiteral("chord_progression"), QStringLiteral("C | \"Am\"\n\t\\ F")},
                                   {QStringLiteral("tempo"), 0.1},
                                   {QStringLiteral("huge"), 1e21},
                                   {QStringLiteral("negative"), -3.5},
                                   {QStringLiteral("whole"), 1000000.0},
                                   {QStringLiteral("text"), QStringLiteral("zoë 🎵 \u0001") + QChar(0xd800)},
                                   {QStringLiteral("list"), QJsonArray{1, 2.5, QJsonValue(), true, QStringLiteral("x")}}};
    metadata.arrangementText = compactJson(QJsonObject{{QStringLiteral("bars"), 4}, {QStringLiteral("style"), QStringLiteral("pop")}});
    metadata.style = QStringLiteral("pop\u0007");
    metadata.feelText = compactJson(QJsonObject{{QStringLiteral("swing_ratio"), 2.0 / 3.0}});
    metadata.seed = 4294967295u;
    metadata.pluginId = QStringLiteral("daw-ü");
    metadata.requestId = QStringLiteral("gen-\"1\"");
    metadata.trackType = QStringLiteral("keys");
    metadata.key = QStringLiteral("F#m");
    metadata.tempoBpm = 97.5;
    metadata.bars = 2.25;
    metadata.created = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), QTimeZone(19800));
    metadata.generationMs = 1234.5678;
    return metadata;
}

// What the takes folder holds besides its index (the database, its WAL and shared memory).
QStringList withoutIndex(const QString &folder)
{
    QStringList files = QDir(folder).entryList(QDir::Files | QDir::Hidden);
    files.removeIf([](const QString &name) { return name.startsWith(QLatin1String(TakesIndex::kFileName)); });
    return files;
}

} // namespace

class TestFileApi : public QObject {
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;

    QStringList generate(const QByteArray &body = bassRequest())
    {
        const HttpResult result = m_server->post(QStringLiteral("/api/generate"), body);
        QStringList names;
        for (const QJsonValue &name : result.json.value(QStringLiteral("files")).toArray())
            names.append(name.toString());
        return names;
    }

    // A server started on a takes folder that already holds `count` files.
    bool restartWithFiles(int count)
    {
        Config config;
        config.maxFiles = count + 100;
        m_server = std::make_unique<TestServer>(config);
        FileStore earlier(m_server->filesDir(), false);
        if (!earlier.prepare())
            return false;
        for (int i = 0; i < count; ++i) {
            if (!earlier.write({QStringLiteral("bass"), QStringLiteral("C"), 120}, "x"))
                return false;
        }
        return m_server->start();
    }

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
    }
    void cleanup() { m_server.reset(); }

    // The window regenerates for the person at the computer: the limits that protect the server
    // from network clients (here one generation a day for daw-1) never refuse it, while the
    // plugin's own regeneration over HTTP is refused.
    void theWindowIsNotLimitedButPluginsAre()
    {
        Config config;
        config.generationBurst = 1;
        config.generationRatePerMinute = 1.0 / 1440;
        m_server = std::make_unique<TestServer>(config);
        QVERIFY(m_server->start());
        const QStringList names = generate();   // daw-1's one token
        QCOMPARE(names.size(), 2);
        const HttpResult refused = m_server->post(QStringLiteral("/api/files/") + names.first() + QStringLiteral("/regenerate"), "{}");
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.errorCode(), QStringLiteral("rate_limited"));

        QList<Result<GenerationResult>> answers;
        for (int i = 0; i < 6; ++i)   // more than server.max_generations_per_client (4) at once
            m_server->orchestrator->session().regenerate(names.at(i % 2), static_cast<quint32>(i), Requester::fromWindow(),
                                                         [&](const Result<GenerationResult> &result) { answers.append(result); });
        QTRY_COMPARE(answers.size(), 6);
        for (const Result<GenerationResult> &answer : answers)
            QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().message));
    }

    // A song the asked parts would play nothing of is refused before anything is written
    // (drums keep time over N.C., so a drum part of it is fine).
    void aSilentSongIsRefusedAndWritesNothing()
    {
        const HttpResult silent = m_server->post(QStringLiteral("/api/generate"),
            R"({"chord_progression": {"chords": "N.C. | N.C."}, "track_types": ["bass", "keys"]})");
        QCOMPARE(silent.status, 422);
        QCOMPARE(silent.errorJson().value(QStringLiteral("field")).toString(), QStringLiteral("chord_progression.chords"));
        QCOMPARE(m_server->get(QStringLiteral("/api/files")).json.value(QStringLiteral("count")).toInt(), 0);
        const HttpResult drums = m_server->post(QStringLiteral("/api/generate"),
            R"({"chord_progression": {"chords": "N.C. | N.C."}, "track_types": ["drums"]})");
        QCOMPARE(drums.status, 200);
        QVERIFY(drums.json.value(QStringLiteral("file_details")).toArray().first().toObject()
                    .value(QStringLiteral("note_count")).toInt() > 0);
    }

    void listingsCarryEachFilesMetadata()
    {
        const QStringList names = generate();
        QCOMPARE(names.size(), 2);
        const HttpResult list = m_server->get(QStringLiteral("/api/files"));
        QCOMPARE(list.status, 200);
        const QJsonArray files = list.json.value(QStringLiteral("files")).toArray();
        QCOMPARE(files.size(), 2);
        for (const QJsonValue &value : files) {
            const QJsonObject entry = value.toObject();
            // The fields that were there before stay.
            for (const char *field : {"name", "path", "size_bytes", "modified", "track_type", "url"})
                QVERIFY2(entry.contains(QLatin1String(field)), field);
            const QJsonObject metadata = entry.value(QStringLiteral("metadata")).toObject();
            QCOMPARE(metadata.value(QStringLiteral("file_name")).toString(), entry.value(QStringLiteral("name")).toString());
            QCOMPARE(metadata.value(QStringLiteral("track_type")).toString(), entry.value(QStringLiteral("track_type")).toString());
            QCOMPARE(metadata.value(QStringLiteral("seed")).toInteger(), 42);
            QCOMPARE(metadata.value(QStringLiteral("style")).toString(), QStringLiteral("jazz_swing"));
            QCOMPARE(metadata.value(QStringLiteral("plugin_id")).toString(), QStringLiteral("daw-1"));
            QCOMPARE(metadata.value(QStringLiteral("key")).toString(), QStringLiteral("C"));
            QCOMPARE(metadata.value(QStringLiteral("tempo")).toDouble(), 110.0);
            QCOMPARE(metadata.value(QStringLiteral("bars")).toDouble(), 4.0);
            QVERIFY(metadata.value(QStringLiteral("request_id")).toString().startsWith(QStringLiteral("gen-")));
            QVERIFY(metadata.value(QStringLiteral("generation_ms")).toDouble() > 0);
            QVERIFY(!metadata.value(QStringLiteral("created")).toString().isEmpty());
            QCOMPARE(metadata.value(QStringLiteral("feel")).toObject().value(QStringLiteral("swing_ratio")).toDouble(),
                     metadata.value(QStringLiteral("arrangement")).toObject().value(QStringLiteral("feel")).toObject()
                         .value(QStringLiteral("swing_ratio")).toDouble());
            // The request as sent, so the file can be made again.
            const QJsonObject request = metadata.value(QStringLiteral("request")).toObject();
            QCOMPARE(request.value(QStringLiteral("swing")).toDouble(), 0.3);
            QCOMPARE(request.value(QStringLiteral("chord_progression")).toObject().value(QStringLiteral("chords")).toString(),
                     QStringLiteral("Dm7 | G7 | Cmaj7 | Cmaj7"));
        }
        // The folder plugins watch holds the MIDI files only.
        QCOMPARE(QDir(m_server->filesDir()).entryList(QDir::Files).size(), 2);
    }

    void regenerateWithTheSameSeedGivesTheSameBytes()
    {
        const QStringList names = generate();
        const QString bass = names.first();
        QVERIFY(bass.contains(QStringLiteral("_bass_")));
        QSignalSpy generated(&m_server->orchestrator->session(), &BandSession::filesGenerated);
        const HttpResult again = m_server->post(QStringLiteral("/api/files/") + bass + QStringLiteral("/regenerate"),
                                                R"({"seed": 42})");
        QCOMPARE(again.status, 200);
        // The answer has /api/generate's shape: one new file, for the bass only.
        QCOMPARE(again.json.value(QStringLiteral("success")).toBool(), true);
        const QJsonArray files = again.json.value(QStringLiteral("files")).toArray();
        QCOMPARE(files.size(), 1);
        const QString copy = files.first().toString();
        QVERIFY(copy != bass);
        QVERIFY(copy.contains(QStringLiteral("_bass_C_110_")));
        QCOMPARE(again.json.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("seed")).toInteger(), 42);
        QCOMPARE(readFile(m_server->filesDir() + QLatin1Char('/') + copy),
                 readFile(m_server->filesDir() + QLatin1Char('/') + bass));
        QCOMPARE(generated.count(), 1);   // announced like any generation (plugins, UI)
    }

    void regenerateCountsAgainstThePluginThatAskedForTheOriginal()
    {
        Config config;
        config.generationBurst = 2;              // two generations, then the rate (almost none)
        config.generationRatePerMinute = 0.01;
        m_server = std::make_unique<TestServer>(config);
        QVERIFY(m_server->start());
        const QString bass = generate().first();   // daw-1's first
        const QString path = QStringLiteral("/api/files/") + bass + QStringLiteral("/regenerate");
        QCOMPARE(m_server->post(path, {}).status, 200);   // daw-1's second
        const HttpResult limited = m_server->post(path, {});
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.errorCode(), QStringLiteral("rate_limited"));
        // A bad name is still answered as such, before any limit.
        const HttpResult missing = m_server->post(
            QStringLiteral("/api/files/20261124-120001-123_bass_C_120_abcdef.mid/regenerate"), {});
        QCOMPARE(missing.status, 404);
        // Another plugin has its own allowance.
        QByteArray other = bassRequest();
        other.replace("daw-1", "daw-2");
        QCOMPARE(generate(other).size(), 2);   // bass and drums
    }

    void regenerateWithoutASeedVaries()
    {
        const QString bass = generate().first();
        const HttpResult varied = m_server->post(QStringLiteral("/api/files/") + bass + QStringLiteral("/regenerate"), {});
        QCOMPARE(varied.status, 200);
        const QJsonObject metadata = varied.json.value(QStringLiteral("metadata")).toObject();
        const qint64 seed = metadata.value(QStringLiteral("seed")).toInteger();
        QCOMPARE(metadata.value(QStringLiteral("defaults_used")).toObject().value(QStringLiteral("seed")).toInteger(), seed);
        QCOMPARE(metadata.value(QStringLiteral("style")).toString(), QStringLiteral("jazz_swing"));
        const QString copy = varied.json.value(QStringLiteral("files")).toArray().first().toString();
        // The new file's own sidecar has the new seed, so it can be regenerated in turn.
        const auto sidecar = m_server->orchestrator->session().files().readMetadata(copy);
        QVERIFY(sidecar.has_value());
        QCOMPARE(static_cast<qint64>(sidecar->seed), seed);
        if (seed != 42)
            QVERIFY(readFile(m_server->filesDir() + QLatin1Char('/') + copy)
                    != readFile(m_server->filesDir() + QLatin1Char('/') + bass));
    }

    void regenerateThroughTheOrchestrator()
    {
        const QString bass = generate().first();
        std::optional<Result<GenerationResult>> answer;
        m_server->orchestrator->session().regenerate(bass, 42u, Requester::fromWindow(), [&](const Result<GenerationResult> &result) { answer = result; });
        QTRY_VERIFY(answer.has_value());
        QVERIFY(answer->ok());
        QCOMPARE((*answer)->files.size(), 1);
        QCOMPARE((*answer)->arrangement.seed, 42);

        std::optional<Result<GenerationResult>> missing;
        m_server->orchestrator->session().regenerate(QStringLiteral("20261124-120001-123_bass_C_120_abcdef.mid"), std::nullopt, Requester::fromWindow(),
                                           [&](const Result<GenerationResult> &result) { missing = result; });
        QTRY_VERIFY(missing.has_value());
        QCOMPARE(missing->error().code, QStringLiteral("file_not_found"));
    }

    void regenerateRefusesBadBodiesAndFilesWithoutMetadata()
    {
        const QString bass = generate().first();
        const QString path = QStringLiteral("/api/files/") + bass + QStringLiteral("/regenerate");
        for (const QByteArray &body : {QByteArray(R"({"seed": -1})"), QByteArray(R"({"seed": 4294967296})"),
                                      QByteArray(R"({"seed": 1.5})"), QByteArray(R"({"seed": "7"})")}) {
            const HttpResult bad = m_server->post(path, body);
            QCOMPARE(bad.status, 422);
            QCOMPARE(bad.errorField(),
                     QStringLiteral("seed"));
        }
        const HttpResult unknown = m_server->post(path, R"({"style": "funk"})");
        QCOMPARE(unknown.status, 422);
        QCOMPARE(unknown.errorField(),
                 QStringLiteral("style"));
        QCOMPARE(m_server->post(path, "[1]").status, 400);

        QVERIFY(TakesIndex(m_server->filesDir(), false).remove({bass}).ok());   // its row gone
        const HttpResult orphan = m_server->post(path, {});
        QCOMPARE(orphan.status, 404);
        QCOMPARE(orphan.errorCode(), QStringLiteral("metadata_not_found"));
        // Refused requests made no file.
        QCOMPARE(m_server->orchestrator->session().files().list().size(), 2);
    }

    // The takes index lost (or damaged) while the server was stopped: the next start rebuilds it
    // from the MIDI files. The files are listed and served as before; what needs the request
    // (regenerate) answers 404 metadata_not_found; new takes are indexed as ever.
    void aLostOrDamagedIndexIsRebuiltAtStart_data()
    {
        QTest::addColumn<bool>("damaged");
        QTest::newRow("lost") << false;
        QTest::newRow("damaged") << true;
    }

    void aLostOrDamagedIndexIsRebuiltAtStart()
    {
        QFETCH(bool, damaged);
        const QStringList take = generate();
        QCOMPARE(take.size(), 2);
        const Config config = m_server->orchestrator->config();
        const QString index = m_server->filesDir() + QLatin1Char('/') + QLatin1String(TakesIndex::kFileName);
        m_server->orchestrator.reset();
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(index + QLatin1String(suffix));
        if (damaged) {
            QFile garbage(index);
            QVERIFY(garbage.open(QIODevice::WriteOnly));
            garbage.write(QByteArray(4096, '\x5a'));
        }
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("takes index rebuilt from 2 MIDI files")));
        if (damaged)
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot be used .* moved aside")));
        m_server->orchestrator = std::make_unique<Orchestrator>(config, nullptr);
        QVERIFY(m_server->start());

        const HttpResult listed = m_server->get(QStringLiteral("/api/files"));
        QCOMPARE(listed.status, 200);
        QCOMPARE(listed.json.value(QStringLiteral("files")).toArray().size(), 2);
        const std::optional<IndexedPart> row = m_server->orchestrator->session().files().indexedPart(take.first());
        QVERIFY(row.has_value() && row->recovered);
        QCOMPARE(row->metadata.trackType, QStringLiteral("bass"));
        QCOMPARE(row->metadata.bars, 4.0);
        const HttpResult again = m_server->post(QStringLiteral("/api/files/") + take.first() + QStringLiteral("/regenerate"), "{}");
        QCOMPARE(again.status, 404);
        QCOMPARE(again.errorCode(), QStringLiteral("metadata_not_found"));
        QVERIFY2(again.errorJson().value(QStringLiteral("message")).toString().contains(QStringLiteral("rebuilt from the MIDI file")),
                 qPrintable(again.errorJson().value(QStringLiteral("message")).toString()));
        // A new take is whole in the index again, and regenerates.
        const QStringList next = generate();
        QCOMPARE(m_server->post(QStringLiteral("/api/files/") + next.first() + QStringLiteral("/regenerate"), "{}").status, 200);
        QCOMPARE(QFile::exists(index + QStringLiteral(".damaged")), damaged);
    }

    // Every route that takes a file name, with every way of naming something else.
    void fileNamesFromClientsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("GET") << QByteArray("GET") << QString();
        QTest::newRow("DELETE") << QByteArray("DELETE") << QString();
        QTest::newRow("regenerate") << QByteArray("POST") << QStringLiteral("/regenerate");
    }

    void fileNamesFromClientsAreRefused()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, suffix);
        QTemporaryDir outside;
        const QString secretPath = outside.filePath(QStringLiteral("secret.mid"));
        {
            QFile secret(secretPath);
            QVERIFY(secret.open(QIODevice::WriteOnly));
            secret.write("TOP-SECRET");
        }
        const QString files = m_server->filesDir();
        const QString real = generate().first();
        // A secret one level up, where ".." would reach.
        QFile::copy(secretPath, files + QStringLiteral("/../secret.mid"));
        // Symlinks in the folder: one with a foreign name, one named as the server names files.
        const QString linkedName = QStringLiteral("20261124-120001-123_bass_C_120_abcdef.mid");
        QVERIFY(QFile::link(secretPath, files + QStringLiteral("/evil.mid")));
        QVERIFY(QFile::link(secretPath, files + QLatin1Char('/') + linkedName));
        {
            // ...with a row of its own, so only the link check stands between it and a client.
            TakesIndex index(files, false);
            std::optional<IndexedPart> row = index.find(real);
            QVERIFY(row.has_value());
            row->metadata.fileName = linkedName;
            QVERIFY(index.insert({*row}).ok());
        }

        const QByteArray absolute = QUrl::toPercentEncoding(secretPath);
        const QList<QPair<QByteArray, int>> attacks{
            {"..", 400},
            {"%2e%2e", 400},
            {"%2E%2E%2fsecret.mid", 400},
            {"..%2fsecret.mid", 400},
            {"x%2f..%2f..%2fsecret.mid", 400},
            {"..\\secret.mid", 400},
            {"..%5csecret.mid", 400},
            {"%5c..%5csecret.mid", 400},
            {real.toLatin1() + "%00", 400},
            {real.toLatin1() + "%00.txt", 400},
            {"%00", 400},
            {absolute, 400},
            {"%2fetc%2fpasswd", 400},
            {"evil.mid", 400},
            {linkedName.toLatin1(), 404},   // the right shape, but a symlink: not one of ours
        };
        for (const auto &[name, status] : attacks) {
            const QByteArray path = "/api/files/" + name + suffix.toLatin1();
            const HttpResult result = rawRequest(m_server->orchestrator->baseUrl(), method, path);
            QVERIFY2(result.status == status, qPrintable(QStringLiteral("%1 %2 answered %3: %4")
                                                             .arg(QString::fromLatin1(method), QString::fromLatin1(path))
                                                             .arg(result.status).arg(QString::fromUtf8(result.body))));
            QCOMPARE(result.errorCode(), status == 400 ? QStringLiteral("invalid_filename") : QStringLiteral("file_not_found"));
            QCOMPARE(result.errorField(),
                     QStringLiteral("filename"));
            QVERIFY(!result.body.contains("TOP-SECRET"));
        }
        // Nothing outside was touched or made; the real file still works.
        QCOMPARE(readFile(secretPath), QByteArray("TOP-SECRET"));
        QVERIFY(QFile::exists(files + QStringLiteral("/../secret.mid")));
        QVERIFY(QFileInfo(files + QLatin1Char('/') + linkedName).isSymLink());
        QCOMPARE(m_server->orchestrator->session().files().list().size(), 2);
        QCOMPARE(rawRequest(m_server->orchestrator->baseUrl(), "GET", "/api/files/" + real.toLatin1()).status, 200);
    }

    // A take appears whole or not at all: the disk fills at its fourth part (the full band, the
    // largest file), and neither the takes nor the watched folders keep its first three.
    void aTakeTheDiskCannotHoldLeavesNothingOfItself()
    {
        const QStringList earlier = generate();   // bass and drums, playing
        const auto midiIn = [](const QString &folder) {
            return QDir(folder).entryList({QStringLiteral("*.mid")}, QDir::Files | QDir::Hidden, QDir::Name);
        };
        const QStringList watchedBefore = midiIn(m_server->watchedDir());
        const QStringList ownBefore = midiIn(m_server->watchedDir() + QStringLiteral("/plugins/daw-1"));
        QCOMPARE(watchedBefore.size(), 2);
        HttpResult full;
        {
            const FileSizeLimit limit(8000);   // bass, drums and keys of 32 bars fit; the full band does not
            QVERIFY(limit.ok());
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("has no room for")));
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^storage problem: .*no room")));
            full = m_server->post(QStringLiteral("/api/generate"),
                R"({"chord_progression": {"chords": "C | Am | F | G", "bars": 32}, "plugin_id": "daw-1",
                    "track_types": ["bass", "drums", "keys", "full"], "seed": 1})");
        }
        QCOMPARE(full.status, 507);
        QCOMPARE(midiIn(m_server->filesDir()), QStringList(earlier.begin(), earlier.end()));
        QCOMPARE(midiIn(m_server->watchedDir()), watchedBefore);
        QCOMPARE(midiIn(m_server->watchedDir() + QStringLiteral("/plugins/daw-1")), ownBefore);
        // The index holds the earlier take's rows, none of the failed one's.
        const QHash<QString, QString> rows = TakesIndex(m_server->filesDir(), false).takesByName();
        QCOMPARE(QSet<QString>(rows.keyBegin(), rows.keyEnd()), QSet<QString>(earlier.begin(), earlier.end()));
    }

    void aFullDiskIsAnswered507AndTheProblemIsShownUntilAWriteWorks()
    {
        Orchestrator &orchestrator = *m_server->orchestrator;
        QSignalSpy problems(&orchestrator.session(), &BandSession::storageProblemChanged);
        QVERIFY(orchestrator.session().storageProblem().isEmpty());
        HttpResult full;
        {
            const FileSizeLimit limit(64);   // below any MIDI file or sidecar
            QVERIFY(limit.ok());
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("has no room for")));
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^storage problem: .*no room")));
            full = m_server->post(QStringLiteral("/api/generate"), bassRequest());
        }
        QCOMPARE(full.status, 507);
        QCOMPARE(full.errorCode(), QStringLiteral("insufficient_storage"));
        const QString message = full.errorJson().value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(QStringLiteral("no room")) && message.contains(m_server->filesDir()), qPrintable(message));
        QCOMPARE(problems.count(), 1);
        QCOMPARE(problems.first().first().toString(), message);
        QCOMPARE(orchestrator.session().storageProblem(), message);
        QCOMPARE(m_server->get(QStringLiteral("/health")).json.value(QStringLiteral("storage_problem")).toString(), message);
        // Nothing was left behind, and the server goes on: the next write clears the problem.
        QCOMPARE(withoutIndex(m_server->filesDir()), QStringList());
        QVERIFY(TakesIndex(m_server->filesDir(), false).takesByName().isEmpty());
        QCOMPARE(m_server->post(QStringLiteral("/api/generate"), bassRequest()).status, 200);
        QCOMPARE(problems.count(), 2);
        QCOMPARE(problems.last().first().toString(), QString());
        QVERIFY(orchestrator.session().storageProblem().isEmpty());
        QCOMPARE(m_server->get(QStringLiteral("/health")).json.value(QStringLiteral("storage_problem")).toString(), QString());
    }

    // Takes answered, then the disk fails their settle: the server says so (the window and
    // GET /health show it) until a settle succeeds, even while no take is made meanwhile.
    void aSettleTheDiskFailsIsShownUntilOneSucceeds()
    {
        Config config;
        config.connectionTimeoutSeconds = 0.4;   // the maintenance that looks at settles: every 100 ms
        m_server = std::make_unique<TestServer>(config);
        QVERIFY(m_server->start());
        Orchestrator &orchestrator = *m_server->orchestrator;
        QVERIFY(orchestrator.config().durableWrites);
        QSignalSpy problems(&orchestrator.session(), &BandSession::storageProblemChanged);
        std::atomic<bool> failing{true};
        orchestrator.setSyncHook([&failing] { return failing ? QStringLiteral("Input/output error") : QString(); });
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not be synced \\(Input/output error\\)")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^storage problem: .*could not be synced")));
        QCOMPARE(m_server->post(QStringLiteral("/api/generate"), bassRequest()).status, 200);
        const auto shown = [&] {
            return m_server->get(QStringLiteral("/health")).json.value(QStringLiteral("storage_problem")).toString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(shown().contains(QStringLiteral("Input/output error")), 20000);
        QVERIFY(orchestrator.session().storageProblem().contains(m_server->filesDir()));
        QCOMPARE(problems.count(), 1);   // the window heard it once, however often the settle was tried
        failing = false;   // the settler tries again by itself
        QTRY_COMPARE_WITH_TIMEOUT(shown(), QString(), 20000);
        QCOMPARE(problems.count(), 2);
        QCOMPARE(problems.last().first().toString(), QString());
        orchestrator.setSyncHook({});
    }

    void aVanishedFolderIsAnswered500()
    {
        QSignalSpy problems(&m_server->orchestrator->session(), &BandSession::storageProblemChanged);
        const QString folder = m_server->filesDir();
        QVERIFY(QDir(folder).removeRecursively());
        QFile blocker(folder);
        QVERIFY(blocker.open(QIODevice::WriteOnly));   // a file where the folder was
        blocker.close();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not write")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^storage problem: could not write")));
        const HttpResult failed = m_server->post(QStringLiteral("/api/generate"), bassRequest());
        QCOMPARE(failed.status, 500);
        QCOMPARE(failed.errorCode(), QStringLiteral("write_failed"));
        QVERIFY(failed.errorJson().value(QStringLiteral("message")).toString().contains(folder));
        QCOMPARE(problems.count(), 1);
        QVERIFY(!m_server->orchestrator->session().storageProblem().isEmpty());
        QCOMPARE(m_server->get(QStringLiteral("/health")).json.value(QStringLiteral("status")).toString(),
                 QStringLiteral("healthy"));
    }

    void aGenerationThatThrowsIsAnswered500AndTheNextOneWorks()
    {
        Orchestrator &orchestrator = *m_server->orchestrator;
        orchestrator.setRenderer([](const Arrangement &) -> RenderedSong { throw std::runtime_error("engine exploded"); });
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("failed: the generation failed: engine exploded")));
        const HttpResult failed = m_server->post(QStringLiteral("/api/generate"), bassRequest());
        QCOMPARE(failed.status, 500);
        QCOMPARE(failed.errorCode(), QStringLiteral("generation_failed"));
        QVERIFY(failed.errorJson().value(QStringLiteral("message")).toString()
                    .contains(QStringLiteral("engine exploded")));
        QCOMPARE(withoutIndex(m_server->filesDir()), QStringList());
        QVERIFY(m_server->orchestrator->session().storageProblem().isEmpty());   // not a storage problem

        orchestrator.setRenderer({});
        QCOMPARE(m_server->post(QStringLiteral("/api/generate"), bassRequest()).status, 200);
        QCOMPARE(orchestrator.session().generation().pendingCount(), 0);
    }

    void aGenerationOverTheDeadlineIsAnswered504AndTheNextOneWorks()
    {
        Config config;
        config.generationTimeoutSeconds = 0.2;
        m_server = std::make_unique<TestServer>(config);
        QVERIFY(m_server->start());
        Orchestrator &orchestrator = *m_server->orchestrator;
        auto release = std::make_shared<QSemaphore>();
        orchestrator.setRenderer([release](const Arrangement &arrangement) {
            release->acquire();   // held until the test has seen the deadline pass
            return renderSong(arrangement);
        });
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("exceeded 0.2 s")));
        const HttpResult late = m_server->post(QStringLiteral("/api/generate"), bassRequest());
        QCOMPARE(late.status, 504);
        QCOMPARE(late.errorCode(), QStringLiteral("timeout"));
        release->release(2);   // the late one finishes (its files are kept), and the next one runs
        QTRY_COMPARE(orchestrator.session().generation().pendingCount(), 0);
        QCOMPARE(m_server->orchestrator->session().files().list().size(), 2);
        QCOMPARE(m_server->post(QStringLiteral("/api/generate"), bassRequest()).status, 200);
    }

    void cleanupKeepsTheCountRightAfterWritesWhateverTheirAge()
    {
        Config config;
        config.maxFiles = 2;
        m_server = std::make_unique<TestServer>(config);
        QVERIFY(m_server->start());
        QSignalSpy removed(m_server->orchestrator.get(), &Orchestrator::filesRemoved);
        const QStringList first = generate();
        const QStringList second = generate();
        // Four files, max 2, all seconds old: the first take goes at once, not a minute later.
        QTRY_COMPARE(removed.count(), 1);
        const QStringList gone = removed.first().first().toStringList();
        QCOMPARE(QSet<QString>(gone.begin(), gone.end()), QSet<QString>(first.begin(), first.end()));
        QCOMPARE(m_server->orchestrator->session().files().count(), 2);
        for (const QString &name : second)
            QVERIFY(QFile::exists(m_server->filesDir() + QLatin1Char('/') + name));
        // A trim's rows wait for a later take's commit (one commit per take, not two); nothing
        // lists them meanwhile.
        const QStringList third = generate();
        QTRY_COMPARE(removed.count(), 2);
        for (const QString &name : third)
            QVERIFY(TakesIndex(m_server->filesDir(), false).find(name).has_value());
        const QJsonArray listed = m_server->get(QStringLiteral("/api/files")).json.value(QStringLiteral("files")).toArray();
        QStringList listedNames;
        for (const QJsonValue &file : listed)
            listedNames.append(file.toObject().value(QStringLiteral("filename")).toString());
        std::sort(listedNames.begin(), listedNames.end());
        QStringList expected = third;
        std::sort(expected.begin(), expected.end());
        QCOMPARE(listedNames, expected);
    }

    // A generation's answer is written field by field (generationText): the bytes must be Qt's
    // compact text of the object they describe, keys in order, for our route and for the plugin
    // client's (with its bass_file and drum_file first), and say what the take holds.
    void aGenerationsAnswerIsQtsCompactText()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
        const HttpResult ours = m_server->post(QStringLiteral("/api/generate"), bassRequest());
        QCOMPARE(ours.status, 200);
        QCOMPARE(ours.body, QJsonDocument::fromJson(ours.body).toJson(QJsonDocument::Compact));
        QCOMPARE(ours.json.value(QStringLiteral("message")).toString(), QStringLiteral("Generated 2 file(s): bass, drums"));
        const QJsonArray details = ours.json.value(QStringLiteral("file_details")).toArray();
        QCOMPARE(details.size(), 2);
        QCOMPARE(details.at(0).toObject().value(QStringLiteral("filename")), ours.json.value(QStringLiteral("files")).toArray().at(0));
        QCOMPARE(details.at(1).toObject().value(QStringLiteral("track_type")).toString(), QStringLiteral("drums"));
        // The fields of every answer's file objects (GeneratedFile::toJsonText), no more, no less.
        QCOMPARE(details.at(0).toObject().keys(),
                 (QStringList{QStringLiteral("filename"), QStringLiteral("note_count"), QStringLiteral("path"),
                              QStringLiteral("size_bytes"), QStringLiteral("track_type"), QStringLiteral("url")}));
        QCOMPARE(ours.json.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("style")).toString(),
                 QStringLiteral("jazz_swing"));
        const QJsonObject timings = ours.json.value(QStringLiteral("timings_ms")).toObject();
        QCOMPARE(timings.value(QStringLiteral("total")).toDouble(),
                 timings.value(QStringLiteral("engine")).toDouble() + timings.value(QStringLiteral("write")).toDouble());

        const HttpResult plugin = m_server->post(QStringLiteral("/generate"), R"({"chords": ["C", "Am", "F", "G"], "tempo": 90})");
        QCOMPARE(plugin.status, 200);
        QCOMPARE(plugin.body, QJsonDocument::fromJson(plugin.body).toJson(QJsonDocument::Compact));
        QVERIFY(plugin.body.startsWith("{\"bass_file\":"));
        for (const QJsonValue &file : plugin.json.value(QStringLiteral("file_details")).toArray()) {
            const QString key = file.toObject().value(QStringLiteral("track_type")).toString() == QLatin1String("bass")
                                    ? QStringLiteral("bass_file") : QStringLiteral("drum_file");
            QCOMPARE(plugin.json.value(key), file.toObject().value(QStringLiteral("path")));
        }
    }

    void listingsComeInPagesNewestFirst()
    {
        QVERIFY(restartWithFiles(250));
        const FileStore &store = m_server->orchestrator->session().files();
        // Without ?limit=: the first 100, the original's fields, the total and where to go on.
        const HttpResult first = m_server->get(QStringLiteral("/api/files"));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json.value(QStringLiteral("files")).toArray().size(), 100);
        QCOMPARE(first.json.value(QStringLiteral("count")).toInt(), 100);
        QCOMPARE(first.json.value(QStringLiteral("total")).toInt(), 250);
        QCOMPARE(first.json.value(QStringLiteral("files_dir")).toString(), store.directory());
        QVERIFY(first.json.value(QStringLiteral("next_cursor")).isString());
        QCOMPARE(namesIn(first), names(store.list().mid(0, 100)));

        // A client walks pages of 60 while new takes arrive and files are deleted, one of them
        // the file its cursor points at: nothing read twice, nothing skipped but what was
        // deleted before its page came, and no new take slips into the pages already begun.
        const QStringList before = names(store.list());
        QStringList seen;
        QStringList deleted;
        QString cursor;
        for (int page = 0;; ++page) {
            const HttpResult answer = m_server->get(QStringLiteral("/api/files?limit=60")
                                                    + (cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + cursor));
            QCOMPARE(answer.status, 200);
            seen += namesIn(answer);
            QCOMPARE(generate().size(), 2);
            const QJsonValue next = answer.json.value(QStringLiteral("next_cursor"));
            if (next.isNull())
                break;
            cursor = next.toString();
            deleted << seen.last() << before.at(before.size() - 1 - page);   // the cursor's file, an unread one
            for (const QString &name : deleted.mid(deleted.size() - 2))
                QCOMPARE(m_server->send("DELETE", QStringLiteral("/api/files/") + name).status, 200);
        }
        QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), seen.size());
        QStringList expected = before;
        for (const QString &name : deleted) {
            if (!seen.contains(name))
                expected.removeOne(name);
        }
        QCOMPARE(seen, expected);
    }

    void pluginListingsAreBounded()
    {
        QVERIFY(restartWithFiles(1005));
        const FileStore &store = m_server->orchestrator->session().files();
        const HttpResult midi = m_server->get(QStringLiteral("/api/midi/list"));
        QCOMPARE(midi.json.value(QStringLiteral("count")).toInt(), 1000);
        QCOMPARE(midi.json.value(QStringLiteral("total")).toInt(), 1005);
        const HttpResult rest = m_server->get(QStringLiteral("/api/midi/list?cursor=")
                                              + midi.json.value(QStringLiteral("next_cursor")).toString());
        QCOMPARE(rest.json.value(QStringLiteral("count")).toInt(), 5);
        QVERIFY(rest.json.value(QStringLiteral("next_cursor")).isNull());
        const HttpResult two = m_server->get(QStringLiteral("/api/midi/list?limit=2"));
        QCOMPARE(two.json.value(QStringLiteral("files")).toArray().size(), 2);
        // The plugin client's bare list of names: the newest thousand.
        const HttpResult names = m_server->get(QStringLiteral("/files"));
        QCOMPARE(QJsonDocument::fromJson(names.body).array().size(), 1000);
        QCOMPARE(QJsonDocument::fromJson(names.body).array().first().toString(), store.list().first().name);
    }

    // The listings are written as text, field by field: byte for byte what a QJsonObject per file
    // in Qt's compact text gave, for every kind of file (metadata of real takes and awkward
    // metadata, a row rebuilt from its file, a file whose row is gone), pages longer than one
    // query of the takes index, after a cursor, and the plugins' listing.
    void listingsAreTheBytesTheirObjectsWere()
    {
        Config config;
        config.maxFiles = 1000;
        m_server = std::make_unique<TestServer>(config);
        {
            FileStore earlier(m_server->filesDir(), false);
            QVERIFY(earlier.prepare());
            QVERIFY(earlier.write({QStringLiteral("keys"), QStringLiteral("Fsm"), 97}, "k", awkwardMetadata()));
            QVERIFY(earlier.write({QStringLiteral("bass"), QStringLiteral("Bb"), 60}, "r"));   // its row rebuilt
            for (int i = 0; i < static_cast<int>(TakesIndex::kRowsPerQuery) + 30; ++i) {
                FileMetadata metadata = awkwardMetadata();
                metadata.seed = static_cast<quint32>(i);
                metadata.tempoBpm = 60 + i / 7.0;
                QVERIFY(earlier.write({QStringLiteral("drums"), QStringLiteral("C"), 120}, QByteArray(i + 1, 'd'), metadata));
            }
        }
        QVERIFY(m_server->start());
        QCOMPARE(generate().size(), 2);   // a real take's metadata
        const FileStore &store = m_server->orchestrator->session().files();
        const QString rowless = store.list().at(5).name;
        QVERIFY(TakesIndex(m_server->filesDir(), false).remove({rowless}));
        QVERIFY(!store.readSidecar(rowless).has_value());
        const QUrl base = m_server->orchestrator->baseUrl();

        const HttpResult all = m_server->get(QStringLiteral("/api/files?limit=1000"));
        QCOMPARE(all.status, 200);
        QCOMPARE(all.json.value(QStringLiteral("count")).toInt(), static_cast<int>(TakesIndex::kRowsPerQuery) + 34);
        QCOMPARE(all.body, filesPageAsObjects(store, store.page(std::nullopt, 1000), base));
        const HttpResult first = m_server->get(QStringLiteral("/api/files"));
        QCOMPARE(first.body, filesPageAsObjects(store, store.page(std::nullopt, 100), base));
        const QString cursor = first.json.value(QStringLiteral("next_cursor")).toString();
        const HttpResult next = m_server->get(QStringLiteral("/api/files?limit=7&cursor=") + cursor);
        QCOMPARE(next.body, filesPageAsObjects(store, store.page(FileCursor::decode(cursor), 7), base));
        const HttpResult midi = m_server->get(QStringLiteral("/api/midi/list"));
        QCOMPARE(midi.body, midiListAsObjects(store.page(std::nullopt, 1000), base));
        const HttpResult midiPage = m_server->get(QStringLiteral("/api/midi/list?limit=3&cursor=") + cursor);
        QCOMPARE(midiPage.body, midiListAsObjects(store.page(FileCursor::decode(cursor), 3), base));

        // Every kind was there: awkward, rebuilt (null), rowless (null) and real metadata.
        int withMetadata = 0;
        for (const QJsonValue &file : all.json.value(QStringLiteral("files")).toArray())
            withMetadata += file.toObject().value(QStringLiteral("metadata")).isObject() ? 1 : 0;
        QCOMPARE(withMetadata, static_cast<int>(TakesIndex::kRowsPerQuery) + 31 + 2 - 1);
    }

    // Listed times are written from their milliseconds: Qt's text for every instant of the years
    // it writes (leap days, the ends of years 1 and 9999, before 1970, every offset), and Qt's
    // own answer beyond them and for an invalid time.
    void listedTimesAreQtsText()
    {
        const auto qts = [](const QDateTime &time) { return time.toUTC().toString(Qt::ISODateWithMs); };
        const qint64 first = QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        const qint64 end = QDateTime(QDate(10000, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        QList<qint64> instants{0, -1, 1, first, first - 1, first + 1, end, end - 1, end + 1,
                               QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch(),
                               QDateTime(QDate(2000, 3, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch(),
                               QDateTime(QDate(1900, 2, 28), QTime(12, 0, 0, 5), Qt::UTC).toMSecsSinceEpoch(),
                               std::numeric_limits<qint64>::min() / 4, std::numeric_limits<qint64>::max() / 4};
        QRandomGenerator random(18);
        for (int i = 0; i < 20000; ++i)
            instants.append(first - 86400000LL * 400 + qint64(random.generate64() % quint64(end - first + 86400000LL * 800)));
        for (const qint64 ms : std::as_const(instants)) {
            const QDateTime utc = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
            if (isoTimeWithMs(utc) != qts(utc))
                QFAIL(qPrintable(QStringLiteral("%1 ms: ours %2, Qt's %3").arg(ms).arg(isoTimeWithMs(utc), qts(utc))));
        }
        const QDateTime offset(QDate(2026, 1, 2), QTime(3, 4, 5, 678), QTimeZone(-34200));
        QCOMPARE(isoTimeWithMs(offset), qts(offset));
        QCOMPARE(isoTimeWithMs(offset), QStringLiteral("2026-01-02T12:34:05.678Z"));
        const QDateTime local(QDate(2026, 7, 1), QTime(9, 30));
        QCOMPARE(isoTimeWithMs(local), qts(local));
        QCOMPARE(isoTimeWithMs(QDateTime()), qts(QDateTime()));
        QCOMPARE(isoTimeWithMs(QDateTime::fromString(QStringLiteral("nonsense"), Qt::ISODateWithMs)), QString());
    }

    void aBadLimitOrCursorIsRefusedNamingIt_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        const QString forged = FileCursor{1, QStringLiteral("../../etc/passwd")}.encode();
        for (const char *path : {"/api/files", "/api/midi/list"}) {
            const QString base = QLatin1String(path);
            for (const char *limit : {"0", "1001", "-1", "1.5", "ten", ""})
                QTest::addRow("%s limit=%s", path, limit) << base + QStringLiteral("?limit=") + QLatin1String(limit) << QStringLiteral("limit");
            for (const QString &cursor : {QStringLiteral("not-a-cursor!"), QString(), forged})
                QTest::addRow("%s cursor=%s", path, qPrintable(cursor)) << base + QStringLiteral("?cursor=") + cursor << QStringLiteral("cursor");
        }
        QTest::addRow("/files limit") << QStringLiteral("/files?limit=5") << QStringLiteral("limit");
    }

    void aBadLimitOrCursorIsRefusedNamingIt()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        const HttpResult answer = m_server->get(query);
        QCOMPARE(answer.status, 422);
        QCOMPARE(answer.errorJson().value(QStringLiteral("code")).toString(), QStringLiteral("invalid_field"));
        QCOMPARE(answer.errorJson().value(QStringLiteral("field")).toString(), field);
    }
};

QTEST_GUILESS_MAIN(TestFileApi)
#include "tst_file_api.moc"
