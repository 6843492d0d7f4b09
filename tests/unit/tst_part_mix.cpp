// The band's mix in the files (docs/MUSIC.md, "Balance"): every track of a part sets the part's
// volume (controller 7) and pan (controller 10) at tick 0 on the part's channel, alone, in the
// full file and in a live take; a style's "mix" reaches the files, and a bad one is refused.
#include "BuiltInStyles.h"
#include "music/ChordSheet.h"
#include "music/Engine.h"
#include "music/MidiFile.h"
#include "music/MidiReader.h"
#include "music/PartRegistry.h"
#include "music/StyleLoader.h"
#include "session/LiveTake.h"

#include <QTest>

#include <map>

using namespace aiband;

namespace {

struct Track {
    QString name;
    // Channel messages at tick 0: status -> controller -> value for controllers, and the
    // program changes as status -> {-1 -> program}.
    std::map<int, std::map<int, int>> atZero;
    int noteChannel = -1;   // the channel of the first note-on, -1 without notes
};

quint32 variableLength(const QByteArray &bytes, qsizetype &pos)
{
    quint32 value = 0;
    quint8 byte = 0;
    do {
        byte = quint8(bytes[pos++]);
        value = (value << 7) | (byte & 0x7F);
    } while (byte & 0x80);
    return value;
}

// The file's part tracks (the conductor track left out), read here byte by byte rather than by
// MidiReader, so that the test holds the writer to the bytes a synth sees.
QList<Track> partTracks(const QByteArray &midi)
{
    QList<Track> tracks;
    qsizetype chunk = 14;
    for (bool conductor = true; chunk + 8 <= midi.size(); conductor = false) {
        const qsizetype length = (quint8(midi[chunk + 4]) << 24) | (quint8(midi[chunk + 5]) << 16)
                                 | (quint8(midi[chunk + 6]) << 8) | quint8(midi[chunk + 7]);
        const qsizetype end = chunk + 8 + length;
        Track track;
        qint64 tick = 0;
        for (qsizetype pos = chunk + 8; pos < end;) {
            tick += variableLength(midi, pos);
            const quint8 status = quint8(midi[pos++]);
            if (status == 0xFF) {
                const quint8 type = quint8(midi[pos++]);
                const quint32 size = variableLength(midi, pos);
                if (type == 0x03)
                    track.name = QString::fromUtf8(midi.mid(pos, size));
                pos += size;
                continue;
            }
            const int kind = status & 0xF0;
            const int data1 = quint8(midi[pos++]);
            const int data2 = (kind == 0xC0 || kind == 0xD0) ? -1 : quint8(midi[pos++]);
            if (kind == 0x90 && data2 > 0 && track.noteChannel < 0)
                track.noteChannel = status & 0x0F;
            if (tick == 0 && kind == 0xB0)
                track.atZero[status][data1] = data2;
            if (tick == 0 && kind == 0xC0)
                track.atZero[status][-1] = data1;
        }
        if (!conductor)
            tracks.append(track);
        chunk = end;
    }
    return tracks;
}

// The volume and pan a track sets at tick 0 on `channel`; -1 for one it does not set.
PartMix mixOn(const Track &track, int channel)
{
    const auto controllers = track.atZero.find(0xB0 | channel);
    if (controllers == track.atZero.end())
        return {-1, -1};
    const auto value = [&](int controller) {
        const auto it = controllers->second.find(controller);
        return it == controllers->second.end() ? -1 : it->second;
    };
    return {value(7), value(10)};
}

Arrangement arrangement(const Style *style, QList<TrackType> parts)
{
    Arrangement a;
    a.timeSignature = style->meter;
    a.durationBeats = 4 * a.timeSignature.beatsPerBar();
    a.chords = *parseChordSheet(QStringLiteral("C | Am | F | G7"), a.timeSignature.beatsPerBar());
    a.tempoBpm = style->defaultTempo;
    a.seed = 7;
    a.parts = std::move(parts);
    a.style = style;
    a.feel.swingRatio = style->swingRatio;
    a.feel.swingSubdivision = style->swingSubdivision;
    return a;
}

QByteArray styleWithMix(const QByteArray &bassMix, const QByteArray &drumsMix = {})
{
    return QByteArray(R"({"name": "mine", "time_signature": "4/4",
        "drums": {"kick": {"simple": {"downbeat": "x..."}})")
           + (drumsMix.isEmpty() ? QByteArray() : ", \"mix\": " + drumsMix) + R"(},
        "bass": {"mode": "kick")" + (bassMix.isEmpty() ? QByteArray() : ", \"mix\": " + bassMix) + R"(},
        "keys": {"cells": {"simple": {"downbeat": "x---"}}}})";
}

