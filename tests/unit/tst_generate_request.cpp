#include "BuiltInStyles.h"
#include "SeedExample.h"
#include "generation/ArrangementSummary.h"
#include "generation/DefaultsUsed.h"
#include "generation/DownloadUrls.h"
#include "generation/GenerateRequest.h"
#include "generation/GenerationResult.h"
#include "music/Chord.h"
#include "music/SongPlan.h"
#include "util/CompactJson.h"

#include <QFile>
#include <QUrl>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <numeric>
#include <random>

using namespace aiband;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

Result<GenerateRequest> parse(const QJsonObject &body)
{
    return parseGenerateRequest(body, aiband::test::builtInStyles());
}

// The objects the summaries' texts must be Qt's compact text of, built from their fields.
QJsonObject feelObject(const Feel &feel)
{
    return QJsonObject{{QStringLiteral("swing_ratio"), feel.swingRatio},
                       {QStringLiteral("humanize"), feel.humanize},
                       {QStringLiteral("intensity"), feel.intensity},
                       {QStringLiteral("complexity"), feel.complexity},
                       {QStringLiteral("fills"), feel.fills},
                       {QStringLiteral("count_in"), feel.countInBars},
                       {QStringLiteral("intro"), feel.introBars},
                       {QStringLiteral("ending"), feel.ending}};
}

QJsonObject summaryObject(const ArrangementSummary &summary, const QJsonObject &defaultsUsed)
{
    return QJsonObject{{QStringLiteral("style"), summary.style},
                       {QStringLiteral("tempo"), summary.tempoBpm},
                       {QStringLiteral("key"), summary.key},
                       {QStringLiteral("key_guessed"), summary.keyGuessed},
                       {QStringLiteral("time_signature"), summary.timeSignature},
                       {QStringLiteral("duration_beats"), summary.durationBeats},
                       {QStringLiteral("bars"), summary.bars},
                       {QStringLiteral("chord_count"), summary.chordCount},
                       {QStringLiteral("seed"), summary.seed},
                       {QStringLiteral("track_types"), QJsonArray::fromStringList(summary.trackTypes)},
                       {QStringLiteral("feel"), feelObject(summary.feel)},
                       {QStringLiteral("time_unit"), QStringLiteral("beats")},
                       {QStringLiteral("defaults_used"), defaultsUsed},
                       {QStringLiteral("music_start_beat"), summary.musicStartBeat},
                       {QStringLiteral("file_length_beats"), summary.fileLengthBeats}};
}

} // namespace

class TestGenerateRequest : public QObject {
    Q_OBJECT
private slots:
    void seedExampleIsAccepted()
    {
        const Result<GenerateRequest> request = parseGenerateRequest(aiband::test::seedExample(), aiband::test::builtInStyles());
        QVERIFY2(request.ok(), request.ok() ? "" : qPrintable(request.error().message));
        const Arrangement &a = request->arrangement;
        QCOMPARE(a.chords.size(), 4);
        QCOMPARE(a.chords[1].chord.root, 9);
        QCOMPARE(a.chords[3].startBeat, 6.0);
        QCOMPARE(a.tempoBpm, 120.0);
        QCOMPARE(a.durationBeats, 8.0);
        QCOMPARE(a.key.name(), QStringLiteral("C"));
        QCOMPARE(a.parts, (QList<TrackType>{TrackType::Bass, TrackType::Drums}));
        QCOMPARE(request->pluginId, QStringLiteral("my-plugin"));
        QVERIFY(request->defaultsUsed.contains(QStringLiteral("seed")));
        QVERIFY(!request->defaultsUsed.contains(QStringLiteral("tempo")));
    }

    // resources/openapi.json cannot read the part registry: this keeps the parts it documents
    // (schema TrackType) the ones requests are checked against.
    void openApiListsEveryPart()
    {
        QFile document(QStringLiteral(AIBAND_SOURCE_DIR "/resources/openapi.json"));
        QVERIFY(document.open(QIODevice::ReadOnly));
        const QJsonArray listed = QJsonDocument::fromJson(document.readAll())
                                      .object()[QStringLiteral("components")][QStringLiteral("schemas")]
                                               [QStringLiteral("TrackType")][QStringLiteral("enum")]
                                      .toArray();
        QStringList names;
        for (const QJsonValue &name : listed)
            names.append(name.toString());
        QCOMPARE(names, trackTypeNames());
    }

