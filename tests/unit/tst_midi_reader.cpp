#include "BuiltInStyles.h"
#include "music/Chord.h"
#include "music/Engine.h"
#include "music/MidiFile.h"
#include "music/MidiReader.h"

#include <QRegularExpression>
#include <QTest>

using namespace aiband;

namespace {

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}

QByteArray header(int format, int tracks, int division)
{
    QByteArray out("MThd");
    out += hex("00000006");
    for (int value : {format, tracks, division}) {
        out.append(static_cast<char>((value >> 8) & 0xFF));
        out.append(static_cast<char>(value & 0xFF));
    }
    return out;
}

QByteArray chunk(const char *id, const QByteArray &body)
{
    QByteArray out(id);
    const auto size = static_cast<quint32>(body.size());
    for (int shift : {24, 16, 8, 0})
        out.append(static_cast<char>((size >> shift) & 0xFF));
    return out + body;
}

QByteArray track(const char *hexBody)
{
    return chunk("MTrk", hex(hexBody));
}

// A song exercising every field the writer writes: three parts on their own channels,
// chords (simultaneous notes), repeated pitches, notes ending at the song end.
MidiSong sampleSong(TimeSignature meter, Key key, double tempo)
{
    MidiSong song;
    song.title = QStringLiteral("Round trip ♯");
    song.tempoBpm = tempo;
    song.timeSignature = meter;
    song.key = key;
    song.endTick = 8 * kTicksPerQuarter;

    MidiPart bass{QStringLiteral("Bass"), 0, 34, {}};
    for (int i = 0; i < 8; ++i)
        bass.notes.push_back(Note{i * 480, 470, 28 + (i * 5) % 27, 70 + i});
    MidiPart drums{QStringLiteral("Drums"), kDrumChannel, 0, {}};
    for (int i = 0; i < 16; ++i) {
        if (i % 4 == 0)
            drums.notes.push_back(Note{i * 240, 60, 36, 110});
        drums.notes.push_back(Note{i * 240, 60, 42, 60 + i});
    }
    MidiPart keys{QStringLiteral("Keys"), 1, 4, {}};
    for (int bar = 0; bar < 2; ++bar)
        for (int pitch : {60, 64, 67, 71})
            keys.notes.push_back(Note{bar * 1920, 1920, pitch + bar, 80});
    song.parts = {bass, drums, keys};
    return song;
}

Arrangement fourChordSong()
{
    Arrangement a;
    const QStringList symbols{QStringLiteral("C"), QStringLiteral("Am7"), QStringLiteral("F/A"), QStringLiteral("G7")};
    for (int i = 0; i < symbols.size(); ++i)
        a.chords.append({*parseChord(symbols[i]), i * 4.0, 4.0});
    a.durationBeats = 16.0;
    a.seed = 7;
    a.key = Key{0, false};
    a.parts = {TrackType::Bass, TrackType::Drums, TrackType::Keys};
    a.style = aiband::test::style("pop");
    return a;
}

qsizetype offsetInMessage(const QString &message)
{
    static const QRegularExpression pattern(QStringLiteral("at byte offset (\\d+)"));
    const QRegularExpressionMatch match = pattern.match(message);
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

} // namespace

class TestMidiReader : public QObject {
    Q_OBJECT
private slots:
    void roundTripsWrittenSongs_data()
    {
        QTest::addColumn<int>("numerator");
        QTest::addColumn<int>("denominator");
        QTest::addColumn<int>("tonic");
        QTest::addColumn<bool>("minor");
        QTest::addColumn<double>("tempo");
        QTest::newRow("4/4 C 120") << 4 << 4 << 0 << false << 120.0;
        QTest::newRow("6/8 F#m 96") << 6 << 8 << 6 << true << 96.0;
        QTest::newRow("3/4 Bb 200") << 3 << 4 << 10 << false << 200.0;
        QTest::newRow("7/8 Ebm 75") << 7 << 8 << 3 << true << 75.0;
    }

    void roundTripsWrittenSongs()
    {
        QFETCH(int, numerator);
        QFETCH(int, denominator);
        QFETCH(int, tonic);
        QFETCH(bool, minor);
        QFETCH(double, tempo);
        const MidiSong song = sampleSong({numerator, denominator}, {tonic, minor}, tempo);
        const Result<MidiSong> read = readMidiFile(writeMidiFile(song));
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(read->title, song.title);
        QCOMPARE(read->tempoBpm, song.tempoBpm);
        QCOMPARE(read->timeSignature, song.timeSignature);
        QCOMPARE(read->key, song.key);
        QCOMPARE(read->endTick, song.endTick);
        QCOMPARE(read->parts.size(), song.parts.size());
        for (size_t i = 0; i < song.parts.size(); ++i) {
            QCOMPARE(read->parts[i].name, song.parts[i].name);
            QCOMPARE(read->parts[i].channel, song.parts[i].channel);
            QCOMPARE(read->parts[i].program, song.parts[i].program);
            QCOMPARE(read->parts[i].notes.size(), song.parts[i].notes.size());
            QVERIFY(read->parts[i].notes == song.parts[i].notes);
        }
    }