const QList<TrackType> kEveryFile{TrackType::Bass, TrackType::Drums, TrackType::Keys, TrackType::Guitar,
                                  TrackType::Full};

} // namespace

class TestPartMix : public QObject {
    Q_OBJECT
private slots:
    // A band on a stage, from the front: bass and drums (the kick) in the centre, keys a little
    // left, guitar a little right; every volume audible and below the top, so a style can raise it.
    void theRegistryPlacesTheBandOnAStage()
    {
        QCOMPARE(partRow(TrackType::Bass).mix.pan, 64);
        QCOMPARE(partRow(TrackType::Drums).mix.pan, 64);
        QVERIFY(partRow(TrackType::Keys).mix.pan < 64 && partRow(TrackType::Keys).mix.pan >= 32);
        QVERIFY(partRow(TrackType::Guitar).mix.pan > 64 && partRow(TrackType::Guitar).mix.pan <= 96);
        for (TrackType part : {TrackType::Bass, TrackType::Drums, TrackType::Keys, TrackType::Guitar})
            QVERIFY2(partRow(part).mix.volume >= 40 && partRow(part).mix.volume <= 127, partRow(part).name);
    }

    // Every file of every style: each part's track sets the part's volume and pan at tick 0, on
    // the channel its notes play on, after its program change; the full file sets each part's.
    void everyTrackSetsItsPartsMixAtTickZeroOnItsChannel()
    {
        for (const Style &style : test::builtInStyles().styles()) {
            const RenderedSong song = renderSong(arrangement(&style, kEveryFile));
            for (const RenderedPart &file : song.parts) {
                const QList<const PartRow *> members = partsInFile(partRow(file.type));
                const QList<Track> tracks = partTracks(file.midi);
                QCOMPARE(tracks.size(), members.size());
                for (qsizetype i = 0; i < tracks.size(); ++i) {
                    const PartRow &row = *members[i];
                    const QString where = style.name + QLatin1Char('/') + QLatin1String(partRow(file.type).name)
                                          + QLatin1Char('/') + QLatin1String(row.name);
                    QCOMPARE(tracks[i].name, QString::fromLatin1(row.midiName));
                    QVERIFY2(tracks[i].noteChannel == row.channel, qPrintable(where));
                    const PartMix expected = partMix(style, typeOf(row));
                    const PartMix written = mixOn(tracks[i], row.channel);
                    QVERIFY2(written == expected, qPrintable(QStringLiteral("%1: volume %2 pan %3, expected %4 %5")
                                                                 .arg(where).arg(written.volume).arg(written.pan)
                                                                 .arg(expected.volume).arg(expected.pan)));
                    QCOMPARE(tracks[i].atZero.size(), size_t(2));   // its own channel's, nothing on others
                }
            }
        }
    }

    // The style's "mix" is what the files say: the bass's whole override, the drums' volume
    // alone (the row's pan kept), the keys' row untouched.
    void aStylesMixReachesTheFiles()
    {
        const Result<Style> style = parseStyle(styleWithMix(R"({"volume": 117, "pan": 70})", R"({"volume": 77})"));
        QVERIFY2(style.ok(), style.ok() ? "" : qPrintable(style.error().message));
        QCOMPARE(partMix(*style, TrackType::Bass), (PartMix{117, 70}));
        QCOMPARE(partMix(*style, TrackType::Drums), (PartMix{77, partRow(TrackType::Drums).mix.pan}));
        QCOMPARE(partMix(*style, TrackType::Keys), partRow(TrackType::Keys).mix);
        QCOMPARE(style->drums.size(), 1);   // "mix" is not an instrument

        const RenderedSong song = renderSong(arrangement(&*style, {TrackType::Bass, TrackType::Full}));
        QCOMPARE(mixOn(partTracks(song.parts[0].midi)[0], 0), (PartMix{117, 70}));
        const QList<Track> full = partTracks(song.parts[1].midi);
        QCOMPARE(mixOn(full[0], 0), (PartMix{117, 70}));
        QCOMPARE(mixOn(full[1], kDrumChannel), (PartMix{77, partRow(TrackType::Drums).mix.pan}));
        QCOMPARE(mixOn(full[2], 1), partRow(TrackType::Keys).mix);
    }