    void readmeCurlExampleGetsMusicalDefaults()
    {
        const Result<GenerateRequest> request = parse(json(R"({
            "chord_progression": {"chords": [{"chord": "C", "start_time": 0, "duration": 4}], "tempo": 120},
            "track_types": ["bass"]})"));
        QVERIFY(request.ok());
        QCOMPARE(request->arrangement.durationBeats, 4.0);
        QCOMPARE(request->defaultsUsed.value(QStringLiteral("key")).toString(), QStringLiteral("C"));
        QCOMPARE(request->defaultsUsed.value(QStringLiteral("time_signature")).toString(), QStringLiteral("4/4"));
        QVERIFY(request->keyGuessed);
    }

    void missingKeyIsDetectedFromTheWholeProgression()
    {
        // The first chord alone would say E minor; the progression as a whole is in G.
        const Result<GenerateRequest> request = parse(json(R"({
            "chord_progression": {"chords": [{"chord": "Em"}, {"chord": "C"}, {"chord": "G"}, {"chord": "D"}]}})"));
        QVERIFY(request.ok());
        QCOMPARE(request->arrangement.key.name(), QStringLiteral("G"));
        QVERIFY(request->keyGuessed);
        QCOMPARE(request->defaultsUsed.value(QStringLiteral("key")).toString(), QStringLiteral("G"));
    }

    void progressionLoopsToTheRequestedDuration()
    {
        const Result<GenerateRequest> request = parse(json(R"({
            "chord_progression": {"chords": [{"chord": "Dm", "duration": 4}, {"chord": "G7", "duration": 4}],
                                  "duration": 20}})"));
        QVERIFY(request.ok());
        const QList<ChordEvent> &chords = request->arrangement.chords;
        QCOMPARE(chords.size(), 5);
        QCOMPARE(chords[4].chord.symbol, QStringLiteral("Dm"));
        QCOMPARE(chords[4].startBeat, 16.0);
        QCOMPARE(chords[4].durationBeats, 4.0);
        // Dm G7 over and over is a ii-V vamp: heard in the C it promises (CHORDS.md, key detection),
        // whose notes are D Dorian's; D minor's B flat would clash with G7's third.
        QCOMPARE(request->arrangement.key.name(), QStringLiteral("C"));
    }

    void seedIsKeptWhenGiven()
    {
        const Result<GenerateRequest> request = parse(json(R"({
            "chord_progression": {"chords": [{"chord": "C"}]}, "seed": 4294967295})"));
        QVERIFY(request.ok());
        QCOMPARE(request->arrangement.seed, 4294967295u);
        QVERIFY(!request->defaultsUsed.contains(QStringLiteral("seed")));
    }