    void everyKeySignatureReadsBackAsItsKey()
    {
        for (int tonic = 0; tonic < 12; ++tonic) {
            for (bool minor : {false, true}) {
                MidiSong song = sampleSong({4, 4}, {tonic, minor}, 120.0);
                const Result<MidiSong> read = readMidiFile(writeMidiFile(song));
                QVERIFY(read.ok());
                QCOMPARE(read->key, (Key{tonic, minor}));
            }
        }
        // Flat spellings the writer never uses still name the right pitch class.
        const QByteArray cFlat = header(0, 1, 480) + track("00FF5902F90000FF2F00");
        QCOMPARE(readMidiFile(cFlat)->key, (Key{11, false}));
        const QByteArray ebMinor = header(0, 1, 480) + track("00FF5902FA0100FF2F00");
        QCOMPARE(readMidiFile(ebMinor)->key, (Key{3, true}));
    }

    void engineFilesRewriteToTheSameBytes()
    {
        for (const RenderedPart &part : renderSong(fourChordSong()).parts) {
            const Result<MidiSong> read = readMidiFile(part.midi);
            QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
            QCOMPARE(read->parts.size(), size_t(1));
            QCOMPARE(int(read->parts[0].notes.size()), part.noteCount);
            QCOMPARE(writeMidiFile(*read).toHex(' '), part.midi.toHex(' '));
        }
    }

    void runningStatusAndVelocityZeroNoteOffs()
    {
        // Format 0, 96 ticks per quarter (scaled to 480), channel 2, running status throughout.
        const QByteArray bytes = header(0, 1, 96) + track("00FF03044261737300C121"
                                                          "00912864" // on E1, velocity 100
                                                          "602800"   // running status: velocity 0 = off, tick 96
                                                          "002B50"   // on 43, velocity 80
                                                          "30812B40" // real note-off at tick 144
                                                          "003000"   // running status note-off 48, never on: ignored
                                                          "00FF2F00");
        const Result<MidiSong> read = readMidiFile(bytes);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(read->title, QStringLiteral("Bass"));
        QCOMPARE(read->endTick, qint64(720));
        QCOMPARE(read->parts.size(), size_t(1));
        const MidiPart &part = read->parts[0];
        QCOMPARE(part.name, QStringLiteral("Bass"));
        QCOMPARE(part.channel, 1);
        QCOMPARE(part.program, 33);
        const std::vector<Note> expected{{0, 480, 40, 100}, {480, 240, 43, 80}};
        QVERIFY(part.notes == expected);
        // Defaults when the file has no tempo, meter or key.
        QCOMPARE(read->tempoBpm, 120.0);
        QCOMPARE(read->timeSignature, (TimeSignature{4, 4}));
        QCOMPARE(read->key, (Key{0, false}));
    }

    void skipsWhatTheSongDoesNotUse()
    {
        // An unknown chunk, text and sequencer meta events, sysex (both kinds), pitch bend,
        // channel pressure; a pitch played twice before its offs (oldest ends first) and a
        // note still sounding at the end of its track.
        const QByteArray bytes = header(1, 2, 480) + chunk("XFIH", hex("0102030405"))
                                 + track("00FF0105686F77647900FF510307A12000F0047E7F09F7"
                                         "00FF7F03000102" "00FF580403021808" "8F00FF2F00")
                                 + track("00C70500E7007F00D740"
                                         "00973C40" "60973C50" "60873C00" "60873C00"
                                         "00974060" "60F70102" "00FF2F00");
        const Result<MidiSong> read = readMidiFile(bytes);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(read->title, QString());
        QCOMPARE(read->tempoBpm, 120.0);
        QCOMPARE(read->timeSignature, (TimeSignature{3, 4}));
        QCOMPARE(read->endTick, qint64(1920));
        QCOMPARE(read->parts.size(), size_t(1));
        QCOMPARE(read->parts[0].channel, 7);
        QCOMPARE(read->parts[0].program, 5);
        const std::vector<Note> expected{{0, 192, 60, 64}, {96, 192, 60, 80}, {288, 96, 64, 96}};
        QVERIFY(read->parts[0].notes == expected);
    }