    void badMixesSayWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mustMention");
        QTest::newRow("volume too high") << styleWithMix(R"({"volume": 128})") << "bass.mix.volume: expected a MIDI channel volume 0-127";
        QTest::newRow("volume not whole") << styleWithMix(R"({"volume": 90.5})") << "bass.mix.volume";
        QTest::newRow("volume as text") << styleWithMix(R"({"volume": "loud"})") << "bass.mix.volume";
        QTest::newRow("pan below 0") << styleWithMix(R"({"pan": -1})") << "bass.mix.pan: expected a MIDI pan 0-127";
        QTest::newRow("pan as a word") << styleWithMix(R"({"pan": "left"})") << "bass.mix.pan";
        QTest::newRow("not an object") << styleWithMix("100") << "bass.mix: expected an object";
        QTest::newRow("unknown key") << styleWithMix(R"({"level": 3})") << "bass.mix.level: unknown; expected volume or pan";
        QTest::newRow("drums") << styleWithMix({}, R"({"pan": 300})") << "drums.mix.pan";
        QTest::newRow("drums of nothing but a mix")
            << QByteArray(R"({"name": "a", "time_signature": "4/4", "drums": {"mix": {"volume": 90}},
                             "bass": {"mode": "kick"}, "keys": {"cells": {"simple": {"downbeat": "x---"}}}})")
            << "drums: expected an object of instruments";
    }

    void badMixesSayWhatIsWrong()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mustMention);
        const Result<Style> style = parseStyle(json);
        QVERIFY(!style.ok());
        QCOMPARE(style.error().code, QStringLiteral("invalid_style"));
        QVERIFY2(style.error().message.contains(mustMention), qPrintable(style.error().message));
    }

    // The writer's bytes: program, volume, pan at delta 0, then the notes; a part without a mix
    // sets no controller. The reader gives the mix back, so a file rewrites to its own bytes.
    void theMixIsTwoControllersAfterTheProgram()
    {
        MidiSong song;
        song.endTick = 480;
        song.parts.push_back({QStringLiteral("K"), 1, 4, {{0, 480, 60, 100}}, PartMix{90, 40}});
        const QByteArray bytes = writeMidiFile(song);
        QVERIFY(bytes.contains(QByteArray::fromHex("00c104 00b1075a 00b10a28 00913c64")));
        const Result<MidiSong> read = readMidiFile(bytes);
        QVERIFY(read.ok());
        QCOMPARE(read->parts.front().mix, std::optional<PartMix>(PartMix{90, 40}));
        QCOMPARE(writeMidiFile(*read), bytes);

        song.parts.front().mix.reset();
        const QByteArray plain = writeMidiFile(song);
        QVERIFY(!plain.contains(char(0xB1)));
        QVERIFY(!readMidiFile(plain)->parts.front().mix);
    }

    // A controller set later in the song is not the part's starting mix; one of the two alone
    // leaves the other at the General MIDI default.
    void theReaderTakesTheMixAtTickZeroOnly()
    {
        const QByteArray header = QByteArray::fromHex("4d546864 00000006 0000 0001 01e0");
        const QByteArray body = QByteArray::fromHex("00b00a10 00903c64 8360803c00 00b00750 00ff2f00");
        const QByteArray track = QByteArray::fromHex("4d54726b" + QByteArray::number(body.size(), 16).rightJustified(8, '0'));
        const Result<MidiSong> read = readMidiFile(header + track + body);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(read->parts.front().mix, std::optional<PartMix>(PartMix{100, 16}));
    }

    // A live take's files are the part's tracks too, with the style's mix.
    void aLiveTakeCarriesTheMix()
    {
        const Style *style = test::style("rock");
        LiveTake take;
        take.toBeat = 4;
        take.parts = {TrackType::Bass, TrackType::Keys};
        take.programs = {33, 18};
        take.style = style;
        take.events = {{0.0, TrackType::Bass, 0, 36, 90, 1.0}, {0.0, TrackType::Keys, 1, 60, 80, 2.0}};
        const RenderedSong song = renderLiveTake(take);
        QCOMPARE(mixOn(partTracks(song.parts[0].midi)[0], 0), partMix(*style, TrackType::Bass));
        QCOMPARE(mixOn(partTracks(song.parts[1].midi)[0], 1), partMix(*style, TrackType::Keys));
    }
};

QTEST_GUILESS_MAIN(TestPartMix)
#include "tst_part_mix.moc"
