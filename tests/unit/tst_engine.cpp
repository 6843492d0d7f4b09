#include "BuiltInStyles.h"
#include "generation/GenerateRequest.h"
#include "music/ChordSheet.h"
#include "music/Engine.h"
#include "music/Meter.h"
#include "music/SongPlan.h"
#include "music/StyleLoader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace aiband;
using aiband::test::builtInStyles;

namespace {

Result<GenerateRequest> parse(const char *json)
{
    return parseGenerateRequest(QJsonDocument::fromJson(QByteArray(json)).object(), builtInStyles());
}

QByteArray minimalStyle(const QString &name = QStringLiteral("mine"))
{
    return QStringLiteral(R"({"name": "%1", "time_signature": "4/4",
        "drums": {"kick": {"simple": {"downbeat": "x..."}}},
        "bass": {"mode": "kick"},
        "keys": {"cells": {"simple": {"downbeat": "x---"}}}})").arg(name).toUtf8();
}

// Note-on positions (in ticks) of one note number (any when -1) on one channel in a format-1 file.
QList<qint64> noteOnTicks(const QByteArray &midi, int note, int channel = 9)
{
    QList<qint64> ticks;
    qsizetype pos = 14;
    while (pos + 8 <= midi.size()) {
        const qsizetype length = (quint8(midi[pos + 4]) << 24) | (quint8(midi[pos + 5]) << 16)
                                 | (quint8(midi[pos + 6]) << 8) | quint8(midi[pos + 7]);
        qsizetype i = pos + 8;
        const qsizetype end = i + length;
        qint64 tick = 0;
        while (i < end) {
            qint64 delta = 0;
            quint8 byte = 0;
            do {
                byte = quint8(midi[i++]);
                delta = (delta << 7) | (byte & 0x7F);
            } while (byte & 0x80);
            tick += delta;
            const quint8 status = quint8(midi[i]);
            if (status == 0xFF) {
                const int len = quint8(midi[i + 2]);
                i += 3 + len;
            } else if ((status & 0xF0) == 0xC0) {
                i += 2;
            } else {
                if (status == (0x90 | channel) && (note < 0 || quint8(midi[i + 1]) == note) && quint8(midi[i + 2]) > 0)
                    ticks.append(tick);
                i += 3;
            }
        }
        pos = end;
    }
    return ticks;
}

} // namespace

class TestEngine : public QObject {
    Q_OBJECT
private slots:
    void builtInStylesAllLoad()
    {
        const QStringList expected{"ballad_68", "blues_shuffle", "bossa_nova", "country", "disco", "funk", "hiphop",
                                   "jazz_ballad", "jazz_swing", "metal", "pop", "reggae", "rock", "salsa", "samba", "waltz"};
        QCOMPARE(builtInStyles().problems(), QStringList());
        QCOMPARE(builtInStyles().names(), expected);
        QCOMPARE(aiband::test::style("waltz")->meter, (TimeSignature{3, 4}));
        QCOMPARE(aiband::test::style("ballad_68")->meter, (TimeSignature{6, 8}));
        QCOMPARE(aiband::test::style("jazz_swing")->bass.mode, BassMode::Walking);
        QVERIFY(aiband::test::style("blues_shuffle")->swingRatio > 0.66);
    }

