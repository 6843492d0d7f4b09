#include "BuiltInStyles.h"
#include "music/Chord.h"
#include "music/Engine.h"
#include "music/Key.h"
#include "music/MidiFile.h"
#include "music/PartRegistry.h"

#include <QTest>
#include <QtEndian>

using namespace aiband;

namespace {

QList<int> sorted(QList<int> values)
{
    std::sort(values.begin(), values.end());
    return values;
}

Arrangement fourChordSong(quint32 seed)
{
    Arrangement a;
    const QStringList symbols{QStringLiteral("C"), QStringLiteral("Am"), QStringLiteral("F"), QStringLiteral("G")};
    for (int i = 0; i < symbols.size(); ++i)
        a.chords.append({*parseChord(symbols[i]), i * 4.0, 4.0});
    a.durationBeats = 16.0;
    a.seed = seed;
    a.parts = {TrackType::Bass, TrackType::Drums, TrackType::Keys};
    a.style = aiband::test::style("pop");
    return a;
}

// Every note-on and note-off of a Standard MIDI File, in the order written (status, pitch,
// velocity), tracks one after the other: what a player hears in order, whatever the delta times.
QList<QByteArray> noteEvents(const QByteArray &file)
{
    QList<QByteArray> events;
    const auto length = [&file](qsizetype &at) {
        quint64 value = 0;
        while (at < file.size()) {
            const auto byte = static_cast<quint8>(file[at++]);
            value = value << 7 | (byte & 0x7F);
            if (!(byte & 0x80))
                break;
        }
        return static_cast<qsizetype>(value);
    };
    qsizetype at = 14;   // after the header chunk
    while (at + 8 <= file.size()) {
        const qsizetype end = at + 8 + qFromBigEndian<quint32>(file.constData() + at + 4);
        at += 8;
        while (at < end) {
            length(at);   // the delta time
            const auto status = static_cast<quint8>(file[at++]);
            if (status == 0xFF) {
                ++at;   // the meta event's type
                const qsizetype size = length(at);
                at += size;
            } else if ((status & 0xE0) == 0xC0) {   // program change, channel pressure
                at += 1;
            } else {
                if ((status & 0xE0) == 0x80)
                    events.append(file.mid(at - 1, 3));
                at += 2;
            }
        }
    }
    return events;
}

} // namespace

class TestMusic : public QObject {
    Q_OBJECT
private slots:
    // A new part is a row: its name must read back as the part, and it must not share a channel
    // with another part (it may be played beside any of them). The full band's file holds the
    // rows marked for it.
    void everyPartRowIsConsistent()
    {
        QSet<int> channels;
        qsizetype inFullBand = 0;
        for (const PartRow &row : partRows()) {
            QVERIFY2(parseTrackType(QString::fromLatin1(row.name)) == typeOf(row), row.name);
            QVERIFY2(row.channel >= 0 && row.channel < 16 && row.program >= 0 && row.program < 128, row.name);
            if (row.isBand())
                continue;
            QVERIFY2(!channels.contains(row.channel), row.name);
            channels.insert(row.channel);
            inFullBand += row.inFullBand ? 1 : 0;
        }
        QCOMPARE(partsInFile(partRow(TrackType::Full)).size(), inFullBand);
    }

    void chordsParseToPitchClasses_data()
    {
        QTest::addColumn<QString>("symbol");
        QTest::addColumn<int>("root");
        QTest::addColumn<int>("bass");
        QTest::addColumn<QList<int>>("pitchClasses");
        QTest::newRow("C") << "C" << 0 << 0 << QList<int>{0, 4, 7};
        QTest::newRow("Am") << "Am" << 9 << 9 << QList<int>{0, 4, 9};
        QTest::newRow("A-") << "A-" << 9 << 9 << QList<int>{0, 4, 9};
        QTest::newRow("Bb7") << "Bb7" << 10 << 10 << QList<int>{2, 5, 8, 10};
        QTest::newRow("F#m7b5") << "F#m7b5" << 6 << 6 << QList<int>{0, 4, 6, 9};
        QTest::newRow("unicode sharp") << "F♯m" << 6 << 6 << QList<int>{1, 6, 9};
        QTest::newRow("Ebmaj7") << "Ebmaj7" << 3 << 3 << QList<int>{2, 3, 7, 10};
        QTest::newRow("Cdim7") << "Cdim7" << 0 << 0 << QList<int>{0, 3, 6, 9};
        QTest::newRow("Gsus4") << "Gsus4" << 7 << 7 << QList<int>{0, 2, 7};
        QTest::newRow("E5") << "E5" << 4 << 4 << QList<int>{4, 11};
        QTest::newRow("D/F#") << "D/F#" << 2 << 6 << QList<int>{2, 6, 9};
        QTest::newRow("Am/G") << "Am/G" << 9 << 7 << QList<int>{0, 4, 9};
        QTest::newRow("C/F# non-chord bass") << "C/F#" << 0 << 6 << QList<int>{0, 4, 7};
        QTest::newRow("Cb is B") << "Cb" << 11 << 11 << QList<int>{3, 6, 11};
    }