    void badBytesAreNamedWithTheirOffset_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qsizetype>("offset");
        QTest::addColumn<QString>("mustMention");
        const QByteArray one = header(1, 1, 480);
        QTest::newRow("empty") << QByteArray() << qsizetype(0) << "too short";
        QTest::newRow("not MIDI") << QByteArray("RIFF\0\0\0\0WAVE", 12) << qsizetype(0) << "MThd";
        QTest::newRow("short header") << QByteArray("MThd") + hex("00000002") << qsizetype(4) << "at least 6";
        QTest::newRow("format 2") << header(2, 1, 480) + track("00FF2F00") << qsizetype(8) << "format 2";
        QTest::newRow("no tracks") << header(1, 0, 480) << qsizetype(10) << "no tracks";
        QTest::newRow("format 0 with two") << header(0, 2, 480) << qsizetype(10) << "format 0";
        QTest::newRow("SMPTE") << header(1, 1, 0xE728) << qsizetype(12) << "SMPTE";
        QTest::newRow("missing track") << header(1, 2, 480) + track("00FF2F00") << qsizetype(26) << "announces 2 tracks";
        QTest::newRow("chunk too long") << one + hex("4D54726B000000FF00FF2F00") << qsizetype(14) << "only 4 remain";
        QTest::newRow("no running status") << one + track("00404000FF2F00") << qsizetype(23) << "no running status";
        QTest::newRow("status as data") << one + track("00903C9000FF2F00") << qsizetype(25) << "found 0x90";
        QTest::newRow("long quantity") << one + track("FFFFFFFF0000FF2F00") << qsizetype(22) << "longer than the 4 bytes";
        QTest::newRow("no end of track") << one + track("00903C40") << qsizetype(26) << "without an end-of-track";
        QTest::newRow("meta past the track") << one + track("00FF031041") << qsizetype(23) << "16 bytes of data";
        QTest::newRow("sysex past the track") << one + track("00F00A7E") << qsizetype(23) << "sysex";
        QTest::newRow("real-time status") << one + track("00F800FF2F00") << qsizetype(23) << "0xF8";
        QTest::newRow("short tempo") << one + track("00FF510207A100FF2F00") << qsizetype(26) << "tempo";
        QTest::newRow("zero tempo") << one + track("00FF510300000000FF2F00") << qsizetype(26) << "0 microseconds";
        QTest::newRow("key out of range") << one + track("00FF5902080000FF2F00") << qsizetype(26) << "8 sharps";
        QTest::newRow("bad meter") << one + track("00FF5804040918080000FF2F00") << qsizetype(26) << "4/2^9";
        QTest::newRow("ends mid-event") << one + track("00903C") << qsizetype(25) << "ends inside the channel message";
    }

    void badBytesAreNamedWithTheirOffset()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qsizetype, offset);
        QFETCH(QString, mustMention);
        const Result<MidiSong> read = readMidiFile(bytes);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, QStringLiteral("invalid_midi"));
        QVERIFY2(read.error().message.contains(mustMention), qPrintable(read.error().message));
        QCOMPARE(offsetInMessage(read.error().message), offset);
    }

    void everyTruncationIsAnError()
    {
        for (const RenderedPart &part : renderSong(fourChordSong()).parts) {
            const QByteArray &whole = part.midi;
            QVERIFY(readMidiFile(whole).ok());
            for (qsizetype length = 0; length < whole.size(); ++length) {
                const QByteArray prefix(whole.constData(), length); // own copy: nothing past it to read
                const Result<MidiSong> read = readMidiFile(prefix);
                QVERIFY2(!read.ok(), qPrintable(QStringLiteral("prefix of %1 bytes was accepted").arg(length)));
                QCOMPARE(read.error().code, QStringLiteral("invalid_midi"));
                const qsizetype offset = offsetInMessage(read.error().message);
                QVERIFY2(offset >= 0 && offset <= length, qPrintable(read.error().message));
            }
        }
    }

    void corruptedBytesNeverCrash()
    {
        // Not a fuzzer, but every single-byte change of a real file must be read or refused.
        const QByteArray whole = renderSong(fourChordSong()).parts.first().midi;
        for (qsizetype i = 0; i < whole.size(); ++i) {
            for (int value : {0x00, 0x01, 0x7F, 0x80, 0xF0, 0xFF, whole[i] ^ 0x40}) {
                QByteArray changed = whole;
                changed[i] = static_cast<char>(value);
                const Result<MidiSong> read = readMidiFile(changed);
                if (!read.ok())
                    QVERIFY2(offsetInMessage(read.error().message) >= 0, qPrintable(read.error().message));
                else
                    for (const MidiPart &part : read->parts)
                        for (const Note &note : part.notes)
                            QVERIFY(note.durationTicks >= 0 && note.pitch >= 0 && note.pitch < 128);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestMidiReader)
#include "tst_midi_reader.moc"