    void invalidFieldsAreNamed_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("mustMention");
        QTest::newRow("no progression") << R"({})" << "chord_progression" << "invalid_field" << "";
        QTest::newRow("chords as numbers (the original's bug)")
            << R"({"chord_progression": {"chords": [{"chord": 1.0}]}})"
            << "chord_progression.chords[0].chord" << "invalid_field" << "chord symbol string";
        QTest::newRow("unknown chord")
            << R"({"chord_progression": {"chords": [{"chord": "C"}, {"chord": "Xmaj"}]}})"
            << "chord_progression.chords[1].chord" << "unknown_chord" << "\"Xmaj\"";
        QTest::newRow("empty chords") << R"({"chord_progression": {"chords": []}})"
                                      << "chord_progression.chords" << "invalid_field" << "non-empty";
        QTest::newRow("tempo low") << R"({"chord_progression": {"chords": [{"chord": "C"}], "tempo": 19}})"
                                   << "chord_progression.tempo" << "invalid_field" << "20";
        QTest::newRow("tempo high") << R"({"chord_progression": {"chords": [{"chord": "C"}], "tempo": 401}})"
                                    << "chord_progression.tempo" << "invalid_field" << "400";
        QTest::newRow("tempo text") << R"({"chord_progression": {"chords": [{"chord": "C"}], "tempo": "fast"}})"
                                    << "chord_progression.tempo" << "invalid_field" << "";
        QTest::newRow("zero duration") << R"({"chord_progression": {"chords": [{"chord": "C", "duration": 0}]}})"
                                       << "chord_progression.chords[0].duration" << "invalid_field" << "from 0.0625";
        // Shorter than a sixty-fourth note: no room for a note (1000 of them made a silent song).
        QTest::newRow("tiny duration") << R"({"chord_progression": {"chords": [{"chord": "C", "duration": 1e-9}]}})"
                                       << "chord_progression.chords[0].duration" << "invalid_field" << "from 0.0625";
        QTest::newRow("tiny song") << R"({"chord_progression": {"chords": "C", "duration": 0.03}})"
                                   << "chord_progression.duration" << "invalid_field" << "from 0.0625";
        QTest::newRow("overlap")
            << R"({"chord_progression": {"chords": [{"chord": "C", "start_time": 0, "duration": 4},
                                                    {"chord": "F", "start_time": 2, "duration": 4}]}})"
            << "chord_progression.chords[1].start_time" << "invalid_field" << "overlap";
        QTest::newRow("unknown track type")
            << R"({"chord_progression": {"chords": [{"chord": "C"}]}, "track_types": ["bass", "vocals"]})"
            << "track_types[1]" << "invalid_field" << "\"vocals\"; allowed: bass, drums, keys, full, guitar";
        QTest::newRow("empty track types")
            << R"({"chord_progression": {"chords": [{"chord": "C"}]}, "track_types": []})"
            << "track_types" << "invalid_field" << "";
        QTest::newRow("key") << R"({"chord_progression": {"chords": [{"chord": "C"}], "key": "Q"}})"
                             << "chord_progression.key" << "invalid_field" << "\"Q\"";
        QTest::newRow("time signature")
            << R"({"chord_progression": {"chords": [{"chord": "C"}], "time_signature": "4/5"}})"
            << "chord_progression.time_signature" << "invalid_field" << "4/5";
        QTest::newRow("seed") << R"({"chord_progression": {"chords": [{"chord": "C"}]}, "seed": -1})"
                              << "seed" << "invalid_field" << "";
        QTest::newRow("plugin id") << R"({"chord_progression": {"chords": [{"chord": "C"}]}, "plugin_id": "../x"})"
                                   << "plugin_id" << "invalid_field" << "";
        QTest::newRow("too long")
            << R"({"chord_progression": {"chords": [{"chord": "C"}], "duration": 100000}})"
            << "chord_progression.duration" << "invalid_field" << "4096";
        // Found by tests/fuzz/fuzz_request: these were accepted and gave silent bass and keys.
        QTest::newRow("song over before its first chord")
            << R"({"chord_progression": {"chords": [{"chord": "C", "start_time": 20.0, "duration": 2.0}], "duration": 9.0}})"
            << "chord_progression.duration" << "invalid_field" << "before its first chord";
        QTest::newRow("bars over before the first chord")
            << R"({"chord_progression": {"chords": [{"chord": "C", "start_time": 8.0}], "bars": 2}})"
            << "chord_progression.bars" << "invalid_field" << "beat 8";
        // Nothing is dropped: a field no one reads is refused, and one given twice too.
        QTest::newRow("unknown field")
            << R"({"chord_progression": "C-G", "swng": 0.6})" << "swng" << "invalid_field" << "accepted: chord_progression";
        QTest::newRow("unknown progression field")
            << R"({"chord_progression": {"chords": "C-G", "tmpo": 90}})" << "chord_progression.tmpo" << "invalid_field"
            << "unknown field";
        QTest::newRow("tempo in both places")
            << R"({"chord_progression": {"chords": "C-G", "tempo": 90}, "tempo": 100})" << "tempo" << "invalid_field"
            << "give it once";
        QTest::newRow("bad tempo at the top")
            << R"({"chord_progression": "C-G", "tempo": 900})" << "tempo" << "invalid_field" << "400";
    }

    // The plugin's spec puts the progression's tempo, duration and key at the top of the body;
    // each must take effect (they once vanished with a 200).
    void progressionFieldsAtTheTopAreHonoured()
    {
        const Result<GenerateRequest> request = parseGenerateRequest(
            QJsonDocument::fromJson(R"({"track_types": ["bass"], "chord_progression": "C-Am-F-G", "tempo": 90,
                                        "duration": 32, "key": "A minor"})").object(),
            aiband::test::builtInStyles());
        QVERIFY2(request.ok(), qPrintable(request.ok() ? QString() : request.error().message));
        QCOMPARE(request->arrangement.tempoBpm, 90.0);
        QCOMPARE(request->arrangement.durationBeats, 32.0);
        QCOMPARE(request->arrangement.key.name(), QStringLiteral("Am"));
        for (const char *field : {"tempo", "duration", "key"})
            QVERIFY2(!request->defaultsUsed.contains(QLatin1String(field)), field);
    }

    void invalidFieldsAreNamed()
    {
        QFETCH(QString, body);
        QFETCH(QString, field);
        QFETCH(QString, code);
        QFETCH(QString, mustMention);
        const Result<GenerateRequest> request = parseGenerateRequest(QJsonDocument::fromJson(body.toUtf8()).object(), aiband::test::builtInStyles());
        QVERIFY(!request.ok());
        QCOMPARE(request.error().field, field);
        QCOMPARE(request.error().code, code);
        QVERIFY2(request.error().message.contains(mustMention), qPrintable(request.error().message));
    }

    void chordCountIsLimited()
    {
        QJsonArray chords;
        for (int i = 0; i < 5; ++i)
            chords.append(QJsonObject{{QStringLiteral("chord"), QStringLiteral("C")}, {QStringLiteral("duration"), 1}});
        const QJsonObject body{{QStringLiteral("chord_progression"), QJsonObject{{QStringLiteral("chords"), chords}}}};
        RequestLimits limits;
        limits.maxChords = 4;
        const Result<GenerateRequest> request = parseGenerateRequest(body, aiband::test::builtInStyles(), QStringLiteral("pop"), limits);
        QVERIFY(!request.ok());
        QCOMPARE(request.error().field, QStringLiteral("chord_progression.chords"));
    }
    // What a take says it played is written as text, value by value (ArrangementSummary): that
    // text must be the one Qt writes for the object the answer and the WebSocket messages hold,
    // whatever the request left to defaults, and the object must keep every field it had.
    void arrangementSummaryTextIsQtsTextOfItsObject_data()
    {
        QTest::addColumn<QString>("body");
        QTest::newRow("seed example") << QString::fromUtf8(QJsonDocument(aiband::test::seedExample()).toJson());
        QTest::newRow("defaults, key guessed")
            << QStringLiteral(R"({"chord_progression": "Am-F-C-G"})");
        QTest::newRow("every control")
            << QStringLiteral(R"({"chord_progression": {"chords": "Bb7 | Eb7 | F7 | Cm7", "tempo": 97.5,
                                  "key": "Bb", "time_signature": "6/8", "bars": 6},
                                  "track_types": ["drums", "keys", "bass"], "style": "jazz_swing", "swing": 0.3,
                                  "humanize": 0, "intensity": 1, "complexity": 0.125, "fills": false,
                                  "ending": true, "count_in": 2, "intro": 1, "seed": 4294967295})");
    }

    void arrangementSummaryTextIsQtsTextOfItsObject()
    {
        QFETCH(QString, body);
        const Result<GenerateRequest> request = parse(QJsonDocument::fromJson(body.toUtf8()).object());
        QVERIFY2(request.ok(), request.ok() ? "" : qPrintable(request.error().message));
        SongPlan plan;
        plan.musicStartBeat = 7.5;     // not whole numbers: written as Qt writes doubles
        plan.endBeat = 1.0 / 3.0 + 40;
        const ArrangementSummary summary = ArrangementSummary::of(*request, plan);

        // The defaults' own text is checked against their object in defaultsUsedAreTheirObject.
        const QJsonObject defaults = QJsonDocument::fromJson(request->defaultsUsed.toJsonText()).object();
        const QJsonObject object = summaryObject(summary, defaults);
        QCOMPARE(summary.toJsonText(), compactJson(object));
        QCOMPARE(summary.feelText(), compactJson(feelObject(summary.feel)));
        QCOMPARE(summary.toJsonText(summary.feelText()), compactJson(object));
        QCOMPARE(object.keys(), (QStringList{QStringLiteral("bars"), QStringLiteral("chord_count"),
                                             QStringLiteral("defaults_used"), QStringLiteral("duration_beats"),
                                             QStringLiteral("feel"), QStringLiteral("file_length_beats"),
                                             QStringLiteral("key"), QStringLiteral("key_guessed"),
                                             QStringLiteral("music_start_beat"), QStringLiteral("seed"),
                                             QStringLiteral("style"), QStringLiteral("tempo"),
                                             QStringLiteral("time_signature"), QStringLiteral("time_unit"),
                                             QStringLiteral("track_types")}));
        QCOMPARE(feelObject(summary.feel).keys(), (QStringList{QStringLiteral("complexity"), QStringLiteral("count_in"),
                                                         QStringLiteral("ending"), QStringLiteral("fills"),
                                                         QStringLiteral("humanize"), QStringLiteral("intensity"),
                                                         QStringLiteral("intro"), QStringLiteral("swing_ratio")}));
        const Arrangement &a = request->arrangement;
        QCOMPARE(object.value(QStringLiteral("tempo")).toDouble(), a.tempoBpm);
        QCOMPARE(object.value(QStringLiteral("seed")).toInteger(), qint64{a.seed});
        QCOMPARE(object.value(QStringLiteral("chord_count")).toInteger(), a.chords.size());
        QCOMPARE(object.value(QStringLiteral("bars")).toDouble(), a.durationBeats / a.timeSignature.beatsPerBar());
        QCOMPARE(object.value(QStringLiteral("key_guessed")).toBool(), request->keyGuessed);
        QCOMPARE(object.value(QStringLiteral("file_length_beats")).toDouble(), plan.endBeat);
        QCOMPARE(object.value(QStringLiteral("track_types")).toArray().size(), a.parts.size());
    }
    // A symbol that comes round again is the chord it was the first time (it is not read again),
    // and only the very same symbol is: one spelled otherwise is read as written.
    // The defaults a take used, kept as names and values: in any order of insertion (a name set
    // twice keeps its last value), the same object and the same text as a QJsonObject of them.
    void defaultsUsedAreTheirObject()
    {
        const QList<std::pair<QString, QJsonValue>> values{
            {QStringLiteral("tempo"), 120.5}, {QStringLiteral("style"), QStringLiteral("pop \"x\"\né")},
            {QStringLiteral("seed"), qint64(4294967295LL)}, {QStringLiteral("track_types"), QJsonArray{"bass", "drums"}},
            {QStringLiteral("swing_ratio"), 0.5}, {QStringLiteral("key"), QStringLiteral("C")},
            {QStringLiteral("humanize"), 0.4}, {QStringLiteral("duration"), 16}, {QStringLiteral("Zed"), true},
            {QStringLiteral("time_signature"), QStringLiteral("4/4")}};
        QList<int> order(values.size());
        std::iota(order.begin(), order.end(), 0);
        for (int round = 0; round < 50; ++round) {
            DefaultsUsed defaults;
            QJsonObject object;
            for (const int i : std::as_const(order)) {
                defaults.insert(values[i].first, QJsonValue(QStringLiteral("replaced")));
                defaults.insert(values[i].first, values[i].second);
                object.insert(values[i].first, values[i].second);
            }
            QCOMPARE(defaults.toJsonText(), compactJson(object));
            for (const auto &[name, value] : values) {
                QVERIFY(defaults.contains(name));
                QCOMPARE(defaults.value(name), value);
            }
            QVERIFY(!defaults.contains(QStringLiteral("swing")));
            QVERIFY(defaults.value(QStringLiteral("swing")).isUndefined());
            std::shuffle(order.begin(), order.end(), std::mt19937(round));
        }
        QCOMPARE(DefaultsUsed().toJsonText(), QByteArray("{}"));
    }

    // Several files' download URLs share one QUrl, and each is fileDownloadUrl()'s text: for any
    // base the server may have (IPv6, a port, a path it replaces, a query or fragment it keeps)
    // and names a URL keeps as they are or has to encode, in either order.
    void downloadUrlsAreEachFilesOwnUrl()
    {
        const QStringList bases{QStringLiteral("http://127.0.0.1:8765"), QStringLiteral("http://[::1]:9000/"),
                                QStringLiteral("http://localhost"), QStringLiteral("https://band.example:443/old/path"),
                                QStringLiteral("http://user@host:1/x?token=a b"), QStringLiteral("http://h/#frag"),
                                QString()};
        const QStringList names{QStringLiteral("20261207-101010-123_bass_C_120_abcdef.mid"),
                                QStringLiteral("20261207-101010-123_drums_F#m_90_000001.mid"),
                                QStringLiteral("a b.mid"), QStringLiteral("naïve.mid"), QStringLiteral("100%.mid"),
                                QStringLiteral("q?.mid"), QStringLiteral("h#.mid"), QStringLiteral("x.mid"),
                                QStringLiteral("~-_.MID"), QString()};
        for (const QString &base : bases) {
            for (const bool reversed : {false, true}) {
                DownloadUrls urls{QUrl(base)};
                QStringList order = names;
                if (reversed)
                    std::reverse(order.begin(), order.end());
                for (const QString &name : std::as_const(order)) {
                    const QString expected = fileDownloadUrl(QUrl(base), name).toString();
                    if (urls.of(name) != expected)
                        QFAIL(qPrintable(QStringLiteral("%1 under %2: ours %3, Qt's %4").arg(name, base, urls.of(name), expected)));
                }
            }
        }
    }

    // A file as the answers describe it (and midi_ready, with its take's duration, key and
    // tempo): Qt's compact text of the object with those fields.
    void aGeneratedFileIsQtsTextOfItsObject()
    {
        GeneratedFile file;
        file.file.name = QStringLiteral("20261207-101010-123_drums_Fsm_97_abcdef.mid");
        file.file.path = QStringLiteral("/home/naïve \"player\"/takes/") + file.file.name;
        file.file.sizeBytes = 12345678901;
        file.trackType = QStringLiteral("drums");
        file.noteCount = 321;
        ArrangementSummary take;
        take.durationBeats = 1.0 / 3.0 + 31;
        take.key = QStringLiteral("F#m");
        take.tempoBpm = 97.5;
        const QUrl base(QStringLiteral("http://127.0.0.1:8765"));
        QJsonObject object{{QStringLiteral("filename"), file.file.name},
                           {QStringLiteral("track_type"), file.trackType},
                           {QStringLiteral("url"), fileDownloadUrl(base, file.file.name).toString()},
                           {QStringLiteral("path"), file.file.path},
                           {QStringLiteral("size_bytes"), file.file.sizeBytes},
                           {QStringLiteral("note_count"), file.noteCount}};
        DownloadUrls urls(base);
        QCOMPARE(file.toJsonText(urls), compactJson(object));
        object.insert(QStringLiteral("duration"), take.durationBeats);
        object.insert(QStringLiteral("key"), take.key);
        object.insert(QStringLiteral("tempo"), take.tempoBpm);
        QCOMPARE(file.toJsonText(urls, &take), compactJson(object));
    }

    void aChordNamedAgainIsTheChordItWas()
    {
        QJsonArray written;
        for (const char *symbol : {"Cmaj7", "G7/B", "Cmaj7", " G7/B ", "C", "Cmaj7", "G7/B", "Cmaj7#11"})
            written.append(QJsonObject{{QStringLiteral("chord"), QString::fromLatin1(symbol)}});
        written[5] = QJsonObject{{QStringLiteral("chord"), QStringLiteral("Cmaj7")}, {QStringLiteral("duration"), 2}};
        const QJsonObject body{{QStringLiteral("chord_progression"), QJsonObject{{QStringLiteral("chords"), written}}}};
        const Result<GenerateRequest> request = parse(body);
        QVERIFY2(request.ok(), request.ok() ? "" : qPrintable(request.error().message));
        const QList<ChordEvent> &chords = request->arrangement.chords;
        QVERIFY(chords.size() >= 8);
        QStringList heard;
        for (qsizetype i = 0; i < 8; ++i) {
            const Result<Chord> alone = parseChord(chords[i].chord.symbol);
            QVERIFY(alone.ok());
            QCOMPARE(chords[i].chord, *alone);
            heard.append(chords[i].chord.canonical());
        }
        QCOMPARE(heard, (QStringList{QStringLiteral("Cmaj7"), QStringLiteral("G7/B"), QStringLiteral("Cmaj7"),
                                     QStringLiteral("G7/B"), QStringLiteral("C"), QStringLiteral("Cmaj7"),
                                     QStringLiteral("G7/B"), QStringLiteral("Cmaj7#11")}));
        QCOMPARE(chords[5].durationBeats, 2.0);
        QCOMPARE(chords[6].startBeat, 22.0);
    }
};

QTEST_GUILESS_MAIN(TestGenerateRequest)
#include "tst_generate_request.moc"