    void chordsParseToPitchClasses()
    {
        QFETCH(QString, symbol);
        QFETCH(int, root);
        QFETCH(int, bass);
        QFETCH(QList<int>, pitchClasses);
        const Result<Chord> chord = parseChord(symbol);
        QVERIFY2(chord.ok(), chord.ok() ? "" : qPrintable(chord.error().message));
        QCOMPARE(chord->root, root);
        QCOMPARE(chord->bass, bass);
        QCOMPARE(sorted(chord->pitchClasses()), pitchClasses);
    }

    void noChordIsRecognised()
    {
        for (const char *symbol : {"N.C.", "NC", "n.c."}) {
            const Result<Chord> chord = parseChord(QLatin1String(symbol));
            QVERIFY(chord.ok());
            QVERIFY(chord->noChord);
        }
    }

    void badChordsNameTheProblem_data()
    {
        QTest::addColumn<QString>("symbol");
        QTest::addColumn<QString>("mustMention");
        QTest::newRow("H") << "Hm" << "character 1: \"H\" is not a note name";
        QTest::newRow("lowercase") << "am" << "is not a note name";
        QTest::newRow("quality") << "Cxyz" << "character 2: unknown chord quality \"xyz\"";
        QTest::newRow("empty") << "  " << "empty";
        QTest::newRow("bad slash") << "C/Fx" << "after the bass note";
    }

    void badChordsNameTheProblem()
    {
        QFETCH(QString, symbol);
        QFETCH(QString, mustMention);
        const Result<Chord> chord = parseChord(symbol);
        QVERIFY(!chord.ok());
        QCOMPARE(chord.error().code, QStringLiteral("unknown_chord"));
        QVERIFY2(chord.error().message.contains(mustMention), qPrintable(chord.error().message));
    }

    void keysParseAndSpell()
    {
        QCOMPARE(parseKey(QStringLiteral("C"))->name(), QStringLiteral("C"));
        QCOMPARE(parseKey(QStringLiteral("F# minor"))->name(), QStringLiteral("F#m"));
        QCOMPARE(parseKey(QStringLiteral("F#m"))->fileNameToken(), QStringLiteral("Fsm"));
        QCOMPARE(parseKey(QStringLiteral("bb"))->name(), QStringLiteral("Bb"));
        QCOMPARE(parseKey(QStringLiteral("Eb"))->sharps(), -3);
        QCOMPARE(parseKey(QStringLiteral("E"))->sharps(), 4);
        QCOMPARE(parseKey(QStringLiteral("Am"))->sharps(), 0);
        QCOMPARE(parseKey(QStringLiteral("Dm"))->sharps(), -1);
        QVERIFY(!parseKey(QStringLiteral("X")).ok());
        QVERIFY(!parseKey(QStringLiteral("C dorian")).ok());
    }

    void midiFileBytesAreExact()
    {
        MidiSong song;
        song.title = QStringLiteral("T");
        song.tempoBpm = 120.0;
        song.endTick = 960;
        song.parts.push_back({QStringLiteral("B"), 0, 33, {{0, 480, 60, 100}}});
        const QByteArray expected = QByteArray::fromHex(
            "4d546864 00000006 0001 0002 01e0"
            "4d54726b 0000001f"
            "00ff030154 00ff510307a120 00ff580404021808 00ff59020000 8740ff2f00"
            // The part's track repeats the tempo and time signature, for readers that time each
            // track by its own tempo events (the AI Band plugin).
            "4d54726b 00000025"
            "00ff030142 00ff510307a120 00ff580404021808 00c021 00903c64 8360803c00 8360ff2f00");
        QCOMPARE(writeMidiFile(song).toHex(' '), expected.toHex(' '));
    }