    void badStyleFilesSayWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mustMention");
        QTest::newRow("not json") << QByteArray("{") << "not a JSON object";
        QTest::newRow("name") << QByteArray(R"({"name": "Bad Name"})") << "name:";
        QTest::newRow("meter") << QByteArray(R"({"name": "a", "time_signature": "4/5"})") << "time_signature: 4/5";
        QTest::newRow("short cell") << minimalStyle().replace("x...", "x..") << "drums.kick.simple.downbeat: expected 4 steps";
        QTest::newRow("bad step") << minimalStyle().replace("x...", "x.y.") << "drums.kick.simple.downbeat";
        QTest::newRow("toms are for fills") << minimalStyle().replace("\"kick\"", "\"high_tom\"") << "toms are kept for fills";
        QTest::newRow("role") << minimalStyle().replace("downbeat", "upbeat") << "unknown pulse role";
        QTest::newRow("bass mode") << minimalStyle().replace("\"kick\"}", "\"slap\"}") << "bass.mode";
        QTest::newRow("program") << minimalStyle().replace("\"cells\"", "\"program\": 300, \"cells\"") << "keys.program";
    }

    void badStyleFilesSayWhatIsWrong()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mustMention);
        const Result<Style> style = parseStyle(json);
        QVERIFY(!style.ok());
        QVERIFY2(style.error().message.contains(mustMention), qPrintable(style.error().message));
    }

    void userStylesAddAndReplaceAndBadOnesAreSkipped()
    {
        QTemporaryDir dir;
        const auto write = [&](const QString &name, const QByteArray &content) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        };
        write(QStringLiteral("mine.json"), minimalStyle());
        write(QStringLiteral("rock.json"), minimalStyle(QStringLiteral("rock")));
        write(QStringLiteral("broken.json"), "{\"name\": 1}");
        const StyleLibrary library = StyleLibrary::load({QString::fromLatin1(StyleLibrary::kBuiltInFolder), dir.path()});
        QCOMPARE(library.styles().size(), 17);
        QVERIFY(library.find(QStringLiteral("mine")));
        QCOMPARE(library.find(QStringLiteral("rock"))->drums.size(), 1); // the user's rock replaced the built-in
        QCOMPARE(library.problems().size(), 1);
        QVERIFY(library.problems().first().contains(QStringLiteral("broken.json")));
    }

    // A *.json that never ends (a link to /dev/zero) or is far too large is reported and
    // skipped; the server starts with the rest.
    void styleFilesThatAreNotStylesAreReportedNotRead()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), dir.filePath(QStringLiteral("zero.json"))));
        QFile huge(dir.filePath(QStringLiteral("huge.json")));
        QVERIFY(huge.open(QIODevice::WriteOnly));
        huge.write(QByteArray(300 * 1024, ' '));
        huge.close();
        QFile good(dir.filePath(QStringLiteral("mine.json")));
        QVERIFY(good.open(QIODevice::WriteOnly));
        good.write(minimalStyle());
        good.close();
        const StyleLibrary library = StyleLibrary::load({dir.path()});
        QCOMPARE(library.styles().size(), 1);
        QCOMPARE(library.problems().size(), 2);
        QVERIFY(library.problems().join(QLatin1Char('\n')).contains(QStringLiteral("zero.json: is not a regular file")));
        QVERIFY(library.problems().join(QLatin1Char('\n')).contains(QStringLiteral("huge.json: is larger than 256 KiB")));
    }

    // Found by tests/fuzz/fuzz_request: a bar of a single pulse (3/8, 2/8) has no room for a
    // fill, and the fill used to take the last of no beats (a crash in a release build).
    void fillsInEveryMeterIncludingOnePulseBars_data()
    {
        QTest::addColumn<QString>("meter");
        for (const char *meter : {"3/8", "2/8", "2/2", "2/4", "6/8", "7/8", "4/4", "15/8"})
            QTest::newRow(meter) << QString::fromLatin1(meter);
    }

    void fillsInEveryMeterIncludingOnePulseBars()
    {
        QFETCH(QString, meter);
        for (const char *complexity : {"0", "1"}) {
            const QByteArray json = QStringLiteral(R"({"chord_progression": {"chords": "Am F C G", "time_signature": "%1", "bars": 8},
                "fills": true, "ending": true, "complexity": %2, "seed": 7, "track_types": ["drums"]})")
                                        .arg(meter, QLatin1String(complexity)).toUtf8();
            const Result<GenerateRequest> request = parse(json.constData());
            QVERIFY2(request.ok(), qPrintable(request.ok() ? QString() : request.error().message));
            const RenderedSong song = renderSong(request->arrangement);
            QVERIFY(std::any_of(song.plan.bars.cbegin(), song.plan.bars.cend(), [](const PlannedBar &b) { return b.fill; }));
            QCOMPARE(song.parts.size(), 1);
            QVERIFY(!noteOnTicks(song.parts.first().midi, -1).isEmpty());
        }
    }

    void metersGiveRolesAndPositions()
    {
        QCOMPARE(backbeatsOf({4, 4}), (QList<double>{1.0, 3.0}));
        QCOMPARE(strongBeatsOf({4, 4}), (QList<double>{0.0, 2.0}));
        QCOMPARE(backbeatsOf({6, 8}), (QList<double>{1.5}));
        QCOMPARE(backbeatsOf({12, 8}), (QList<double>{1.5, 4.5}));
        QCOMPARE(backbeatsOf({3, 4}), (QList<double>{1.0, 2.0}));
        QCOMPARE(strongBeatsOf({5, 4}), (QList<double>{0.0, 3.0}));
        const QList<Pulse> sevenEight = pulsesOf({7, 8});
        QCOMPARE(sevenEight.size(), 3);
        QCOMPARE(sevenEight[2].start, 2.0);
        QVERIFY(sevenEight[2].compound);
        QCOMPARE(backbeatsOf({7, 8}), (QList<double>{2.0}));
        for (TimeSignature ts : {TimeSignature{2, 4}, {3, 4}, {4, 4}, {5, 4}, {6, 8}, {7, 8}, {9, 8}, {12, 8}, {2, 2}}) {
            double total = 0;
            for (const Pulse &pulse : pulsesOf(ts))
                total += pulse.length;
            QCOMPARE(total, ts.beatsPerBar());
        }
    }

    void chordSheetsAreRead_data()
    {
        QTest::addColumn<QString>("sheet");
        QTest::addColumn<QStringList>("symbols");
        QTest::addColumn<QList<double>>("starts");
        QTest::newRow("dashes") << "C-Am-F-G" << QStringList{"C", "Am", "F", "G"} << QList<double>{0, 4, 8, 12};
        QTest::newRow("spaces") << "C Am F G" << QStringList{"C", "Am", "F", "G"} << QList<double>{0, 4, 8, 12};
        QTest::newRow("bars") << "C | Am | F G" << QStringList{"C", "Am", "F", "G"} << QList<double>{0, 4, 8, 10};
        QTest::newRow("repeat") << "| Dm7 G7 | % |" << QStringList{"Dm7", "G7", "Dm7", "G7"} << QList<double>{0, 2, 4, 6};
        QTest::newRow("minor dash") << "C-7-F7" << QStringList{"C-7", "F7"} << QList<double>{0, 4};
        QTest::newRow("no chord") << "C | N.C. | G" << QStringList{"C", "N.C.", "G"} << QList<double>{0, 4, 8};
        QTest::newRow("sections") << "[Verse] C | Am | [Chorus] F G" << QStringList{"C", "Am", "F", "G"} << QList<double>{0, 4, 8, 10};
    }

    void chordSheetSectionsNameTheirBars()
    {
        using Sections = QList<SheetSection>;
        QCOMPARE(chordSheetSections(QStringLiteral("[Verse] C | Am | [Chorus] F | G"), 4.0),
                 (Sections{{QStringLiteral("Verse"), 0}, {QStringLiteral("Chorus"), 8}}));
        // Without bar lines a chord is a bar; 3/4 bars are three beats; "[]" names nothing.
        QCOMPARE(chordSheetSections(QStringLiteral("[A] C Am [] [B part] F-G"), 3.0),
                 (Sections{{QStringLiteral("A"), 0}, {QStringLiteral("B part"), 6}}));
        // A marker inside a bar names that bar; leading bar lines count nothing.
        QCOMPARE(chordSheetSections(QStringLiteral("| C | Am [Turn] F | G"), 4.0), (Sections{{QStringLiteral("Turn"), 4}}));
        QVERIFY(chordSheetSections(QStringLiteral("C | Am"), 4.0).isEmpty());
        // An unclosed bracket is not a marker: the sheet says where it stops reading.
        QVERIFY(!parseChordSheet(QStringLiteral("[Verse C | Am"), 4.0).ok());
    }

    void chordSheetsAreRead()
    {
        QFETCH(QString, sheet);
        QFETCH(QStringList, symbols);
        QFETCH(QList<double>, starts);
        const auto events = parseChordSheet(sheet, 4.0);
        QVERIFY2(events.ok(), events.ok() ? "" : qPrintable(events.error().message));
        QCOMPARE(events->size(), symbols.size());
        for (qsizetype i = 0; i < symbols.size(); ++i) {
            QCOMPARE((*events)[i].chord.symbol, symbols[i]);
            QCOMPARE((*events)[i].startBeat, starts[i]);
        }
    }

    void badChordSheetsNameTheChordAndBar()
    {
        auto events = parseChordSheet(QStringLiteral("C | Am | Hm"), 4.0);
        QVERIFY(!events.ok());
        QVERIFY(events.error().message.contains(QStringLiteral("chord 3 of the sheet, bar 3")));
        // A mistyped H after a dash is its own chord, named as the problem.
        events = parseChordSheet(QStringLiteral("C-Am-Hm-G"), 4.0);
        QVERIFY(!events.ok());
        QVERIFY2(events.error().message.contains(QStringLiteral("\"H\" is not a note name")), qPrintable(events.error().message));
        QVERIFY(events.error().message.contains(QStringLiteral("chord 3 of the sheet")));
        QVERIFY(!parseChordSheet(QStringLiteral("C | | G"), 4.0).ok());
        QVERIFY(!parseChordSheet(QStringLiteral("% | C"), 4.0).ok());
    }

    void requestsTakeStyleFeelAndSheets()
    {
        const auto request = parse(R"({"chord_progression": "Dm7-G7-Cmaj7", "style": "jazz_swing",
                                       "swing": 1, "humanize": 0, "count_in": 1, "intro": true, "ending": true,
                                       "track_types": ["full"]})");
        QVERIFY2(request.ok(), request.ok() ? "" : qPrintable(request.error().message));
        const Arrangement &a = request->arrangement;
        QCOMPARE(a.style->name, QStringLiteral("jazz_swing"));
        QCOMPARE(a.feel.swingRatio, 0.75);
        QCOMPARE(a.feel.countInBars, 1);
        QCOMPARE(a.feel.introBars, 1);
        QVERIFY(a.feel.ending);
        QCOMPARE(a.tempoBpm, 140.0); // the style's tempo
        QCOMPARE(a.chords.size(), 3);
        QCOMPARE(a.parts, QList<TrackType>{TrackType::Full});
        QCOMPARE(request->defaultsUsed.value(QStringLiteral("tempo")).toDouble(), 140.0);
    }

    void styleDefaultsAreEchoed()
    {
        const auto request = parse(R"({"chord_progression": {"chords": "C | G"}})");
        QVERIFY(request.ok());
        QCOMPARE(request->defaultsUsed.value(QStringLiteral("style")).toString(), QStringLiteral("pop"));
        QCOMPARE(request->defaultsUsed.value(QStringLiteral("swing_ratio")).toDouble(), 0.5);
        QCOMPARE(request->defaultsUsed.value(QStringLiteral("humanize")).toDouble(), 0.4);
    }

    void badFeelAndStyleAreNamed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("mustMention");
        QTest::newRow("style") << QByteArray(R"({"chord_progression": "C", "style": "polka"})") << "style" << "available: ballad_68";
        QTest::newRow("swing range") << QByteArray(R"({"chord_progression": "C", "swing": 2})") << "swing" << "";
        QTest::newRow("swing both") << QByteArray(R"({"chord_progression": "C", "swing": 0.5, "swing_ratio": 0.6})") << "swing" << "not both";
        QTest::newRow("ratio") << QByteArray(R"({"chord_progression": "C", "swing_ratio": 0.9})") << "swing_ratio" << "";
        QTest::newRow("humanize") << QByteArray(R"({"chord_progression": "C", "humanize": "lots"})") << "humanize" << "";
        QTest::newRow("count in") << QByteArray(R"({"chord_progression": "C", "count_in": 9})") << "count_in" << "0 to 4";
        QTest::newRow("fills") << QByteArray(R"({"chord_progression": "C", "fills": "yes"})") << "fills" << "";
        QTest::newRow("sheet chord") << QByteArray(R"({"chord_progression": "C Xb"})") << "chord_progression.chords" << "\"Xb\"";
        QTest::newRow("meter") << QByteArray(R"({"chord_progression": {"chords": "C", "time_signature": "17/8"}})")
                               << "chord_progression.time_signature" << "17/8";
    }

    void badFeelAndStyleAreNamed()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        QFETCH(QString, mustMention);
        const auto request = parse(body.constData());
        QVERIFY(!request.ok());
        QCOMPARE(request.error().field, field);
        QVERIFY2(request.error().message.contains(mustMention), qPrintable(request.error().message));
    }

    void songPlanHasCountInIntroPhrasesAndEnding()
    {
        const auto request = parse(R"({"chord_progression": {"chords": "C | F | G | C | Am | F | G | C"},
                                       "style": "rock", "count_in": 1, "intro": 2, "ending": true})");
        QVERIFY(request.ok());
        const SongPlan plan = planSong(request->arrangement, 4);
        QCOMPARE(plan.bars.size(), 1 + 2 + 8 + 1);
        QCOMPARE(plan.bars[0].kind, BarKind::CountIn);
        QCOMPARE(plan.bars[2].kind, BarKind::Intro);
        QVERIFY(plan.bars[2].fill);
        QCOMPARE(plan.musicStartBeat, 12.0);
        QVERIFY(plan.bars[3].sectionStart && plan.bars[3].crash);  // first song bar: crash
        QVERIFY(!plan.bars[6].fill && !plan.bars[5].fill);  // the first 4-bar phrase ends with a pickup at most
        QVERIFY(!plan.bars[7].sectionStart && !plan.bars[7].crash);
        QVERIFY(plan.bars[10].fill);                       // before the ending
        QVERIFY(plan.bars[11].crash);
        QCOMPARE(plan.bars[11].kind, BarKind::Ending);
        QCOMPARE(plan.endBeat, 48.0);
        QCOMPARE(plan.chords.first().startBeat, 12.0);
        QCOMPARE(plan.chords.last().chord.symbol, QStringLiteral("C")); // the ending hit
    }


    // A chord sheet's sections reach the plan: phrases restart at each section (a 6-bar verse is a
    // phrase of 4 and one of 2, ending at the chorus), sections of one name share a groove, and
    // the markers come round again when the sheet loops.
    void sheetSectionsShapeTheForm()
    {
        const auto request = parse(R"({"chord_progression": {"chords":
            "[Verse] C | Am | F | G | C | G | [Chorus] F | G | C | C", "bars": 20}, "style": "pop", "count_in": 1})");
        QVERIFY(request.ok());
        const QList<SheetSection> expected{{QStringLiteral("Verse"), 0.0}, {QStringLiteral("Chorus"), 24.0},
                                           {QStringLiteral("Verse"), 40.0}, {QStringLiteral("Chorus"), 64.0}};
        QCOMPARE(request->arrangement.sections, expected);
        const SongPlan plan = planSong(request->arrangement, 4);
        QCOMPARE(plan.bars.size(), 1 + 20);
        const auto song = [&](int bar) { return plan.bars[1 + bar].form; };
        QCOMPARE(song(0).section, 0);
        QCOMPARE(song(3).barInPhrase, 3);
        QVERIFY(song(3).phraseEnd() && !plan.bars[1 + 3].fill);  // a phrase end inside a section: no full fill
        QCOMPARE(song(4).phrase, 1);
        QCOMPARE(song(4).phraseBars, 2);                     // cut short by the chorus
        QVERIFY(song(5).phraseEnd() && song(5).sectionEnd && plan.bars[1 + 5].fill);
        QCOMPARE(song(6).section, 1);
        QVERIFY(plan.bars[1 + 6].sectionStart && plan.bars[1 + 6].crash);
        QCOMPARE(song(6).groove, 1);                        // Chorus: B
        QCOMPARE(song(0).groove, 0);                        // Verse: A
        QCOMPARE(song(10).groove, 0);                       // the Verse again
        QCOMPARE(song(10).section, 2);
        QCOMPARE(song(16).groove, 1);
        QCOMPARE(song(19).phraseBars, 4);                   // the song's end does not cut a phrase
        QCOMPARE(plan.bars[0].form.phraseBars, 1);          // the count-in stands outside the form
    }

    // Without markers the song is one section whose phrases alternate the grooves.
    void phrasesAlternateGroovesWithoutSections()
    {
        const auto request = parse(R"({"chord_progression": {"chords": "C | F | G | C", "bars": 16}, "style": "rock"})");
        QVERIFY(request.ok());
        QVERIFY(request->arrangement.sections.isEmpty());
        const SongPlan plan = planSong(request->arrangement, 4);
        QList<int> grooves;
        for (const PlannedBar &bar : plan.bars)
            grooves.append(bar.form.groove);
        QCOMPARE(grooves, (QList<int>{0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1}));
        QCOMPARE(plan.bars[15].form.section, 0);
        QVERIFY(plan.bars[15].form.sectionEnd);
    }
    void swingPutsOffbeatsAtTheRatio()
    {
        const auto request = parse(R"({"chord_progression": "C | C", "style": "rock", "swing_ratio": 0.66,
                                       "humanize": 0, "fills": false, "track_types": ["drums"]})");
        QVERIFY(request.ok());
        const QList<qint64> hats = noteOnTicks(renderSong(request->arrangement).parts.first().midi, 42);
        QVERIFY(hats.size() >= 14);
        int offbeats = 0;
        for (qint64 tick : hats) {
            const qint64 inBeat = tick % 480;
            QVERIFY2(inBeat == 0 || inBeat == qRound(0.66 * 480), qPrintable(QString::number(inBeat)));
            offbeats += inBeat != 0;
        }
        QVERIFY(offbeats >= 6);
    }

    void bassLocksToTheKickInRockPopAndFunk()
    {
        for (const char *style : {"rock", "pop", "funk", "hiphop", "metal"}) {
            const QByteArray body = QStringLiteral(R"({"chord_progression": "C | Am | F | G | C | Am | Dm7 | G7",
                "style": "%1", "humanize": 0, "complexity": 1, "fills": false, "seed": 9, "track_types": ["full"]})")
                .arg(QLatin1String(style)).toUtf8();
            const auto request = parse(body.constData());
            QVERIFY(request.ok());
            const QByteArray full = renderSong(request->arrangement).parts.first().midi;
            const QList<qint64> kicks = noteOnTicks(full, 36, 9);
            const QList<qint64> bass = noteOnTicks(full, -1, 0);
            QVERIFY(kicks.size() >= 16);
            const int phraseBars = aiband::test::style(style)->phraseBars;
            for (qint64 kick : kicks) {
                // A kick roll (four hits in a beat) on the last beat of a phrase is where the bass
                // may walk into the next phrase on its own (docs/MUSIC.md, "Bass").
                const qint64 bar = kick / (4 * 480), beatStart = kick - kick % 480;
                const bool roll = std::count_if(kicks.cbegin(), kicks.cend(), [&](qint64 k) { return k >= beatStart && k < beatStart + 480; }) >= 4;
                if (roll && bar % phraseBars == phraseBars - 1 && kick % (4 * 480) >= 3 * 480)
                    continue;
                QVERIFY2(bass.contains(kick), qPrintable(QStringLiteral("%1: kick at tick %2 has no bass note").arg(QLatin1String(style)).arg(kick)));
            }
        }
    }

    void fullFileHoldsEveryPartAsPlayedAlone()
    {
        const auto request = parse(R"({"chord_progression": "C | Am | F | G", "style": "funk", "seed": 5,
                                       "track_types": ["bass", "drums", "keys", "full"]})");
        QVERIFY(request.ok());
        const RenderedSong song = renderSong(request->arrangement);
        QCOMPARE(song.parts.size(), 4);
        const QByteArray &full = song.parts[3].midi;
        QCOMPARE(quint8(full[11]), quint8(4)); // conductor + bass + drums + keys
        QCOMPARE(noteOnTicks(full, 36), noteOnTicks(song.parts[1].midi, 36));
        QCOMPARE(song.parts[3].noteCount, song.parts[0].noteCount + song.parts[1].noteCount + song.parts[2].noteCount);
    }

    void everyStyleInEveryMeterPlays()
    {
        for (const Style &style : builtInStyles().styles()) {
            for (const char *meter : {"4/4", "3/4", "6/8", "5/4", "7/8", "12/8", "2/2"}) {
                const QByteArray body = QStringLiteral(R"({"chord_progression": {"chords": "C | Am7 | Dm7 G7 | C/E",
                    "time_signature": "%1"}, "style": "%2", "track_types": ["bass", "drums", "keys"]})")
                    .arg(QLatin1String(meter), style.name).toUtf8();
                const auto request = parse(body.constData());
                QVERIFY(request.ok());
                const RenderedSong song = renderSong(request->arrangement);
                for (const RenderedPart &part : song.parts)
                    QVERIFY2(part.noteCount > 0, qPrintable(style.name + QLatin1Char(' ') + QLatin1String(meter)
                                                            + QLatin1Char(' ') + trackTypeName(part.type)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