    void compoundMeterAndFlatMinorKeyAreEncoded()
    {
        MidiSong song;
        song.tempoBpm = 90.0;
        song.timeSignature = {6, 8};
        song.key = *parseKey(QStringLiteral("Cm"));
        song.endTick = 1440;
        const QByteArray bytes = writeMidiFile(song);
        QVERIFY(bytes.contains(QByteArray::fromHex("ff580406032408")));  // 6/8, click on dotted quarter
        QVERIFY(bytes.contains(QByteArray::fromHex("ff5902fd01")));      // 3 flats, minor
        QVERIFY(bytes.contains(QByteArray::fromHex("ff51030a2c2b")));    // 666,667 us per quarter
    }

    void overlappingNotesOfOnePitchAreShortenedAndClipped()
    {
        MidiSong song;
        song.endTick = 1000;
        song.parts.push_back({QStringLiteral("P"), 0, 0, {{0, 500, 60, 90}, {100, 2000, 60, 90}}});
        const QByteArray bytes = writeMidiFile(song);
        // First note ends at 100 (delta 100 = 0x64) when the second starts; the second ends at the
        // song end (delta 900 = 0x87 0x04).
        QVERIFY(bytes.contains(QByteArray::fromHex("00903c5a 64803c00 00903c5a 8704803c00")));
    }

    // The writer orders offs by keys when a song's ticks fit 32 bits, as all real songs do, and by
    // a stable sort of (tick, pitch) pairs otherwise. Both must give one order: at equal ticks
    // offs before ons, offs at one tick in the order of their notes, notes given out of order.
    void aSongPastTwoToTheThirtyTwoTicksWritesItsNotesInTheSameOrder()
    {
        const std::vector<Note> notes{{960, 480, 64, 80}, {0, 960, 60, 90}, {480, 480, 62, 70},
                                      {960, 960, 67, 60}, {960, 480, 60, 85}, {1440, 480, 62, 75}};
        MidiSong within;
        within.endTick = 2400;
        within.parts.push_back({QStringLiteral("P"), 0, 0, notes});
        MidiSong past = within;
        constexpr qint64 kShift = (qint64(1) << 32) + 480;
        past.endTick += kShift;
        for (Note &note : past.parts.front().notes)
            note.startTick += kShift;
        const QList<QByteArray> expected = noteEvents(writeMidiFile(within));
        QCOMPARE(expected.size(), 12);
        QCOMPARE(expected.at(2).toHex(' '), QByteArray("80 3c 00"));   // the first off at 960, before the ons there
        QCOMPARE(noteEvents(writeMidiFile(past)), expected);
    }

    void sameSeedSameBytesDifferentSeedDifferentBytes()
    {
        const QList<RenderedPart> first = renderSong(fourChordSong(42)).parts;
        const QList<RenderedPart> again = renderSong(fourChordSong(42)).parts;
        const QList<RenderedPart> other = renderSong(fourChordSong(43)).parts;
        QCOMPARE(first.size(), 3);
        for (int i = 0; i < first.size(); ++i) {
            QCOMPARE(first[i].midi, again[i].midi);
            QVERIFY(first[i].midi != other[i].midi);
            QVERIFY(first[i].noteCount > 0);
        }
    }

    void bassPlaysTheSlashBassOnTheChange()
    {
        Arrangement a;
        a.chords = {{*parseChord(QStringLiteral("D/F#")), 0.0, 4.0}};
        a.durationBeats = 4.0;
        a.parts = {TrackType::Bass};
        a.style = aiband::test::style("pop");
        a.feel.humanize = 0.0;
        const QByteArray bytes = renderSong(a).parts.first().midi;
        // Note-on, channel 1, F#2 (42) at tick 0 right after the program change and the part's
        // volume and pan.
        const PartMix mix = partMix(*a.style, TrackType::Bass);
        QVERIFY(bytes.contains(QByteArray::fromHex("00c021 00b007") + char(mix.volume) + QByteArray::fromHex("00b00a")
                               + char(mix.pan) + QByteArray::fromHex("00902a")));
    }

    void noChordSilencesBassAndKeysButNotDrums()
    {
        Arrangement a;
        a.chords = {{*parseChord(QStringLiteral("N.C.")), 0.0, 4.0}};
        a.durationBeats = 4.0;
        a.parts = {TrackType::Bass, TrackType::Keys, TrackType::Drums};
        a.style = aiband::test::style("pop");
        const QList<RenderedPart> parts = renderSong(a).parts;
        QCOMPARE(parts[0].noteCount, 0);
        QCOMPARE(parts[1].noteCount, 0);
        QVERIFY(parts[2].noteCount > 0);
    }
};

QTEST_GUILESS_MAIN(TestMusic)
#include "tst_music.moc"
